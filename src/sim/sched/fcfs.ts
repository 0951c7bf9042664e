// First come, first served: run in arrival order, never preempt.
import type { Pcb } from "../process.js";
import { FifoQueue } from "./fifoQueue.js";
import type { EnqueueReason, PolicyName, SchedPolicy } from "./policy.js";

export class FcfsPolicy implements SchedPolicy {
  readonly name: PolicyName = "fcfs";
  protected queue = new FifoQueue();

  get size(): number {
    return this.queue.size;
  }
  enqueue(p: Pcb, _why: EnqueueReason): void {
    this.queue.push(p);
  }
  remove(p: Pcb): void {
    this.queue.remove(p);
  }
  pick(core: number): Pcb | null {
    return this.queue.shiftFor(core);
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
    return this.queue.toArray();
  }
  setQuantum(_q: number): void {}
  clone(re: (p: Pcb) => Pcb): FcfsPolicy {
    const c = this.fresh();
    c.queue = this.queue.clone(re);
    return c;
  }
  /** An empty policy of the same kind and options (clone fills its queue). */
  protected fresh(): FcfsPolicy {
    return new FcfsPolicy();
  }
}
