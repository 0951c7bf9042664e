// The scheduling view's UI state (open or not, how far scrolled) and the keys it takes while open.
import type { Action } from "../keymap.js";
import type { KeyName } from "../keys.js";

export interface SchedViewState {
  open: boolean;
  /** First body line shown. */
  scroll: number;
}

export const SCHED_VIEW_CLOSED: SchedViewState = { open: false, scroll: 0 };

export type SchedViewAction =
  | { type: "toggle" }
  | { type: "close" }
  /** Lines to scroll by: negative up; ±Infinity to the first or last line. */
  | { type: "scroll"; by: number };

/** Lines a page key scrolls. */
export const SCHED_PAGE = 10;

export function schedViewReducer(s: SchedViewState, a: SchedViewAction): SchedViewState {
  switch (a.type) {
    case "toggle":
      return s.open ? SCHED_VIEW_CLOSED : { open: true, scroll: 0 };
    case "close":
      return SCHED_VIEW_CLOSED;
    case "scroll": {
      if (!s.open) return s;
      // The drawing clamps the far end (it knows how many lines there are).
      const scroll = Number.isFinite(a.by)
        ? Math.max(0, s.scroll + a.by)
        : a.by > 0
          ? Number.MAX_SAFE_INTEGER
          : 0;
      return { open: true, scroll };
    }
  }
}

/**
 * What a key does while the view is open: moving keys scroll it, Esc and its own key close
 * it; null lets every other key act as usual (pause, step, policy, quantum: the figures follow).
 */
export function schedViewKey(key: KeyName, action: Action | undefined): SchedViewAction | null {
  if (key === "escape" || action === "schedView") return { type: "close" };
  switch (action) {
    case "up":
      return { type: "scroll", by: -1 };
    case "down":
      return { type: "scroll", by: 1 };
    case "pageUp":
      return { type: "scroll", by: -SCHED_PAGE };
    case "pageDown":
      return { type: "scroll", by: SCHED_PAGE };
    case "first":
      return { type: "scroll", by: Number.NEGATIVE_INFINITY };
    case "last":
      return { type: "scroll", by: Number.POSITIVE_INFINITY };
    default:
      return null;
  }
}
