// The setup screen (F2): its rows (settings, columns, keys), the selection among them, and the step lists it offers.
import {
  ACTIONS,
  type Action,
  findKeyClash,
  type KeyOverrides,
  keyLabel,
  RESERVED_KEYS,
} from "../keymap.js";
import type { KeyName } from "../keys.js";
import { COLUMNS, type SortKey } from "../selectors/table.js";
import type { Settings } from "../settings.js";
import { THEME_NAMES, type ThemeName } from "../theme.js";
import { SPEEDS, stepThrough } from "./timeControl.js";

export type SetupRow =
  | { kind: "theme" }
  | { kind: "speed" }
  | { kind: "fps" }
  | { kind: "mouse" }
  | { kind: "scenario" }
  | { kind: "column"; key: SortKey }
  | { kind: "key"; action: Action };

/** Frames per second the setup screen steps through (a config file may hold any of 1-60). */
export const FPS_STEPS: readonly number[] = [1, 2, 5, 10, 15, 20, 30, 60];

/** The setup screen as opened: the row selected, and whether the next key is being bound. */
export interface SetupState {
  kind: "setup";
  index: number;
  /** The next key pressed is bound to the selected action (Enter on a key row). */
  capturing: boolean;
  /** A setting changed since the screen opened (saved when it closes). */
  changed: boolean;
}

export const SETUP_OPENED: SetupState = {
  kind: "setup",
  index: 0,
  capturing: false,
  changed: false,
};

/** Columns as the setup screen lists them: those shown, in order, then the others. */
export function columnOrder(chosen: readonly SortKey[] | null): SortKey[] {
  const shown = chosen ? [...chosen] : COLUMNS.map((c) => c.key);
  return [...shown, ...COLUMNS.map((c) => c.key).filter((k) => !shown.includes(k))];
}

/** Every row, top to bottom: the settings, the table's columns, then a key row per action. */
export function setupRows(chosen: readonly SortKey[] | null): SetupRow[] {
  return [
    { kind: "theme" },
    { kind: "speed" },
    { kind: "fps" },
    { kind: "mouse" },
    { kind: "scenario" },
    ...columnOrder(chosen).map((key): SetupRow => ({ kind: "column", key })),
    ...ACTIONS.map((action): SetupRow => ({ kind: "key", action })),
  ];
}

/** The list `chosen` with column `key` shown or hidden (a list keeps at least one column). */
export function toggleColumn(chosen: readonly SortKey[] | null, key: SortKey): SortKey[] {
  const order = chosen ? [...chosen] : COLUMNS.map((c) => c.key);
  if (!order.includes(key)) return [...order, key];
  const rest = order.filter((k) => k !== key);
  return rest.length > 0 ? rest : order;
}

/** The list `chosen` with shown column `key` moved one place left (-1) or right (1). */
export function moveColumn(
  chosen: readonly SortKey[] | null,
  key: SortKey,
  dir: 1 | -1,
): SortKey[] {
  const order = chosen ? [...chosen] : COLUMNS.map((c) => c.key);
  const i = order.indexOf(key);
  const j = i + dir;
  if (i < 0 || j < 0 || j >= order.length) return order;
  [order[i], order[j]] = [order[j], order[i]];
  return order;
}

/** What the dashboard is now, for the steps the setup screen takes from it. */
export interface SetupContext {
  speed: number;
  fps: number;
  theme: ThemeName;
  mouse: boolean;
  /** Scenarios offered to start with. */
  scenarios: readonly string[];
  /** Rows a page key moves. */
  page: number;
}

/** A key's effect on the setup screen: its next state (null: closed), the settings, a message. */
export interface SetupStep {
  state: SetupState | null;
  settings: Settings;
  say?: string;
}

/** The settings with the key overrides `keys` (none left: no `keys` at all). */
function withKeys(settings: Settings, keys: KeyOverrides): Settings {
  const { keys: _old, ...rest } = settings;
  return Object.keys(keys).length > 0 ? { ...rest, keys } : rest;
}

/** Gives `action` the key `k` alone, unless menus need it or another action has it. */
function bindKey(
  settings: Settings,
  action: Action,
  k: KeyName,
): { settings: Settings; say: string } {
  if (RESERVED_KEYS.includes(k))
    return { settings, say: `${keyLabel(k)} is kept for menus and prompts: not changed` };
  const keys = { ...(settings.keys ?? {}), [action]: [k] };
  const clash = findKeyClash(keys);
  if (clash !== null) {
    const other = clash.with === action ? clash.action : clash.with;
    return { settings, say: `${keyLabel(k)} is bound to ${other}: not changed` };
  }
  return { settings: withKeys(settings, keys), say: `${action}: ${keyLabel(k)}` };
}

/** One step of a setting (theme, speed, fps, mouse, scenario) left (-1) or right (1). */
function stepSetting(
  settings: Settings,
  kind: "theme" | "speed" | "fps" | "mouse" | "scenario",
  dir: 1 | -1,
  ctx: SetupContext,
): Settings {
  const cycle = <T>(list: readonly T[], now: T): T =>
    list[(Math.max(0, list.indexOf(now)) + dir + list.length) % list.length];
  switch (kind) {
    case "theme":
      return { ...settings, theme: cycle(THEME_NAMES, ctx.theme) };
    case "speed":
      return { ...settings, speed: stepThrough(SPEEDS, ctx.speed, dir) ?? ctx.speed };
    case "fps":
      return { ...settings, fps: stepThrough(FPS_STEPS, ctx.fps, dir) ?? ctx.fps };
    case "mouse":
      return { ...settings, mouse: !ctx.mouse };
    case "scenario": {
      const now = settings.scenario ?? "default";
      // A scenario file named in the config stays one of the choices.
      const list = ctx.scenarios.includes(now) ? ctx.scenarios : [...ctx.scenarios, now];
      return { ...settings, scenario: cycle(list, now) };
    }
  }
}

/**
 * A key on the open setup screen (it takes them all, a key being bound included); `action` is
 * what the key does on the dashboard (quit and setup close the screen).
 */
export function setupKey(
  o: SetupState,
  settings: Settings,
  k: KeyName,
  action: Action | undefined,
  ctx: SetupContext,
): SetupStep {
  const rows = setupRows(settings.columns ?? null);
  const row = rows[Math.min(o.index, rows.length - 1)];
  if (o.capturing) {
    const state = { ...o, capturing: false };
    if (k === "escape" || row.kind !== "key") return { state, settings };
    const b = bindKey(settings, row.action, k);
    return { state: { ...state, changed: o.changed || b.settings !== settings }, ...b };
  }
  const moveTo = (i: number): SetupStep => ({
    state: { ...o, index: Math.max(0, Math.min(rows.length - 1, i)) },
    settings,
  });
  if (k === "escape" || k === "q" || action === "setup" || action === "quit")
    return { state: null, settings };
  if (k === "up" || k === "k") return moveTo(o.index - 1);
  if (k === "down" || k === "j") return moveTo(o.index + 1);
  if (k === "pageup") return moveTo(o.index - ctx.page);
  if (k === "pagedown") return moveTo(o.index + ctx.page);
  if (k === "home") return moveTo(0);
  if (k === "end") return moveTo(rows.length - 1);
  const changed = { ...o, changed: true };
  if (row.kind === "key") {
    if (k === "enter") return { state: { ...o, capturing: true }, settings };
    if (k === "delete" || k === "backspace") {
      const { [row.action]: _dropped, ...rest } = settings.keys ?? {};
      return {
        state: changed,
        settings: withKeys(settings, rest),
        say: `${row.action}: back to its default keys`,
      };
    }
    return { state: o, settings };
  }
  if (k !== "left" && k !== "right" && k !== "enter" && k !== "space")
    return { state: o, settings };
  const dir = k === "left" ? -1 : 1;
  if (row.kind === "column") {
    const chosen = settings.columns ?? null;
    const columns =
      k === "left" || k === "right"
        ? moveColumn(chosen, row.key, dir)
        : toggleColumn(chosen, row.key);
    // The selection follows its column as it moves.
    const index = setupRows(columns).findIndex((r) => r.kind === "column" && r.key === row.key);
    return { state: { ...changed, index }, settings: { ...settings, columns } };
  }
  return { state: changed, settings: stepSetting(settings, row.kind, dir, ctx) };
}
