// Priority scheduling by nice value (lower runs first), preemptive; round robin among equals.
import type { Pcb } from "../process.js";
import { allowedOn } from "./affinity.js";
import type { EnqueueReason, PolicyName, SchedPolicy } from "./policy.js";

export class PriorityPolicy implements SchedPolicy {
  readonly name: PolicyName = "priority";
  private readonly ready: Pcb[] = [];
  private quantum: number;
  private seq = 0;

  constructor(quantum: number) {
    this.quantum = quantum;
  }
  get size(): number {
    return this.ready.length;
  }
  enqueue(p: Pcb, _why: EnqueueReason): void {
    p.sched.seq = this.seq++;
    this.ready.push(p);
  }
  remove(p: Pcb): void {
    const i = this.ready.indexOf(p);
    if (i >= 0) this.ready.splice(i, 1);
  }
  /** The best ready process allowed on `core` (-1: any core), by index. */
  private bestIndex(core: number): number {
    let best = -1;
    for (let i = 0; i < this.ready.length; i++) {
      const a = this.ready[i];
      if (core >= 0 && !allowedOn(a, core)) continue;
      if (best < 0) {
        best = i;
        continue;
      }
      const b = this.ready[best];
      if (a.nice < b.nice || (a.nice === b.nice && a.sched.seq < b.sched.seq)) best = i;
    }
    return best;
  }
  pick(core: number): Pcb | null {
    const i = this.bestIndex(core);
    return i < 0 ? null : this.ready.splice(i, 1)[0];
  }
  /** The slice ends only if someone of equal or better priority is waiting. */
  ranTick(p: Pcb): boolean {
    if (p.sched.quantumUsed < this.quantum) return false;
    const i = this.bestIndex(p.core);
    return i >= 0 && this.ready[i].nice <= p.nice;
  }
  preempts(p: Pcb, r: Pcb): boolean {
    return p.nice < r.nice;
  }
  tick(): boolean {
    return false;
  }
  queued(): Pcb[] {
    return this.ready.slice().sort((a, b) => a.nice - b.nice || a.sched.seq - b.sched.seq);
  }
  setQuantum(q: number): void {
    this.quantum = q;
  }
  clone(re: (p: Pcb) => Pcb): PriorityPolicy {
    const c = new PriorityPolicy(this.quantum);
    for (const p of this.ready) c.ready.push(re(p));
    c.seq = this.seq;
    return c;
  }
}
