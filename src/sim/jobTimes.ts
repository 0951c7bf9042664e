// A job's scheduling figures (OSTEP's response, turnaround and wait) and their averages: one definition for the labs and the dashboard.
import { type Pcb, type ProcessTimes, responseTime, turnaroundTime } from "./process.js";

/** Ticks; -1 where the figure is not known yet (not run, not finished). */
export interface JobTimes {
  response: number;
  turnaround: number;
  /** Ticks spent ready, waiting for a core (for a live process, up to now). */
  wait: number;
}

/** What a job's figures are read from: a process, or the record of one that has gone. */
export interface TimedJob {
  times: ProcessTimes;
  /** Absent for a finished record: it is not waiting any more. */
  state?: Pcb["state"];
}

export function jobTimes(p: TimedJob, now: number): JobTimes {
  const t = p.times;
  // A ready process's current wait is not in `waiting` until it is dispatched.
  const current = p.state === "ready" ? Math.max(0, now - t.readySince) : 0;
  return { response: responseTime(p), turnaround: turnaroundTime(p), wait: t.waiting + current };
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length === 0 ? Number.NaN : s / xs.length;
}

/**
 * Each figure's mean over the jobs that have it (scheduler.py -c averages every job; they have
 * all finished there). NaN when no job has the figure yet.
 */
export function averageTimes(jobs: readonly JobTimes[]): {
  response: number;
  turnaround: number;
  wait: number;
} {
  const known = (f: (j: JobTimes) => number) => mean(jobs.map(f).filter((x) => x >= 0));
  return {
    response: known((j) => j.response),
    turnaround: known((j) => j.turnaround),
    wait: known((j) => (j.turnaround >= 0 ? j.wait : -1)),
  };
}

/** What is kept of a process once it has been reaped: enough for its scheduling figures. */
export interface FinishedJob {
  pid: number;
  ppid: number;
  name: string;
  times: ProcessTimes;
}

/** Processes kept after they are reaped: the most recent ones, so memory stays bounded. */
export const FINISHED_KEPT = 1000;

/** The kernel's record of reaped processes, oldest first (at least the last FINISHED_KEPT). */
export class FinishedJobs {
  private list: FinishedJob[] = [];

  add(p: Pcb): void {
    if (this.list.length >= 2 * FINISHED_KEPT) this.list = this.list.slice(-FINISHED_KEPT);
    this.list.push({ pid: p.pid, ppid: p.ppid, name: p.name, times: { ...p.times } });
  }

  /** Oldest first; the records are never changed, so a copy of the list may share them. */
  get all(): readonly FinishedJob[] {
    return this.list;
  }

  clone(): FinishedJobs {
    const c = new FinishedJobs();
    c.list = this.list.slice();
    return c;
  }
}
