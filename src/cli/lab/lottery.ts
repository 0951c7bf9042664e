// `simtop lab lottery`: OSTEP's lottery.py exercise, its draws and printed lines for the same seed.
import type { Command } from "commander";
import {
  LotteryError,
  type LotteryJob,
  lotteryDraws,
  lotteryNumber,
  randomLotteryJobs,
  runLottery,
} from "../../sim/lab/lottery.js";
import { PyRandom } from "../../sim/lab/pyRandom.js";
import { UsageError } from "../errors.js";
import { anyIntOption } from "../options.js";
import { ChunkedWriter } from "./labOutput.js";
import { checkSize, optparseIntOption } from "./ostepArgs.js";
import { quoteExcerpt } from "./quote.js";

export interface LotteryFlags {
  seed: number;
  jobs: number;
  /** As given: lottery.py echoes it, and an empty list means random jobs. */
  jlist: string;
  maxlen: number;
  maxticket: number;
  quantum: number;
  compute?: boolean;
  json?: boolean;
}

/** Most numbers a run may draw (each a line; with -c, a line of every job). */
const MAX_DRAWS = 10_000_000;
const MAX_JOB_LINES = 4_000_000;

/** -l: length:tickets pairs separated by ','; checked here, kept as text (lottery.py echoes it). */
export function parseLotteryJobs(value: string): string {
  if (value !== "") lotteryJobs(value);
  return value;
}

function lotteryJobs(value: string): LotteryJob[] {
  const int = anyIntOption("-l");
  return value.split(",").map((entry) => {
    const parts = entry.split(":");
    if (parts.length !== 2)
      throw new UsageError(
        `-l: expected length:tickets pairs separated by ',', got ${quoteExcerpt(entry)}`,
      );
    return { length: int(parts[0]), tickets: int(parts[1]) };
  });
}

function jobLine(job: number, j: LotteryJob): string {
  return `  Job ${job} ( length = ${j.length}, tickets = ${j.tickets} )\n`;
}

/** Writes what `simtop lab lottery` prints for these flags to `out`. */
export function lotteryLab(flags: LotteryFlags, out: (s: string) => void): void {
  const rng = new PyRandom(flags.seed);
  let jobs: LotteryJob[];
  const flag = flags.jlist === "" ? "-m" : "-l";
  if (flags.jlist === "") {
    checkSize("-j", "jobs", flags.jobs, 100_000);
    if (flags.jobs > 0) {
      for (const [f, bound, what] of [
        ["-m", flags.maxlen, "length"],
        ["-T", flags.maxticket, "ticket count"],
      ] as const) {
        if (Math.abs(bound) <= 1)
          throw new UsageError(
            `${f}: a job's ${what} is drawn as int(${bound} * random()) until it is not 0, which never happens; expected an integer other than -1, 0 and 1`,
          );
      }
    }
    jobs = randomLotteryJobs(flags.jobs, flags.maxlen, flags.maxticket, rng);
  } else {
    jobs = lotteryJobs(flags.jlist);
  }
  const draws = lotteryDraws(jobs);
  checkSize(flag, "random numbers the jobs' lengths add up to", draws, MAX_DRAWS);
  if (flags.compute || flags.json) {
    const many = flags.jlist === "" ? "-j" : "-l";
    checkSize(many, "job entries the answer prints", draws * jobs.length, MAX_JOB_LINES);
    // lottery.py stops with a Python error partway through some job lists: refuse them whole.
    const probe = new PyRandom(flags.seed);
    if (flags.jlist === "") randomLotteryJobs(flags.jobs, flags.maxlen, flags.maxticket, probe);
    try {
      runLottery(jobs, flags.quantum, probe);
    } catch (e) {
      if (e instanceof LotteryError)
        throw new UsageError(`${flags.jlist === "" ? "-T" : "-l"}: ${e.message}`);
      throw e;
    }
  }
  if (flags.json) {
    const r = runLottery(jobs, flags.quantum, rng);
    const answer = jobs.map((j, job) => ({ job, ...j, wins: r.wins[job], done: r.doneAt[job] }));
    out(`${JSON.stringify({ jobs: answer })}\n`);
    return;
  }
  let s = `ARG jlist ${flags.jlist}\nARG jobs ${flags.jobs}\nARG maxlen ${flags.maxlen}\n`;
  s += `ARG maxticket ${flags.maxticket}\nARG quantum ${flags.quantum}\nARG seed ${flags.seed}\n\n`;
  s += "Here is the job list, with the run time of each job: \n";
  jobs.forEach((j, i) => {
    s += jobLine(i, j);
  });
  out(`${s}\n\n`);
  if (!flags.compute) {
    out("Here is the set of random numbers you will need (at most):\n");
    for (let i = 0; i < draws; i++) out(`Random ${lotteryNumber(rng)}\n`);
    return;
  }
  out("** Solutions **\n\n");
  const r = runLottery(jobs, flags.quantum, rng, {
    draw(r, winner, tickTotal, wjob, now) {
      let line = `Random ${r} -> Winning ticket ${winner} (of ${tickTotal}) -> Run ${wjob}\n  Jobs:\n`;
      now.forEach((j, i) => {
        const tix = j.length > 0 ? String(j.tickets) : "---";
        line += ` (${i === wjob ? "*" : " "} job:${i} timeleft:${j.length} tix:${tix} ) `;
      });
      out(`${line}\n`);
    },
    done(job, time) {
      out(`--> JOB ${job} DONE at time ${time}\n`);
    },
  });
  // lottery.py ends a run where every job is done with an empty line.
  if (r.allDone) out("\n");
}

/** Adds `lottery` under `simtop lab`. */
export function registerLotteryLab(lab: Command): void {
  lab
    .command("lottery")
    .description("OSTEP lottery.py: lottery scheduling, draw by draw (-c for the answer)")
    .option("-s, --seed <n>", "random seed", optparseIntOption("-s"), 0)
    .option("-j, --jobs <n>", "number of random jobs", optparseIntOption("-j"), 3)
    .option(
      "-l, --jlist <jobs>",
      "instead of random jobs, length:tickets pairs, e.g. 10:100,20:100",
      parseLotteryJobs,
    )
    .option("-m, --maxlen <n>", "random lengths are below this", optparseIntOption("-m"), 10)
    .option(
      "-T, --maxticket <n>",
      "random ticket counts are below this",
      optparseIntOption("-T"),
      100,
    )
    .option("-q, --quantum <n>", "time slice", optparseIntOption("-q"), 1)
    .option("-c, --compute", "compute the answer: each draw, its winner and the jobs")
    .option("--json", "print each job's slices won and the time it was done as JSON")
    .action((given: Omit<LotteryFlags, "jlist"> & Partial<LotteryFlags>) => {
      // An unset list is an empty one, as lottery.py's default (and how it echoes it).
      const flags = { ...given, jlist: given.jlist ?? "" };
      const w = new ChunkedWriter();
      try {
        lotteryLab(flags, (s) => w.write(s));
      } finally {
        w.end();
      }
    });
}
