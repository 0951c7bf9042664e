// Benchmark: `lab sched` and `lab process-run` with 10,000 jobs, through the code the CLI runs.
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { parseProcessList, processRunLab } from "../src/cli/lab/processRun.js";
import { schedLab } from "../src/cli/lab/sched.js";
import { randomProgram, runProcessRun } from "../src/sim/lab/processRun.js";
import { PyRandom } from "../src/sim/lab/pyRandom.js";
import type { SchedLabPolicy } from "../src/sim/lab/sched.js";

const JOBS = 10_000;

function timed<T>(f: () => T): { value: T; seconds: number } {
  const t0 = performance.now();
  const value = f();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

type Figures = Record<string, number | string>;

/** scheduler.py's random jobs (-j 10000 -m 10 -s 0), answered as JSON. */
function sched(policy: SchedLabPolicy, out: Figures): void {
  const { value, seconds } = timed(() =>
    schedLab({ seed: 0, jobs: JOBS, maxlen: 10, policy, quantum: 1, json: true }),
  );
  const answer = JSON.parse(value) as { jobs: { length: number }[] };
  const ticks = answer.jobs.reduce((a, j) => a + j.length, 0);
  const key = `sched.${policy}`;
  out[`${key}.seconds`] = Number(seconds.toFixed(3));
  out[`${key}.jobsPerSec`] = Math.round(JOBS / seconds);
  out[`${key}.ticksPerSec`] = Math.round(ticks / seconds);
}

export async function benchLabs(): Promise<Figures> {
  const out: Figures = { jobs: JOBS, "sched.workload": "-j 10000 -m 10 -s 0 (q = 1 for RR)" };
  schedLab({ seed: 1, jobs: 200, maxlen: 10, policy: "RR", quantum: 1, json: true }); // warm-up
  for (const policy of ["FIFO", "SJF", "RR"] as const) sched(policy, out);

  // process-run's trace has a column per process, so 10,000 processes are timed for their
  // statistics (the same kernel run without building rows); the JSON trace for 500 of them.
  const rng = new PyRandom(0);
  const programs = Array.from({ length: JOBS }, () => randomProgram(5, 50, rng));
  const stats = timed(() =>
    runProcessRun({
      programs,
      ioLength: 5,
      switchOnEnd: false,
      ioRunImmediate: false,
      trace: false,
    }),
  );
  out["processRun.workload"] = "10000 x (-l 5:50), -L 5, SWITCH_ON_IO, IO_RUN_LATER";
  out["processRun.ticks"] = stats.value.stats.total;
  out["processRun.seconds"] = Number(stats.seconds.toFixed(3));
  out["processRun.jobsPerSec"] = Math.round(JOBS / stats.seconds);
  out["processRun.ticksPerSec"] = Math.round(stats.value.stats.total / stats.seconds);

  const list = Array(500).fill("5:50").join(",");
  const traced = timed(() =>
    processRunLab({
      processlist: parseProcessList(list),
      iolength: 5,
      switch: "SWITCH_ON_IO",
      iodone: "IO_RUN_LATER",
      seed: 0,
      json: true,
    }),
  );
  out["processRun.json500.seconds"] = Number(traced.seconds.toFixed(3));
  out["processRun.json500.megabytes"] = Number((traced.value.length / 2 ** 20).toFixed(1));
  return out;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await benchLabs();
  for (const [k, v] of Object.entries(results)) process.stdout.write(`${k}: ${v}\n`);
}
