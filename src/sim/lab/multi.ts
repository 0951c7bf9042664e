// OSTEP's multi.py: jobs on several CPUs with warm-up caches, one shared or a run queue per CPU.
import { NegativeCacheError, WarmupCache } from "./multiCache.js";
import type { PyRandom } from "./pyRandom.js";

export interface MultiJob {
  name: string;
  /** Time units of work (multi.py takes any integer; 0 or less still takes a tick). */
  runTime: number;
  /** Cache room the job needs to run warm. */
  workingSet: number;
  /** CPUs it may run on; empty = any. */
  affinity: number[];
}

export interface MultiSpec {
  jobs: MultiJob[];
  cpus: number;
  /** -p: a run queue per CPU (jobs dealt round robin as affinity allows) instead of one. */
  perCpuQueues: boolean;
  /** Ticks in a time slice (not 0; multi.py takes a negative one as its size). */
  quantum: number;
  /** Per-CPU queues: a CPU with an empty queue steals every this many ticks (0 or less = never). */
  peekInterval: number;
  /** Ticks a job runs on a CPU before its cache is warm there. */
  warmupTime: number;
  /** Work a tick does with a warm cache (1 with a cold one). */
  warmRate: number;
  cacheSize: number;
  /** -o: CPUs pick jobs in a random order each tick. */
  randomOrder: boolean;
}

/** Why multi.py cannot run the jobs to the end: it stops with a Python error, or never stops. */
export type MultiFailure = "no-cpu-to-steal-from" | "negative-cache" | "never-done" | "too-long";

export class MultiError extends Error {
  constructor(
    readonly failure: MultiFailure,
    message: string,
  ) {
    super(message);
  }
}

/** multi.py's random jobs, named 0, 1, ...: run time and working set in multiples of 10 below the maxima. */
export function randomMultiJobs(
  count: number,
  maxRun: number,
  maxWorkingSet: number,
  rng: PyRandom,
): MultiJob[] {
  const jobs: MultiJob[] = [];
  for (let j = 0; j < count; j++) {
    // `+ 0` turns the -0 of a negative maximum's truncation into the 0 Python prints.
    const runTime = Math.trunc((rng.next() * maxRun) / 10) * 10 + 0;
    const workingSet = Math.trunc((rng.next() * maxWorkingSet) / 10) * 10 + 0;
    jobs.push({ name: String(j), runTime, workingSet, affinity: [] });
  }
  return jobs;
}

/** What the scheduler holds at the end of a tick, for a trace. */
export interface MultiTickView {
  readonly time: number;
  /** A time slice ended as this tick began: every running job went back to a queue. */
  readonly sliceEnded: boolean;
  /** Job each CPU ran this tick, or -1. */
  ran(cpu: number): number;
  timeLeft(job: number): number;
  warm(cpu: number, job: number): boolean;
  /** The CPU's run queue (with one shared queue, that one). */
  queue(cpu: number): readonly number[];
}

export interface MultiResult {
  /** Ticks until the last job was done. */
  time: number;
  /** Ticks each CPU ran a job, and of those, with a warm cache and a rate above 1. */
  ran: number[];
  ranWarm: number[];
}

/** Most ticks a run may take. */
export const MAX_MULTI_TICKS = 50_000_000;
/**
 * Steal rounds in a row in which no CPU runs a job before the run counts as never ending: by
 * then stealing has shown it only moves jobs between CPUs they may not run on.
 */
const IDLE_PEEKS = 100_000;

/**
 * The scheduler of multi.py, tick by tick in its order: a slice's end puts each running job at
 * the back of its CPU's queue; CPUs with empty queues steal; idle CPUs take the first job of
 * their queue that may run there; each running CPU does a tick of work at its cache's rate.
 */
export class MultiScheduler implements MultiTickView {
  time = 0;
  sliceEnded = false;
  /** Queues as dealt before the run (what multi.py prints first). */
  readonly initialQueues: readonly (readonly number[])[];
  private readonly queues: number[][];
  private readonly current: Int32Array;
  /** Job each CPU ran in the last tick (one done in it has left current). */
  private readonly lastRan: Int32Array;
  private readonly left: number[];
  private readonly caches: WarmupCache[];
  private readonly stats: MultiResult;
  private readonly order: number[];
  private finished = 0;

  constructor(
    private readonly spec: MultiSpec,
    private readonly rng: PyRandom,
  ) {
    const { jobs, cpus } = spec;
    if (spec.perCpuQueues) {
      this.queues = Array.from({ length: cpus }, () => []);
      // Round robin over the CPUs, each taking the first unassigned job it may run.
      const unassigned = jobs.map((_, j) => j);
      while (unassigned.length > 0) {
        for (let cpu = 0; cpu < cpus; cpu++) {
          const i = unassigned.findIndex((j) => this.mayRun(j, cpu));
          if (i >= 0) this.queues[cpu].push(...unassigned.splice(i, 1));
        }
      }
    } else {
      const shared = jobs.map((_, j) => j);
      this.queues = Array.from({ length: cpus }, () => shared);
    }
    this.initialQueues = this.queues.map((q) => q.slice());
    this.current = new Int32Array(cpus).fill(-1);
    this.lastRan = new Int32Array(cpus).fill(-1);
    this.left = jobs.map((j) => j.runTime);
    const sets = jobs.map((j) => j.workingSet);
    this.caches = Array.from(
      { length: cpus },
      () => new WarmupCache(sets, spec.cacheSize, spec.warmupTime),
    );
    this.stats = { time: 0, ran: new Array(cpus).fill(0), ranWarm: new Array(cpus).fill(0) };
    this.order = Array.from({ length: cpus }, (_, c) => c);
  }

  ran(cpu: number): number {
    return this.lastRan[cpu];
  }

  timeLeft(job: number): number {
    return this.left[job];
  }

  warm(cpu: number, job: number): boolean {
    return this.caches[cpu].isWarm(job);
  }

  queue(cpu: number): readonly number[] {
    return this.queues[cpu];
  }

  /** Runs until every job is done, telling `onTick` the state after each tick. */
  run(onTick?: (view: MultiTickView) => void): MultiResult {
    const { cpus, jobs, peekInterval } = this.spec;
    const idleLimit = Math.min(MAX_MULTI_TICKS, Math.max(1, peekInterval) * IDLE_PEEKS);
    let idle = 0;
    while (this.finished < jobs.length) {
      if (this.time >= MAX_MULTI_TICKS)
        throw new MultiError(
          "too-long",
          `the jobs are not done after ${MAX_MULTI_TICKS} ticks, more than simtop simulates`,
        );
      this.sliceEnded = this.time > 0 && this.time % this.spec.quantum === 0;
      if (this.sliceEnded) {
        for (let cpu = 0; cpu < cpus; cpu++) {
          if (this.current[cpu] < 0) continue;
          this.queues[cpu].push(this.current[cpu]);
          this.current[cpu] = -1;
        }
      }
      this.steal();
      this.assign();
      let running = 0;
      for (let cpu = 0; cpu < cpus; cpu++) {
        const job = this.current[cpu];
        this.lastRan[cpu] = job;
        if (job < 0) continue;
        running++;
        this.runTick(cpu, job);
      }
      onTick?.(this);
      if (running > 0) {
        idle = 0;
      } else {
        this.checkStuck();
        if (++idle >= idleLimit)
          throw new MultiError(
            "never-done",
            `from time ${this.time - idle + 1} no CPU runs a job: stealing only moves jobs between CPUs they may not run on`,
          );
      }
      this.time++;
    }
    this.stats.time = this.time;
    return this.stats;
  }

  private mayRun(job: number, cpu: number): boolean {
    const a = this.spec.jobs[job].affinity;
    return a.length === 0 || a.includes(cpu);
  }

  /**
   * Whether a CPU with an empty queue takes the job when it steals. multi.py tests
   * `cpu in job` against the whole job record, so a job with an affinity is taken by the CPU
   * whose number equals its run time or its working set size, whatever its affinity.
   */
  private mayTake(job: number, cpu: number): boolean {
    const j = this.spec.jobs[job];
    return j.affinity.length === 0 || cpu === j.runTime || cpu === j.workingSet;
  }

  private steal(): void {
    const { cpus, peekInterval, perCpuQueues } = this.spec;
    if (!perCpuQueues || peekInterval <= 0) return;
    if (this.time === 0 || this.time % peekInterval !== 0) return;
    for (let cpu = 0; cpu < cpus; cpu++) {
      if (this.queues[cpu].length > 0) continue;
      if (cpus === 1)
        throw new MultiError(
          "no-cpu-to-steal-from",
          `at time ${this.time} CPU 0's queue is empty and there is no other CPU to steal from`,
        );
      // random.choice of the other CPUs, in order.
      const pick = this.rng.randbelow(cpus - 1);
      const other = pick < cpu ? pick : pick + 1;
      const from = this.queues[other];
      let i = 0;
      while (i < from.length && !this.mayTake(from[i], cpu)) i++;
      if (i === from.length) continue;
      const job = from[i];
      from.splice(i, 1);
      this.queues[cpu].push(job);
      if (!this.mayRun(job, cpu)) this.checkReachable(job, cpu);
    }
  }

  private assign(): void {
    const order = this.order;
    if (this.spec.randomOrder) {
      for (let c = 0; c < order.length; c++) order[c] = c;
      this.rng.shuffle(order);
    }
    for (const cpu of order) {
      if (this.current[cpu] >= 0) continue;
      const q = this.queues[cpu];
      let i = 0;
      while (i < q.length && !this.mayRun(q[i], cpu)) i++;
      if (i === q.length) continue;
      const job = q[i];
      q.splice(i, 1);
      this.current[cpu] = job;
      this.caches[cpu].arrive(job);
    }
  }

  private runTick(cpu: number, job: number): void {
    const cache = this.caches[cpu];
    const rate = cache.isWarm(job) ? this.spec.warmRate : 1;
    this.stats.ran[cpu]++;
    if (rate > 1) this.stats.ranWarm[cpu]++;
    this.left[job] = Math.max(0, this.left[job] - rate);
    try {
      cache.ranTick(job);
    } catch (e) {
      if (!(e instanceof NegativeCacheError)) throw e;
      throw new MultiError(
        "negative-cache",
        `at time ${this.time} job ${this.spec.jobs[job].name} warms ${e.message}, which holds nothing`,
      );
    }
    if (this.left[job] <= 0) {
      this.current[cpu] = -1;
      this.finished++;
    }
  }

  /**
   * A job stolen to a CPU it may not run on moves on only to the CPUs numbered as its run time
   * or working set (see mayTake); if it may run on neither, it never runs and multi.py never ends.
   */
  private checkReachable(job: number, cpu: number): void {
    const j = this.spec.jobs[job];
    if (this.mayRun(job, j.runTime) || this.mayRun(job, j.workingSet)) return;
    throw new MultiError(
      "never-done",
      `at time ${this.time} CPU ${cpu} steals job ${j.name}, which may not run there and can never move to a CPU it may run on`,
    );
  }

  /** No CPU ran: unless a steal can still move a job, nothing will ever change. */
  private checkStuck(): void {
    const { cpus, peekInterval, perCpuQueues } = this.spec;
    if (perCpuQueues && peekInterval > 0) {
      for (let cpu = 0; cpu < cpus; cpu++) {
        if (this.queues[cpu].length > 0) continue;
        for (let other = 0; other < cpus; other++) {
          if (other === cpu) continue;
          for (const j of this.queues[other]) if (this.mayTake(j, cpu)) return;
        }
      }
    }
    throw new MultiError(
      "never-done",
      `at time ${this.time} no CPU may run a job waiting in its queue, and no steal can change that`,
    );
  }
}
