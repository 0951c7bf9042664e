// Shared vocabulary of the pipelined CPU: stages, causes, counter layout, options, memory timing.

/** The five stages, in pipeline order (also the index into per-stage arrays). */
export const Stage = { IF: 0, ID: 1, EX: 2, MEM: 3, WB: 4 } as const;
export type Stage = (typeof Stage)[keyof typeof Stage];
export const STAGE_COUNT = 5;
export const STAGE_NAMES: readonly string[] = ["IF", "ID", "EX", "MEM", "WB"];

/** Where a branch (and `jr`) compares its operands and redirects fetch. */
export type BranchStage = "id" | "ex" | "mem";
export const BRANCH_STAGES: readonly BranchStage[] = ["id", "ex", "mem"];

/**
 * Why a stage holds no useful work. A bubble carries its cause down the pipeline, so when it
 * reaches WB the lost cycle is charged to what created it: cycles = retired + lost by cause.
 */
export const Cause = {
  /** A RAW hazard held an instruction in ID. */
  Data: 0,
  /** A fetch or a load/store waited on the memory hierarchy. */
  Memory: 1,
  /** A taken branch or jump squashed wrong-path instructions. */
  Branch: 2,
  /** The kernel stopped fetching to drain the core for a context switch. */
  Switch: 3,
  /** Fetch stopped behind a syscall or a faulting instruction until it reached WB. */
  Trap: 4,
  /** No process on the core. */
  Idle: 5,
} as const;
export type Cause = (typeof Cause)[keyof typeof Cause];
export const CAUSE_COUNT = 6;
export const CAUSE_NAMES: readonly string[] = [
  "data",
  "memory",
  "branch",
  "switch",
  "trap",
  "idle",
];

/** What a stage holds in a StageView. */
export const Slot = {
  /** Nothing: a bubble (see the cause). */
  Bubble: 0,
  /** A correct-path instruction doing its work. */
  Busy: 1,
  /** A correct-path instruction held in this stage by a stall (see the cause). */
  Stalled: 2,
  /** A wrong-path instruction fetched after a taken branch, not yet squashed. */
  WrongPath: 3,
  /** A squashed wrong-path instruction drifting to WB as a bubble. */
  Flushed: 4,
} as const;
export type Slot = (typeof Slot)[keyof typeof Slot];

/** Cache levels as the hierarchy reports them in `lastLevel`: L1, L2, L3, RAM. */
export const MEM_LEVELS = 4;

/** Kinds of memory access; numerically the same as the hierarchy's AccessKind. */
export const MemAccess = { Read: 0, Write: 1, Fetch: 2 } as const;
export type MemAccess = (typeof MemAccess)[keyof typeof MemAccess];

/**
 * The timing side of memory the pipeline needs (the cache Hierarchy implements it). `access`
 * returns the access's total latency in cycles and leaves in `lastLevel` the level that served
 * it (0 L1 .. 3 RAM). The stage's own cycle covers the first cycle of it, so an access of
 * latency L holds IF or MEM for max(0, L - 1) extra cycles: a 1-cycle L1 hit costs nothing,
 * as in the textbook pipeline, and a perfect memory may answer 0 or 1.
 */
export interface MemoryTiming {
  access(core: number, physAddr: number, kind: number): number;
  readonly lastLevel: number;
  /** For an access L1 missed: its 3C class, 1 compulsory, 2 capacity, 3 conflict (0: none). */
  readonly lastMiss3C: number;
}

/** A memory that never makes anyone wait: every access hits L1 within the stage's cycle. */
export class PerfectMemory implements MemoryTiming {
  lastLevel = 0;
  lastMiss3C = 0;
  access(_core: number, _physAddr: number, _kind: number): number {
    return 0;
  }
}

/**
 * Per-core counters, each a slot in one Float64Array (stride CTR_STRIDE per core). Counts
 * since construction; a window ("the last frame") is the difference from a mark.
 */
export const Ctr = {
  CYCLES: 0,
  RETIRED: 1,
  /** Cycles in which a hazard or a memory wait held some stage (at most 1 per cycle). */
  STALL_CYCLES: 2,
  /** Cycles an instruction was held in ID by a RAW hazard. */
  STALL_DATA: 3,
  /** Cycles a fetch or a load/store waited on memory. */
  STALL_MEMORY: 4,
  /** Wrong-path instruction slots squashed by taken branches and jumps. */
  FLUSHED: 5,
  /** Lost WB slots by Cause: LOST + cause. */
  LOST: 6,
  /** Accesses reaching each memory level: CACHE_ACCESS + level. */
  CACHE_ACCESS: 12,
  /** Accesses served by each memory level: CACHE_HIT + level. */
  CACHE_HIT: 16,
  /** Per stage STAGE_CTRS counters: STAGE + stage * STAGE_CTRS + StageCtr. */
  STAGE: 20,
} as const;

/** Per-stage counters: cycles by what the stage held. BUSY includes HELD. */
export const StageCtr = { BUSY: 0, HELD: 1, BUBBLE: 2, WRONG: 3 } as const;
export const STAGE_CTRS = 4;
export const CTR_STRIDE = Ctr.STAGE + STAGE_COUNT * STAGE_CTRS;

export interface PipelineOptions {
  /** Number of cores, 1 to 64. */
  cores: number;
  /** Forwarding EX/MEM and MEM/WB → EX (and → ID for branches resolved there). Default on. */
  forwarding?: boolean;
  /** Where branches and `jr` resolve. Default "ex". */
  branchStage?: BranchStage;
  /** Timing of fetches and loads/stores; null is a perfect memory that is not even asked. */
  memory?: MemoryTiming | null;
}

export const MAX_CORES = 64;
