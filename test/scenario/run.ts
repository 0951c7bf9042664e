// Test helper: runs a scenario and keeps the events that tell its story.
import { scenarioConfig, startScenario } from "../../src/scenario/start.js";
import type { Scenario } from "../../src/scenario/types.js";
import type { KernelEvent } from "../../src/sim/events.js";
import type { Store } from "../../src/sim/store.js";

const CHUNK = 64;

/** Runs `s` to `until`, returning the store and every event on the way (no ring overflow). */
export function runScenario(s: Scenario, until: number): { store: Store; events: KernelEvent[] } {
  const store = startScenario(s, scenarioConfig(s));
  const events: KernelEvent[] = [];
  while (store.now < until) {
    const from = store.now;
    store.advance(Math.min(CHUNK, until - from));
    for (const e of store.recentEvents(Number.POSITIVE_INFINITY))
      if (e.tick >= from) events.push(e);
  }
  return { store, events };
}

/** Tick at which the process named `name` (the n-th such, from 0) exited. */
export function exitTicks(events: KernelEvent[], name: string): number[] {
  return events.flatMap((e) => (e.type === "Exited" && e.name === name ? [e.tick] : []));
}
