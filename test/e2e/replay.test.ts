// The real binary: --save then `replay --batch` prints the same snapshots; bad files name the line.
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { simtop, TmuxSession } from "./cliRun.js";

const dir = mkdtempSync(join(tmpdir(), "simtop-e2e-replay-"));

describe("save and replay", () => {
  it("replay --batch prints exactly what the saved batch run printed", () => {
    const f = join(dir, "signals.jsonl");
    const original = simtop([
      "--batch",
      "-s",
      "signals",
      "-n",
      "8",
      "-d",
      "2000",
      "--events",
      "--save",
      f,
    ]);
    expect(original.status).toBe(0);
    // Without -n the replay covers the whole recorded session: 16000 ticks / 2000 = 8 snapshots.
    const replayed = simtop(["replay", f, "--batch", "-d", "2000", "--events"]);
    expect(replayed.status).toBe(0);
    expect(replayed.stdout).toBe(original.stdout);
  });

  it("the scenario's machine and the command-line overrides travel in the file", () => {
    const f = join(dir, "sched.jsonl");
    const original = simtop([
      "--batch",
      "--json",
      "-s",
      "scheduling",
      "--quantum",
      "33",
      "-n",
      "5",
      "-d",
      "4000",
      "--save",
      f,
    ]);
    const replayed = simtop(["replay", f, "--batch", "--json", "-n", "5", "-d", "4000"]);
    expect(replayed.stdout).toBe(original.stdout);
    const header = JSON.parse(readFileSync(f, "utf8").split("\n")[0]);
    expect(header.config.quantum).toBe(33);
    expect(header.config.programs.map((p: { name: string }) => p.name)).toEqual([
      "long-job",
      "short-job",
      "interactive",
    ]);
  });

  it("a truncated file is refused with the line named", () => {
    const f = join(dir, "cut.jsonl");
    simtop(["--batch", "-s", "signals", "-n", "1", "-d", "3000", "--save", f]);
    const text = readFileSync(f, "utf8");
    writeFileSync(f, text.slice(0, text.length - 10));
    const lines = text.trimEnd().split("\n").length;
    const r = simtop(["replay", f, "--batch"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`simtop: ${f}: line ${lines}: not valid JSON (truncated or corrupt)\n`);
  });

  it("a corrupt line in the middle is refused with its number", () => {
    const f = join(dir, "corrupt.jsonl");
    simtop(["--batch", "-s", "signals", "-n", "1", "-d", "3000", "--save", f]);
    const lines = readFileSync(f, "utf8").trimEnd().split("\n");
    lines[2] = lines[2].replace('"tick":0', '"tick":"zero"');
    writeFileSync(f, `${lines.join("\n")}\n`);
    appendFileSync(f, "");
    const r = simtop(["replay", f, "--batch"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`simtop: ${f}: line 3: command tick: expected an integer, got "zero"\n`);
  });

  it("--save to a place that cannot be written is a one-line error", () => {
    const r = simtop(["--batch", "--save", join(dir, "no", "such", "dir.jsonl")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^simtop: --save: cannot write .*: no such directory\n$/);
  });
});

describe("a dashboard session saved and replayed", () => {
  it("keeps the keys that changed the simulation, and replays them", async () => {
    const f = join(dir, "live.jsonl");
    const session = new TmuxSession(["-s", "signals", "--save", f, "--speed", "500"], 110, 36);
    try {
      await session.waitFor((s) => s.includes("sigint-ignorer"));
      session.keys("j", "j", "j");
      await session.waitFor((s) => /PID 4 sigint-ignorer/.test(s));
      session.keys("K", "9", "Enter"); // SIGKILL to the ignorer, typed by the user
      await session.waitFor((s) => s.includes("kill -9 4"));
      await new Promise((r) => setTimeout(r, 300));
      session.keys("q");
      await session.waitFor((s) => s.includes("[exit 0]"));
    } finally {
      session.kill();
    }
    const lines = readFileSync(f, "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    const typed = lines.filter(
      (l) => l.type === "command" && l.command.type === "kill" && l.command.signal === 9,
    );
    expect(typed).toHaveLength(1);
    expect(typed[0].command.pid).toBe(4);
    const end = lines[lines.length - 1];
    expect(end.type).toBe("end");
    expect(end.tick).toBeGreaterThanOrEqual(typed[0].tick);
    const replayed = simtop([
      "replay",
      f,
      "--batch",
      "--events",
      "-d",
      String(end.tick),
      "-n",
      "1",
    ]);
    expect(replayed.status).toBe(0);
    expect(replayed.stdout).toMatch(
      new RegExp(
        `\\[${typed[0].tick}\\] SIGKILL → 4 \\(sigint-ignorer\\): default action, terminated, status 137`,
      ),
    );
  });
});
