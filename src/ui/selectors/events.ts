// The event log's data: recent kernel events in words, by default only lifecycle and signals.

import type { KernelEvent } from "../../sim/events.js";
import { describeEvent, SCHEDULING_CHATTER } from "../../sim/eventText.js";
import type { Store } from "../../sim/store.js";

export type EventTone = "signal" | "death" | "birth" | "error" | "other";

export interface EventLine {
  tick: number;
  text: string;
  tone: EventTone;
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

const notChatter = (e: KernelEvent): boolean => !SCHEDULING_CHATTER.has(e.type);

/** The last `n` events up to `upToTick` (oldest first), all of them or only the notable ones. */
export function selectEvents(store: Store, n: number, upToTick: number, all: boolean): EventLine[] {
  if (n <= 0) return [];
  const source = store.recentEvents(n, upToTick, all ? undefined : notChatter);
  return source.map((e) => ({ tick: e.tick, text: describeEvent(e), tone: tone(e) }));
}
