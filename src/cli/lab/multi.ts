// `simtop lab multi`: OSTEP's multi.py exercise, its random draws and printed lines for the same seed.
import type { Command } from "commander";
import {
  MAX_MULTI_TICKS,
  MultiError,
  type MultiFailure,
  type MultiJob,
  type MultiResult,
  MultiScheduler,
  type MultiSpec,
  type MultiTickView,
  randomMultiJobs,
} from "../../sim/lab/multi.js";
import { PyRandom } from "../../sim/lab/pyRandom.js";
import { UsageError } from "../errors.js";
import { anyIntOption } from "../options.js";
import { ChunkedWriter } from "./labOutput.js";
import { checkSize, optparseIntOption } from "./ostepArgs.js";
import { quoteExcerpt } from "./quote.js";
import { pyBool, pyFixed, pyStrListRepr, rjust } from "./table.js";

export interface MultiFlags {
  seed: number;
  job_num: number;
  max_run: number;
  max_wset: number;
  /** As given: multi.py echoes it, and an empty list means random jobs. */
  job_list: string;
  per_cpu_queues?: boolean;
  affinity: string;
  num_cpus: number;
  quantum: number;
  peek_interval: number;
  warmup_time: number;
  warm_rate: number;
  cache_size: number;
  rand_order?: boolean;
  trace?: boolean;
  trace_time_left?: boolean;
  trace_cache?: boolean;
  trace_sched?: boolean;
  compute?: boolean;
  json?: boolean;
}

const INT = Number.MAX_SAFE_INTEGER;
const MAX_JOBS = 10_000;
/** Cache letters a -C trace line may hold (CPUs × jobs). */
const MAX_CACHE_LETTERS = 100_000;
/** Most characters a trace may print (lab output is held until written). */
const MAX_TRACE_CHARS = 200_000_000;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** -L: name:run_time:working_set_size triples separated by ','; checked here, kept as text. */
export function parseMultiJobs(value: string): string {
  if (value !== "") multiJobs(value);
  return value;
}

function multiJobs(value: string): MultiJob[] {
  const int = anyIntOption("-L");
  const seen = new Set<string>();
  return value.split(",").map((entry) => {
    const parts = entry.split(":");
    if (parts.length !== 3)
      throw new UsageError(
        `-L: bad job description ${quoteExcerpt(entry)}: needs a triple of name:run_time:working_set_size`,
      );
    const name = parts[0];
    if (CONTROL.test(name))
      throw new UsageError(`-L: a job name may not hold control characters: ${quoteExcerpt(name)}`);
    if (seen.has(name)) throw new UsageError(`-L: repeated job name ${quoteExcerpt(name)}`);
    seen.add(name);
    return { name, runTime: int(parts[1]), workingSet: int(parts[2]), affinity: [] };
  });
}

/** -A: job:cpu.cpu... entries separated by ','; a job named twice gets both lists. */
function applyAffinity(value: string, jobs: MultiJob[], cpus: number): void {
  if (value === "") return;
  const int = anyIntOption("-A");
  for (const entry of value.split(",")) {
    const parts = entry.split(":");
    if (parts.length !== 2)
      throw new UsageError(
        `-A: bad affinity spec ${quoteExcerpt(entry)}: needs job_name:cpu.cpu...`,
      );
    const job = jobs.find((j) => j.name === parts[0]);
    if (job === undefined)
      throw new UsageError(
        `-A: job name ${quoteExcerpt(parts[0])} in the affinity list does not exist`,
      );
    for (const c of parts[1].split(".")) {
      const cpu = int(c);
      if (cpu < 0 || cpu >= cpus)
        throw new UsageError(
          `-A: bad cpu ${cpu} for job ${quoteExcerpt(job.name)} (the CPUs are 0 to ${cpus - 1})`,
        );
      job.affinity.push(cpu);
    }
  }
}

/** The flag whose value leads to each way multi.py fails. */
const FAILURE_FLAG: Record<MultiFailure, string> = {
  "no-cpu-to-steal-from": "-P",
  "negative-cache": "-M",
  "never-done": "-A",
  "too-long": "-A",
};

function spec(flags: MultiFlags): { spec: MultiSpec; rng: PyRandom } {
  const rng = new PyRandom(flags.seed);
  let jobs: MultiJob[];
  if (flags.job_list === "") {
    checkSize("-j", "jobs", flags.job_num, MAX_JOBS);
    jobs = randomMultiJobs(flags.job_num, flags.max_run, flags.max_wset, rng);
  } else {
    jobs = multiJobs(flags.job_list);
    checkSize("-L", "jobs", jobs.length, MAX_JOBS);
  }
  applyAffinity(flags.affinity, jobs, flags.num_cpus);
  const work = jobs.reduce((a, j) => a + Math.max(1, j.runTime), 0);
  checkSize(
    flags.job_list === "" ? "-R" : "-L",
    "ticks of work the jobs add up to",
    work,
    MAX_MULTI_TICKS,
  );
  if (flags.trace_cache)
    checkSize(
      "-C",
      "cache letters a trace line holds (CPUs × jobs)",
      flags.num_cpus * jobs.length,
      MAX_CACHE_LETTERS,
    );
  return {
    rng,
    spec: {
      jobs,
      cpus: flags.num_cpus,
      perCpuQueues: flags.per_cpu_queues === true,
      quantum: flags.quantum,
      peekInterval: flags.peek_interval,
      warmupTime: flags.warmup_time,
      warmRate: flags.warm_rate,
      cacheSize: flags.cache_size,
      randomOrder: flags.rand_order === true,
    },
  };
}

function header(flags: MultiFlags, s: MultiSpec, initial: readonly (readonly number[])[]): string {
  const arg: [string, string | number][] = [
    ["seed", flags.seed],
    ["job_num", flags.job_num],
    ["max_run", flags.max_run],
    ["max_wset", flags.max_wset],
    ["job_list", flags.job_list],
    ["affinity", flags.affinity],
    ["per_cpu_queues", pyBool(s.perCpuQueues)],
    ["num_cpus", s.cpus],
    ["quantum", s.quantum],
    ["peek_interval", s.peekInterval],
    ["warmup_time", s.warmupTime],
    ["cache_size", s.cacheSize],
    ["random_order", pyBool(s.randomOrder)],
    ["trace", pyBool(flags.trace === true)],
    ["trace_time", pyBool(flags.trace_time_left === true)],
    ["trace_cache", pyBool(flags.trace_cache === true)],
    ["trace_sched", pyBool(flags.trace_sched === true)],
    ["compute", pyBool(flags.compute === true)],
  ];
  let out = arg.map(([k, v]) => `ARG ${k} ${v}\n`).join("");
  out += "\n";
  for (const j of s.jobs)
    out += `Job name:${j.name} run_time:${j.runTime} working_set_size:${j.workingSet}\n`;
  out += "\n";
  const names = (q: readonly number[]) => pyStrListRepr(q.map((j) => s.jobs[j].name));
  if (s.perCpuQueues) {
    initial.forEach((q, cpu) => {
      out += `Scheduler CPU ${cpu} queue: ${names(q)}\n`;
    });
    out += "\n";
  } else {
    out += `Scheduler central queue: ${names(initial[0])}\n\n`;
  }
  return out;
}

/** multi.py's trace: a line per tick (what each CPU ran, and as asked time left, caches, queues). */
function tracer(flags: MultiFlags, s: MultiSpec): (v: MultiTickView) => string {
  const timeLeft = flags.trace_time_left === true;
  const cache = flags.trace_cache === true;
  const queues = flags.trace_sched === true;
  const n = s.cpus;
  const names = s.jobs.map((j) => j.name);
  let width = 8 + 7 * n - 5;
  if (timeLeft) width += 6 * n;
  if (cache) width += 8 * n + names.length * n;
  const rule = `${"-".repeat(width)}\n`;
  return (v) => {
    let line = v.sliceEnded ? rule : "";
    line += ` ${rjust(v.time, 3)}   `;
    for (let cpu = 0; cpu < n; cpu++) {
      const job = v.ran(cpu);
      if (job >= 0) {
        line += `${names[job]} `;
        if (timeLeft) line += `[${rjust(v.timeLeft(job), 3)}] `;
      } else {
        line += timeLeft ? "- [   ] " : "- ";
      }
      if (cache) {
        line += "cache[";
        for (let j = 0; j < names.length; j++) line += v.warm(cpu, j) ? "w" : " ";
        line += "]";
      }
      line += "     ";
    }
    if (queues) {
      if (s.perCpuQueues) {
        for (let cpu = 0; cpu < n; cpu++) {
          line += `Q${cpu}: `;
          for (const j of v.queue(cpu)) line += `${names[j]} `;
          line += "  ";
        }
      } else {
        line += "Q: ";
        for (const j of v.queue(0)) line += `${names[j]} `;
      }
      line += "    ";
    }
    return `${line}\n`;
  };
}

/** Most characters a trace line (with its share of the rules between slices) can take. */
function traceLineBound(flags: MultiFlags, s: MultiSpec): number {
  let name = 1;
  let names = 0;
  for (const j of s.jobs) {
    name = Math.max(name, j.name.length);
    names += j.name.length + 1;
  }
  const rule = 8 + s.cpus * (7 + 6 + 8 + s.jobs.length);
  const perCpu = name + 1 + 6 + 5 + (flags.trace_cache ? 7 + s.jobs.length : 0);
  const sched = flags.trace_sched ? 6 * s.cpus + names + 4 : 0;
  return 8 + s.cpus * perCpu + sched + Math.ceil(rule / Math.abs(s.quantum));
}

function percent(ticks: number, time: number): number {
  return (100 * ticks) / time;
}

function statistics(r: MultiResult): string {
  let s = `\nFinished time ${r.time}\n\nPer-CPU stats\n`;
  r.ran.forEach((ran, cpu) => {
    const use = rjust(pyFixed(percent(ran, r.time), 2), 3);
    const warm = rjust(pyFixed(percent(r.ranWarm[cpu], r.time), 2), 3);
    s += `  CPU ${cpu}  utilization ${use} [ warm ${warm} ]\n`;
  });
  return `${s}\n`;
}

/** Writes what `simtop lab multi` prints for these flags to `out`. */
export function multiLab(flags: MultiFlags, out: (s: string) => void): void {
  if (flags.quantum === 0)
    throw new UsageError("-q: a time slice of 0 ticks never ends (multi.py divides by it)");
  // multi.py stops with a Python error partway through some runs, or never ends: refuse them whole.
  const probe = spec(flags);
  let ticks: number;
  try {
    ticks = new MultiScheduler(probe.spec, probe.rng).run().time;
  } catch (e) {
    if (e instanceof MultiError) throw new UsageError(`${FAILURE_FLAG[e.failure]}: ${e.message}`);
    throw e;
  }
  const tracing = flags.trace || flags.trace_time_left || flags.trace_cache || flags.trace_sched;
  if (tracing && !flags.json)
    checkSize(
      "-t",
      "characters the trace may print",
      ticks * traceLineBound(flags, probe.spec),
      MAX_TRACE_CHARS,
    );
  const { spec: s, rng } = spec(flags);
  const sched = new MultiScheduler(s, rng);
  if (flags.json) {
    const r = sched.run();
    const cpus = r.ran.map((ran, cpu) => ({
      cpu,
      utilization: percent(ran, r.time),
      warm: percent(r.ranWarm[cpu], r.time),
    }));
    out(`${JSON.stringify({ finished: r.time, cpus })}\n`);
    return;
  }
  out(header(flags, s, sched.initialQueues));
  const trace = tracing ? tracer(flags, s) : null;
  const r = sched.run(trace ? (v) => out(trace(v)) : undefined);
  if (flags.compute) out(statistics(r));
}

/** Adds `multi` under `simtop lab`. */
export function registerMultiLab(lab: Command): void {
  lab
    .command("multi")
    .description(
      "OSTEP multi.py: jobs on several CPUs with warm-up caches, one queue or one per CPU (-c for the answer)",
    )
    .option("-s, --seed <n>", "random seed", optparseIntOption("-s"), 0)
    .option("-j, --job_num <n>", "number of random jobs", optparseIntOption("-j", 1, INT), 3)
    .option("-R, --max_run <n>", "random run times are below this", optparseIntOption("-R"), 100)
    .option(
      "-W, --max_wset <n>",
      "random working sets are below this",
      optparseIntOption("-W"),
      200,
    )
    .option(
      "-L, --job_list <jobs>",
      "instead of random jobs, name:run_time:working_set_size triples, e.g. a:10:100,b:10:50",
      parseMultiJobs,
    )
    .option("-p, --per_cpu_queues", "a scheduling queue per CPU (not one shared)")
    .option(
      "-A, --affinity <list>",
      "CPUs each job may run on, e.g. a:0.1.2,b:0.1",
      (v: string) => v,
    )
    .option("-n, --num_cpus <n>", "number of CPUs", optparseIntOption("-n", 1, 1024), 2)
    .option("-q, --quantum <n>", "length of a time slice", optparseIntOption("-q"), 10)
    .option(
      "-P, --peek_interval <n>",
      "per-CPU queues: a CPU with an empty queue steals a job this often (0 = never)",
      optparseIntOption("-P"),
      30,
    )
    .option(
      "-w, --warmup_time <n>",
      "ticks a job runs before its cache is warm",
      optparseIntOption("-w"),
      10,
    )
    .option(
      "-r, --warm_rate <n>",
      "how much faster a job runs with a warm cache",
      optparseIntOption("-r", 1, INT),
      2,
    )
    .option(
      "-M, --cache_size <n>",
      "cache size (working sets that fit stay warm)",
      optparseIntOption("-M"),
      100,
    )
    .option("-o, --rand_order", "CPUs take jobs in a random order each tick")
    .option("-t, --trace", "trace which job each CPU runs, tick by tick")
    .option("-T, --trace_time_left", "trace each running job's time left")
    .option("-C, --trace_cache", "trace each cache's warm jobs")
    .option("-S, --trace_sched", "trace the scheduling queues")
    .option("-c, --compute", "compute the answer: when the jobs are done, each CPU's utilization")
    .option("--json", "print the finishing time and each CPU's utilization as JSON")
    .action((given: Omit<MultiFlags, "job_list" | "affinity"> & Partial<MultiFlags>) => {
      // Unset lists are empty ones, as multi.py's defaults (and how it echoes them).
      const flags = { ...given, job_list: given.job_list ?? "", affinity: given.affinity ?? "" };
      const w = new ChunkedWriter();
      try {
        multiLab(flags, (s) => w.write(s));
      } finally {
        w.end();
      }
    });
}
