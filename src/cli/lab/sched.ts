// `simtop lab sched`: OSTEP's scheduler.py exercise (FIFO, SJF, RR), answered by simtop's kernel.
import type { Command } from "commander";
import { averageTimes } from "../../sim/jobTimes.js";
import { MAX_FRAMES } from "../../sim/lab/jobs.js";
import { PyRandom } from "../../sim/lab/pyRandom.js";
import {
  randomLengths,
  runSched,
  type SchedLabPolicy,
  type SchedResult,
  schedFrames,
} from "../../sim/lab/sched.js";
import { UsageError } from "../errors.js";
import { checkSize, choiceArg, intArg } from "./ostepArgs.js";
import { pyFixed, pyFloat, rjust } from "./table.js";

export interface SchedFlags {
  seed: string;
  jobs: string;
  jlist?: string;
  maxlen: string;
  policy: string;
  quantum: string;
  c?: boolean;
  json?: boolean;
}

/** Most ticks a run may take: lengths are simulated tick by tick. */
const MAX_TICKS = 50_000_000;
/** Decimal places a -l length may have (a tick is then 1/1000 of a time unit). */
const MAX_DECIMALS = 3;

interface JobList {
  /** Lengths in time units, as given. */
  lengths: number[];
  /** Ticks per time unit, so every length is a whole number of ticks. */
  scale: number;
  /** -l lengths print as floats in scheduler.py, random ones as integers. */
  fromList: boolean;
  /** What scheduler.py echoes as ARG lines. */
  args: string[];
}

/** -l: comma-separated positive run times, possibly with decimals (scheduler.py reads floats). */
export function parseJobList(value: string): JobList {
  let decimals = 0;
  const lengths = value.split(",").map((part) => {
    const v = part.trim();
    const m = /^(\d*)(?:\.(\d*))?$/.exec(v);
    if (!m || (m[1] === "" && (m[2] ?? "") === ""))
      throw new UsageError(`-l: expected comma-separated run times, got ${JSON.stringify(part)}`);
    const frac = (m[2] ?? "").replace(/0+$/, "");
    if (frac.length > MAX_DECIMALS)
      throw new UsageError(
        `-l: at most ${MAX_DECIMALS} decimal places, got ${JSON.stringify(part)}`,
      );
    decimals = Math.max(decimals, frac.length);
    const n = Number(v);
    if (n <= 0) throw new UsageError(`-l: run times must be > 0, got ${JSON.stringify(part)}`);
    return n;
  });
  return { lengths, scale: 10 ** decimals, fromList: true, args: [`jlist ${value}`] };
}

function setup(policy: string, list: JobList): string {
  let s = `ARG policy ${policy}\n`;
  for (const a of list.args) s += `ARG ${a}\n`;
  s += "\nHere is the job list, with the run time of each job: \n";
  list.lengths.forEach((len, i) => {
    s += `  Job ${i} ( length = ${list.fromList ? pyFloat(len) : len} )\n`;
  });
  return `${s}\n\n`;
}

const QUESTION = [
  "Compute the turnaround time, response time, and wait time for each job.",
  "When you are done, run this program again, with the same arguments,",
  "but with -c, which will thus provide you with the answers. You can use",
  "-s <somenumber> or your own job list (-l 10,15,20 for example)",
  "to generate different problems for yourself.",
  "",
];

/** scheduler.py's solution: the execution trace and the statistics, in its order and format. */
function solution(r: SchedResult, policy: SchedLabPolicy, scale: number): string {
  const u = (ticks: number) => ticks / scale;
  let s = "** Solutions **\n\nExecution trace:\n";
  for (const g of r.segments) {
    const job = policy === "RR" ? rjust(g.job, 3) : String(g.job);
    const done = g.done ? ` ( DONE at ${pyFixed(u(g.end), 2)} )` : "";
    s += `  [ time ${rjust(Math.trunc(u(g.start)), 3)} ] Run job ${job} for ${pyFixed(u(g.end - g.start), 2)} secs${done}\n`;
  }
  s += "\nFinal statistics:\n";
  // FIFO and SJF list jobs in the order they ran; RR by job number.
  const order =
    policy === "RR" ? r.jobs : [...r.jobs].sort((a, b) => a.response - b.response || a.job - b.job);
  for (const j of order) {
    s += `  Job ${rjust(j.job, 3)} -- Response: ${pyFixed(u(j.response), 2)}  Turnaround ${pyFixed(u(j.turnaround), 2)}  Wait ${pyFixed(u(j.wait), 2)}\n`;
  }
  const avg = averages(r, scale);
  s += `\n  Average -- Response: ${pyFixed(avg.response, 2)}  Turnaround ${pyFixed(avg.turnaround, 2)}  Wait ${pyFixed(avg.wait, 2)}\n\n`;
  return s;
}

function averages(r: SchedResult, scale: number) {
  const avg = averageTimes(r.jobs);
  return {
    response: avg.response / scale,
    turnaround: avg.turnaround / scale,
    wait: avg.wait / scale,
  };
}

/** What `simtop lab sched` prints for these flags. */
export function schedLab(flags: SchedFlags): string {
  const policy = choiceArg("-p", flags.policy, ["FIFO", "SJF", "RR"] as const);
  const quantum = intArg("-q", flags.quantum, 1);
  let list: JobList;
  if (flags.jlist !== undefined && flags.jlist !== "") {
    list = parseJobList(flags.jlist);
  } else {
    const jobs = intArg("-j", flags.jobs, 1);
    const maxlen = intArg("-m", flags.maxlen, 1);
    checkSize("-j", "jobs", jobs, 1_000_000);
    const seed = intArg("-s", flags.seed);
    list = {
      lengths: randomLengths(jobs, maxlen, new PyRandom(seed)),
      scale: 1,
      fromList: false,
      args: [`jobs ${jobs}`, `maxlen ${maxlen}`, `seed ${seed}`],
    };
  }
  const ticks = list.lengths.map((len) => Math.round(len * list.scale));
  const flag = list.fromList ? "-l" : "-j";
  checkSize(
    flag,
    "total run time in ticks",
    ticks.reduce((a, b) => a + b, 0),
    MAX_TICKS,
  );
  checkSize(flag, "memory frames the jobs need", schedFrames(ticks), MAX_FRAMES - 16);
  const out = flags.json ? "" : setup(policy, list);
  if (!flags.json && !flags.c) return `${out}${QUESTION.join("\n")}\n`;
  const r = runSched({
    lengths: ticks,
    policy,
    quantum: quantum * list.scale,
    segments: !flags.json,
  });
  if (!flags.json) return out + solution(r, policy, list.scale);
  const u = (t: number) => t / list.scale;
  const jobs = r.jobs.map((j) => ({
    job: j.job,
    length: u(j.length),
    response: u(j.response),
    turnaround: u(j.turnaround),
    wait: u(j.wait),
  }));
  return `${JSON.stringify({ jobs, average: averages(r, list.scale) })}\n`;
}

/** Adds `sched` under `simtop lab`. */
export function registerSchedLab(lab: Command): void {
  lab
    .command("sched")
    .description(
      "OSTEP scheduler.py: FIFO, SJF and RR response, turnaround and wait (-c for the answer)",
    )
    .option("-s, --seed <n>", "random seed", "0")
    .option("-j, --jobs <n>", "number of random jobs", "3")
    .option("-l, --jlist <lengths>", "instead of random jobs, their run times, e.g. 10,15,20")
    .option("-m, --maxlen <n>", "longest random job", "10")
    .option("-p, --policy <name>", "FIFO, SJF or RR", "FIFO")
    .option("-q, --quantum <n>", "RR time slice", "1")
    .option("-c", "compute the answer")
    .option("--json", "print each job's times and the averages as JSON")
    .action((flags: SchedFlags) => {
      process.stdout.write(schedLab(flags));
    });
}
