// Read side of the pipeline for dashboards: per-core statistics and a per-stage view.
import {
  CAUSE_COUNT,
  Cause,
  Ctr,
  MEM_LEVELS,
  STAGE_COUNT,
  STAGE_CTRS,
  StageCtr,
} from "./pipelineDefs.js";

export interface StageStats {
  /** Cycles holding a correct-path instruction (including held ones). */
  busy: number;
  /** Of those, cycles the instruction was held there by a stall. */
  held: number;
  bubble: number;
  /** Cycles holding a wrong-path or squashed instruction. */
  wrong: number;
  /** busy / cycles. */
  occupancy: number;
}

export interface PipelineStats {
  cycles: number;
  retired: number;
  /** retired / cycles (0 when no cycle ran). */
  ipc: number;
  /** cycles / retired (0 when nothing retired). */
  cpi: number;
  /** Cycles in which a hazard or a memory wait held some stage. */
  stallCycles: number;
  /** Stall cycles by kind: ID held by a RAW hazard; fetch or load/store waiting on memory. */
  stalls: { data: number; memory: number };
  /**
   * Bubble cycles by cause: WB slots that retired nothing, charged to what made the bubble.
   * cycles = retired + the sum of these.
   */
  bubbles: {
    data: number;
    memory: number;
    branch: number;
    switch: number;
    trap: number;
    idle: number;
  };
  /** Wrong-path instruction slots squashed by taken branches and jumps. */
  flushed: number;
  /** Per memory level (L1, L2, L3, RAM): accesses reaching it and accesses it served. */
  cacheAccesses: number[];
  cacheHits: number[];
  /** IF, ID, EX, MEM, WB. */
  stages: StageStats[];
}

/** Builds stats from a core's counters, minus an optional earlier copy of them (a window). */
export function readStats(
  ctr: Float64Array,
  base: number,
  mark: Float64Array | null,
): PipelineStats {
  const at = (i: number): number => ctr[base + i] - (mark === null ? 0 : mark[base + i]);
  const cycles = at(Ctr.CYCLES);
  const retired = at(Ctr.RETIRED);
  const lost: number[] = [];
  for (let c = 0; c < CAUSE_COUNT; c++) lost.push(at(Ctr.LOST + c));
  const cacheAccesses: number[] = [];
  const cacheHits: number[] = [];
  for (let l = 0; l < MEM_LEVELS; l++) {
    cacheAccesses.push(at(Ctr.CACHE_ACCESS + l));
    cacheHits.push(at(Ctr.CACHE_HIT + l));
  }
  const stages: StageStats[] = [];
  for (let s = 0; s < STAGE_COUNT; s++) {
    const b = Ctr.STAGE + s * STAGE_CTRS;
    const busy = at(b + StageCtr.BUSY);
    stages.push({
      busy,
      held: at(b + StageCtr.HELD),
      bubble: at(b + StageCtr.BUBBLE),
      wrong: at(b + StageCtr.WRONG),
      occupancy: cycles > 0 ? busy / cycles : 0,
    });
  }
  return {
    cycles,
    retired,
    ipc: cycles > 0 ? retired / cycles : 0,
    cpi: retired > 0 ? cycles / retired : 0,
    stallCycles: at(Ctr.STALL_CYCLES),
    stalls: { data: at(Ctr.STALL_DATA), memory: at(Ctr.STALL_MEMORY) },
    bubbles: {
      data: lost[Cause.Data],
      memory: lost[Cause.Memory],
      branch: lost[Cause.Branch],
      switch: lost[Cause.Switch],
      trap: lost[Cause.Trap],
      idle: lost[Cause.Idle],
    },
    flushed: at(Ctr.FLUSHED),
    cacheAccesses,
    cacheHits,
    stages,
  };
}

/**
 * What each stage of one core holds in the last simulated cycle, filled by
 * PipelinedCpu.stageView into caller-owned arrays so a dashboard can poll it every frame.
 */
export class StageView {
  /** Slot.* per stage. */
  readonly slot = new Uint8Array(STAGE_COUNT);
  /** Cause.* of a bubble or a stall; -1 otherwise. */
  readonly cause = new Int8Array(STAGE_COUNT);
  /** Owner pid of the instruction; -1 for a bubble. */
  readonly pid = new Int32Array(STAGE_COUNT);
  /** Instruction index in its code array; -1 for a bubble or a bad pc. */
  readonly index = new Int32Array(STAGE_COUNT);
}
