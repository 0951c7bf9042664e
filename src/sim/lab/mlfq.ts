// OSTEP's mlfq.py on simtop's kernel: per-job response and turnaround under a multi-level queue.

import { jobTimes } from "../jobTimes.js";
import { Kernel } from "../kernel.js";
import type { Pcb } from "../process.js";
import { OstepMlfqPolicy } from "../sched/mlfqOstep.js";
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
  /** Also report who ran when. */
  segments?: boolean;
}

export interface MlfqJobTimes extends MlfqJob {
  job: number;
  response: number;
  turnaround: number;
}

export interface MlfqSegment {
  job: number;
  start: number;
  end: number;
}

export interface MlfqResult {
  jobs: MlfqJobTimes[];
  segments: MlfqSegment[];
}

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
export function runMlfq(spec: MlfqSpec): MlfqResult {
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
      ganttLength: spec.segments ? limit + 2 : 16,
    }),
  );
  k.recordEvents = false;
  k.policy = new OstepMlfqPolicy({
    quanta: spec.quanta.slice(),
    allotments: spec.allotments.slice(),
    boostInterval: spec.boost,
    ioToFront: spec.ioBump,
    ioResetsAllotment: spec.stay,
  });
  // Arrivals in start order; jobs starting together arrive in job order.
  const order = spec.jobs
    .map((_, i) => i)
    .sort((a, b) => spec.jobs[a].start - spec.jobs[b].start || a - b);
  const procs: Pcb[] = new Array(n);
  const jobOf = new Map<number, number>();
  let next = 0;
  while (k.totalExits < n) {
    if (k.now > limit) throw new Error(`the jobs did not finish within ${limit} ticks`);
    while (next < n && spec.jobs[order[next]].start === k.now) {
      const i = order[next++];
      procs[i] = startJob(k, `job${i}`);
      jobOf.set(procs[i].pid, i);
    }
    k.step();
  }
  const jobs = spec.jobs.map((j, job) => {
    const t = jobTimes(procs[job], k.now);
    return { job, ...j, response: t.response, turnaround: t.turnaround };
  });
  const segments: MlfqSegment[] = [];
  if (spec.segments) {
    for (const s of k.gantt[0].segments(0, k.now)) {
      const job = jobOf.get(s.who);
      if (job !== undefined) segments.push({ job, start: s.start, end: s.end });
    }
  }
  return { jobs, segments };
}
