// The setup screen (F2) and a config's settings in the dashboard: theme, speed, fps, columns and keys change live and are saved on closing.
import { describe, expect, it } from "vitest";
import { createHeadlessDashboard, type HeadlessDashboard } from "../../src/ui/headless.js";
import type { Settings } from "../../src/ui/settings.js";
import { BUSY, KEY, pidOf, plain, storeWith } from "./helpers.js";

const F2 = "\x1bOQ";
const DELETE = "\x1b[3~";

function dashboard(
  settings: Settings = {},
  more: { save?: (s: Settings) => void; path?: string | null } = {},
): HeadlessDashboard & { saved: Settings[] } {
  const saved: Settings[] = [];
  const d = createHeadlessDashboard({
    store: storeWith(BUSY),
    columns: 120,
    rows: 40,
    color: true,
    depth: 256,
    settings,
    ...(settings.speed !== undefined ? { speed: settings.speed } : {}),
    ...(settings.fps !== undefined ? { fps: settings.fps } : {}),
    configPath: more.path === undefined ? "/home/u/.config/simtop/config.yaml" : more.path,
    saveSettings: more.save ?? ((s) => saved.push(structuredClone(s))),
    scenarios: ["default", "signals", "lifecycle"],
  });
  d.frame();
  return Object.assign(d, { saved });
}

/** Presses each key in turn (one chunk of input each). */
function keys(d: HeadlessDashboard, ...raw: string[]): void {
  for (const k of raw) d.press(k);
}

const text = (d: HeadlessDashboard) => plain(d.screen());
const heading = (d: HeadlessDashboard) =>
  text(d)
    .split("\n")
    .find((l) => /^\s*(PID|NAME)/.test(l))
    ?.trim();

/** Moves the setup screen's selection to the row whose text starts with `label`. */
function selectRow(d: HeadlessDashboard, label: RegExp): void {
  d.press("\x1b[H"); // Home
  for (let i = 0; i < 80; i++) {
    const line = text(d)
      .split("\n")
      .find((l) => label.test(l));
    const o = d.controller.overlay;
    if (line && o?.kind === "setup" && d.controller.view(120, 40).overlay?.kind === "setup") {
      const model = d.controller.view(120, 40).overlay as { model: { lines: { label: string }[] } };
      if (label.test(`  ${model.model.lines[o.index].label}`)) return;
    }
    d.press(KEY.down);
  }
  throw new Error(`no row ${label}`);
}

describe("settings from a config file", () => {
  it("columns: only those listed, in that order; < and > step through them", () => {
    const d = dashboard({ columns: ["name", "pid", "cpu"] });
    expect(heading(d)).toMatch(/^NAME\s+PID▲\s+%CPU$/);
    d.press(">");
    expect(heading(d)).toMatch(/^NAME\s+PID\s+%CPU▼$/);
    d.press(">");
    expect(heading(d)).toMatch(/^NAME▲\s+PID\s+%CPU$/);
  });

  it("keys: the action answers its new key only; the key bar and help show it", () => {
    const d = dashboard({ keys: { tree: ["y"], sigstop: [] } });
    d.press("t");
    expect(d.controller.tree).toBe(false);
    d.press("y");
    expect(d.controller.tree).toBe(true);
    expect(text(d).split("\n").at(-1)).toContain("yTree");
    d.press("?");
    expect(text(d)).toMatch(/ y\s+tree view/);
    expect(text(d)).not.toMatch(/ t F5\s+tree view/);
  });

  it("theme: the light-background theme's colours at 256 colours", () => {
    expect(dashboard({ theme: "light-background" }).screen()).toContain("48;5;24m");
    expect(dashboard().screen()).not.toContain("48;5;");
  });
});

describe("the setup screen (F2)", () => {
  it("opens over the body, lists settings, columns and keys; Esc closes it without saving when nothing changed", () => {
    const d = dashboard();
    d.press(F2);
    const s = text(d);
    expect(s).toContain("Setup");
    expect(s).toMatch(/Theme\s+default\s+the terminal shows 256 colours/);
    expect(s).toMatch(/\[x\] PID/);
    expect(s).toMatch(/up\s+↑ k/);
    d.press(KEY.escape);
    expect(d.controller.overlay).toBeNull();
    expect(d.saved).toEqual([]);
  });

  it("changes the theme live and saves it on closing", () => {
    const d = dashboard();
    keys(d, F2, KEY.right);
    expect(d.controller.theme.name).toBe("light-background");
    expect(d.screen()).toContain("48;5;24");
    keys(d, KEY.right, KEY.left, KEY.left);
    expect(d.controller.theme.name).toBe("default");
    d.press(KEY.left);
    expect(d.controller.theme.name).toBe("monochrome");
    d.press(F2);
    expect(d.saved).toEqual([{ theme: "monochrome" }]);
    expect(text(d)).toContain("settings saved to /home/u/.config/simtop/config.yaml");
  });

  it("speed, frames per second, mouse and the scenario at start", () => {
    const d = dashboard({ speed: 5000 });
    d.press(F2);
    selectRow(d, /^\s+Speed/);
    d.press(KEY.right);
    expect(d.controller.speed).toBe(10_000);
    selectRow(d, /^\s+Frames per second/);
    keys(d, KEY.right, KEY.right);
    expect(d.controller.fps).toBe(20);
    selectRow(d, /^\s+Mouse/);
    expect(d.controller.mouseWanted).toBe(true);
    d.press(" ");
    expect(d.controller.mouseWanted).toBe(false);
    selectRow(d, /^\s+Scenario at start/);
    d.press(KEY.right);
    d.press("q");
    expect(d.saved).toEqual([{ speed: 10_000, fps: 20, mouse: false, scenario: "signals" }]);
  });

  it("columns: Space hides and shows, ← → move; the table follows at once", () => {
    const d = dashboard({ columns: ["pid", "name", "cpu"] });
    d.press(F2);
    selectRow(d, /^\s+\[x\] NAME/);
    d.press(KEY.left);
    selectRow(d, /^\s+\[x\] %CPU/);
    d.press(" ");
    selectRow(d, /^\s+\[ \] RES/);
    d.press(KEY.enter);
    d.press(KEY.escape);
    expect(heading(d)).toMatch(/^NAME\s+PID▲\s+RES$/);
    expect(d.saved).toEqual([{ columns: ["name", "pid", "res"] }]);
  });

  it("keys: Enter then a key binds it; a key another action has is refused, naming it; Delete restores", () => {
    const d = dashboard();
    const sh = pidOf(d.controller.store, "auto-sh");
    d.press(F2);
    selectRow(d, /^\s+fork/);
    keys(d, KEY.enter, "q");
    expect(text(d)).toContain("q is bound to quit: not changed");
    expect(d.controller.bindings.keysOf("fork")).toEqual(["f"]);
    keys(d, KEY.enter, KEY.enter);
    expect(text(d)).toContain("Enter is kept for menus and prompts: not changed");
    keys(d, KEY.enter, "F");
    expect(d.controller.bindings.keysOf("fork")).toEqual(["F"]);
    d.press(KEY.escape);
    expect(d.saved).toEqual([{ keys: { fork: ["F"] } }]);
    // The new key forks; the old one no longer does.
    d.controller.select(sh);
    const before = d.controller.store.kernel.procs.size;
    keys(d, "f", " ");
    d.frame();
    expect(d.controller.store.kernel.procs.size).toBe(before);
    d.press("F");
    d.press("s");
    expect(d.controller.store.kernel.procs.size).toBe(before + 1);
    d.press(F2);
    selectRow(d, /^\s+fork/);
    keys(d, DELETE, KEY.escape);
    expect(d.controller.bindings.keysOf("fork")).toEqual(["f"]);
    expect(d.saved.at(-1)).toEqual({});
  });

  it("Esc while a key is awaited cancels the binding, not the screen", () => {
    const d = dashboard();
    d.press(F2);
    selectRow(d, /^\s+fork/);
    d.press(KEY.enter);
    expect(text(d)).toContain("press a key… (Esc cancels)");
    d.press(KEY.escape);
    expect(d.controller.overlay?.kind).toBe("setup");
    expect(d.controller.bindings.keysOf("fork")).toEqual(["f"]);
  });

  it("without a config file (--no-config) changes last the run; a failed save says why", () => {
    const d = dashboard({}, { path: null });
    keys(d, F2, KEY.right, KEY.escape);
    expect(text(d)).toContain("settings apply to this run only");
    const e = dashboard(
      {},
      {
        save: () => {
          throw new Error("cannot write: read-only file system");
        },
      },
    );
    keys(e, F2, KEY.right, KEY.escape);
    expect(text(e)).toContain("settings not saved: cannot write: read-only file system");
    expect(e.controller.theme.name).toBe("light-background");
  });
});
