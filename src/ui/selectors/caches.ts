// The caches panel's data: hit rates and 3C misses per level over the frame's rate window, their history, totals, and AMAT.
import type { MissSplit } from "../../sim/cpu/hierarchy.js";
import type { Kernel } from "../../sim/kernel.js";
import type { Pcb } from "../../sim/process.js";
import {
  hitRate,
  type LevelWindow,
  PROCESS_LEVELS,
  type ProcessLevel,
  RateWindow,
  Reading,
} from "../../sim/window.js";
import type { HistoryPoint } from "../sampling.js";

export interface CacheLevelRow {
  name: string;
  /** Over the rate window (NaN: no access in it). */
  rate: number;
  /** Since the start. */
  totalRate: number;
  accesses: number;
  /** Misses over the rate window by cause (3C); null where the level does not classify them. */
  misses: MissSplit | null;
  latency: number | null;
  /** Hit rate of each earlier window, oldest first (NaN where idle). */
  history: number[];
  /** Points since the history began (a sparkline pages by it). */
  samples: number;
}

export type CachesModel =
  | { kind: "none" }
  | { kind: "machine"; amat: number; levels: CacheLevelRow[] }
  | { kind: "process"; pid: number; name: string; amat: number; levels: CacheLevelRow[] }
  | { kind: "noProcess" };

export interface HistoryView {
  points: readonly HistoryPoint[];
  total: number;
}

export function machineCaches(k: Kernel, w: RateWindow, history: HistoryView): CachesModel {
  const levels = w.to.levels;
  const amat = w.machineAmat();
  if (levels === null || k.hierarchy === null || amat === null) return { kind: "none" };
  return {
    kind: "machine",
    amat,
    levels: levels.map((l, i) => ({
      name: l.name,
      rate: hitRate(w.machineLevel(i)!),
      totalRate: l.accesses > 0 ? l.hits / l.accesses : Number.NaN,
      accesses: l.accesses,
      misses: w.machineMisses(i),
      latency: l.latency,
      history: history.points.map((h) => h.rates[i]),
      samples: history.total,
    })),
  };
}

/** A process's accesses and hits per level of PROCESS_LEVELS since it started. */
function processTotals(p: Pcb): LevelWindow[] {
  const w = new RateWindow(null, Reading.ofProcess(p));
  return PROCESS_LEVELS.map((lv) => w.processLevel(p.pid, lv));
}

/** A process's L1 misses by 3C class, where the machine's L1 classifies them (null elsewhere). */
function processMisses(w: RateWindow, pid: number, level: ProcessLevel): MissSplit | null {
  if (level !== "L1I" && level !== "L1D") return null;
  return w.machineMisses(level === "L1I" ? 0 : 1) === null ? null : w.processMisses(pid, level);
}

export function processCaches(p: Pcb, w: RateWindow, history: HistoryView): CachesModel {
  const totals = processTotals(p);
  return {
    kind: "process",
    pid: p.pid,
    name: p.name,
    amat: w.processAmat(p.pid),
    levels: PROCESS_LEVELS.map((name, i) => ({
      name,
      rate: hitRate(w.processLevel(p.pid, name)),
      totalRate: hitRate(totals[i]),
      accesses: totals[i].accesses,
      misses: processMisses(w, p.pid, name),
      latency: null,
      history: history.points.map((h) => h.rates[i]),
      samples: history.total,
    })),
  };
}

/** The details panel's cache lines: each level of a process since it started. */
export function processCacheTotals(p: Pcb): { name: string; accesses: number; rate: number }[] {
  return processTotals(p).map((t, i) => ({
    name: PROCESS_LEVELS[i],
    accesses: t.accesses,
    rate: hitRate(t),
  }));
}
