// The setup screen's model: one line per setting, column and action, each with its current value.
import { grouped } from "../format.js";
import { KEYMAP, type KeyBindings, keyLabel } from "../keymap.js";
import { COLUMNS, type ColumnGroup, type SortKey } from "../selectors/table.js";
import type { Settings } from "../settings.js";
import { type SetupRow, type SetupState, setupRows } from "../state/setup.js";

/** Where an optional column shows (the others always do). */
const GROUP_NOTES: Record<ColumnGroup, string> = {
  mlfq: "only under mlfq",
  tickets: "only under lottery and stride",
  cfs: "only under cfs",
  cores: "only when cores matter",
  jobs: "only with job control",
};

export interface SetupLine {
  /** The section the line opens ("Settings", "Columns", "Keys"), on the line before it. */
  section: string | null;
  label: string;
  value: string;
  /** Said after the value, dimmed (what the setting does, when it applies). */
  note: string;
}

export interface SetupModel {
  lines: SetupLine[];
  index: number;
  capturing: boolean;
  /** Where the settings are saved, or null (--no-config). */
  path: string | null;
  /** What the last change did (a key refused, say), while it lasts. */
  message: string | null;
}

/** What the setup screen needs from the dashboard. */
export interface SetupSource {
  settings: Settings;
  bindings: KeyBindings;
  columns: readonly SortKey[] | null;
  themeName: string;
  /** What the terminal shows: "256 colours", or why there is no colour. */
  colourNote: string;
  speed: number;
  fps: number;
  mouse: boolean;
  configPath: string | null;
}

export function selectSetup(src: SetupSource, o: SetupState, message: string | null): SetupModel {
  const rows = setupRows(src.columns);
  const shown = new Set(src.columns ?? COLUMNS.map((c) => c.key));
  let firstColumn = true;
  let firstKey = true;
  const lineOf = (r: SetupRow): SetupLine => {
    switch (r.kind) {
      case "theme":
        return { section: "Settings", label: "Theme", value: src.themeName, note: src.colourNote };
      case "speed":
        return { section: null, label: "Speed", value: `${grouped(src.speed)} ticks/s`, note: "" };
      case "fps":
        return { section: null, label: "Frames per second", value: String(src.fps), note: "" };
      case "mouse":
        return {
          section: null,
          label: "Mouse",
          value: src.mouse ? "on" : "off",
          note: "off leaves the terminal's own text selection working",
        };
      case "scenario":
        return {
          section: null,
          label: "Scenario at start",
          value: src.settings.scenario ?? "default",
          note: "from the next start (--scenario still chooses)",
        };
      case "column": {
        const c = COLUMNS.find((x) => x.key === r.key);
        const section = firstColumn
          ? "Columns of the process table, left to right (Space shows or hides, ← → move)"
          : null;
        firstColumn = false;
        return {
          section,
          label: `${shown.has(r.key) ? "[x]" : "[ ]"} ${c?.title ?? r.key}`,
          value: "",
          note: c?.group !== undefined ? GROUP_NOTES[c.group] : "",
        };
      }
      case "key": {
        const section = firstKey
          ? "Keys (Enter, then the new key; Delete gives back the default)"
          : null;
        firstKey = false;
        const keys = src.bindings.keysOf(r.action);
        return {
          section,
          label: r.action,
          value: keys.length > 0 ? keys.map(keyLabel).join(" ") : "(none)",
          note: KEYMAP.find((b) => b.action === r.action)?.help ?? "",
        };
      }
    }
  };
  const lines = rows.map(lineOf);
  return {
    lines,
    index: Math.min(o.index, lines.length - 1),
    capturing: o.capturing,
    path: src.configPath,
    message,
  };
}
