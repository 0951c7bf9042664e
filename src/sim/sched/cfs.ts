// Linux's Completely Fair Scheduler: the runnable task with the least weighted virtual runtime runs.
import type { Pcb } from "../process.js";
import type { CfsOptions, EnqueueReason, PolicyName, SchedPolicy } from "./policy.js";
import { RunTree } from "./runTree.js";

/** The kernel's sched_prio_to_weight (kernel/sched/core.c): nice -20 … 19; each step is ~1.25×. */
export const SCHED_PRIO_TO_WEIGHT: readonly number[] = [
  /* -20 */ 88761, 71755, 56483, 46273, 36291, /* -15 */ 29154, 23254, 18705, 14949, 11916,
  /* -10 */ 9548, 7620, 6100, 4904, 3906, /*  -5 */ 3121, 2501, 1991, 1586, 1277, /*   0 */ 1024,
  820, 655, 526, 423, /*   5 */ 335, 272, 215, 172, 137, /*  10 */ 110, 87, 70, 56, 45,
  /*  15 */ 36, 29, 23, 18, 15,
];

/** NICE_0_LOAD: the weight of a nice-0 task; vruntime advances at wall-clock speed for it. */
export const NICE_0_LOAD = 1024;

/**
 * vruntime is kept in 1/1024 ticks, as integers: a tick run adds 1024 · NICE_0_LOAD / weight
 * (calc_delta_fair with a tick of 1024 units), rounded down.
 */
export const VTICK = 1024;
const VRUNTIME_PER_TICK = SCHED_PRIO_TO_WEIGHT.map((w) => Math.floor((VTICK * NICE_0_LOAD) / w));

export function weightOf(nice: number): number {
  return SCHED_PRIO_TO_WEIGHT[nice + 20];
}

export const DEFAULT_CFS: CfsOptions = {
  targetLatency: 240,
  minGranularity: 30,
  wakeupGranularity: 40,
};

/**
 * A red-black tree of the waiting tasks ordered by vruntime (equal ones in arrival order), its
 * total weight, and min_vruntime, which only ever grows. The task on the core is not in the tree,
 * as in Linux. A slice is the period (the target latency, or minGranularity per task when there
 * are more than targetLatency / minGranularity) shared by weight; a task leaves the core when it
 * has used its slice, or, past the minimum granularity, when it is a slice ahead of the leftmost
 * (check_preempt_tick; a slice ends at its length here, Linux's `>` one tick later). A new task
 * starts at min_vruntime (Linux's START_DEBIT, which adds a slice on top, is left off); a waking
 * one at no less than
 * min_vruntime minus half the target latency (place_entity's sleeper credit); a waking task
 * preempts when it is more than the wakeup granularity behind (check_preempt_wakeup).
 */
export class CfsPolicy implements SchedPolicy {
  readonly name: PolicyName = "cfs";
  readonly options: CfsOptions;
  private tree = new RunTree();
  /** Total weight of the queued tasks (cfs_rq->load without the running task). */
  private load = 0;
  private minV = 0;
  /** Arrival order among equal vruntimes. */
  private seq = 0;

  constructor(options: CfsOptions) {
    this.options = { ...options };
  }

  get size(): number {
    return this.tree.size;
  }

  /** min_vruntime, in 1/1024 ticks. */
  get minVruntime(): number {
    return this.minV;
  }

  enqueue(p: Pcb, why: EnqueueReason): void {
    const s = p.sched;
    if (why === "new") s.vruntime = this.minV;
    else if (why === "wake") {
      const credit = (this.options.targetLatency * VTICK) / 2;
      s.vruntime = Math.max(s.vruntime, this.minV - credit);
    } else if (why === "migrate") s.vruntime += this.minV;
    else if (why === "yield") {
      // sched_yield: behind the leftmost waiting task, if it was ahead of it.
      const left = this.tree.min();
      if (left !== null) s.vruntime = Math.max(s.vruntime, left.sched.vruntime);
    }
    s.weight = weightOf(p.nice);
    this.load += s.weight;
    this.tree.insert(p, s.vruntime, this.seq++);
  }

  remove(p: Pcb): void {
    if (this.tree.remove(p)) this.load -= p.sched.weight;
  }

  /** Leaves for another core's queue: vruntime relative to this queue's min_vruntime. */
  emigrate(p: Pcb): void {
    this.remove(p);
    p.sched.vruntime -= this.minV;
  }

  pick(core: number): Pcb | null {
    const p = this.tree.firstFor(core);
    if (p === null) return null;
    this.remove(p);
    this.updateMin(p.sched.vruntime);
    return p;
  }

  /** The slice `p` gets now, in ticks (sched_slice), the task on the core counted in. */
  slice(p: Pcb): number {
    const o = this.options;
    const nr = this.tree.size + 1;
    const w = weightOf(p.nice);
    const period =
      nr > Math.floor(o.targetLatency / o.minGranularity) ? nr * o.minGranularity : o.targetLatency;
    return (period * w) / (this.load + w);
  }

  ranTick(p: Pcb): boolean {
    p.sched.vruntime += VRUNTIME_PER_TICK[p.nice + 20];
    this.updateMin(p.sched.vruntime);
    const ran = p.sched.quantumUsed;
    const ideal = this.slice(p);
    if (ran >= ideal) return true;
    if (ran < this.options.minGranularity) return false;
    const left = this.tree.min();
    return left !== null && p.sched.vruntime - left.sched.vruntime > ideal * VTICK;
  }

  preempts(p: Pcb, r: Pcb): boolean {
    const gran = Math.floor(
      (this.options.wakeupGranularity * VTICK * NICE_0_LOAD) / weightOf(p.nice),
    );
    return r.sched.vruntime - p.sched.vruntime > gran;
  }

  tick(): boolean {
    return false;
  }

  queued(): Pcb[] {
    return this.tree.toArray();
  }

  /** The quantum key sets the target latency (the minimum granularity keeps its ratio to it). */
  setQuantum(q: number): void {
    const o = this.options;
    const ratio = o.minGranularity / o.targetLatency;
    o.targetLatency = q;
    o.minGranularity = Math.max(1, Math.round(q * ratio));
  }

  reweight(p: Pcb, _oldNice: number): void {
    if (!this.tree.has(p)) return;
    const w = weightOf(p.nice);
    this.load += w - p.sched.weight;
    p.sched.weight = w;
  }

  clone(re: (p: Pcb) => Pcb): CfsPolicy {
    const c = new CfsPolicy(this.options);
    for (const p of this.tree.toArray()) {
      const q = re(p);
      c.tree.insert(q, q.sched.vruntime, c.seq++);
    }
    c.load = this.load;
    c.minV = this.minV;
    c.seq = Math.max(c.seq, this.seq);
    return c;
  }

  /** min_vruntime follows the smallest of `v` (the running task's) and the leftmost, never back. */
  private updateMin(v: number): void {
    const left = this.tree.min();
    const m = left !== null && left.sched.vruntime < v ? left.sched.vruntime : v;
    if (m > this.minV) this.minV = m;
  }
}
