// The event log's data: kernel events in words, by default only lifecycle and signals, optionally
// only those of one process, scrolled back and searched.

import type { KernelEvent } from "../../sim/events.js";
import { describeEvent, SCHEDULING_CHATTER } from "../../sim/eventText.js";
import type { Store } from "../../sim/store.js";
import { grouped } from "../format.js";
import type { EventLogState } from "../state/eventLog.js";

export type EventTone = "signal" | "death" | "birth" | "error" | "other";

export interface EventLine {
  tick: number;
  text: string;
  tone: EventTone;
}

/** What the log shows at a frame: the events (oldest first) and where they sit in the log. */
export interface EventsModel {
  /** The events up to the log's end, enough to fill the window after skipping `back`. */
  events: EventLine[];
  /** Events below the window (scrolled back), counted from the newest up to `upTo`. */
  back: number;
  all: boolean;
  follow: number | null;
  search: string;
  typing: boolean;
  /** True when the log holds still at a tick (scrolled back) rather than following time. */
  pinned: boolean;
}

function tone(e: KernelEvent): EventTone {
  switch (e.type) {
    case "SignalSent":
    case "SignalDelivered":
    case "HandlerRan":
      return "signal";
    case "Exited":
    case "BecameZombie":
    case "Reaped":
    case "OomKilled":
      return "death";
    case "ProcessCreated":
    case "Forked":
    case "Exec":
    case "ImageLoaded":
      return "birth";
    case "CommandFailed":
      return "error";
    default:
      return "other";
  }
}

/** Whether `e` is about process `pid`: its own events, its children's birth, its reaping. */
export function involves(e: KernelEvent, pid: number): boolean {
  if ("pid" in e && e.pid === pid) return true;
  if (e.type === "Forked" && e.child === pid) return true;
  if (e.type === "ProcessCreated" && e.ppid === pid) return true;
  if (e.type === "Reaped" && e.by === pid) return true;
  if (e.type === "SignalSent" && e.from === pid) return true;
  return false;
}

function keeper(log: Pick<EventLogState, "all" | "follow">): (e: KernelEvent) => boolean {
  const { all, follow } = log;
  return (e) =>
    (all || !SCHEDULING_CHATTER.has(e.type)) && (follow === null || involves(e, follow));
}

const toLine = (e: KernelEvent): EventLine => ({
  tick: e.tick,
  text: describeEvent(e),
  tone: tone(e),
});

/** The last tick whose events a frame of `now` lists (the log may hold still at an earlier one). */
export function logEnd(log: EventLogState, now: number): number {
  // An event is stamped with the tick during which it happened: at tick t the kernel shows the
  // world after ticks 0..t-1, so a frame of tick t lists the events before t (also in the past).
  return Math.min(now - 1, log.pinned ?? Number.POSITIVE_INFINITY);
}

/** Enough events to fill `rows` lines after skipping the `back` newest (each takes a line or more). */
export function selectEvents(
  store: Store,
  rows: number,
  now: number,
  log: EventLogState,
): EventsModel {
  const base = {
    all: log.all,
    follow: log.follow,
    search: log.search,
    typing: log.typing,
    pinned: log.pinned !== null,
  };
  if (rows <= 0) return { ...base, events: [], back: 0 };
  const source = store.recentEvents(rows + log.back, logEnd(log, now), keeper(log));
  // Scrolled past the oldest retained event: keep a full window of the oldest ones.
  const back = Math.max(0, Math.min(log.back, source.length - rows));
  return { ...base, events: source.map(toLine), back };
}

/**
 * The `back` position of the next event, older (dir 1) or newer (dir -1) than the one at `from`,
 * whose text contains `text` (case-insensitive); null when there is none.
 */
export function findEvent(
  store: Store,
  now: number,
  log: EventLogState,
  from: number,
  dir: 1 | -1,
  text: string,
): number | null {
  const all = store.recentEvents(Number.POSITIVE_INFINITY, logEnd(log, now), keeper(log));
  const needle = text.toLowerCase();
  // all[all.length - 1 - back] is the event `back` positions before the newest.
  for (let back = from + dir; back >= 0 && back < all.length; back += dir) {
    const e = all[all.length - 1 - back];
    if (`${grouped(e.tick)} ${describeEvent(e)}`.toLowerCase().includes(needle)) return back;
  }
  return null;
}
