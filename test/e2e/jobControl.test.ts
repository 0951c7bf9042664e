// The real bin/simtop in tmux: typing into the terminal panel runs jobs; Ctrl+C and Ctrl+Z stay inside the simulation.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, TmuxSession } from "./cliRun.js";

const hasTmux = spawnSync("sh", ["-c", "command -v tmux"]).status === 0;
let session: TmuxSession | null = null;
let dir: string | null = null;
afterEach(() => {
  session?.kill();
  session = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe.skipIf(!hasTmux)("the terminal panel in a real terminal (tmux 120×40)", () => {
  it("! logs a shell in; typed commands run as jobs; Ctrl+C, Ctrl+Z and Ctrl+D act inside; Esc gives the keys back; all saved", async () => {
    dir = mkdtempSync(join(tmpdir(), "simtop-jobs-"));
    const saved = join(dir, "run.jsonl");
    const t = new TmuxSession(["--scenario", "signals", "--save", saved], 120, 40);
    session = t;
    await t.waitFor((s) => /Tasks: \d+ total/.test(s));
    t.keys("!");
    // A shell logs in on tty1 and prompts; the cursor stands after the prompt.
    await t.waitFor((s) => s.includes("$ █") && /tty1 · typing here/.test(s));
    t.keys("-l", "cpu-bound");
    t.keys("Enter");
    let s = await t.waitFor((x) => /\d+\s+\d+\s+\d+\s+\d+ tty1\s+cpu-bound\s+R\+ running/.test(x));
    expect(s).toContain("EscBack to simtop");
    // Ctrl+C is the simulated terminal's: the job dies (of SIGINT: the replay below says so),
    // simtop runs on. (The event log may already have scrolled past it: the scenario's own
    // signals come later.)
    t.keys("C-c");
    s = await t.waitFor((x) => /\n\^C +│[^\n]*\n\$ █/.test(x) && !/cpu-bound\s+R/.test(x));
    expect(s).not.toContain("[exit");
    expect(s).toMatch(/Tasks: \d+ total/);
    // Ctrl+Z stops a job, bg continues it in the background.
    t.keys("-l", "cpu-bound");
    t.keys("Enter");
    await t.waitFor((x) => /cpu-bound\s+R\+ running/.test(x));
    t.keys("C-z");
    await t.waitFor((x) => /\[1\]\+ {2}Stopped {17}cpu-bound/.test(x));
    t.keys("-l", "bg");
    t.keys("Enter");
    await t.waitFor((x) => x.includes("[1]+ cpu-bound &") && /cpu-bound\s+R running/.test(x));
    // Ctrl+D: the shell exits and its job gets SIGHUP.
    t.keys("C-d");
    await t.waitFor((x) => x.includes("$ exit") && !/tty1 +(sh|cpu-bound)/.test(x));
    // Esc gives the keyboard back: q quits as ever.
    t.keys("Escape");
    await t.waitFor((x) => x.includes("?Help") && !x.includes("EscBack to simtop"));
    t.keys("q");
    await t.waitFor((x) => x.includes("[exit 0]"));
    // Every keystroke reached the session file as a command: a replay types them again.
    const commands = readFileSync(saved, "utf8")
      .split("\n")
      .filter((l) => l.includes('"command"'))
      .map((l) => JSON.parse(l).command);
    expect(commands).toContainEqual({ type: "spawn", program: "sh", terminal: true });
    // However the keys arrived in chunks, in order they are exactly what was typed.
    const typed = commands.filter((c) => c.type === "type").map((c) => c.text);
    expect(typed.join("")).toBe("cpu-bound\n\u0003cpu-bound\n\u001abg\n\u0004");
    // Replayed, the session does it all again: the signals the keys sent, and the hang-up.
    const end = readFileSync(saved, "utf8")
      .split("\n")
      .filter((l) => l.includes('"end"'))
      .map((l) => JSON.parse(l).tick)
      .at(-1);
    const replay = spawnSync(
      process.execPath,
      [BIN, "replay", saved, "--batch", "--events", "-n", "1", "-d", String(end)],
      { encoding: "utf8" },
    );
    expect(replay.status).toBe(0);
    const out = replay.stdout;
    expect(out).toMatch(/tty1: \^C → SIGINT to group \d+/);
    expect(out).toMatch(/\(cpu-bound\) killed by SIGINT, status 130/);
    expect(out).toMatch(/tty1: \^Z → SIGTSTP to group \d+/);
    expect(out).toMatch(/SIGHUP → \d+ \(cpu-bound\): default action, terminated, status 129/);
    expect(out).toMatch(/tty1 hung up: session \d+'s leader exited/);
  });
});
