// `simtop lab mlfq`: OSTEP's mlfq.py exercise, answered by simtop's kernel with mlfq.py's rules.
import { type Command, Option } from "commander";
import { MAX_FRAMES } from "../../sim/lab/jobs.js";
import {
  type MlfqJob,
  type MlfqJobTimes,
  type MlfqTraceEvent,
  mlfqFrames,
  randomMlfqJobs,
  runMlfq,
} from "../../sim/lab/mlfq.js";
import { PyRandom } from "../../sim/lab/pyRandom.js";
import { UsageError } from "../errors.js";
import { anyIntOption, intListOption, intOption } from "../options.js";
import { type LabSink, writeLab } from "./labOutput.js";
import { checkSize } from "./ostepArgs.js";
import { mean, pyBool, pyFixed, rjust } from "./table.js";

export interface MlfqFlags {
  seed: number;
  numQueues: number;
  quantum: number;
  allotment: number;
  quantumList?: number[];
  allotmentList?: number[];
  numJobs: number;
  maxlen: number;
  maxio: number;
  boost: number;
  iotime: number;
  stay?: boolean;
  iobump?: boolean;
  jlist?: MlfqJob[];
  c?: boolean;
  json?: boolean;
}

const MAX_TICKS = 50_000_000;
const INT = Number.MAX_SAFE_INTEGER;

/** -l: start,run,ioFreq triples separated by ':'. */
export function parseMlfqJobs(value: string): MlfqJob[] {
  if (value.trim() === "")
    throw new UsageError("-l: expected start,run,ioFreq triples, got an empty list");
  const start = intOption("-l: start", 0, INT);
  const run = intOption("-l: run time", 1, INT);
  const ioFreq = intOption("-l: ioFreq", 0, INT);
  return value.split(":").map((j) => {
    const parts = j.split(",");
    if (parts.length !== 3)
      throw new UsageError(
        `-l: expected start,run,ioFreq triples separated by ':', got ${JSON.stringify(j)}`,
      );
    return { start: start(parts[0]), run: run(parts[1]), ioFreq: ioFreq(parts[2]) };
  });
}

interface Levels {
  /** Highest priority first. */
  quanta: number[];
  allotments: number[];
}

/** -n/-q/-a, or -Q/-A lists (highest priority first), as mlfq.py combines them. */
export function parseLevels(flags: MlfqFlags): Levels {
  const quanta = flags.quantumList ?? new Array(flags.numQueues).fill(flags.quantum);
  let allotments: number[];
  if (flags.allotmentList !== undefined) {
    allotments = flags.allotmentList;
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
    allotments = new Array(quanta.length).fill(flags.allotment);
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

/** One line of mlfq.py's execution trace, as it prints it. */
export function traceLine(e: MlfqTraceEvent, boost: number): string {
  switch (e.kind) {
    case "boost":
      return `[ time ${e.time} ] BOOST ( every ${boost} )\n`;
    case "begins":
      return `[ time ${e.time} ] JOB BEGINS by JOB ${e.job}\n`;
    case "ioDone":
      return `[ time ${e.time} ] IO_DONE by JOB ${e.job}\n`;
    case "idle":
      return `[ time ${e.time} ] IDLE\n`;
    case "finished":
      return `[ time ${e.time} ] FINISHED JOB ${e.job}\n`;
    case "ioStart":
      // mlfq.py prints "IO DONE" as it schedules the completion.
      return `[ time ${e.time} ] IO_START by JOB ${e.job}\nIO DONE\n`;
    case "run":
      return `[ time ${e.time} ] Run JOB ${e.job} at PRIORITY ${e.priority} [ TICKS ${e.ticksLeft} ALLOT ${e.allotLeft} TIME ${e.timeLeft} (of ${e.run}) ]\n`;
  }
}

function statistics(jobs: MlfqJobTimes[]): string {
  let s = "\nFinal statistics:\n";
  for (const j of jobs) {
    s += `  Job ${rjust(j.job, 2)}: startTime ${rjust(j.start, 3)} - response ${rjust(j.response, 3)} - turnaround ${rjust(j.turnaround, 3)}\n`;
  }
  const a = averages(jobs);
  s += `\n  Avg ${rjust(jobs.length - 1, 2)}: startTime n/a - response ${pyFixed(a.response, 2)} - turnaround ${pyFixed(a.turnaround, 2)}\n\n\n`;
  return s;
}

function averages(jobs: MlfqJobTimes[]) {
  return {
    response: mean(jobs.map((j) => j.response)),
    turnaround: mean(jobs.map((j) => j.turnaround)),
  };
}

/** Writes what `simtop lab mlfq` prints for these flags (with -c, a line per tick) to `out`. */
export function mlfqLab(flags: MlfqFlags, out: (s: string) => void): void {
  const levels = parseLevels(flags);
  const { boost, iotime: ioTime } = flags;
  let jobs: MlfqJob[];
  if (flags.jlist !== undefined) {
    jobs = flags.jlist;
  } else {
    checkSize("-j", "jobs", flags.numJobs, 100_000);
    jobs = randomMlfqJobs(flags.numJobs, flags.maxlen, flags.maxio, new PyRandom(flags.seed));
  }
  const flag = flags.jlist ? "-l" : "-j";
  let ticks = 0;
  for (const j of jobs) ticks = Math.max(ticks, j.start) + j.run * (ioTime + 2);
  checkSize(flag, "ticks the jobs may take", ticks, MAX_TICKS);
  checkSize(flag, "memory frames the jobs need", mlfqFrames(jobs), MAX_FRAMES - 16);
  if (!flags.json) out(header(jobs, levels, boost, ioTime, flags));
  if (!flags.json && !flags.c) {
    out(QUESTION);
    return;
  }
  if (!flags.json) out("\nExecution Trace:\n\n");
  const spec = {
    jobs,
    quanta: levels.quanta,
    allotments: levels.allotments,
    boost,
    ioTime,
    stay: flags.stay === true,
    ioBump: flags.iobump === true,
  };
  const times = flags.json
    ? runMlfq(spec)
    : runMlfq({
        ...spec,
        trace: (e) => out(traceLine(e, boost)),
      });
  if (!flags.json) {
    out(statistics(times));
    return;
  }
  const answer = times.map((j) => ({
    job: j.job,
    response: j.response,
    turnaround: j.turnaround,
  }));
  out(`${JSON.stringify({ jobs: answer, average: averages(times) })}\n`);
}

/** Adds `mlfq` under `simtop lab`; its text goes to `sink` (stdout unless a test gives one). */
export function registerMlfqLab(lab: Command, sink?: LabSink): void {
  lab
    .command("mlfq")
    .description(
      "OSTEP mlfq.py: a multi-level feedback queue's response and turnaround (-c for the answer)",
    )
    .option("-s, --seed <n>", "random seed", anyIntOption("-s"), 0)
    .option("-n, --numQueues <n>", "number of queues (without -Q)", intOption("-n", 1, 1000), 3)
    .option("-q, --quantum <ticks>", "time slice (without -Q)", intOption("-q", 1, INT), 10)
    .option(
      "-a, --allotment <slices>",
      "slices a job may use at a level (without -A)",
      intOption("-a", 1, INT),
      1,
    )
    .addOption(
      new Option(
        "-Q, --quantumList <list>",
        "time slice per queue, highest priority first, e.g. 10,20,40",
      ).argParser(intListOption("-Q", 1)),
    )
    .addOption(
      new Option(
        "-A, --allotmentList <list>",
        "allotment per queue, highest priority first",
      ).argParser(intListOption("-A", Number.MIN_SAFE_INTEGER)),
    )
    .option("-j, --numJobs <n>", "number of random jobs", intOption("-j", 1, INT), 3)
    .option("-m, --maxlen <ticks>", "longest random job", intOption("-m", 1, INT), 100)
    .option("-M, --maxio <ticks>", "largest random I/O frequency", intOption("-M", 1, INT), 10)
    .option(
      "-B, --boost <ticks>",
      "boost every job to the top queue this often (0 = never)",
      intOption("-B", 0, INT),
      0,
    )
    .option("-i, --iotime <ticks>", "how long an I/O takes", intOption("-i", 0, INT), 5)
    .option("-S, --stay", "issuing I/O resets the job's slice and allotment")
    .option("-I, --iobump", "a job whose I/O completes goes to the front of its queue")
    .option("-l, --jlist <jobs>", "jobs as start,run,ioFreq:start,run,ioFreq:...", parseMlfqJobs)
    .option("-c", "compute the answer: the trace, tick by tick, and the statistics")
    .option("--json", "print each job's response and turnaround as JSON")
    .action((flags: MlfqFlags) => {
      writeLab((out) => mlfqLab(flags, out), sink);
    });
}
