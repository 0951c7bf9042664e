// MLFQ with the exact rules of OSTEP's mlfq.py simulator, for labs that must match its answers.
import type { Pcb } from "../process.js";
import type { EnqueueReason, PolicyName, SchedPolicy } from "./policy.js";

export interface OstepMlfqOptions {
  /** Slice length per level, top level first (ticks). */
  quanta: number[];
  /** Slices a process may use at a level before it is demoted, top level first. */
  allotments: number[];
  /** Every this many ticks (0 = never) every process moves to the top level. */
  boostInterval: number;
  /** A process whose I/O completes goes to the front of its queue (mlfq.py -I). */
  ioToFront: boolean;
  /** Issuing I/O gives a fresh slice and allotment at the same level (mlfq.py -S). */
  ioResetsAllotment: boolean;
}

interface JobState {
  p: Pcb;
  level: number;
  /** Ticks left in the current slice: it survives preemption and I/O. */
  ticksLeft: number;
  /** Slices left at this level. */
  allotLeft: number;
}

/** How a charged tick left its job. */
export type TickEnd = "runs" | "blocks" | "exits";

/** What the policy tells an observer (the lab's per-tick trace). */
export interface OstepMlfqObserver {
  /**
   * A tick was charged to `p` at `level` (0 = top): the slice's ticks left after it and the
   * allotment left before the slice's end is counted, and whether the job ran on, issued an
   * I/O or ended with it. Charges come in the order of the ticks.
   */
  charged(p: Pcb, level: number, ticksLeft: number, allotLeft: number, after: TickEnd): void;
  /** Every job went back to the top level. */
  boosted(): void;
  /** `p`'s I/O completed and it joined its queue. */
  woke(p: Pcb): void;
}

interface Arrival {
  p: Pcb;
  why: EnqueueReason;
}

/**
 * mlfq.py keeps the running job at the head of its queue: the head of the highest non-empty
 * queue runs each tick, so a preempted job keeps its place and its part-used slice. This policy
 * keeps the same queues (the process on the core included) and tells the kernel to switch
 * whenever the head changes. Its quirks are kept on purpose: allotments count slices, a boost
 * appends the lower queues lowest first, gives every job the top level's slice and allotment,
 * and happens before the tick's arrivals and I/O completions.
 */
export class OstepMlfqPolicy implements SchedPolicy {
  readonly name: PolicyName = "mlfq";
  readonly options: OstepMlfqOptions;
  private queues: Pcb[][];
  private jobs = new Map<number, JobState>();
  /** The process handed to the core (it stays in its queue while it runs). */
  private current: Pcb | null = null;
  /** Joined since the last tick() call: this tick's arrivals and I/O completions. */
  private arrivals: Arrival[] = [];
  /** Told of every charged tick and boost (null: nobody listens). */
  observer: OstepMlfqObserver | null = null;

  constructor(options: OstepMlfqOptions) {
    this.options = options;
    this.queues = options.quanta.map(() => []);
  }

  get size(): number {
    let n = 0;
    for (const q of this.queues) n += q.length;
    return this.current !== null && this.jobs.has(this.current.pid) ? n - 1 : n;
  }

  enqueue(p: Pcb, why: EnqueueReason): void {
    // With a 0-tick I/O the process wakes before we have looked at it since it blocked.
    if (why === "wake" && p === this.current) this.leave(p, true);
    else this.settle();
    if (why === "preempt" || why === "yield") {
      if (this.current === p) this.current = null;
      if (this.queueOf(p) < 0) this.queues[this.state(p).level].push(p);
      return;
    }
    if (why === "new") {
      this.jobs.set(p.pid, {
        p,
        level: 0,
        ticksLeft: this.options.quanta[0],
        allotLeft: this.options.allotments[0],
      });
    }
    this.arrivals.push({ p, why });
    this.join(p, why);
    if (why === "wake") this.observer?.woke(p);
  }

  remove(p: Pcb): void {
    this.settle();
    this.unqueue(p);
    this.jobs.delete(p.pid);
  }

  pick(): Pcb | null {
    this.settle();
    this.current = this.head();
    return this.current;
  }

  /** Charges the tick to the slice; true when someone else now heads the queues. */
  ranTick(p: Pcb): boolean {
    const st = this.state(p);
    st.ticksLeft--;
    this.observer?.charged(p, st.level, st.ticksLeft, st.allotLeft, "runs");
    if (st.ticksLeft === 0) {
      this.unqueue(p);
      this.endSlice(p, st, false);
    }
    return this.head() !== p;
  }

  preempts(_p: Pcb, r: Pcb): boolean {
    this.settle();
    return this.head() !== r;
  }

  tick(now: number): boolean {
    this.settle();
    const arrivals = this.arrivals;
    this.arrivals = [];
    const every = this.options.boostInterval;
    if (every <= 0 || now === 0 || now % every !== 0) return false;
    // mlfq.py boosts before it admits the tick's arrivals and I/O completions.
    for (const a of arrivals) this.unqueue(a.p);
    const top = this.queues[0];
    for (let lvl = this.queues.length - 1; lvl > 0; lvl--) {
      top.push(...this.queues[lvl]);
      this.queues[lvl] = [];
    }
    for (const st of this.jobs.values()) {
      st.level = 0;
      st.ticksLeft = this.options.quanta[0];
      st.allotLeft = this.options.allotments[0];
      st.p.sched.level = 0;
    }
    this.observer?.boosted();
    for (const a of arrivals) this.join(a.p, a.why);
    return true;
  }

  queued(): Pcb[] {
    const out: Pcb[] = [];
    for (const q of this.queues) for (const p of q) if (p !== this.current) out.push(p);
    return out;
  }

  setQuantum(q: number): void {
    this.options.quanta.fill(q);
  }

  /** The same queues and job states over the processes `re` maps these to; nobody observes it. */
  clone(re: (p: Pcb) => Pcb): OstepMlfqPolicy {
    const c = new OstepMlfqPolicy({
      ...this.options,
      quanta: this.options.quanta.slice(),
      allotments: this.options.allotments.slice(),
    });
    c.queues = this.queues.map((q) => q.map(re));
    for (const [pid, st] of this.jobs) c.jobs.set(pid, { ...st, p: re(st.p) });
    c.current = this.current === null ? null : re(this.current);
    c.arrivals = this.arrivals.map((a) => ({ p: re(a.p), why: a.why }));
    return c;
  }

  /** The level a process is at (for views and tests); -1 if the policy does not know it. */
  levelOf(p: Pcb): number {
    return this.jobs.get(p.pid)?.level ?? -1;
  }

  private head(): Pcb | null {
    for (const q of this.queues) if (q.length > 0) return q[0];
    return null;
  }

  private state(p: Pcb): JobState {
    let st = this.jobs.get(p.pid);
    if (st === undefined) {
      st = {
        p,
        level: 0,
        ticksLeft: this.options.quanta[0],
        allotLeft: this.options.allotments[0],
      };
      this.jobs.set(p.pid, st);
    }
    return st;
  }

  private join(p: Pcb, why: EnqueueReason): void {
    const q = this.queues[this.state(p).level];
    if (why === "wake" && this.options.ioToFront) q.unshift(p);
    else q.push(p);
  }

  private queueOf(p: Pcb): number {
    for (let l = 0; l < this.queues.length; l++) if (this.queues[l].includes(p)) return l;
    return -1;
  }

  private unqueue(p: Pcb): void {
    for (const q of this.queues) {
      const i = q.indexOf(p);
      if (i >= 0) {
        q.splice(i, 1);
        return;
      }
    }
  }

  /**
   * The process on the core left it since we last looked: it exited, or its last tick issued
   * I/O (the kernel does not report that tick to ranTick, so it is charged here). The policy
   * looks whenever the kernel calls it; a caller that stops the kernel can ask it to look.
   */
  settle(): void {
    const p = this.current;
    if (p === null || p.state === "running" || p.state === "ready") return;
    this.leave(p, p.state === "blocked");
  }

  private leave(p: Pcb, blocked: boolean): void {
    this.current = null;
    this.unqueue(p);
    if (!blocked) {
      const st = this.jobs.get(p.pid);
      // Its last tick ended the job: charged for the trace, though nothing is left to count.
      if (st !== undefined)
        this.observer?.charged(p, st.level, st.ticksLeft - 1, st.allotLeft, "exits");
      if (p.state === "zombie") this.jobs.delete(p.pid);
      return;
    }
    const st = this.state(p);
    st.ticksLeft--;
    this.observer?.charged(p, st.level, st.ticksLeft, st.allotLeft, "blocks");
    const sliceOver = st.ticksLeft === 0;
    if (this.options.ioResetsAllotment) {
      st.ticksLeft = this.options.quanta[st.level];
      st.allotLeft = this.options.allotments[st.level];
    }
    if (sliceOver) this.endSlice(p, st, true);
  }

  /** A slice ran out: one allotment slice used; demote when none are left. */
  private endSlice(p: Pcb, st: JobState, blocked: boolean): void {
    st.allotLeft--;
    const bottom = this.queues.length - 1;
    if (st.allotLeft === 0) {
      if (st.level < bottom) st.level++;
      st.ticksLeft = this.options.quanta[st.level];
      st.allotLeft = this.options.allotments[st.level];
    } else {
      st.ticksLeft = this.options.quanta[st.level];
    }
    p.sched.level = st.level;
    if (!blocked) this.queues[st.level].push(p);
  }
}
