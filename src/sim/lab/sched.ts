// OSTEP's scheduler.py on simtop's kernel: FIFO, SJF and RR response, turnaround and wait times.

import { jobTimes } from "../jobTimes.js";
import { Kernel } from "../kernel.js";
import type { Pcb } from "../process.js";
import type { PolicyName } from "../sched/policy.js";
import { framesFor, instructionCount, jobSource, labConfig, startJob } from "./jobs.js";
import type { Uniform } from "./pyRandom.js";

export type SchedLabPolicy = "FIFO" | "SJF" | "RR";

export interface SchedSpec {
  /** Job lengths in ticks (0 allowed: done the moment its turn comes); job i is the i-th. */
  lengths: number[];
  policy: SchedLabPolicy;
  /** RR time slice in ticks. */
  quantum: number;
  /** Also report who ran when (scheduler.py's execution trace). */
  segments?: boolean;
}

export interface SchedJobTimes {
  job: number;
  length: number;
  response: number;
  turnaround: number;
  wait: number;
}

/** A stretch of CPU time one job held, split at slice boundaries as scheduler.py prints them. */
export interface RunSegment {
  job: number;
  start: number;
  end: number;
  /** The job finished at `end`. */
  done: boolean;
}

export interface SchedResult {
  jobs: SchedJobTimes[];
  segments: RunSegment[];
}

/** scheduler.py's random jobs: lengths uniform in 1..maxlen. */
export function randomLengths(jobs: number, maxlen: number, rng: Uniform): number[] {
  return Array.from({ length: jobs }, () => Math.floor(maxlen * rng.next()) + 1);
}

const KERNEL_POLICY: Record<SchedLabPolicy, PolicyName> = { FIFO: "fcfs", SJF: "sjf", RR: "rr" };

/** Frames the run needs (callers check it against MAX_FRAMES before running). */
export function schedFrames(lengths: readonly number[]): number {
  let n = 0;
  for (const len of lengths) n += framesFor(instructionCount([{ compute: len }]));
  return n;
}

/**
 * Runs every job, all arriving at time 0, as a CPU-bound program on a one-core ideal machine
 * under the kernel's fcfs, sjf (each job's burst known in advance, as the textbook assumes) or
 * rr policy, and reads the answers from the kernel's process times.
 */
export function runSched(spec: SchedSpec): SchedResult {
  // A job of no length needs no CPU: the kernel runs the others, and such a job is done when
  // its turn would have come (see zeroLengthDone).
  const running = spec.lengths.flatMap((len, job) => (len > 0 ? [job] : []));
  const lengths = running.map((job) => spec.lengths[job]);
  const n = lengths.length;
  const distinct = [...new Set(lengths)];
  const programs = distinct.map((len) => ({
    name: `job${len}`,
    source: jobSource([{ compute: len }]),
  }));
  let total = 0;
  for (const len of lengths) total += len;
  const slices = spec.policy === "RR" ? Math.ceil(total / spec.quantum) + n : n;
  const k = new Kernel({
    ...labConfig({
      programs,
      processes: n,
      frames: schedFrames(lengths),
      ioTicks: 1,
      ganttLength: spec.segments ? slices + 2 : 16,
    }),
    policy: KERNEL_POLICY[spec.policy],
    quantum: spec.quantum,
  });
  k.recordEvents = false;
  const procs: Pcb[] = lengths.map((len) => {
    const p = startJob(k, `job${len}`);
    p.sched.estimate = len;
    return p;
  });
  while (k.totalExits < n) {
    if (k.now > total) throw new Error(`the jobs did not finish within ${total} ticks`);
    k.step();
  }
  const jobs: SchedJobTimes[] = spec.lengths.map((length, job) => {
    const at = zeroLengthDone(spec, job);
    return { job, length, response: at, turnaround: at, wait: at };
  });
  procs.forEach((p, i) => {
    const job = running[i];
    // The dashboard's scheduling view reads the same figures through the same function.
    Object.assign(jobs[job], jobTimes(p, k.now));
  });
  if (!spec.segments) return { jobs, segments: [] };
  const segments = runSegments(k, procs, running, spec);
  spec.lengths.forEach((len, job) => {
    if (len > 0) return;
    const at = jobs[job].response;
    segments.push({ job, start: at, end: at, done: true });
  });
  // A job of no length shows where its turn came: before the stretch that starts then.
  segments.sort(
    (a, b) => a.start - b.start || a.end - a.start - (b.end - b.start) || a.job - b.job,
  );
  return { jobs, segments };
}

/**
 * When a job of no length is done, as scheduler.py has it: FIFO when every job before it is;
 * SJF at once (it is the shortest); RR after every job before it has had its first slice.
 */
function zeroLengthDone(spec: SchedSpec, job: number): number {
  let t = 0;
  if (spec.policy === "SJF") return 0;
  for (let j = 0; j < job; j++)
    t += spec.policy === "RR" ? Math.min(spec.quantum, spec.lengths[j]) : spec.lengths[j];
  return t;
}

function runSegments(k: Kernel, procs: Pcb[], running: number[], spec: SchedSpec): RunSegment[] {
  const first = procs[0]?.pid ?? 1;
  const slice = spec.policy === "RR" ? spec.quantum : Number.POSITIVE_INFINITY;
  const out: RunSegment[] = [];
  for (const s of k.gantt[0].segments(0, k.now)) {
    if (s.who < first) continue;
    const i = s.who - first;
    const job = running[i];
    // A job alone on the CPU is not switched at a slice's end; scheduler.py still counts slices.
    for (let t = s.start; t < s.end; t += slice) {
      const end = Math.min(s.end, t + slice);
      out.push({ job, start: t, end, done: end === s.end && procs[i].times.exited === end });
    }
  }
  return out;
}
