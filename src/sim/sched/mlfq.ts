// Multi-level feedback queue (OSTEP's rules): top queue first, demote on used allotment, boost.
import type { Pcb } from "../process.js";
import { FifoQueue } from "./fifoQueue.js";
import type { EnqueueReason, MlfqOptions, PolicyName, SchedPolicy } from "./policy.js";

export class MlfqPolicy implements SchedPolicy {
  readonly name: PolicyName = "mlfq";
  readonly options: MlfqOptions;
  private queues: FifoQueue[];
  private lastBoost = 0;
  /** The slices and allotments it was built with: setQuantum scales these, so ratios never drift. */
  private readonly base: { quanta: readonly number[]; allotments: readonly number[] };

  constructor(options: MlfqOptions) {
    this.options = options;
    this.base = { quanta: options.quanta.slice(), allotments: options.allotments.slice() };
    this.queues = Array.from({ length: options.levels }, () => new FifoQueue());
  }

  get size(): number {
    let n = 0;
    for (const q of this.queues) n += q.size;
    return n;
  }
  enqueue(p: Pcb, why: EnqueueReason): void {
    if (why === "new") {
      p.sched.level = 0;
      p.sched.allotUsed = 0;
    }
    // mlfq.py -S: a process back from blocking (I/O) starts its level's allotment afresh.
    if (why === "wake" && this.options.ioResetsAllotment) p.sched.allotUsed = 0;
    const lvl = Math.min(p.sched.level, this.options.levels - 1);
    if (why === "wake" && this.options.ioToFront) this.queues[lvl].unshift(p);
    else this.queues[lvl].push(p);
  }
  remove(p: Pcb): void {
    for (const q of this.queues) if (q.remove(p)) return;
  }
  pick(core: number): Pcb | null {
    for (const q of this.queues) {
      const p = q.shiftFor(core);
      if (p !== null) return p;
    }
    return null;
  }
  /** Charges the tick to the level's allotment; demotes when it is used up. */
  ranTick(p: Pcb): boolean {
    const lvl = p.sched.level;
    p.sched.allotUsed++;
    if (p.sched.allotUsed >= this.options.allotments[lvl]) {
      if (lvl < this.options.levels - 1) {
        p.sched.level = lvl + 1;
      }
      p.sched.allotUsed = 0;
      return true;
    }
    return p.sched.quantumUsed >= this.options.quanta[lvl];
  }
  preempts(p: Pcb, r: Pcb): boolean {
    return p.sched.level < r.sched.level;
  }
  tick(now: number, running: readonly (Pcb | null)[]): boolean {
    const every = this.options.boostInterval;
    if (every <= 0 || now - this.lastBoost < every) return false;
    this.lastBoost = now;
    const all = this.queued();
    for (const q of this.queues) while (q.shift() !== null);
    for (const p of all) {
      p.sched.level = 0;
      p.sched.allotUsed = 0;
      this.queues[0].push(p);
    }
    for (const r of running) {
      if (r) {
        r.sched.level = 0;
        r.sched.allotUsed = 0;
      }
    }
    return true;
  }
  queued(): Pcb[] {
    return this.queues.flatMap((q) => q.toArray());
  }
  /**
   * Makes the top level's slice q and scales every level's slice and allotment by the same
   * factor from the configured ones (rounded, at least 1 tick): the levels keep their ratios,
   * so the queues still differ as they were meant to.
   */
  setQuantum(q: number): void {
    const scaled = mlfqScaled(this.base, q);
    for (let i = 0; i < this.options.levels; i++) {
      this.options.quanta[i] = scaled.quanta[i];
      this.options.allotments[i] = scaled.allotments[i];
    }
  }
  /** The same levels, slices (as scaled now), boost clock and queues. */
  clone(re: (p: Pcb) => Pcb): MlfqPolicy {
    const c = new MlfqPolicy({
      ...this.options,
      quanta: this.base.quanta.slice(),
      allotments: this.base.allotments.slice(),
    });
    for (let i = 0; i < this.options.levels; i++) {
      c.options.quanta[i] = this.options.quanta[i];
      c.options.allotments[i] = this.options.allotments[i];
    }
    c.queues = this.queues.map((q) => q.clone(re));
    c.lastBoost = this.lastBoost;
    return c;
  }
}

/** Slices and allotments scaled so the top level's slice is `top` (what setQuantum applies). */
export function mlfqScaled(
  base: { quanta: readonly number[]; allotments: readonly number[] },
  top: number,
): { quanta: number[]; allotments: number[] } {
  const f = top / base.quanta[0];
  const scale = (x: number) => Math.max(1, Math.round(x * f));
  return { quanta: base.quanta.map(scale), allotments: base.allotments.map(scale) };
}
