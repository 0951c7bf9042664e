// `simtop lab mlfq`: OSTEP's mlfq.py exercise, answered by simtop's kernel with mlfq.py's rules.
import type { Command } from "commander";
import { MAX_FRAMES } from "../../sim/lab/jobs.js";
import {
  type MlfqJob,
  type MlfqResult,
  mlfqFrames,
  randomMlfqJobs,
  runMlfq,
} from "../../sim/lab/mlfq.js";
import { PyRandom } from "../../sim/lab/pyRandom.js";
import { UsageError } from "../errors.js";
import { checkSize, intArg, intListArg } from "./ostepArgs.js";
import { mean, pyBool, pyFixed, rjust } from "./table.js";

export interface MlfqFlags {
  seed: string;
  numQueues: string;
  quantum: string;
  allotment: string;
  quantumList?: string;
  allotmentList?: string;
  numJobs: string;
  maxlen: string;
  maxio: string;
  boost: string;
  iotime: string;
  stay?: boolean;
  iobump?: boolean;
  jlist?: string;
  c?: boolean;
  json?: boolean;
}

const MAX_TICKS = 50_000_000;

/** -l: start,run,ioFreq triples separated by ':'. */
export function parseMlfqJobs(value: string): MlfqJob[] {
  return value.split(":").map((j) => {
    const parts = j.split(",");
    if (parts.length !== 3)
      throw new UsageError(
        `-l: expected start,run,ioFreq triples separated by ':', got ${JSON.stringify(j)}`,
      );
    const [start, run, ioFreq] = parts.map((p, i) => intArg("-l", p, i === 1 ? 1 : 0));
    return { start, run, ioFreq };
  });
}

interface Levels {
  /** Highest priority first. */
  quanta: number[];
  allotments: number[];
}

/** -n/-q/-a, or -Q/-A lists (highest priority first), as mlfq.py combines them. */
export function parseLevels(flags: MlfqFlags): Levels {
  let quanta: number[];
  if (flags.quantumList !== undefined && flags.quantumList !== "")
    quanta = intListArg("-Q", flags.quantumList, 1);
  else quanta = new Array(intArg("-n", flags.numQueues, 1)).fill(intArg("-q", flags.quantum, 1));
  let allotments: number[];
  if (flags.allotmentList !== undefined && flags.allotmentList !== "") {
    allotments = intListArg("-A", flags.allotmentList, Number.MIN_SAFE_INTEGER);
    if (allotments.length !== quanta.length)
      throw new UsageError(`-A: ${allotments.length} allotments for ${quanta.length} queues`);
    // The lowest queue never demotes, so mlfq.py lets its allotment be anything.
    allotments.slice(0, -1).forEach((a, i) => {
      if (a <= 0)
        throw new UsageError(
          `-A: allotments must be positive, got ${a} for queue ${quanta.length - 1 - i}`,
        );
    });
  } else {
    allotments = new Array(quanta.length).fill(intArg("-a", flags.allotment, 1));
  }
  return { quanta, allotments };
}

function header(
  jobs: MlfqJob[],
  lv: Levels,
  boost: number,
  ioTime: number,
  flags: MlfqFlags,
): string {
  const n = lv.quanta.length;
  let s = `Here is the list of inputs:\nOPTIONS jobs ${jobs.length}\nOPTIONS queues ${n}\n`;
  for (let i = 0; i < n; i++) {
    const q = n - 1 - i; // mlfq.py numbers queues from the lowest priority, 0
    s += `OPTIONS allotments for queue ${rjust(q, 2)} is ${rjust(lv.allotments[i], 3)}\n`;
    s += `OPTIONS quantum length for queue ${rjust(q, 2)} is ${rjust(lv.quanta[i], 3)}\n`;
  }
  s += `OPTIONS boost ${boost}\nOPTIONS ioTime ${ioTime}\n`;
  s += `OPTIONS stayAfterIO ${pyBool(flags.stay === true)}\nOPTIONS iobump ${pyBool(flags.iobump === true)}\n\n\n`;
  s += "For each job, three defining characteristics are given:\n";
  s += "  startTime : at what time does the job enter the system\n";
  s += "  runTime   : the total CPU time needed by the job to finish\n";
  s += "  ioFreq    : every ioFreq time units, the job issues an I/O\n";
  s += "              (the I/O takes ioTime units to complete)\n\nJob List:\n";
  jobs.forEach((j, i) => {
    s += `  Job ${rjust(i, 2)}: startTime ${rjust(j.start, 3)} - runTime ${rjust(j.run, 3)} - ioFreq ${rjust(j.ioFreq, 3)}\n`;
  });
  return `${s}\n`;
}

const QUESTION =
  "Compute the execution trace for the given workloads.\n" +
  "If you would like, also compute the response and turnaround\n" +
  "times for each of the jobs.\n\n" +
  "Use the -c flag to get the exact results when you are finished.\n\n";

function solution(r: MlfqResult): string {
  let s = "\nExecution trace (who held the CPU):\n\n";
  for (const g of r.segments) s += `[ time ${g.start} - ${g.end} ] Run JOB ${g.job}\n`;
  s += "\nFinal statistics:\n";
  for (const j of r.jobs) {
    s += `  Job ${rjust(j.job, 2)}: startTime ${rjust(j.start, 3)} - response ${rjust(j.response, 3)} - turnaround ${rjust(j.turnaround, 3)}\n`;
  }
  const last = r.jobs.length - 1;
  const a = averages(r);
  s += `\n  Avg ${rjust(last, 2)}: startTime n/a - response ${pyFixed(a.response, 2)} - turnaround ${pyFixed(a.turnaround, 2)}\n\n\n`;
  return s;
}

function averages(r: MlfqResult) {
  return {
    response: mean(r.jobs.map((j) => j.response)),
    turnaround: mean(r.jobs.map((j) => j.turnaround)),
  };
}

/** What `simtop lab mlfq` prints for these flags. */
export function mlfqLab(flags: MlfqFlags): string {
  const levels = parseLevels(flags);
  const boost = intArg("-B", flags.boost, 0);
  const ioTime = intArg("-i", flags.iotime, 0);
  let jobs: MlfqJob[];
  if (flags.jlist !== undefined && flags.jlist !== "") {
    jobs = parseMlfqJobs(flags.jlist);
  } else {
    const n = intArg("-j", flags.numJobs, 1);
    checkSize("-j", "jobs", n, 100_000);
    const maxlen = intArg("-m", flags.maxlen, 1);
    const maxio = intArg("-M", flags.maxio, 1);
    jobs = randomMlfqJobs(n, maxlen, maxio, new PyRandom(intArg("-s", flags.seed)));
  }
  const flag = flags.jlist ? "-l" : "-j";
  let ticks = 0;
  for (const j of jobs) ticks = Math.max(ticks, j.start) + j.run * (ioTime + 2);
  checkSize(flag, "ticks the jobs may take", ticks, MAX_TICKS);
  checkSize(flag, "memory frames the jobs need", mlfqFrames(jobs), MAX_FRAMES - 16);
  const out = flags.json ? "" : header(jobs, levels, boost, ioTime, flags);
  if (!flags.json && !flags.c) return out + QUESTION;
  const r = runMlfq({
    jobs,
    quanta: levels.quanta,
    allotments: levels.allotments,
    boost,
    ioTime,
    stay: flags.stay === true,
    ioBump: flags.iobump === true,
    segments: !flags.json,
  });
  if (!flags.json) return out + solution(r);
  const answer = r.jobs.map((j) => ({
    job: j.job,
    response: j.response,
    turnaround: j.turnaround,
  }));
  return `${JSON.stringify({ jobs: answer, average: averages(r) })}\n`;
}

/** Adds `mlfq` under `simtop lab`. */
export function registerMlfqLab(lab: Command): void {
  lab
    .command("mlfq")
    .description(
      "OSTEP mlfq.py: a multi-level feedback queue's response and turnaround (-c for the answer)",
    )
    .option("-s, --seed <n>", "random seed", "0")
    .option("-n, --numQueues <n>", "number of queues (without -Q)", "3")
    .option("-q, --quantum <ticks>", "time slice (without -Q)", "10")
    .option("-a, --allotment <slices>", "slices a job may use at a level (without -A)", "1")
    .option(
      "-Q, --quantumList <list>",
      "time slice per queue, highest priority first, e.g. 10,20,40",
    )
    .option("-A, --allotmentList <list>", "allotment per queue, highest priority first")
    .option("-j, --numJobs <n>", "number of random jobs", "3")
    .option("-m, --maxlen <ticks>", "longest random job", "100")
    .option("-M, --maxio <ticks>", "largest random I/O frequency", "10")
    .option("-B, --boost <ticks>", "boost every job to the top queue this often (0 = never)", "0")
    .option("-i, --iotime <ticks>", "how long an I/O takes", "5")
    .option("-S, --stay", "issuing I/O resets the job's slice and allotment")
    .option("-I, --iobump", "a job whose I/O completes goes to the front of its queue")
    .option("-l, --jlist <jobs>", "jobs as start,run,ioFreq:start,run,ioFreq:...")
    .option("-c", "compute the answer")
    .option("--json", "print each job's response and turnaround as JSON")
    .action((flags: MlfqFlags) => {
      process.stdout.write(mlfqLab(flags));
    });
}
