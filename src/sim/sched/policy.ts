// The scheduling-policy interface: which ready process runs next and when to preempt.
import type { Pcb } from "../process.js";

export type PolicyName = "fcfs" | "sjf" | "priority" | "rr" | "mlfq" | "lottery" | "stride" | "cfs";
export const POLICY_NAMES: readonly PolicyName[] = [
  "fcfs",
  "sjf",
  "priority",
  "rr",
  "mlfq",
  "lottery",
  "stride",
  "cfs",
];

/** Why a process joins a ready queue; `migrate`: moved from another core's queue. */
export type EnqueueReason = "new" | "wake" | "preempt" | "yield" | "migrate";

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

/** Linux CFS's tunables, in ticks (sysctl_sched_latency, sched_min_granularity, wakeup_granularity). */
export interface CfsOptions {
  /** Every runnable task runs once within this period while there are few of them. */
  targetLatency: number;
  /** No slice is shorter; with more than targetLatency / minGranularity tasks the period grows. */
  minGranularity: number;
  /** A waking task preempts only if it is this far (weighted) behind the running one. */
  wakeupGranularity: number;
}

export interface SchedOptions {
  quantum: number;
  mlfq: MlfqOptions;
  cfs: CfsOptions;
  /** Seeds the lottery's draws. */
  seed: number;
}

/**
 * Policy only: the kernel's mechanism calls these at the right moments and performs
 * dispatch, preemption and context switches itself.
 */
export interface SchedPolicy {
  readonly name: PolicyName;
  readonly size: number;
  enqueue(p: Pcb, why: EnqueueReason): void;
  /** Takes a process out of the queue (it was stopped, killed, or moves to another queue). */
  remove(p: Pcb): void;
  /** Removes and returns the process to run next on `core` (one its affinity allows), or null. */
  pick(core: number): Pcb | null;
  /** Called after `p` ran one tick on a core; true means its slice is over. */
  ranTick(p: Pcb): boolean;
  /** Whether ready process `p` should take the core from running process `r` now. */
  preempts(p: Pcb, r: Pcb): boolean;
  /** Called once per tick before dispatch; MLFQ boosts here. Returns true if it boosted. */
  tick(now: number, running: readonly (Pcb | null)[]): boolean;
  /** Processes in queue order (for views and snapshots). */
  queued(): Pcb[];
  setQuantum(q: number): void;
  /**
   * A deep copy whose queues hold the processes `re` maps each one to (a kernel snapshot):
   * the same kind of policy with the same options, clocks and order.
   */
  clone(re: (p: Pcb) => Pcb): SchedPolicy;
  /** A queued process's nice value changed (CFS keeps the queue's total weight). */
  reweight?(p: Pcb, oldNice: number): void;
  /** Takes a process out to move it to another core's queue (CFS makes its vruntime relative). */
  emigrate?(p: Pcb): void;
}
