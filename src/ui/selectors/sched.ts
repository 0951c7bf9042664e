// The scheduling view's data: each job's response, turnaround and wait, grouped by scenario chapter, with averages.
import type { Chapter } from "../../scenario/types.js";
import { averageTimes, type JobTimes, jobTimes } from "../../sim/jobTimes.js";
import { INIT_PID, type Kernel } from "../../sim/kernel.js";
import { CfsPolicy } from "../../sim/sched/cfs.js";
import { MlfqPolicy, mlfqScaled } from "../../sim/sched/mlfq.js";
import { basePolicy } from "../../sim/sched/perCore.js";

export interface ScheduleJob {
  /** Number within its chapter, in creation order (scheduler.py's "Job 0", "Job 1", ...). */
  job: number;
  pid: number;
  name: string;
  times: JobTimes;
}

/** One line of the view: a chapter's heading, a job, a chapter's averages, or a gap. */
export type ScheduleRow =
  | { kind: "chapter"; title: string; from: number; jobs: number; finished: number }
  | { kind: "job"; job: ScheduleJob }
  | { kind: "average"; times: { response: number; turnaround: number; wait: number } }
  | { kind: "gap" };

export interface ScheduleModel {
  policy: string;
  rows: ScheduleRow[];
  /** First row shown (already kept within the rows). */
  scroll: number;
}

const BEFORE = "before the first chapter";

interface Group {
  title: string;
  from: number;
  jobs: ScheduleJob[];
}

/**
 * Every job the kernel knows of (alive, or reaped and kept in its record) but init, in the
 * chapter during which it was created: a scenario that switches policy at a chapter compares
 * the policies chapter by chapter. Without chapters all jobs are one group. `visible`: rows
 * the view has room for, to keep `scroll` within the rows.
 */
export function selectSchedule(
  k: Kernel,
  chapters: readonly Chapter[],
  scroll: number,
  visible: number,
): ScheduleModel {
  const groups: Group[] = [];
  if (chapters.length === 0 || chapters[0].tick > 0)
    groups.push({
      title: chapters.length === 0 ? `all jobs (policy ${k.policy.name})` : BEFORE,
      from: 0,
      jobs: [],
    });
  for (const c of chapters) groups.push({ title: c.title, from: c.tick, jobs: [] });
  const skip = k.config.noInit ? -1 : INIT_PID;
  const add = (pid: number, name: string, times: JobTimes, created: number) => {
    if (pid === skip) return;
    let g = groups[0];
    for (const x of groups) if (x.from <= created) g = x;
    g.jobs.push({ job: g.jobs.length, pid, name, times });
  };
  // Reaped and live processes interleave in creation order (a child can outlive a younger sibling).
  const all: { pid: number; name: string; created: number; times: JobTimes }[] = [];
  for (const f of k.finished.all)
    all.push({ pid: f.pid, name: f.name, created: f.times.created, times: jobTimes(f, k.now) });
  for (const p of k.procs.values())
    all.push({ pid: p.pid, name: p.name, created: p.times.created, times: jobTimes(p, k.now) });
  all.sort((a, b) => a.created - b.created || a.pid - b.pid);
  for (const j of all) add(j.pid, j.name, j.times, j.created);

  const rows: ScheduleRow[] = [];
  for (const g of groups) {
    if (g.from > k.now) break;
    if (g.jobs.length === 0 && chapters.length > 0 && g.title === BEFORE) continue;
    const finished = g.jobs.filter((j) => j.times.turnaround >= 0).length;
    rows.push({ kind: "chapter", title: g.title, from: g.from, jobs: g.jobs.length, finished });
    for (const j of g.jobs) rows.push({ kind: "job", job: j });
    if (g.jobs.length > 0)
      rows.push({ kind: "average", times: averageTimes(g.jobs.map((j) => j.times)) });
    rows.push({ kind: "gap" });
  }
  const top = Math.max(0, Math.min(scroll, rows.length - Math.max(1, visible)));
  return { policy: k.policy.name, rows, scroll: top };
}

/** The slice `{` and `}` step: the top level's under MLFQ (every level follows it), else the quantum. */
export function shownQuantum(k: Kernel): number {
  const policy = basePolicy(k.policy);
  if (policy instanceof CfsPolicy) return policy.options.targetLatency;
  return policy instanceof MlfqPolicy ? policy.options.quanta[0] : k.quantum;
}

/** What `{` / `}` asking for `quantum` will do, in words (null: the plain quantum). */
export function quantumNote(k: Kernel, quantum: number): string | null {
  const policy = basePolicy(k.policy);
  if (policy instanceof CfsPolicy) {
    const g = Math.max(
      1,
      Math.round((quantum * policy.options.minGranularity) / policy.options.targetLatency),
    );
    return `cfs target latency ${quantum}, min granularity ${g}`;
  }
  if (!(policy instanceof MlfqPolicy)) return null;
  const levels = policy.options.levels;
  const s = mlfqScaled(k.config.mlfq, quantum);
  const list = (xs: number[]) => xs.slice(0, levels).join("/");
  return `mlfq slices ${list(s.quanta)}, allotments ${list(s.allotments)} (every level scaled)`;
}
