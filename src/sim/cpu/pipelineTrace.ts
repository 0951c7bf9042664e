// Optional per-instruction timing of the pipeline (for the lab's diagram), off the hot path.
import type { Trap } from "./exec.js";

/**
 * When one dynamic instruction was in each stage, as core cycle numbers (the first cycle() call
 * on a core is cycle 1; 0 means never). `first` is the cycle it entered the stage, `last` the
 * cycle it was last there (it moved on at the end of it); they differ when it was held.
 */
export interface TimingEntry {
  /** Fetch order on the core, from 0, counting wrong-path fetches too. */
  readonly seq: number;
  readonly core: number;
  readonly pid: number;
  /** Instruction index in the code array; -1 for a fetch from a bad pc. */
  readonly index: number;
  readonly pc: number;
  /** A wrong-path instruction squashed by a taken branch or jump (never executed). */
  readonly flushed: boolean;
  /** The trap it raised at WB (Trap.None for most). */
  readonly trap: Trap;
  readonly first: readonly number[];
  readonly last: readonly number[];
}

/** Receives an entry when an instruction leaves the pipeline: retired at WB, or squashed. */
export interface PipelineRecorder {
  record(entry: TimingEntry): void;
}

/** The simplest recorder: keeps every entry in order of leaving. */
export class TimingLog implements PipelineRecorder {
  readonly entries: TimingEntry[] = [];
  record(entry: TimingEntry): void {
    this.entries.push(entry);
  }
}
