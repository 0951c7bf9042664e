// Benchmark of the kernel alone (ideal CPU, round robin, 2 cores): ticks per second, and heap over a long churn.
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import type { StampedCommand } from "../src/sim/commands.js";
import { defaultConfig, type KernelConfig } from "../src/sim/config.js";
import { Store } from "../src/sim/store.js";

/** A mixed workload: CPU hogs, I/O waiters, sleepers, a memory scanner, handlers and forkers. */
export const MIX = [
  "cpu-bound",
  "io-bound",
  "cpu-bound",
  "sleeper",
  "seq-scan",
  "io-bound",
  "cpu-bound",
  "sigint-handler",
  "forker",
  "io-bound",
];

/** The machine every figure runs on: the defaults (rr, quantum 100, switch cost 5, 4096 frames), 2 cores, ideal CPU. */
function benchConfig(): KernelConfig {
  return defaultConfig({ cores: 2, policy: "rr", cpu: "ideal" });
}

function spawns(n: number, program: (i: number) => string): StampedCommand[] {
  return Array.from({ length: n }, (_, i) => ({
    tick: 0,
    command: { type: "spawn", program: program(i) },
  }));
}

/**
 * Ticks per second with `processes` processes, with events collected and snapshots taken by a
 * Store exactly as the dashboard runs it. After a warm-up, the best of three consecutive
 * windows of `ticks` (the best, because other work on the machine only ever slows a window).
 */
function ticksPerSecond(processes: number, ticks: number): number {
  const store = new Store(benchConfig());
  store.schedule(spawns(processes, (i) => MIX[i % MIX.length]));
  store.advance(200_000);
  let best = 0;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    store.advance(ticks);
    best = Math.max(best, ticks / ((performance.now() - t0) / 1000));
  }
  return Math.round(best);
}

function heapAfterGc(): { heap: number; external: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return { heap: m.heapUsed, external: m.arrayBuffers };
}

const MiB = 1024 * 1024;
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Heap in use after 1M and after 10M ticks of continuous fork/exit churn: forkers forking
 * short-lived children, plus a query spawned through the store every 5,000 ticks (each runs
 * ~3,000 ticks, exits and is reaped by init), so snapshots, the event ring and the log all work.
 */
function churnMemory(): Record<string, number> {
  const store = new Store(benchConfig());
  store.schedule([
    ...spawns(20, () => "forker"),
    ...spawns(10, () => "cpu-bound"),
    ...spawns(10, () => "io-bound"),
  ]);
  const marks = new Map<number, { heap: number; external: number }>();
  const t0 = performance.now();
  for (let t = 0; t < 10_000_000; t += 5_000) {
    store.submit({ type: "spawn", program: "query" });
    store.advance(5_000);
    if (store.now === 1_000_000 || store.now === 10_000_000) marks.set(store.now, heapAfterGc());
  }
  const seconds = (performance.now() - t0) / 1000;
  const at1 = marks.get(1_000_000)!;
  const at10 = marks.get(10_000_000)!;
  return {
    "churn: forks": store.kernel.totalForks,
    "churn: exits": store.kernel.totalExits,
    "churn: live processes at the end": store.kernel.procs.size,
    "churn: ticks/s (incl. gc)": Math.round(10_000_000 / seconds),
    "heap MiB after 1M ticks": round1(at1.heap / MiB),
    "heap MiB after 10M ticks": round1(at10.heap / MiB),
    "heap growth 1M -> 10M (%)": round1((100 * (at10.heap - at1.heap)) / at1.heap),
    "array buffers MiB after 1M ticks": round1(at1.external / MiB),
    "array buffers MiB after 10M ticks": round1(at10.external / MiB),
    "gc exposed (1 = yes)": (globalThis as { gc?: unknown }).gc ? 1 : 0,
  };
}

export async function benchKernel(): Promise<Record<string, number>> {
  return {
    "ticks/s, 10 processes": ticksPerSecond(10, 3_000_000),
    "ticks/s, 100 processes": ticksPerSecond(100, 3_000_000),
    "ticks/s, 1000 processes": ticksPerSecond(1000, 1_000_000),
    ...churnMemory(),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  // The heap figures need a collection before each reading: rerun with --expose-gc if missing.
  if (!(globalThis as { gc?: unknown }).gc) {
    const r = spawnSync(process.execPath, ["--expose-gc", ...process.execArgv, process.argv[1]], {
      stdio: "inherit",
    });
    process.exit(r.status ?? 1);
  }
  const figures = await benchKernel();
  for (const [name, value] of Object.entries(figures)) console.log(`${name}: ${value}`);
}
