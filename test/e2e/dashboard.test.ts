// The real bin/simtop in tmux: panels appear, keys act, resizing relays out, every exit restores the terminal.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "simtop.js");
/** A private tmux server per test: a server still shutting down can never take the next test's session. */
let serial = 0;
let socket = "";
const hasTmux = spawnSync("sh", ["-c", "command -v tmux"]).status === 0;

function tmux(...args: string[]): string {
  return execFileSync("tmux", ["-L", socket, "-f", "/dev/null", ...args], { encoding: "utf8" });
}

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs `command` in a fresh pane; afterwards the pane prints EXIT=<status> and whether the
 * terminal is back in canonical (cooked) mode, then waits so the screen can be read.
 */
function start(command: string, columns = 120, rows = 40): void {
  socket = `simtop-e2e-${process.pid}-${++serial}`;
  const script = `${command}; echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -- '-\\?icanon'; sleep 600`;
  tmux(
    "new-session",
    "-d",
    "-s",
    "t",
    "-x",
    String(columns),
    "-y",
    String(rows),
    "env",
    "-u",
    "CI",
    "TERM=tmux-256color",
    "sh",
    "-c",
    script,
  );
  tmux("set-option", "-t", "t", "window-size", "manual");
}

function screen(): string {
  return tmux("capture-pane", "-p", "-t", "t");
}

function flag(name: string): string {
  return tmux("display-message", "-p", "-t", "t", `#{${name}}`).trim();
}

/** Polls the screen until `test` holds (a generous limit: slow machines are not failures of the UI). */
async function waitFor(test: (s: string) => boolean, what: string, ms = 30_000): Promise<string> {
  const end = Date.now() + ms;
  let s = "";
  while (Date.now() < end) {
    s = screen();
    if (test(s)) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
}

const keys = (...k: string[]) => tmux("send-keys", "-t", "t", ...k);

/** Waits until the program has exited and the pane has printed the terminal's mode after it. */
const exited = () => waitFor((s) => /EXIT=\d+\s*\n-?icanon$/m.test(s), "exit");

/** The terminal is the shell's again: main screen, cursor shown, canonical input. */
function expectRestored(s: string): void {
  expect(flag("alternate_on")).toBe("0");
  expect(flag("cursor_flag")).toBe("1");
  expect(s).toMatch(/^icanon$/m);
}

/** The node running the tests (22+), not whichever `node` the PATH finds. */
const nodeBin = quote(process.execPath);
const simtop = `${nodeBin} ${quote(BIN)}`;

describe.skipIf(!hasTmux)("dashboard in a real terminal (tmux 120×40)", () => {
  afterEach(() => {
    spawnSync("tmux", ["-L", socket, "kill-server"]);
  });

  it("starts, shows every panel, keys act, q exits and the terminal is restored", async () => {
    start(simtop);
    const first = await waitFor(
      (s) => /tick [1-9]/.test(s) && s.includes("Gantt"),
      "the dashboard",
    );
    for (const p of [
      "Tasks:",
      "cpu0 [",
      "Mem [",
      "Processes",
      "PID",
      "Pipeline",
      "Caches",
      "Gantt",
      "Events",
      "Filter",
    ])
      expect(first).toContain(p);
    expect(flag("alternate_on")).toBe("1");
    keys("j", "f");
    await waitFor((s) => /fork \d+: sent/.test(s), "the fork message");
    keys("?");
    await waitFor((s) => s.includes("Help · simtop keys"), "help");
    keys("Escape");
    await waitFor(
      (s) => !s.includes("Help · simtop keys") && s.includes("Pipeline"),
      "help closed",
    );
    keys("Space");
    const paused = await waitFor((s) => s.includes("‖ paused"), "pause");
    const tick = Number(/tick ([\d,]+)/.exec(paused)![1].replace(/,/g, ""));
    keys("s");
    await waitFor((s) => s.includes(`tick ${(tick + 1).toLocaleString("en-US")}`), "one tick");
    keys("Left");
    await waitFor((s) => s.includes("◀ past"), "rewind");
    keys("q");
    const after = await exited();
    expect(after).toContain("EXIT=0");
    expectRestored(after);
  });

  it("signals: a SIGKILLed process leaves the table (or shows Z) in the frame the log reports its death", async () => {
    start(`${simtop} -s signals`);
    await waitFor((s) => /killed by SIGKILL/.test(s), "the SIGKILLs of tick 11,000");
    keys("Space");
    await waitFor((s) => s.includes("‖ paused"), "pause");
    /** Rows of the table: pid → state letter. */
    const rows = (s: string) =>
      new Map(
        [...s.matchAll(/^ *(\d+) +\d+ +\S+ +([RSDTZN]) /gm)].map((m) => [Number(m[1]), m[2]]),
      );
    const killed = (s: string) =>
      [...s.matchAll(/ (\d+) \([^)]*\) killed by SIGKILL/g)].map((m) => Number(m[1]));
    // Frame by frame back through the kills: the table and the log always tell one story.
    let sawKill = 0;
    let sawAlive = 0;
    let last = "";
    const tickOf = (x: string) => Number(/tick ([\d,]+)/.exec(x)![1].replace(/,/g, ""));
    for (let i = 0; i < 40; i++) {
      const s = await waitFor((x) => x !== last && /tick [\d,]+/.test(x), `frame ${i}`);
      last = s;
      // Back before the kills (tick 11,000): done.
      if (tickOf(s) < 10_000) break;
      const table = rows(s);
      for (const pid of killed(s)) {
        sawKill++;
        expect(["Z", undefined], `pid ${pid} in:\n${s}`).toContain(table.get(pid));
      }
      if (killed(s).length === 0 && [...table.values()].length > 0) sawAlive++;
      keys("Left");
    }
    // Both sides of the moment were seen: frames after the kills and frames before them.
    expect(sawKill).toBeGreaterThan(0);
    expect(sawAlive).toBeGreaterThan(0);
    keys("q");
    expect(await exited()).toContain("EXIT=0");
  });

  it("a chapter title in Japanese with emoji fits an 80-column terminal: nothing wraps", async () => {
    const dir = mkdtempSync(join(tmpdir(), "simtop-wide-"));
    const file = join(dir, "wide.yaml");
    writeFileSync(
      file,
      [
        "name: wide",
        "processes:",
        "  - program: cpu-bound",
        "chapters:",
        "  - at: 0",
        "    title: 第一章：プロセスの一生 🚀 とても長いタイトルがヘッダーを埋め尽くしても",
      ].join("\n"),
    );
    try {
      start(`${simtop} -s ${quote(file)}`, 80, 24);
      const s = await waitFor((x) => x.includes("第一章") && /tick [1-9]/.test(x), "the chapter");
      const rows = s.split("\n");
      // A line wider than the terminal would wrap and push every row below it down.
      expect(rows[0]).toMatch(/^simtop · 1\/1 第一章.*tick/);
      expect(rows[1]).toMatch(/^Tasks: /);
      expect(rows[2]).toMatch(/^cpu0 /);
      keys("q");
      expect(await exited()).toContain("EXIT=0");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("F10 quits (read from the raw F-key sequence)", async () => {
    start(simtop);
    await waitFor((s) => s.includes("Processes"), "the dashboard");
    keys("F1");
    await waitFor((s) => s.includes("Help · simtop keys"), "F1 help");
    keys("F10");
    const after = await exited();
    expect(after).toContain("EXIT=0");
    expectRestored(after);
  });

  it("relays out on resize: 80×24, too small at 60×20, back to every panel at 120×40", async () => {
    start(simtop);
    await waitFor((s) => s.includes("Gantt"), "the dashboard");
    tmux("resize-window", "-t", "t", "-x", "80", "-y", "24");
    await waitFor(
      (s) => s.includes("Processes") && !s.includes("Gantt") && /Quit|Help/.test(s),
      "80×24",
    );
    tmux("resize-window", "-t", "t", "-x", "60", "-y", "20");
    await waitFor((s) => s.includes("terminal too small") && s.includes("60×20"), "too small");
    tmux("resize-window", "-t", "t", "-x", "120", "-y", "40");
    const big = await waitFor((s) => s.includes("Gantt") && s.includes("Pipeline"), "120×40 again");
    expect(big).not.toContain("terminal too small");
    keys("C-c");
    const after = await exited();
    expect(after).toContain("EXIT=0");
    expectRestored(after);
  });

  it("SIGTERM restores the terminal and exits 143", async () => {
    start(simtop);
    await waitFor((s) => s.includes("Processes"), "the dashboard");
    const sh = flag("pane_pid");
    const node = execFileSync("ps", ["-o", "pid=", "--ppid", sh], { encoding: "utf8" })
      .trim()
      .split(/\s+/)[0];
    process.kill(Number(node), "SIGTERM");
    const after = await exited();
    expect(after).toContain("EXIT=143");
    expectRestored(after);
  });

  it("an uncaught error: terminal restored, a one-line message, exit 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "simtop-crash-"));
    const script = join(dir, "crash.mjs");
    const dist = (p: string) => JSON.stringify(join(ROOT, "dist", "src", p));
    writeFileSync(
      script,
      `import { runDashboard } from ${dist("cli/dashboard.js")};
import { Store } from ${dist("sim/store.js")};
import { defaultConfig } from ${dist("sim/config.js")};
const store = new Store(defaultConfig());
let frames = 0;
const advance = store.advance.bind(store);
store.advance = (n) => { if (++frames > 5) throw new Error("boom"); advance(n); };
await runDashboard({ store });
`,
    );
    try {
      start(`${nodeBin} ${quote(script)}`);
      const after = await exited();
      expect(after).toContain("simtop: internal error: boom");
      expect(after).toContain("EXIT=1");
      expectRestored(after);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("not a terminal", () => {
  it("says to use --batch and exits 2", () => {
    const r = spawnSync(process.execPath, [BIN], { cwd: ROOT, encoding: "utf8", input: "" });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^simtop: not a terminal.*--batch/);
    expect(r.stdout).toBe("");
  });
});
