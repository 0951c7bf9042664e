// The setup screen's pure steps: moving, changing a setting, columns, binding keys, closing.
import { describe, expect, it } from "vitest";
import {
  columnOrder,
  moveColumn,
  SETUP_OPENED,
  type SetupContext,
  setupKey,
  setupRows,
  toggleColumn,
} from "../../src/ui/state/setup.js";

const ctx: SetupContext = {
  speed: 10_000,
  fps: 10,
  theme: "default",
  mouse: true,
  scenarios: ["default", "signals"],
  page: 10,
};

/** The setup state with the row of `kind` (and column or action) selected. */
function at(pred: (r: ReturnType<typeof setupRows>[number]) => boolean) {
  return { ...SETUP_OPENED, index: setupRows(null).findIndex(pred) };
}

describe("setup steps", () => {
  it("moves within the rows, never past either end; Esc, q, F2 and quit close", () => {
    const last = setupRows(null).length - 1;
    expect(setupKey(SETUP_OPENED, {}, "up", "up", ctx).state?.index).toBe(0);
    expect(setupKey(SETUP_OPENED, {}, "end", "last", ctx).state?.index).toBe(last);
    expect(setupKey(SETUP_OPENED, {}, "pagedown", "pageDown", ctx).state?.index).toBe(10);
    for (const [k, a] of [
      ["escape", undefined],
      ["q", "quit"],
      ["f2", "setup"],
    ] as const)
      expect(setupKey(SETUP_OPENED, {}, k, a, ctx).state).toBeNull();
  });

  it("theme and scenario wrap round; a scenario file in the config stays a choice", () => {
    const theme = at((r) => r.kind === "theme");
    expect(setupKey(theme, {}, "left", "rewind", ctx).settings.theme).toBe("monochrome");
    const sc = at((r) => r.kind === "scenario");
    expect(setupKey(sc, {}, "right", "forward", ctx).settings.scenario).toBe("signals");
    const mine = { scenario: "mine.yaml" };
    expect(setupKey(sc, mine, "right", "forward", ctx).settings.scenario).toBe("default");
    expect(setupKey(sc, mine, "left", "rewind", ctx).settings.scenario).toBe("signals");
  });

  it("speed and fps step through their lists and stop at the ends", () => {
    const speed = at((r) => r.kind === "speed");
    expect(setupKey(speed, {}, "left", "rewind", ctx).settings.speed).toBe(5000);
    const fps = at((r) => r.kind === "fps");
    expect(setupKey(fps, {}, "right", "forward", { ...ctx, fps: 60 }).settings.fps).toBe(60);
    expect(setupKey(fps, {}, "right", "forward", { ...ctx, fps: 12 }).settings.fps).toBe(15);
  });

  it("columns: a list keeps at least one; moving stops at the ends; hidden ones follow the shown", () => {
    expect(toggleColumn(["pid"], "pid")).toEqual(["pid"]);
    expect(toggleColumn(["pid"], "cpu")).toEqual(["pid", "cpu"]);
    expect(moveColumn(["pid", "name"], "pid", -1)).toEqual(["pid", "name"]);
    expect(moveColumn(["pid", "name"], "pid", 1)).toEqual(["name", "pid"]);
    expect(columnOrder(["cpu", "pid"]).slice(0, 3)).toEqual(["cpu", "pid", "ppid"]);
  });

  it("binding: Enter waits for the key; a free key binds, a taken one is refused with its owner", () => {
    const fork = at((r) => r.kind === "key" && r.action === "fork");
    const waiting = setupKey(fork, {}, "enter", undefined, ctx).state!;
    expect(waiting.capturing).toBe(true);
    const taken = setupKey(waiting, {}, "t", "tree", ctx);
    expect(taken.say).toBe("t is bound to tree: not changed");
    expect(taken.settings).toEqual({});
    expect(taken.state?.changed).toBe(false);
    const free = setupKey(waiting, {}, "F", undefined, ctx);
    expect(free.settings).toEqual({ keys: { fork: ["F"] } });
    expect(free.state).toMatchObject({ capturing: false, changed: true });
    const restored = setupKey(free.state!, free.settings, "delete", undefined, ctx);
    expect(restored.settings).toEqual({});
  });
});
