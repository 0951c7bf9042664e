// Benchmark of the schedulers at scale: kernel ticks/s with 1,000 processes on 64 cores, CFS and others, global and per-core queues.
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import type { RunQueueMode, StampedCommand } from "../src/sim/commands.js";
import { defaultConfig } from "../src/sim/config.js";
import type { PolicyName } from "../src/sim/sched/policy.js";
import { Store } from "../src/sim/store.js";
import { MIX } from "./kernel.js";

const CORES = 64;
const PROCESSES = 1000;

/**
 * Ticks per second (a tick: each of the 64 cores advances one cycle) with 1,000 processes of the
 * mix on the ideal CPU, events collected by a Store as the dashboard does. After a warm-up that
 * starts them all, the best of three windows (other work on the machine only slows a window).
 */
function ticksPerSecond(policy: PolicyName, runQueues: RunQueueMode, ticks: number): number {
  const store = new Store(
    defaultConfig({ cores: CORES, cpu: "ideal", policy, runQueues, maxProcesses: 4096 }),
  );
  const spawns: StampedCommand[] = Array.from({ length: PROCESSES }, (_, i) => ({
    tick: 0,
    command: { type: "spawn", program: MIX[i % MIX.length] },
  }));
  store.schedule(spawns);
  store.advance(20_000);
  let best = 0;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    store.advance(ticks);
    best = Math.max(best, ticks / ((performance.now() - t0) / 1000));
  }
  return Math.round(best);
}

export async function benchSched(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const policy of ["cfs", "rr", "stride", "lottery"] as const)
    for (const queues of ["per-core", "global"] as const)
      out[`ticks/s, ${policy}, ${queues} queues, 1000 processes, 64 cores`] = ticksPerSecond(
        policy,
        queues,
        20_000,
      );
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [name, value] of Object.entries(await benchSched())) console.log(`${name}: ${value}`);
}
