// The scheduling-policy interface: which ready process runs next and when to preempt.
import type { Pcb } from "../process.js";

export type PolicyName = "fcfs" | "sjf" | "priority" | "rr" | "mlfq";
export const POLICY_NAMES: readonly PolicyName[] = ["fcfs", "sjf", "priority", "rr", "mlfq"];

/** Why a process joins the ready queue. */
export type EnqueueReason = "new" | "wake" | "preempt" | "yield";

export interface MlfqOptions {
  /** Number of queues; level 0 is the highest priority. */
  levels: number;
  /** Time slice per level (ticks). */
  quanta: number[];
  /** Ticks a process may use at a level before it is demoted. */
  allotments: number[];
  /** Every this many ticks all processes move to the top queue (0 = never). */
  boostInterval: number;
  /** After I/O, a process goes to the front of its queue instead of the back (mlfq.py -I). */
  ioToFront: boolean;
  /** Issuing I/O resets the process's allotment at its level (mlfq.py -S). */
  ioResetsAllotment: boolean;
}

export interface SchedOptions {
  quantum: number;
  mlfq: MlfqOptions;
}

/**
 * Policy only: the kernel's mechanism calls these at the right moments and performs
 * dispatch, preemption and context switches itself.
 */
export interface SchedPolicy {
  readonly name: PolicyName;
  readonly size: number;
  enqueue(p: Pcb, why: EnqueueReason): void;
  /** Takes a process out of the queue (it was stopped or killed while ready). */
  remove(p: Pcb): void;
  /** Removes and returns the process to run next, or null if none is ready. */
  pick(): Pcb | null;
  /** Called after `p` ran one tick on a core; true means its slice is over. */
  ranTick(p: Pcb): boolean;
  /** Whether ready process `p` should take the core from running process `r` now. */
  preempts(p: Pcb, r: Pcb): boolean;
  /** Called once per tick before dispatch; MLFQ boosts here. Returns true if it boosted. */
  tick(now: number, running: readonly (Pcb | null)[]): boolean;
  /** Processes in queue order (for views and snapshots). */
  queued(): Pcb[];
  setQuantum(q: number): void;
}
