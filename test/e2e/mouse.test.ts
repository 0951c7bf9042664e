// The mouse in a real terminal (tmux): reporting on with the dashboard, SGR clicks and the wheel act, and it is off again after Ctrl+Z and quitting, and with --no-mouse.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hasTmux, Pane, SIMTOP } from "./terminalPane.js";

let pane: Pane | null = null;
afterEach(() => {
  pane?.kill();
  pane = null;
});

/** A press and release of the left button at column x, row y (0-based), as SGR reports them. */
function click(p: Pane, x: number, y: number): void {
  p.send(`\x1b[<0;${x + 1};${y + 1}M\x1b[<0;${x + 1};${y + 1}m`);
}

/** Row and column of the first line of the screen matching `re`. */
function find(p: Pane, re: RegExp): { x: number; y: number } {
  const lines = p.screen().split("\n");
  const y = lines.findIndex((l) => re.test(l));
  if (y < 0) throw new Error(`${re} not on screen:\n${lines.join("\n")}`);
  return { x: lines[y].search(re), y };
}

async function started(args: string): Promise<Pane> {
  const p = Pane.bash();
  pane = p;
  await p.until(() => p.screen().includes("$"), "the prompt");
  p.type(`${SIMTOP} --speed 200 ${args} 2>/dev/null`);
  await p.until(() => p.showing(), "the dashboard");
  return p;
}

describe.skipIf(!hasTmux)("the mouse (tmux, bash with job control)", () => {
  it("on with the dashboard; clicks select and sort, the wheel scrolls; off after Ctrl+Z, on after fg, off after q", async () => {
    const p = await started("");
    await p.until(() => p.mouseOn(), "mouse reporting on");
    // Pause once the processes are there, so rows stay where they were drawn.
    await p.until(() => /^\s+9\s+1\s+\S/m.test(p.screen()), "the processes");
    p.keys("Space");
    await p.until(() => /‖ paused/.test(p.screen()), "paused");
    const row = find(p, /^\s+4\s+1\s+\S/);
    click(p, 20, row.y);
    await p.until(() => /^ PID 4 /m.test(p.screen()), "pid 4 selected by a click");
    const heading = find(p, /%CPU/);
    click(p, heading.x + 1, heading.y);
    await p.until(() => /sorted by %CPU ▼/.test(p.screen()), "sorted by %CPU");
    click(p, heading.x + 1, heading.y);
    await p.until(() => /sorted by %CPU ▲/.test(p.screen()), "sorted by %CPU the other way");
    // The wheel over the event log panel scrolls it back.
    const log = find(p, / Events /);
    p.send(`\x1b[<64;${log.x + 10};${log.y + 3}M`);
    await p.until(() => /Events · 3 newer below/.test(p.screen()), "the log scrolled");
    // A click on the key bar's help entry opens the help.
    const bar = find(p, /\?Help .*qQuit/);
    click(p, bar.x + 1, bar.y);
    await p.until(() => p.screen().includes("Help · simtop keys"), "the help");
    p.keys("Escape");
    await p.until(() => !p.screen().includes("Help · simtop keys"), "the help closed");

    p.keys("C-z");
    await p.until(() => /Stopped/.test(p.screen()) && p.restored(), "the job stopped");
    expect(p.flag("mouse_any_flag")).toBe("0");
    p.type("fg");
    await p.until(() => p.showing() && p.mouseOn(), "the dashboard and the mouse again");
    p.keys("q");
    await p.until(() => p.restored() && /^\$\s*$/m.test(p.screen()), "simtop to quit");
    expect([p.flag("mouse_any_flag"), p.flag("mouse_sgr_flag")]).toEqual(["0", "0"]);
  });

  it("--no-mouse: no mouse reporting, and a click is not typed as keys", async () => {
    const p = await started("--no-mouse");
    expect(p.flag("mouse_any_flag")).toBe("0");
    await p.until(() => /^\s+9\s+1\s+\S/m.test(p.screen()), "the processes");
    p.keys("Space");
    await p.until(() => /‖ paused/.test(p.screen()), "paused");
    // Even if a terminal sends a report unasked, nothing of it reaches the keymap as keys
    // (its digits would start a PID search, its M sort by memory).
    click(p, 20, 12);
    p.keys("t");
    await p.until(() => /tree view/.test(p.screen()), "the key after the click");
    expect(p.screen()).toMatch(/‖ paused/);
    expect(p.screen()).not.toMatch(/PID \d+:|sorted by RES/);
    // Nor is it taken for a click: the selection is where it was.
    expect(p.screen()).toMatch(/^ PID 1 init/m);
    p.keys("q");
    await p.until(() => p.restored() && /^\$\s*$/m.test(p.screen()), "simtop to quit");
  });

  it("with --save and --record, and in replay: the same mouse, on while shown and off after", async () => {
    const dir = mkdtempSync(join(tmpdir(), "simtop-mouse-"));
    const session = join(dir, "run.jsonl");
    const cast = join(dir, "run.cast");
    const p = await started(`--save ${session} --record ${cast}`);
    await p.until(() => p.mouseOn(), "mouse reporting on");
    p.keys("q");
    await p.until(() => p.restored() && /^\$\s*$/m.test(p.screen()), "simtop to quit");
    expect(existsSync(cast)).toBe(true);
    p.type(`${SIMTOP} replay ${session} 2>/dev/null`);
    await p.until(() => p.showing() && p.mouseOn(), "the replay, with the mouse");
    const row = find(p, /^\s+1\s+0\s+init/);
    const heading = find(p, /NAME/);
    click(p, heading.x + 1, heading.y);
    await p.until(() => /sorted by NAME ▲/.test(p.screen()), "sorted by a click");
    expect(row.y).toBeGreaterThan(heading.y);
    p.keys("q");
    await p.until(() => p.restored() && /^\$\s*$/m.test(p.screen()), "the replay to quit");
  });
});
