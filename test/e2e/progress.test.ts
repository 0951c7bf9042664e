// Progress on long work in a real terminal (tmux): one updating line on stderr, gone at the end;
// nothing at all when stderr is not a terminal.
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, ROOT, simtop, TmuxSession } from "./cliRun.js";

const dir = mkdtempSync(join(tmpdir(), "simtop-e2e-progress-"));

/** A demo long enough to render for a few seconds: 600 frames of the full dashboard. */
const longDemo = join(dir, "long.yaml");
writeFileSync(
  longDemo,
  "title: long\nscenario: signals\nwidth: 120\nheight: 40\nfps: 10\nspeed: 1000\nduration: 60\n",
);
const DEMO_LINE = /demo long +\[#*\.*\] +\d+%/;

describe("progress of demo rendering", () => {
  const session = new TmuxSession(["demo", longDemo, "--cast", join(dir, "long.cast")], 100, 10);
  afterAll(() => session.kill());

  it("shows one updating line while rendering, and clears it at the end", async () => {
    const during = await session.waitFor((s) => DEMO_LINE.test(s), 60);
    expect(during.split("\n").filter((l) => DEMO_LINE.test(l))).toHaveLength(1);
    const after = await session.waitFor((s) => s.includes("[exit "), 120);
    expect(after).toContain("[exit 0]");
    expect(after).not.toMatch(/demo long|%/);
    // The line was erased, not pushed up: the exit status is on the first row.
    expect(after.split("\n")[0]).toBe("[exit 0]");
  });

  it("writes nothing on stderr when it is not a terminal", () => {
    const r = simtop(["demo", longDemo, "--cast", join(dir, "piped.cast")]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
  }, 120_000);
});

describe("progress of lab cache on a trace that takes a while", () => {
  const PROGRESS = /\r\d+\.\dM refs +\d+\.\dM refs\/s\u001b\[K/;

  it("counts references as they stream in, then clears the line before the table", async () => {
    // A trace on stdin (its length unknown) fed a little at a time through a named pipe, to
    // simtop in a pseudo-terminal (util-linux script): its stderr is a terminal.
    const fifo = join(dir, "trace.fifo");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const command = `cat '${fifo}' | env -u CI '${process.execPath}' '${BIN}' lab cache - --l1 32k:8:64`;
    const child = spawn("script", ["-q", "-e", "-c", command, "/dev/null"], { cwd: ROOT });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString("utf8");
    });
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    const trace = createWriteStream(fifo);
    let chunk = "";
    for (let i = 0; i < 50_000; i++) chunk += `${i % 3} ${(i * 64).toString(16)}\n`;
    // Feed the trace slowly until the line shows (the first draw waits a quarter of a second).
    let rounds = 0;
    while (rounds < 200 && !PROGRESS.test(out)) {
      trace.write(chunk);
      rounds++;
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(out).toMatch(PROGRESS);
    await new Promise<void>((r) => trace.end(r));
    expect(await exited).toBe(0);
    const table = out.indexOf("simtop lab cache:");
    expect(out.slice(table)).toMatch(
      new RegExp(`^simtop lab cache: ${rounds * 50_000} references from stdin`),
    );
    // The last thing before the table erases the line: nothing of it stays on the screen.
    expect(out.slice(0, table).endsWith("\r\u001b[K")).toBe(true);
    expect(out.slice(table)).not.toContain("refs/s");
  });
});
