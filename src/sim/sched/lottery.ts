// Lottery scheduling (OSTEP ch. 9): each slice goes to a ticket drawn at random among the ready.
import type { Pcb } from "../process.js";
import { Rng } from "../rng.js";
import { allowedOn } from "./affinity.js";
import type { EnqueueReason, PolicyName, SchedPolicy } from "./policy.js";

/** Removes ready[i] keeping the order, without the array splice returns. */
export function removeAt(list: Pcb[], i: number): Pcb {
  const p = list[i];
  for (let j = i; j < list.length - 1; j++) list[j] = list[j + 1];
  list.pop();
  return p;
}

/**
 * A process wins a slice with probability tickets / tickets of all ready processes (those its
 * affinity lets run on the core), so over many slices its share of the CPU approaches that
 * ratio; over a few it may be far off. The draw walks the list as lottery.py does: a counter
 * sums tickets until it passes the winning number.
 */
export class LotteryPolicy implements SchedPolicy {
  readonly name: PolicyName = "lottery";
  private ready: Pcb[] = [];
  private quantum: number;
  private rng: Rng;

  constructor(quantum: number, seed: number) {
    this.quantum = quantum;
    this.rng = new Rng(seed);
  }
  get size(): number {
    return this.ready.length;
  }
  enqueue(p: Pcb, _why: EnqueueReason): void {
    this.ready.push(p);
  }
  remove(p: Pcb): void {
    const i = this.ready.indexOf(p);
    if (i >= 0) removeAt(this.ready, i);
  }
  pick(core: number): Pcb | null {
    let total = 0;
    for (const p of this.ready) if (allowedOn(p, core)) total += p.tickets;
    if (total === 0) return null;
    const winner = this.rng.below(total);
    let counter = 0;
    for (let i = 0; i < this.ready.length; i++) {
      const p = this.ready[i];
      if (!allowedOn(p, core)) continue;
      counter += p.tickets;
      if (counter > winner) return removeAt(this.ready, i);
    }
    return null;
  }
  ranTick(p: Pcb): boolean {
    return p.sched.quantumUsed >= this.quantum;
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
  setQuantum(q: number): void {
    this.quantum = q;
  }
  clone(re: (p: Pcb) => Pcb): LotteryPolicy {
    const c = new LotteryPolicy(this.quantum, 0);
    c.rng = this.rng.clone();
    c.ready = this.ready.map(re);
    return c;
  }
}
