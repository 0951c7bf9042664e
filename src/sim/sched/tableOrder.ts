// Process-table order, as xv6's scheduler scans it: the next ready pid after the one that ran last.
import type { Pcb } from "../process.js";
import type { EnqueueReason, PolicyName, SchedPolicy } from "./policy.js";

export interface TableOrderOptions {
  /** Uniprogramming: a process that blocks keeps the CPU, which idles until it can go on. */
  holdOnBlock: boolean;
  /** A process whose I/O completes takes the CPU at once, preempting whoever runs. */
  wakePreempts: boolean;
}

/**
 * Non-preemptive like FCFS (a process runs until it blocks or exits), but the next process is
 * found by scanning the process table on from the last one to run, wrapping around, as OSTEP's
 * process-run.py and xv6 do. The choice is made when the CPU falls free, so a process whose I/O
 * completes in the tick the CPU is handed on waits for its turn unless nobody else is ready.
 */
export class TableOrderPolicy implements SchedPolicy {
  readonly name: PolicyName = "fcfs";
  readonly options: TableOrderOptions;
  /** Ready processes, by pid. */
  private ready: Pcb[] = [];
  private last: Pcb | null = null;
  /** The process that must run next (wakePreempts). */
  private urgent: Pcb | null = null;
  /** Woken since the last tick() call, and woken in the current tick. */
  private waking: Pcb[] = [];
  private woken: Pcb[] = [];

  constructor(options: TableOrderOptions) {
    this.options = options;
  }

  get size(): number {
    return this.ready.length;
  }

  enqueue(p: Pcb, why: EnqueueReason): void {
    this.ready.splice(this.firstAbove(p.pid - 1), 0, p);
    if (why === "wake") {
      this.waking.push(p);
      if (this.options.wakePreempts) this.urgent = p;
    }
  }

  remove(p: Pcb): void {
    const i = this.firstAbove(p.pid - 1);
    if (this.ready[i] === p) this.ready.splice(i, 1);
  }

  pick(): Pcb | null {
    const urgent = this.urgent;
    this.urgent = null;
    if (urgent !== null && this.has(urgent)) return this.take(urgent);
    const last = this.last;
    if (this.options.holdOnBlock && last !== null && last.state !== "zombie") {
      return this.has(last) ? this.take(last) : null;
    }
    if (this.ready.length === 0) return null;
    const from = last === null ? -1 : last.pid;
    const start = this.firstAbove(from);
    const n = this.ready.length;
    for (let k = 0; k < n; k++) {
      const p = this.ready[(start + k) % n];
      if (!this.woken.includes(p)) return this.take(p);
    }
    // Only processes woken this tick: the first in table order.
    return this.take(this.ready[0]);
  }

  ranTick(_p: Pcb): boolean {
    return false;
  }

  preempts(p: Pcb, _r: Pcb): boolean {
    return this.options.wakePreempts && p === this.urgent;
  }

  tick(): boolean {
    this.woken = this.waking;
    this.waking = [];
    return false;
  }

  queued(): Pcb[] {
    return this.ready.slice();
  }

  setQuantum(_q: number): void {}

  clone(re: (p: Pcb) => Pcb): TableOrderPolicy {
    const c = new TableOrderPolicy({ ...this.options });
    c.ready = this.ready.map(re);
    c.last = this.last === null ? null : re(this.last);
    c.urgent = this.urgent === null ? null : re(this.urgent);
    c.waking = this.waking.map(re);
    c.woken = this.woken.map(re);
    return c;
  }

  /** Index of the first ready process with pid > `pid`. */
  private firstAbove(pid: number): number {
    let lo = 0;
    let hi = this.ready.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ready[mid].pid <= pid) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private has(p: Pcb): boolean {
    return this.ready[this.firstAbove(p.pid - 1)] === p;
  }

  private take(p: Pcb): Pcb {
    this.remove(p);
    this.last = p;
    return p;
  }
}
