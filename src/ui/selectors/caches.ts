// The caches panel's data: hit rates per level over the last refresh interval, their history, and AMAT.
// The only UI module that knows the cache hierarchy's API.
import type { Kernel } from "../../sim/kernel.js";
import type { Pcb } from "../../sim/process.js";

/** Cumulative accesses and hits per level, as read at one frame. */
export interface LevelCounters {
  names: string[];
  accesses: number[];
  hits: number[];
  latency: number[];
}

/** Hierarchy levels of the machine (L1I L1D L2 L3 RAM), or null with the ideal CPU. */
export function readMachineCaches(k: Kernel): LevelCounters | null {
  const h = k.hierarchy;
  if (h === null) return null;
  const s = h.levelStats();
  return {
    names: s.map((l) => l.name),
    accesses: s.map((l) => l.accesses),
    hits: s.map((l) => l.hits),
    latency: s.map((l) => l.latency),
  };
}

/** Names of the levels a process's accounting distinguishes (Pcb.acct.cacheAccesses). */
export const PROCESS_LEVELS = ["L1", "L2", "L3", "RAM"] as const;

/** A process's cumulative counters per level (L1 both sides together). */
export function readProcessCaches(p: Pcb): { accesses: number[]; hits: number[] } {
  return { accesses: Array.from(p.acct.cacheAccesses), hits: Array.from(p.acct.cacheHits) };
}

/** Accesses and hits per level in one sampling window. */
export interface CacheSample {
  tick: number;
  accesses: number[];
  hits: number[];
}

/** The window between two cumulative readings (`before` null: since the start). */
export function windowOf(
  tick: number,
  now: { accesses: number[]; hits: number[] },
  before: { accesses: number[]; hits: number[] } | null,
): CacheSample {
  return {
    tick,
    accesses: now.accesses.map((a, i) => a - (before?.accesses[i] ?? 0)),
    hits: now.hits.map((h, i) => h - (before?.hits[i] ?? 0)),
  };
}

/** Hit rate of levels `levels` together in a window; NaN when no access reached them. */
export function rateOf(s: CacheSample, ...levels: number[]): number {
  let a = 0;
  let h = 0;
  for (const l of levels) {
    a += s.accesses[l];
    h += s.hits[l];
  }
  return a > 0 ? h / a : Number.NaN;
}

export interface CacheLevelRow {
  name: string;
  /** Over the last sampling window (NaN: no access in it). */
  rate: number;
  /** Since the start. */
  totalRate: number;
  accesses: number;
  latency: number | null;
  /** Windowed hit rate per past sample, oldest first (NaN where idle). */
  history: number[];
  /** Samples taken since the history began (a sparkline pages by it). */
  samples: number;
}

export type CachesModel =
  | { kind: "none" }
  | { kind: "machine"; amat: number; levels: CacheLevelRow[] }
  | { kind: "process"; pid: number; name: string; levels: CacheLevelRow[] }
  | { kind: "noProcess" };

export function machineCaches(
  k: Kernel,
  now: LevelCounters,
  history: readonly CacheSample[],
  samples: number,
): CachesModel {
  const last = history.length > 0 ? history[history.length - 1] : null;
  const levels = now.names.map((name, i) => {
    const total = now.accesses[i];
    return {
      name,
      rate: last !== null ? rateOf(last, i) : Number.NaN,
      totalRate: total > 0 ? now.hits[i] / total : Number.NaN,
      accesses: total,
      latency: now.latency[i],
      history: history.map((h) => rateOf(h, i)),
      samples,
    };
  });
  return { kind: "machine", amat: k.hierarchy?.amat() ?? 0, levels };
}

export function processCaches(
  p: Pcb,
  history: readonly CacheSample[],
  samples: number,
): CachesModel {
  const c = readProcessCaches(p);
  const last = history.length > 0 ? history[history.length - 1] : null;
  const levels = PROCESS_LEVELS.map((name, i) => ({
    name,
    rate: last !== null ? rateOf(last, i) : Number.NaN,
    totalRate: c.accesses[i] > 0 ? c.hits[i] / c.accesses[i] : Number.NaN,
    accesses: c.accesses[i],
    latency: null,
    history: history.map((h) => rateOf(h, i)),
    samples,
  }));
  return { kind: "process", pid: p.pid, name: p.name, levels };
}
