// Shortest job first (non-preemptive): the shortest predicted CPU burst runs next.
import type { Pcb } from "../process.js";
import { allowedOn } from "./affinity.js";
import type { EnqueueReason, PolicyName, SchedPolicy } from "./policy.js";

/** Scans for the best candidate; ready queues are short next to the ticks between picks. */
export class SjfPolicy implements SchedPolicy {
  readonly name: PolicyName = "sjf";
  private readonly ready: Pcb[] = [];

  get size(): number {
    return this.ready.length;
  }
  enqueue(p: Pcb, _why: EnqueueReason): void {
    this.ready.push(p);
  }
  remove(p: Pcb): void {
    const i = this.ready.indexOf(p);
    if (i >= 0) this.ready.splice(i, 1);
  }
  pick(core: number): Pcb | null {
    let best = -1;
    for (let i = 0; i < this.ready.length; i++) {
      const a = this.ready[i];
      if (!allowedOn(a, core)) continue;
      if (best < 0) {
        best = i;
        continue;
      }
      const b = this.ready[best];
      // Ties go to the earlier-created process (lower pid), as textbook SJF breaks them by job id.
      if (
        a.sched.estimate < b.sched.estimate ||
        (a.sched.estimate === b.sched.estimate && a.pid < b.pid)
      )
        best = i;
    }
    return best < 0 ? null : this.ready.splice(best, 1)[0];
  }
  ranTick(_p: Pcb): boolean {
    return false;
  }
  preempts(_p: Pcb, _r: Pcb): boolean {
    return false;
  }
  tick(): boolean {
    return false;
  }
  queued(): Pcb[] {
    return this.ready.slice();
  }
  setQuantum(_q: number): void {}
  clone(re: (p: Pcb) => Pcb): SjfPolicy {
    const c = new SjfPolicy();
    for (const p of this.ready) c.ready.push(re(p));
    return c;
  }
}
