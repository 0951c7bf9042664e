// Closing the terminal under the dashboard: exit 129 as for SIGHUP, no native crash, and the --save and --record files complete.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hasTmux, LAUNCHED, Pane, quote, SIMTOP } from "./terminalPane.js";

let pane: Pane | null = null;
let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "simtop-hangup-"));
});
afterEach(() => {
  pane?.kill();
  pane = null;
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The wrapper outlives the terminal (it ignores SIGHUP; simtop does not inherit that, as Node
 * resets it) and writes simtop's status where the test can read it.
 */
function wrapped(cmd: string): string {
  const f = (n: string) => quote(join(dir, n));
  return `trap '' HUP; ${cmd} --save ${f("run.jsonl")} --record ${f("run.cast")} 2>${f("err")}; echo $? >${f("status")}`;
}

async function statusFile(): Promise<string> {
  const file = join(dir, "status");
  const end = Date.now() + 30_000;
  while (!existsSync(file) || readFileSync(file, "utf8") === "") {
    if (Date.now() > end) throw new Error("simtop did not end after its terminal closed");
    await new Promise((r) => setTimeout(r, 100));
  }
  return readFileSync(file, "utf8").trim();
}

/** Exit 129, nothing on stderr (no native dump), both files whole. */
function expectCleanHangup(status: string): void {
  expect(status).toBe("129");
  expect(readFileSync(join(dir, "err"), "utf8")).toBe("");
  const session = readFileSync(join(dir, "run.jsonl"), "utf8").trim().split("\n");
  for (const l of session) JSON.parse(l);
  expect(JSON.parse(session.at(-1)!).type).toBe("end");
  const cast = readFileSync(join(dir, "run.cast"), "utf8").trim().split("\n");
  for (const l of cast) JSON.parse(l);
  // The recording ends as the terminal was left: alternate screen off, cursor shown.
  const [, kind, data] = JSON.parse(cast.at(-1)!) as [number, string, string];
  expect(kind).toBe("o");
  expect(data).toContain("\x1b[?25h\x1b[?1049l");
}

describe.skipIf(!hasTmux)("the terminal closes under the dashboard (tmux)", () => {
  it.each([
    ["the project's node", SIMTOP],
    ["the launcher", LAUNCHED],
  ])("%s: writes fail (EIO), simtop ends 129 and its files are complete", async (_, cmd) => {
    if (!cmd) return;
    pane = Pane.sh(wrapped(cmd));
    const p = pane;
    await p.until(() => p.showing(), "the dashboard");
    p.kill(); // the window closes
    pane = null;
    expectCleanHangup(await statusFile());
  });

  it.each([
    ["the project's node", SIMTOP],
    ["the launcher", LAUNCHED],
  ])("%s: from an interactive shell, which passes SIGHUP on: the same", async (_, cmd) => {
    if (!cmd) return;
    pane = Pane.bash();
    const p = pane;
    await p.until(() => p.screen().includes("$"), "the prompt");
    p.type(`sh -c ${quote(wrapped(cmd))}`);
    await p.until(() => p.showing(), "the dashboard");
    p.kill();
    pane = null;
    expectCleanHangup(await statusFile());
  });
});

describe.skipIf(!hasTmux)("the terminal closes under --batch (tmux)", () => {
  it("writes fail (EIO): simtop stops quietly, no internal error", async () => {
    const f = (n: string) => quote(join(dir, n));
    pane = Pane.sh(
      `trap '' HUP; ${SIMTOP} --batch -n 1000000 -d 1000 2>${f("err")}; echo $? >${f("status")}`,
    );
    const p = pane;
    await p.until(() => p.screen().includes("Tasks:"), "batch output");
    p.kill(); // the window closes
    pane = null;
    const status = await statusFile();
    expect(readFileSync(join(dir, "err"), "utf8")).toBe("");
    // Ended by the hangup (129) or by the failed write, which stops batch output quietly (0).
    expect(["0", "129"]).toContain(status);
  });
});
