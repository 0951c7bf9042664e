// `simtop lab sched`: OSTEP's scheduler.py exercise (FIFO, SJF, RR), answered by simtop's kernel.
import { type Command, Option } from "commander";
import { MAX_FRAMES } from "../../sim/lab/jobs.js";
import { PyRandom } from "../../sim/lab/pyRandom.js";
import {
  randomLengths,
  runSched,
  type SchedJobTimes,
  type SchedLabPolicy,
  type SchedResult,
  schedFrames,
} from "../../sim/lab/sched.js";
import { UsageError } from "../errors.js";
import { anyIntOption, choiceOption, intOption } from "../options.js";
import { checkSize } from "./ostepArgs.js";
import { mean, pyFixed, pyFloat, rjust } from "./table.js";

export interface SchedFlags {
  seed: number;
  jobs: number;
  jlist?: JobList;
  maxlen: number;
  policy: SchedLabPolicy;
  quantum: number;
  c?: boolean;
  json?: boolean;
}

const INT = Number.MAX_SAFE_INTEGER;
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

const POLICIES = ["FIFO", "SJF", "RR"] as const;

/** -l: comma-separated run times (0 allowed), possibly with decimals (scheduler.py reads floats). */
export function parseJobList(value: string): JobList {
  if (value.trim() === "")
    throw new UsageError("-l: expected comma-separated run times, got an empty list");
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

type Times = Pick<SchedJobTimes, "response" | "turnaround" | "wait">;

/**
 * scheduler.py's solution: the execution trace and the statistics, in its order and format.
 * The kernel decides who runs when; the times are then counted in time units as floats, in the
 * order scheduler.py adds them up, so a value at a rounding tie prints as it prints it.
 */
function solution(r: SchedResult, policy: SchedLabPolicy, list: JobList, quantum: number): string {
  const py: Times[] = r.jobs.map(() => ({ response: -1, turnaround: 0, wait: 0 }));
  const left = list.lengths.slice();
  const lastRan = list.lengths.map(() => 0);
  let time = 0;
  let s = "** Solutions **\n\nExecution trace:\n";
  for (const g of r.segments) {
    const t = py[g.job];
    if (t.response === -1) t.response = time;
    t.wait += time - lastRan[g.job];
    const ranFor = g.done ? left[g.job] : quantum;
    left[g.job] -= ranFor;
    const job = policy === "RR" ? rjust(g.job, 3) : String(g.job);
    let done = "";
    if (g.done) {
      t.turnaround = time + ranFor;
      done = ` ( DONE at ${pyFixed(time + ranFor, 2)} )`;
    }
    s += `  [ time ${rjust(Math.trunc(time), 3)} ] Run job ${job} for ${pyFixed(ranFor, 2)} secs${done}\n`;
    time += ranFor;
    lastRan[g.job] = time;
  }
  s += "\nFinal statistics:\n";
  // FIFO and SJF list jobs in the order they ran; RR by job number.
  // (A job of no length runs before the one that starts when it is done.)
  const order =
    policy === "RR"
      ? r.jobs
      : [...r.jobs].sort(
          (a, b) => a.response - b.response || a.turnaround - b.turnaround || a.job - b.job,
        );
  for (const { job } of order) {
    const t = py[job];
    s += `  Job ${rjust(job, 3)} -- Response: ${pyFixed(t.response, 2)}  Turnaround ${pyFixed(t.turnaround, 2)}  Wait ${pyFixed(t.wait, 2)}\n`;
  }
  const avg = averages(
    order.map((j) => py[j.job]),
    1,
  );
  s += `\n  Average -- Response: ${pyFixed(avg.response, 2)}  Turnaround ${pyFixed(avg.turnaround, 2)}  Wait ${pyFixed(avg.wait, 2)}\n\n`;
  return s;
}

/** Average times in time units (each job's ticks / scale), summed in the order given. */
function averages(jobs: readonly Times[], scale: number): Times {
  const avg = (pick: (j: Times) => number) => mean(jobs.map((j) => pick(j) / scale));
  return {
    response: avg((j) => j.response),
    turnaround: avg((j) => j.turnaround),
    wait: avg((j) => j.wait),
  };
}

/** What `simtop lab sched` prints for these flags. */
export function schedLab(flags: SchedFlags): string {
  const { policy, quantum } = flags;
  let list: JobList;
  if (flags.jlist !== undefined) {
    list = flags.jlist;
  } else {
    const { jobs, maxlen, seed } = flags;
    checkSize("-j", "jobs", jobs, 1_000_000);
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
  if (!flags.json) return out + solution(r, policy, list, quantum);
  const u = (t: number) => t / list.scale;
  const jobs = r.jobs.map((j) => ({
    job: j.job,
    length: u(j.length),
    response: u(j.response),
    turnaround: u(j.turnaround),
    wait: u(j.wait),
  }));
  return `${JSON.stringify({ jobs, average: averages(r.jobs, list.scale) })}\n`;
}

/** Adds `sched` under `simtop lab`. */
export function registerSchedLab(lab: Command): void {
  lab
    .command("sched")
    .description(
      "OSTEP scheduler.py: FIFO, SJF and RR response, turnaround and wait (-c for the answer)",
    )
    .option("-s, --seed <n>", "random seed", anyIntOption("-s"), 0)
    .option("-j, --jobs <n>", "number of random jobs", intOption("-j", 1, INT), 3)
    .option(
      "-l, --jlist <lengths>",
      "instead of random jobs, their run times, e.g. 10,15,20",
      parseJobList,
    )
    .option("-m, --maxlen <n>", "longest random job", intOption("-m", 1, INT), 10)
    .addOption(
      new Option("-p, --policy <name>", "scheduling policy")
        .choices(POLICIES)
        .argParser(choiceOption("-p", POLICIES))
        .default("FIFO"),
    )
    .option("-q, --quantum <n>", "RR time slice", intOption("-q", 1, INT), 1)
    .option("-c", "compute the answer")
    .option("--json", "print each job's times and the averages as JSON")
    .action((flags: SchedFlags) => {
      process.stdout.write(schedLab(flags));
    });
}
