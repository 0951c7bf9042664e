// The program view's own state and its pure transitions: open or not, and which core's pipeline
// it draws (the core running the selected process, or one chosen with Tab).
import type { Action } from "../keymap.js";
import type { KeyName } from "../keys.js";

export interface ProgramViewState {
  /** Shown over the whole body of the screen. */
  open: boolean;
  /** The core whose last cycles are drawn; null: the core running the selected process. */
  core: number | null;
}

export const INITIAL_PROGRAM_VIEW: ProgramViewState = { open: false, core: null };

export type ProgramViewAction =
  | { type: "open" }
  | { type: "close" }
  /** The next core in turn: following the process, core 0, 1, … cores-1, following again. */
  | { type: "nextCore"; cores: number };

export function programViewReducer(s: ProgramViewState, a: ProgramViewAction): ProgramViewState {
  switch (a.type) {
    case "open":
      return s.open ? s : { ...s, open: true };
    case "close":
      return s.open ? { ...s, open: false } : s;
    case "nextCore": {
      const next = s.core === null ? 0 : s.core + 1;
      return { ...s, core: next < a.cores ? next : null };
    }
  }
}

/**
 * A key while the view is open: its new state and whether the key is used up. Keys it does not
 * use (moving the selection, time, the other views) go on to the dashboard; opening the event
 * log closes this view first, so one overlay is shown at a time.
 */
export function programViewKey(
  s: ProgramViewState,
  k: KeyName,
  a: Action | undefined,
  cores: number,
): { state: ProgramViewState; used: boolean } {
  if (k === "escape" || a === "quit" || a === "program")
    return { state: programViewReducer(s, { type: "close" }), used: true };
  if (a === "page")
    return { state: programViewReducer(s, { type: "nextCore", cores }), used: true };
  if (a === "eventLog" || a === "help" || a === "spawn" || a === "signalMenu")
    return { state: programViewReducer(s, { type: "close" }), used: false };
  return { state: s, used: false };
}
