// Stride scheduling (OSTEP ch. 9): the lowest pass runs; running adds stride = STRIDE_ONE / tickets.
import type { Pcb } from "../process.js";
import type { EnqueueReason, PolicyName, SchedPolicy } from "./policy.js";
import { RunTree } from "./runTree.js";

/** OSTEP's "large number" the strides divide: 100 tickets give a stride of 100. */
export const STRIDE_ONE = 10_000;

export function strideOf(p: Pcb): number {
  return STRIDE_ONE / p.tickets;
}

/**
 * Deterministic proportional share: each tick a process runs adds its stride to its pass, and
 * the ready process with the lowest pass (ties: the lower pid, as OSTEP's tables break them)
 * runs next, for at most a quantum. A process that arrives or wakes starts at the lowest pass
 * of the runnable ones (if its own is lower), so it cannot claim the CPU for the time it was away.
 */
export class StridePolicy implements SchedPolicy {
  readonly name: PolicyName = "stride";
  private tree = new RunTree();
  private quantum: number;
  /** The lowest pass among runnable processes when a tick was last run: where newcomers start. */
  private globalPass = 0;

  constructor(quantum: number) {
    this.quantum = quantum;
  }
  get size(): number {
    return this.tree.size;
  }
  enqueue(p: Pcb, why: EnqueueReason): void {
    if (why === "new") p.sched.pass = this.globalPass;
    else if (why === "wake" || why === "migrate")
      p.sched.pass = Math.max(p.sched.pass, this.globalPass);
    this.tree.insert(p, p.sched.pass, p.pid);
  }
  remove(p: Pcb): void {
    this.tree.remove(p);
  }
  pick(core: number): Pcb | null {
    const p = this.tree.firstFor(core);
    if (p === null) return null;
    this.tree.remove(p);
    if (p.sched.pass > this.globalPass) this.globalPass = p.sched.pass;
    return p;
  }
  ranTick(p: Pcb): boolean {
    // The lowest pass among the runnable (this one before its charge, the queue's first).
    const left = this.tree.min();
    const low = left !== null && left.sched.pass < p.sched.pass ? left.sched.pass : p.sched.pass;
    if (low > this.globalPass) this.globalPass = low;
    p.sched.pass += strideOf(p);
    return p.sched.quantumUsed >= this.quantum;
  }
  preempts(_p: Pcb, _r: Pcb): boolean {
    return false;
  }
  tick(): boolean {
    return false;
  }
  queued(): Pcb[] {
    return this.tree.toArray();
  }
  setQuantum(q: number): void {
    this.quantum = q;
  }
  clone(re: (p: Pcb) => Pcb): StridePolicy {
    const c = new StridePolicy(this.quantum);
    for (const p of this.tree.toArray()) {
      const q = re(p);
      c.tree.insert(q, q.sched.pass, q.pid);
    }
    c.globalPass = this.globalPass;
    return c;
  }
}
