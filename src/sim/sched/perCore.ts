// Multi-queue scheduling: one run queue per core, each under its own policy, with migration.
import type { Pcb } from "../process.js";
import { allowedOn } from "./affinity.js";
import type { EnqueueReason, PolicyName, SchedPolicy } from "./policy.js";

/** The policy a kernel schedules with: under per-core queues, core 0's (they are all alike). */
export function basePolicy(p: SchedPolicy): SchedPolicy {
  return p instanceof PerCoreQueues ? p.queues[0] : p;
}

/** Why a process moved from one core's queue to another's. */
export type MigrationReason = "balance" | "steal" | "affinity";

/** Told of each migration (the kernel turns them into events). */
export type MigrationListener = (p: Pcb, from: number, to: number, why: MigrationReason) => void;

/**
 * A queue per core (OSTEP's MQMS, Linux's per-CPU runqueues). A new process goes to the least
 * loaded core its affinity allows; a process that wakes or is preempted returns to the core it
 * last ran on, where its working set may still be in the L1 and L2. Load (queued + running) is
 * evened out by periodic balancing, and a core with nothing to run may steal a waiting process;
 * either way the process meets cold private caches on its new core.
 */
export class PerCoreQueues implements SchedPolicy {
  readonly name: PolicyName;
  readonly queues: SchedPolicy[];
  /** The kernel's per-core running processes (rebound when a kernel is cloned). */
  running: readonly (Pcb | null)[];
  onMigrate: MigrationListener | null = null;
  /** Bumped whenever a queue gains or loses a process: a steal that found nothing waits for it. */
  private changes = 0;
  /** Per core, `changes` when its last steal found nothing to take (-1: none failed). */
  private readonly stealMissed: Float64Array;
  /** Queues a steal has looked in (kept to allocate nothing per try). */
  private readonly tried: Uint8Array;

  constructor(queues: SchedPolicy[], running: readonly (Pcb | null)[]) {
    this.queues = queues;
    this.name = queues[0].name;
    this.running = running;
    this.stealMissed = new Float64Array(queues.length).fill(-1);
    this.tried = new Uint8Array(queues.length);
  }

  get size(): number {
    let n = 0;
    for (const q of this.queues) n += q.size;
    return n;
  }

  /** Processes waiting in `core`'s queue. */
  sizeOf(core: number): number {
    return this.queues[core].size;
  }

  /** Runnable processes of `core`: its queue and the one on it. */
  loadOf(core: number): number {
    return this.queues[core].size + (this.running[core] !== null ? 1 : 0);
  }

  enqueue(p: Pcb, why: EnqueueReason): void {
    let c = why === "new" ? -1 : p.sched.lastCore;
    if (c < 0 || c >= this.queues.length || !allowedOn(p, c)) c = this.leastLoaded(p);
    p.sched.queue = c;
    this.queues[c].enqueue(p, why);
    this.changes++;
  }

  remove(p: Pcb): void {
    this.queues[p.sched.queue]?.remove(p);
    this.changes++;
  }

  pick(core: number): Pcb | null {
    return this.queues[core].pick(core);
  }

  ranTick(p: Pcb): boolean {
    return this.queues[p.core].ranTick(p);
  }

  /** Only the running process of the core whose queue `p` is in can be preempted for it. */
  preempts(p: Pcb, r: Pcb): boolean {
    return p.sched.queue === r.core && this.queues[r.core].preempts(p, r);
  }

  tick(now: number, running: readonly (Pcb | null)[]): boolean {
    let boosted = false;
    for (const q of this.queues) if (q.tick(now, running)) boosted = true;
    return boosted;
  }

  queued(): Pcb[] {
    const out: Pcb[] = [];
    for (const q of this.queues) for (const p of q.queued()) out.push(p);
    return out;
  }

  setQuantum(q: number): void {
    for (const x of this.queues) x.setQuantum(q);
  }

  reweight(p: Pcb, oldNice: number): void {
    this.queues[p.sched.queue]?.reweight?.(p, oldNice);
  }

  clone(re: (p: Pcb) => Pcb): PerCoreQueues {
    return new PerCoreQueues(
      this.queues.map((q) => q.clone(re)),
      this.running,
    );
  }

  /** A process's affinity changed: it may now be one a steal can take. */
  affinityChanged(): void {
    this.changes++;
  }

  /** Moves ready `p` to `to`'s queue. */
  migrate(p: Pcb, to: number, why: MigrationReason): void {
    const from = p.sched.queue;
    const src = this.queues[from];
    if (src.emigrate) src.emigrate(p);
    else src.remove(p);
    p.sched.queue = to;
    p.sched.migrations++;
    this.queues[to].enqueue(p, "migrate");
    this.changes++;
    this.onMigrate?.(p, from, to, why);
  }

  /**
   * An idle core with an empty queue takes a waiting process from the busiest queue that has
   * one its affinity lets run here: the one that would wait longest there. True if it stole.
   */
  steal(core: number): boolean {
    // Nothing joined or left a queue since the last try found nothing: it would find nothing again.
    if (this.stealMissed[core] === this.changes) return false;
    const tried = this.tried;
    tried.fill(0);
    tried[core] = 1;
    for (;;) {
      let best = -1;
      for (let c = 0; c < this.queues.length; c++) {
        if (tried[c] === 1 || this.queues[c].size === 0) continue;
        if (best < 0 || this.loadOf(c) > this.loadOf(best)) best = c;
      }
      if (best < 0) break;
      const p = this.movable(best, core);
      if (p !== null) {
        this.migrate(p, core, "steal");
        return true;
      }
      tried[best] = 1;
    }
    this.stealMissed[core] = this.changes;
    return false;
  }

  /**
   * Evens out the loads: while the busiest core has at least two more runnable processes than
   * the idlest, one waiting process moves from the one to the other (if its affinity allows).
   */
  balance(): void {
    const n = this.queues.length;
    for (let moves = 0; moves < 4 * n; moves++) {
      let hi = -1;
      let lo = -1;
      for (let c = 0; c < n; c++) {
        if (this.queues[c].size > 0 && (hi < 0 || this.loadOf(c) > this.loadOf(hi))) hi = c;
        if (lo < 0 || this.loadOf(c) < this.loadOf(lo)) lo = c;
      }
      if (hi < 0 || this.loadOf(hi) - this.loadOf(lo) < 2) return;
      const p = this.movable(hi, lo);
      if (p === null) return;
      this.migrate(p, lo, "balance");
    }
  }

  /** The last process in `from`'s queue order that may run on `to`, or null. */
  private movable(from: number, to: number): Pcb | null {
    const list = this.queues[from].queued();
    for (let i = list.length - 1; i >= 0; i--) if (allowedOn(list[i], to)) return list[i];
    return null;
  }

  /** The allowed core with the fewest runnable processes (lowest number on ties). */
  private leastLoaded(p: Pcb): number {
    let best = -1;
    for (let c = 0; c < this.queues.length; c++) {
      if (!allowedOn(p, c)) continue;
      if (best < 0 || this.loadOf(c) < this.loadOf(best)) best = c;
    }
    return Math.max(0, best);
  }
}
