// The event log's own state and its pure (state, action) → state transitions: what it shows,
// how far back it is scrolled, and the search.

export interface EventLogState {
  /** Every event, or only lifecycle and signals. */
  all: boolean;
  /** Only the events of this process (the selection when following was turned on), or all. */
  follow: number | null;
  /**
   * Scrolled back: the log holds still at this tick while new events arrive, and `back` of the
   * events up to it are below the window. Null: the newest events, moving with time.
   */
  pinned: number | null;
  back: number;
  /** Text searched for ("" for none), and whether it is being typed. */
  search: string;
  typing: boolean;
  /** Shown over the whole body of the screen instead of in its panel. */
  open: boolean;
}

export const INITIAL_EVENT_LOG: EventLogState = {
  all: false,
  follow: null,
  pinned: null,
  back: 0,
  search: "",
  typing: false,
  open: false,
};

export type EventLogAction =
  | { type: "open" }
  | { type: "close" }
  | { type: "toggleAll" }
  /** Follow `pid` (the selected process), or stop following. */
  | { type: "toggleFollow"; pid: number }
  /** Scroll towards older (by > 0) or newer (by < 0) events; `now` is the newest tick shown. */
  | { type: "scroll"; by: number; now: number }
  | { type: "oldest"; now: number; count: number }
  | { type: "newest" }
  /** Show the event `back` events before the newest up to the pinned tick (a search hit). */
  | { type: "reveal"; back: number; now: number }
  | { type: "searchStart" }
  | { type: "searchType"; text: string }
  | { type: "searchErase" }
  | { type: "searchKeep" }
  | { type: "searchClear" };

/** A new state, or the same object when nothing changed. */
export function eventLogReducer(s: EventLogState, a: EventLogAction): EventLogState {
  switch (a.type) {
    case "open":
      return s.open ? s : { ...s, open: true };
    case "close":
      return { ...s, open: false, typing: false };
    case "toggleAll":
      // Another set of events: a position counted in the old one means nothing in it.
      return { ...s, all: !s.all, pinned: null, back: 0 };
    case "toggleFollow":
      return { ...s, follow: s.follow === null ? a.pid : null, pinned: null, back: 0 };
    case "scroll": {
      const back = Math.max(0, s.back + a.by);
      if (back === 0) return { ...s, pinned: null, back: 0 };
      return { ...s, pinned: s.pinned ?? a.now, back };
    }
    case "oldest":
      return a.count > 0 ? { ...s, pinned: s.pinned ?? a.now, back: a.count } : s;
    case "newest":
      return { ...s, pinned: null, back: 0 };
    case "reveal":
      return { ...s, pinned: s.pinned ?? a.now, back: Math.max(0, a.back) };
    case "searchStart":
      return { ...s, typing: true, search: "" };
    case "searchType":
      return { ...s, search: s.search + a.text };
    case "searchErase":
      return { ...s, search: s.search.slice(0, -1) };
    case "searchKeep":
      return { ...s, typing: false };
    case "searchClear":
      return { ...s, typing: false, search: "" };
  }
}
