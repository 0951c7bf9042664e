// The contract between the kernel and a CPU model (ideal or pipelined): what runs on a core.
import type { DataMemory, Trap } from "./exec.js";

/** Per-process counters a CPU model adds to (the PCB's accounting implements this). */
export interface HartAccounting {
  /** Instructions retired. */
  instructions: number;
  /** Cycles spent holding a core (including stalls). */
  cycles: number;
  /** Cycles the pipeline stalled on this process's behalf (hazards, memory). */
  stallCycles: number;
  /** Per cache level (L1, L2, L3, RAM): accesses that reached the level. */
  cacheAccesses: Float64Array;
  /** Per cache level: accesses that hit there (RAM always hits). */
  cacheHits: Float64Array;
  /** Loads and stores only (no instruction fetches): how many, and how many hit in L1D. */
  dataAccesses: number;
  dataL1Hits: number;
  /** L1 misses by 3C class: L1I compulsory, capacity, conflict, then L1D's (L1_MISS_SLOTS). */
  l1Miss3C: Float64Array;
}

/** Slots of HartAccounting.l1Miss3C: three classes for L1I, then three for L1D. */
export const L1_MISS_SLOTS = 6;

/** Zeroed counters for a hart that has no PCB behind it (labs, benchmarks, tests). */
export function emptyAccounting(levels = 4): HartAccounting {
  return {
    instructions: 0,
    cycles: 0,
    stallCycles: 0,
    cacheAccesses: new Float64Array(levels),
    cacheHits: new Float64Array(levels),
    dataAccesses: 0,
    dataL1Hits: 0,
    l1Miss3C: new Float64Array(L1_MISS_SLOTS),
  };
}

/** What a core runs: the architectural state of one process, seen through a narrow window. */
export interface Hart {
  readonly pid: number;
  regs: Int32Array;
  pc: number;
  /** The current image's encoded instructions (cpu/isa.ts). */
  code: Int32Array;
  mem: DataMemory;
  acct: HartAccounting;
}

export type CpuModelKind = "ideal" | "pipeline";

export interface CpuModel {
  readonly kind: CpuModelKind;
  /**
   * Advances `core` by one cycle running `hart` (null: the core idles or is switching).
   * `fetch` false asks the model to fetch nothing new (the kernel wants the core drained for a
   * switch). Returns the Trap of the instruction that completed this cycle: Syscall means the
   * kernel must now perform the call (hart.pc already points past it); Fault and BadPc leave
   * hart.pc at the offending instruction.
   */
  cycle(core: number, hart: Hart | null, fetch: boolean): Trap;
  /** True when no instruction is in flight on `core`, so the kernel may switch processes. */
  drained(core: number): boolean;
  /** Discards everything in flight on `core` (its process was killed or is being replaced). */
  flush(core: number): void;
  /** A deep copy, for the store's snapshots. */
  clone(): CpuModel;
}
