// What a config file sets and the setup screen (F2) changes: the dashboard's look, pace, columns, mouse and keys.
import type { KeyOverrides } from "./keymap.js";
import type { SortKey } from "./selectors/table.js";
import type { ThemeName } from "./theme.js";

/** Settings as written in a config file: each one absent means the built-in default. */
export interface Settings {
  /** The scenario `simtop` starts without --scenario: a built-in name or a file. */
  scenario?: string;
  /** Simulated ticks per second at start. */
  speed?: number;
  /** Frames per second. */
  fps?: number;
  theme?: ThemeName;
  /** The process table's columns, left to right. */
  columns?: readonly SortKey[];
  /** Mouse reporting (off leaves the terminal's own text selection working). */
  mouse?: boolean;
  /** Keys per action, replacing that action's default keys. */
  keys?: KeyOverrides;
}
