// htop's habits: digits search for a PID (and pick a signal by number in the menu), tags take signals and nice changes.
import { afterEach, describe, expect, it } from "vitest";
import { Signal } from "../../src/sim/signals.js";
import { helpBody } from "../../src/ui/draw/help.js";
import { SIGNAL_ORDER } from "../../src/ui/menus.js";
import { createTheme } from "../../src/ui/theme.js";
import { BUSY, KEY, type Mounted, mount, pidOf, plain, storeWith } from "./helpers.js";

let app: Mounted | null = null;
afterEach(() => {
  app?.unmount();
  app = null;
});

/** The signal the open menu has highlighted. */
function highlighted(m: Mounted): number {
  const o = m.controller.overlay;
  if (o?.kind !== "signal") throw new Error("no signal menu");
  return SIGNAL_ORDER[o.index];
}

describe("digits: htop's PID search", () => {
  it("digits build up a PID and move the selection to it; another key starts again; nothing is killed", async () => {
    app = await mount(storeWith(BUSY), { paused: true });
    await app.frames(1);
    await app.press("S");
    const count = app.store.kernel.procs.size;
    expect(count).toBeGreaterThanOrEqual(10);
    await app.press("1", "0");
    expect(app.controller.selectedPid).toBe(10);
    expect(app.screen()).toContain("PID 10");
    // 109 is no process: the selection stays on 10, and the message says so.
    await app.press("9");
    expect(app.controller.selectedPid).toBe(10);
    expect(app.screen()).toContain("PID 109: not in the table");
    // Any other key ends the search: 3 is pid 3, not 1093.
    await app.press("k", "3");
    expect(app.controller.selectedPid).toBe(3);
    await app.press("S");
    expect(app.store.kernel.procs.size).toBe(count);
    expect(app.store.kernel.procs.get(3)?.state).not.toBe("zombie");
  });

  it("in the signal menu, digits pick a signal by its number (K 9 Enter is kill -9)", async () => {
    app = await mount(storeWith(["sleeper", "cpu-bound"]));
    await app.frames(1);
    const sleeper = pidOf(app.store, "sleeper");
    await app.select(sleeper);
    await app.press("K");
    expect(highlighted(app)).toBe(Signal.SIGTERM);
    await app.press("1", "9");
    expect(highlighted(app)).toBe(Signal.SIGSTOP);
    // 1, 5 is 15; then 9 makes no signal 159: it starts again at 9.
    await app.press("1", "5");
    expect(highlighted(app)).toBe(Signal.SIGTERM);
    await app.press("9");
    expect(highlighted(app)).toBe(Signal.SIGKILL);
    await app.press(KEY.enter);
    await app.frames(2);
    expect(app.store.kernel.procs.has(sleeper)).toBe(false);
    expect(app.screen()).toContain(`SIGKILL → ${sleeper} (sleeper)`);
  });
});

describe("tags: htop's Space, c and U on x, X and U", () => {
  it("x tags and moves down; a signal goes to every tagged process; U untags them all", async () => {
    const names = ["cpu-bound", "row-scan", "col-scan"];
    app = await mount(storeWith(names));
    await app.frames(1);
    const [a, b, c] = names.map((n) => pidOf(app!.store, n));
    await app.select(a);
    await app.press("x");
    expect(app.controller.selectedPid).toBe(b);
    await app.press("j", "x");
    expect([...app.controller.tagged].sort()).toEqual([a, c].sort());
    expect(app.screen()).toMatch(/sorted by PID ▲ +2 tagged/);
    // A second x on a tagged process untags it.
    await app.press("k", "k", "x");
    expect([...app.controller.tagged]).toEqual([c]);
    expect(app.controller.selectedPid).toBe(b);
    await app.press("k", "x");
    await app.press("z");
    expect(app.screen()).toContain("SIGSTOP → 2 tagged processes: sent");
    await app.frames(1);
    const state = (pid: number) => app!.store.kernel.procs.get(pid)?.state;
    expect([state(a), state(b), state(c)]).toEqual([
      "stopped",
      expect.not.stringMatching(/^stopped$/),
      "stopped",
    ]);
    await app.press("K");
    expect(app.screen()).toContain("Send signal to 2 tagged processes");
    await app.press("1", "8", KEY.enter);
    await app.frames(1);
    expect([state(a), state(c)].includes("stopped")).toBe(false);
    await app.press("U");
    expect(app.controller.tagged.size).toBe(0);
    expect(app.screen()).not.toMatch(/[▲▼] +\d+ tagged/);
  });

  it("X tags a process with all its descendants; nice changes go to each of them", async () => {
    app = await mount(storeWith(["sleeper", "cpu-bound"]));
    await app.frames(1);
    const parent = pidOf(app.store, "sleeper");
    await app.select(parent);
    await app.press("f");
    await app.frames(1);
    const child = [...app.store.kernel.procs.values()].find((p) => p.ppid === parent)!.pid;
    await app.select(child);
    await app.press("f");
    await app.frames(1);
    const grandchild = [...app.store.kernel.procs.values()].find((p) => p.ppid === child)!.pid;
    await app.select(parent);
    await app.press("X");
    expect([...app.controller.tagged].sort((x, y) => x - y)).toEqual([parent, child, grandchild]);
    await app.press("]", "]");
    await app.frames(1);
    for (const pid of [parent, child, grandchild])
      expect(app.store.kernel.procs.get(pid)!.nice, `pid ${pid}`).toBe(-2);
    expect(app.store.kernel.procs.get(pidOf(app.store, "cpu-bound"))!.nice).toBe(0);
  });

  it("a tagged row is drawn apart (bold without colour), the selected one as selected", async () => {
    app = await mount(storeWith(["sleeper", "cpu-bound"]));
    await app.frames(1);
    await app.select(pidOf(app.store, "sleeper"));
    await app.press("x");
    const raw = app.raw().split("\n");
    const row = raw.find((l) => /^\x1b\[1m\s*\d+\s+1\s+sleeper/.test(l));
    expect(row).toBeDefined();
  });
});

describe("help", () => {
  it("tells what the mouse does and every deliberate difference from htop", () => {
    const text = plain(helpBody(120, createTheme(false)).join("\n"));
    expect(text).toContain("Mouse (off with --no-mouse)");
    expect(text).toMatch(/click a heading +sort by that column; again: the other way round/);
    expect(text).toContain("Coming from htop: what differs");
    for (const k of ["Space", "c", "k K F9", "F3", "F6"])
      expect(text).toMatch(new RegExp(`^ +${k} +\\S`, "m"));
    expect(text).toMatch(/Table: 0-9 +PID search/);
    expect(text).toMatch(/Signal menu: 0-9 +the signal of that number/);
  });
});
