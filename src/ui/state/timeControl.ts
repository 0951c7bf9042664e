// The dashboard's time control — running or paused, how fast, and which moment of the past is
// on screen — as pure (state, action) → state transitions; the controller seeks the Store to match.
import { niceSteps } from "../format.js";

/** Speeds the +/- keys step through: 1, 2, 5, 10 ... 10M ticks per second. */
export const SPEEDS = niceSteps(10_000_000);

export interface TimeState {
  paused: boolean;
  /** Simulated ticks per second of wall time. */
  speed: number;
  /** The tick on screen while looking at the retained past; null for the present. */
  shown: number | null;
}

export type TimeAction =
  /** Pause, or resume (which also returns to the present). */
  | { type: "togglePause" }
  | { type: "pause" }
  | { type: "speed"; dir: 1 | -1 }
  /** A speed chosen outright (the setup screen). */
  | { type: "setSpeed"; speed: number }
  /** Back by `ticks` from the tick on screen, not before `oldest`; pauses. */
  | { type: "rewind"; ticks: number; now: number; oldest: number }
  /** Forward by `ticks` while in the past; reaching `now` is the present again. */
  | { type: "forward"; ticks: number; now: number }
  /** Show `tick`: the past when it is before `now`, else the present. */
  | { type: "show"; tick: number; now: number; oldest: number }
  | { type: "live" };

/** The next value of an ascending list above (dir 1) or below (dir -1) `v`. */
export function stepThrough(list: readonly number[], v: number, dir: 1 | -1): number | undefined {
  return dir > 0 ? list.find((x) => x > v) : [...list].reverse().find((x) => x < v);
}

function shownAt(tick: number, now: number, oldest: number): number | null {
  return tick >= now ? null : Math.max(oldest, tick);
}

export function timeReducer(s: TimeState, a: TimeAction): TimeState {
  switch (a.type) {
    case "togglePause":
      return s.paused ? { ...s, paused: false, shown: null } : { ...s, paused: true };
    case "pause":
      return s.paused ? s : { ...s, paused: true };
    case "speed": {
      const next = stepThrough(SPEEDS, s.speed, a.dir);
      return next === undefined ? s : { ...s, speed: next };
    }
    case "setSpeed":
      return { ...s, speed: a.speed };
    case "rewind": {
      const from = s.shown ?? a.now;
      return { ...s, paused: true, shown: shownAt(from - a.ticks, a.now, a.oldest) };
    }
    case "forward":
      return s.shown === null ? s : { ...s, shown: shownAt(s.shown + a.ticks, a.now, 0) };
    case "show":
      return { ...s, shown: shownAt(a.tick, a.now, a.oldest) };
    case "live":
      return s.shown === null ? s : { ...s, shown: null };
  }
}
