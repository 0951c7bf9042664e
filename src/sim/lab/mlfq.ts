// OSTEP's mlfq.py on simtop's kernel: per-job response and turnaround under a multi-level queue.
import { Kernel } from "../kernel.js";
import { type Pcb, responseTime, turnaroundTime } from "../process.js";
import { type OstepMlfqObserver, OstepMlfqPolicy, type TickEnd } from "../sched/mlfqOstep.js";
import {
  framesFor,
  instructionCount,
  type JobStep,
  jobSource,
  labConfig,
  startJob,
} from "./jobs.js";
import type { Uniform } from "./pyRandom.js";

export interface MlfqJob {
  /** Tick the job arrives. */
  start: number;
  /** CPU ticks it needs (at least 1). */
  run: number;
  /** It issues an I/O after every this many ticks of CPU (0 = never). */
  ioFreq: number;
}

export interface MlfqSpec {
  jobs: MlfqJob[];
  /** Slice length per level, highest priority first. */
  quanta: number[];
  /** Slices per level before demotion, highest priority first. */
  allotments: number[];
  /** Boost everyone to the top every this many ticks (0 = never). */
  boost: number;
  /** Ticks an I/O takes. */
  ioTime: number;
  /** -S: issuing I/O resets the job's slice and allotment. */
  stay: boolean;
  /** -I: a job whose I/O completes goes to the front of its queue. */
  ioBump: boolean;
  /** Told each step of mlfq.py's execution trace, in the order mlfq.py prints them. */
  trace?: (e: MlfqTraceEvent) => void;
}

export interface MlfqJobTimes extends MlfqJob {
  job: number;
  response: number;
  turnaround: number;
}

/**
 * One line of mlfq.py's execution trace. `priority` counts as mlfq.py does (0 = lowest);
 * ticksLeft, allotLeft and timeLeft are the job's after the tick's charge.
 */
export type MlfqTraceEvent =
  | { kind: "boost"; time: number }
  | { kind: "begins" | "ioDone" | "ioStart" | "finished"; time: number; job: number }
  | { kind: "idle"; time: number }
  | {
      kind: "run";
      time: number;
      job: number;
      priority: number;
      ticksLeft: number;
      allotLeft: number;
      timeLeft: number;
      /** The job's whole run time. */
      run: number;
    };

/** mlfq.py's random jobs: all start at 0, run 1..maxlen-1, I/O every 1..maxio-1 ticks. */
export function randomMlfqJobs(
  jobs: number,
  maxlen: number,
  maxio: number,
  rng: Uniform,
): MlfqJob[] {
  return Array.from({ length: jobs }, () => {
    const run = Math.floor(rng.next() * (maxlen - 1) + 1);
    const ioFreq = Math.floor(rng.next() * (maxio - 1) + 1);
    return { start: 0, run, ioFreq };
  });
}

/** The job as a program: after every ioFreq ticks of CPU an I/O, unless the job is done. */
export function mlfqJobSteps(job: MlfqJob): JobStep[] {
  if (job.ioFreq <= 0 || job.ioFreq >= job.run) return [{ compute: job.run }];
  const steps: JobStep[] = [];
  let done = 0;
  while (job.run - done > job.ioFreq) {
    // The ioFreq-th tick is the `syscall` itself: it computes and then blocks.
    if (job.ioFreq > 1) steps.push({ compute: job.ioFreq - 1 });
    steps.push("io");
    done += job.ioFreq;
  }
  steps.push({ compute: job.run - done });
  return steps;
}

/** Frames the run needs (callers check it against MAX_FRAMES before running). */
export function mlfqFrames(jobs: readonly MlfqJob[]): number {
  let n = 0;
  for (const j of jobs) n += framesFor(instructionCount(mlfqJobSteps(j)));
  return n;
}

/**
 * Runs the jobs on a one-core ideal machine under the kernel with mlfq.py's MLFQ rules; a job
 * is a program spawned at its start tick whose I/O blocks on a disk for ioTime ticks.
 */
export function runMlfq(spec: MlfqSpec): MlfqJobTimes[] {
  const n = spec.jobs.length;
  const programs = spec.jobs.map((j, i) => ({
    name: `job${i}`,
    source: jobSource(mlfqJobSteps(j)),
  }));
  // Each tick a job runs, one waits on I/O, or the last job has not arrived yet.
  let limit = 1;
  for (const j of spec.jobs) {
    const ios = mlfqJobSteps(j).filter((s) => s === "io").length;
    limit += j.start + j.run + ios * (spec.ioTime + 1);
  }
  const k = new Kernel(
    labConfig({
      programs,
      processes: n,
      frames: mlfqFrames(spec.jobs),
      ioTicks: spec.ioTime + 1,
      ganttLength: 16,
    }),
  );
  k.recordEvents = false;
  const policy = new OstepMlfqPolicy({
    quanta: spec.quanta.slice(),
    allotments: spec.allotments.slice(),
    boostInterval: spec.boost,
    ioToFront: spec.ioBump,
    ioResetsAllotment: spec.stay,
  });
  k.policy = policy;
  const jobOf = new Map<number, number>();
  const trace = spec.trace ? new TraceOrder(spec, policy, jobOf, () => k.now, spec.trace) : null;
  // Arrivals in start order; jobs starting together arrive in job order.
  const order = spec.jobs
    .map((_, i) => i)
    .sort((a, b) => spec.jobs[a].start - spec.jobs[b].start || a - b);
  const procs: Pcb[] = new Array(n);
  let next = 0;
  while (k.totalExits < n) {
    if (k.now > limit) throw new Error(`the jobs did not finish within ${limit} ticks`);
    while (next < n && spec.jobs[order[next]].start === k.now) {
      const i = order[next++];
      procs[i] = startJob(k, `job${i}`);
      jobOf.set(procs[i].pid, i);
      trace?.add({ kind: "begins", time: k.now, job: i });
    }
    k.step();
    trace?.stepped(k.now - 1, k.gantt[0].current());
  }
  if (trace !== null) {
    // The kernel does not tell the policy that the last job left the core; it has to look.
    policy.settle();
    trace.flush(Number.POSITIVE_INFINITY);
  }
  return spec.jobs.map((j, job) => ({
    job,
    ...j,
    response: responseTime(procs[job]),
    turnaround: turnaroundTime(procs[job]),
  }));
}

/** Trace lines of one tick print in this order (mlfq.py's loop). */
const RANK: Record<MlfqTraceEvent["kind"], number> = {
  finished: 0,
  ioStart: 0,
  boost: 1,
  begins: 2,
  ioDone: 2,
  run: 3,
  idle: 3,
};

/**
 * Puts what the kernel and the policy report into mlfq.py's order. The tick a job ran is known
 * after the kernel's step; what it was charged may come in that step or, when the tick ended
 * with an I/O or the job's exit, only once the policy notices (by the next step): the two are
 * paired in order, one charge per tick run.
 */
class TraceOrder implements OstepMlfqObserver {
  private readonly pending: MlfqTraceEvent[] = [];
  private readonly ranAt: number[] = [];
  private readonly charges: {
    job: number;
    level: number;
    ticksLeft: number;
    allotLeft: number;
    after: TickEnd;
  }[] = [];
  private readonly timeLeft: number[];
  private readonly runTime: number[];
  private readonly top: number;

  constructor(
    spec: MlfqSpec,
    policy: OstepMlfqPolicy,
    private readonly jobOf: Map<number, number>,
    /** The kernel's clock, for what the policy reports during a step. */
    private readonly clock: () => number,
    private readonly out: (e: MlfqTraceEvent) => void,
  ) {
    this.runTime = spec.jobs.map((j) => j.run);
    this.timeLeft = this.runTime.slice();
    this.top = spec.quanta.length - 1;
    policy.observer = this;
  }

  add(e: MlfqTraceEvent): void {
    this.pending.push(e);
  }

  charged(p: Pcb, level: number, ticksLeft: number, allotLeft: number, after: TickEnd): void {
    this.charges.push({ job: this.job(p), level, ticksLeft, allotLeft, after });
    this.pair();
  }

  boosted(): void {
    this.add({ kind: "boost", time: this.clock() });
  }

  woke(p: Pcb): void {
    this.add({ kind: "ioDone", time: this.clock(), job: this.job(p) });
  }

  /** The kernel finished tick `time`, on which `who` (a pid, or idle) held the core. */
  stepped(time: number, who: number): void {
    if (this.jobOf.has(who)) {
      this.ranAt.push(time);
      this.pair();
    } else {
      this.add({ kind: "idle", time });
    }
    // A tick's lines are complete once the policy has seen the tick before it end.
    this.flush(time);
  }

  /** Prints every line of the ticks before `time`. */
  flush(time: number): void {
    const ready = this.pending.filter((e) => e.time < time);
    if (ready.length === 0) return;
    const rest = this.pending.filter((e) => e.time >= time);
    ready.sort((a, b) => a.time - b.time || RANK[a.kind] - RANK[b.kind]);
    for (const e of ready) this.out(e);
    this.pending.length = 0;
    this.pending.push(...rest);
  }

  private job(p: Pcb): number {
    const j = this.jobOf.get(p.pid);
    if (j === undefined) throw new Error(`the policy charged pid ${p.pid}, which is no job`);
    return j;
  }

  private pair(): void {
    while (this.ranAt.length > 0 && this.charges.length > 0) {
      const time = this.ranAt.shift() as number;
      const c = this.charges.shift() as (typeof this.charges)[number];
      const timeLeft = --this.timeLeft[c.job];
      this.add({
        kind: "run",
        time,
        job: c.job,
        priority: this.top - c.level,
        ticksLeft: c.ticksLeft,
        allotLeft: c.allotLeft,
        timeLeft,
        run: this.runTime[c.job],
      });
      if (c.after === "exits") this.add({ kind: "finished", time: time + 1, job: c.job });
      else if (c.after === "blocks") this.add({ kind: "ioStart", time: time + 1, job: c.job });
    }
  }
}
