// The one definition of every rate: cumulative counters read at two ticks, and figures over the window between.
import {
  amatOfReach,
  type DemandReach,
  type HierarchyConfig,
  type LevelStats,
  type MissSplit,
  reachOf,
} from "./cpu/hierarchy.js";
import { PipelinedCpu } from "./cpu/pipeline.js";
import type { PipelineStats } from "./cpu/pipelineStats.js";
import type { Kernel } from "./kernel.js";
import type { Pcb } from "./process.js";

/** Fields of a process's reading (one Float64Array per process). */
enum F {
  Cycles,
  System,
  Instructions,
  DataAccesses,
  DataHits,
  /** L1 (both sides), L2, L3, RAM accesses, then hits: Accounting.cacheAccesses / cacheHits. */
  Acc0,
  Hit0 = Acc0 + 4,
  /** L1 misses by 3C class: L1I compulsory, capacity, conflict, then L1D's (Accounting.l1Miss3C). */
  Miss0 = Hit0 + 4,
  /** Six 3C slots: as many as cpu/model.ts's L1_MISS_SLOTS. */
  Size = Miss0 + 6,
}

/** Levels a process's cache figures are split into. */
export const PROCESS_LEVELS = ["L1I", "L1D", "L2", "L3", "RAM"] as const;
export type ProcessLevel = (typeof PROCESS_LEVELS)[number];

/** Cumulative counters of a kernel at one tick: every rate is a difference of two of these. */
export class Reading {
  private constructor(
    readonly tick: number,
    /** Busy + switching ticks per core. */
    readonly cores: Float64Array,
    /** Ticks each core ran user code (busy, less kernel work): what IPC divides by. */
    readonly coreUser: Float64Array,
    /** CPU time of processes already removed from the table. */
    readonly exitedCycles: number,
    readonly procs: ReadonlyMap<number, Float64Array>,
    /** Per hierarchy level (L1I L1D L2 L3 RAM); null with the ideal CPU. */
    readonly levels: readonly LevelStats[] | null,
    readonly demand: Float64Array | null,
    readonly pipeline: readonly PipelineStats[] | null,
    /** The machine's caches (their latencies weigh AMAT); null with the ideal CPU. */
    readonly caches: HierarchyConfig | null,
  ) {}

  /**
   * Process `p`'s counters alone, for its figures since it started (a window from null to
   * this reading); no core or machine counters, so only per-process figures mean anything.
   */
  static ofProcess(p: Pcb): Reading {
    const none = new Float64Array(0);
    const procs = new Map([[p.pid, readProcess(p)]]);
    return new Reading(0, none, none, 0, procs, null, null, null, null);
  }

  static of(k: Kernel): Reading {
    const n = k.running.length;
    const cores = new Float64Array(n);
    const coreUser = new Float64Array(n);
    const st = k.coreStats;
    for (let c = 0; c < n; c++) {
      cores[c] = st.busy[c] + st.switching[c];
      coreUser[c] = st.busy[c] - st.system[c];
    }
    const procs = new Map<number, Float64Array>();
    for (const p of k.procs.values()) procs.set(p.pid, readProcess(p));
    const h = k.hierarchy;
    let pipeline: PipelineStats[] | null = null;
    if (k.cpu instanceof PipelinedCpu) {
      pipeline = [];
      for (let c = 0; c < k.cpu.cores; c++) pipeline.push(k.cpu.coreStats(c));
    }
    return new Reading(
      k.now,
      cores,
      coreUser,
      k.exitedCycles,
      procs,
      h === null ? null : h.levelStats(),
      h === null ? null : h.demandSnapshot(),
      pipeline,
      h === null ? null : h.config,
    );
  }
}

function readProcess(p: Pcb): Float64Array {
  const a = p.acct;
  const r = new Float64Array(F.Size);
  r[F.Cycles] = a.cycles;
  r[F.System] = a.systemTicks;
  r[F.Instructions] = a.instructions;
  r[F.DataAccesses] = a.dataAccesses;
  r[F.DataHits] = a.dataL1Hits;
  r.set(a.cacheAccesses, F.Acc0);
  r.set(a.cacheHits, F.Hit0);
  r.set(a.l1Miss3C, F.Miss0);
  return r;
}

const ZERO = new Float64Array(F.Size);

/** Accesses and hits at one level in a window (a hit rate is NaN when there were no accesses). */
export interface LevelWindow {
  accesses: number;
  hits: number;
}

export function hitRate(l: LevelWindow): number {
  return l.accesses > 0 ? l.hits / l.accesses : Number.NaN;
}

/**
 * Figures over the ticks (from.tick, to.tick]. Every panel, batch line and JSON field that
 * shows a rate reads it from here, so a figure has one meaning wherever it appears. With
 * `from` null the window starts at tick 0.
 */
export class RateWindow {
  readonly from: Reading | null;
  readonly to: Reading;

  constructor(from: Reading | null, to: Reading) {
    this.from = from !== null && from.tick < to.tick ? from : null;
    this.to = to;
  }

  get tick(): number {
    return this.to.tick;
  }

  /** Ticks the window covers. */
  get span(): number {
    return this.to.tick - (this.from?.tick ?? 0);
  }

  /** Share of core `c`'s ticks that were busy or switching, 0–1. */
  coreUtilisation(c: number): number {
    const s = this.span;
    return s > 0 ? (this.to.cores[c] - (this.from?.cores[c] ?? 0)) / s : 0;
  }

  /** Cycles core `c` ran user code in the window (the divisor of the core's IPC). */
  coreUserCycles(c: number): number {
    return this.to.coreUser[c] - (this.from?.coreUser[c] ?? 0);
  }

  /** The pipeline's cumulative counters of core `c` at the start and the end (null: ideal CPU). */
  pipeline(c: number): { before: PipelineStats | null; after: PipelineStats } | null {
    const after = this.to.pipeline?.[c];
    if (after === undefined) return null;
    return { before: this.from?.pipeline?.[c] ?? null, after };
  }

  private delta(pid: number, f: F): number {
    const now = this.to.procs.get(pid);
    if (now === undefined) return 0;
    // A process created inside the window had nothing before it.
    const before = this.from?.procs.get(pid) ?? ZERO;
    return now[f] - before[f];
  }

  /** Share of one core the process used, 0–100 (top's %CPU). */
  cpuPercent(pid: number): number {
    const s = this.span;
    return s > 0 ? (100 * this.delta(pid, F.Cycles)) / s : 0;
  }

  /**
   * CPU time in the window of processes gone by its end, in percent of one core: with the
   * rows' %CPU it adds up to the cores' utilisation.
   */
  exitedPercent(): number {
    const s = this.span;
    if (s <= 0) return 0;
    let cycles = this.to.exitedCycles - (this.from?.exitedCycles ?? 0);
    // Of those, what they had used before the window began was not in it.
    if (this.from !== null)
      for (const [pid, r] of this.from.procs) if (!this.to.procs.has(pid)) cycles -= r[F.Cycles];
    return (100 * cycles) / s;
  }

  /** Instructions retired per cycle the process spent in user mode; NaN when it had none. */
  ipc(pid: number): number {
    const user = this.delta(pid, F.Cycles) - this.delta(pid, F.System);
    return user > 0 ? this.delta(pid, F.Instructions) / user : Number.NaN;
  }

  /** The process's accesses and hits at one level. */
  processLevel(pid: number, level: ProcessLevel): LevelWindow {
    const d = (f: F) => this.delta(pid, f);
    switch (level) {
      case "L1D":
        return { accesses: d(F.DataAccesses), hits: d(F.DataHits) };
      case "L1I":
        return {
          accesses: d(F.Acc0) - d(F.DataAccesses),
          hits: d(F.Hit0) - d(F.DataHits),
        };
      default: {
        const i = level === "L2" ? 1 : level === "L3" ? 2 : 3;
        return { accesses: d(F.Acc0 + i), hits: d(F.Hit0 + i) };
      }
    }
  }

  /** The process's misses at L1I or L1D by 3C class (all zero where the L1 does not classify). */
  processMisses(pid: number, level: "L1I" | "L1D"): MissSplit {
    const at = level === "L1I" ? F.Miss0 : F.Miss0 + 3;
    return {
      compulsory: this.delta(pid, at),
      capacity: this.delta(pid, at + 1),
      conflict: this.delta(pid, at + 2),
    };
  }

  /** The process's demand accesses by how far down they reached (L1I, L1D, then L2, L3, RAM). */
  processReach(pid: number): DemandReach {
    return {
      fetches: this.processLevel(pid, "L1I").accesses,
      data: this.processLevel(pid, "L1D").accesses,
      l2: this.processLevel(pid, "L2").accesses,
      l3: this.processLevel(pid, "L3").accesses,
      ram: this.processLevel(pid, "RAM").accesses,
    };
  }

  /** The process's average memory access time in cycles; NaN: no access, or the ideal CPU. */
  processAmat(pid: number): number {
    const c = this.to.caches;
    return c === null ? Number.NaN : amatOfReach(this.processReach(pid), c);
  }

  /** Machine-wide misses at level `i` by 3C class; null where the level does not classify. */
  machineMisses(i: number): MissSplit | null {
    const now = this.to.levels?.[i]?.miss3C;
    if (!now) return null;
    const before = this.from?.levels?.[i]?.miss3C;
    return {
      compulsory: now.compulsory - (before?.compulsory ?? 0),
      capacity: now.capacity - (before?.capacity ?? 0),
      conflict: now.conflict - (before?.conflict ?? 0),
    };
  }

  /** The machine's demand accesses by how far down they reached; null with the ideal CPU. */
  machineReach(): DemandReach | null {
    const d = this.demand();
    return d === null ? null : reachOf(d);
  }

  /** The machine's average memory access time in cycles (Hierarchy.amat over the window). */
  machineAmat(): number | null {
    const r = this.machineReach();
    const c = this.to.caches;
    return r === null || c === null ? null : amatOfReach(r, c);
  }

  /** Machine-wide accesses and hits at level `i` of Reading.levels; null with the ideal CPU. */
  machineLevel(i: number): LevelWindow | null {
    const now = this.to.levels;
    if (now === null) return null;
    const before = this.from?.levels?.[i];
    return {
      accesses: now[i].accesses - (before?.accesses ?? 0),
      hits: now[i].hits - (before?.hits ?? 0),
    };
  }

  /** Demand accesses in the window by where they were served (Hierarchy.amat takes them). */
  demand(): Float64Array | null {
    const now = this.to.demand;
    if (now === null) return null;
    const out = now.slice();
    const before = this.from?.demand;
    if (before) for (let i = 0; i < out.length; i++) out[i] -= before[i];
    return out;
  }

  /** Instructions retired per cycle of user time, over the processes in the table at the end. */
  machineIpc(): number {
    let instr = 0;
    let user = 0;
    for (const pid of this.to.procs.keys()) {
      instr += this.delta(pid, F.Instructions);
      user += this.delta(pid, F.Cycles) - this.delta(pid, F.System);
    }
    return user > 0 ? instr / user : Number.NaN;
  }
}
