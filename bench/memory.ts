// Benchmark of memory: peak RSS and heap over 10M ticks of the default scenario, with a large L3, and with 64 cores.
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compileScenario } from "../src/scenario/compile.js";
import type { ScenarioFile } from "../src/scenario/schema.js";
import { scenarioCommands, scenarioConfig } from "../src/scenario/start.js";
import type { StampedCommand } from "../src/sim/commands.js";
import { Store } from "../src/sim/store.js";

const TICKS = 10_000_000;
/** Ticks per advance: the dashboard advances in frames, then reads the kernel. */
const CHUNK = 50_000;
const MiB = 1024 * 1024;

/** The default scenario's programs, as a scenario file (the built-in one is compiled already). */
const DEFAULT_PROCESSES = [
  "sh",
  "cpu-bound",
  "io-bound",
  "forker",
  "sigint-handler",
  "sleeper",
  "row-scan",
  "col-scan",
];

interface Case {
  label: string;
  /** The default scenario's file with these machine settings and extra processes. */
  machine: NonNullable<ScenarioFile["machine"]>;
  extraProcesses: number;
}

const CASES: Record<string, Case> = {
  default: { label: "default scenario", machine: { cores: 2, cpu: "pipeline" }, extraProcesses: 0 },
  l3: {
    label: "default, l3: 256MiB",
    machine: { cores: 2, cpu: "pipeline", caches: { l3: { size: "256MiB" } } },
    extraProcesses: 0,
  },
  l2l3: {
    label: "default, l2: 64MiB, l3: 256MiB",
    machine: {
      cores: 2,
      cpu: "pipeline",
      caches: { l2: { size: "64MiB" }, l3: { size: "256MiB" } },
    },
    extraProcesses: 0,
  },
  cores64: {
    label: "default, 64 cores + 1,000 processes",
    machine: { cores: 64, cpu: "pipeline" },
    extraProcesses: 1000,
  },
};

interface Measured {
  peakRssMiB: number;
  peakHeapMiB: number;
  peakArrayBuffersMiB: number;
  heapAfterGcMiB: number;
  arrayBuffersAfterGcMiB: number;
  liveProcesses: number;
  ticksPerSec: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Runs one case in this process (a child of the benchmark, so its RSS is its own). */
function runCase(c: Case): Measured {
  const file: ScenarioFile = {
    name: "bench",
    machine: c.machine,
    processes: DEFAULT_PROCESSES.map((program) => ({ program })),
  };
  const scenario = compileScenario(file, { defaultName: "bench" });
  const store = new Store(scenarioConfig(scenario));
  const extra: StampedCommand[] = Array.from({ length: c.extraProcesses }, (_, i) => ({
    tick: 0,
    command: {
      type: "spawn",
      program: DEFAULT_PROCESSES[1 + (i % (DEFAULT_PROCESSES.length - 1))],
    },
  }));
  store.schedule([...scenarioCommands(scenario), ...extra]);
  let peakHeap = 0;
  let peakBuffers = 0;
  const t0 = performance.now();
  for (let done = 0; done < TICKS; done += CHUNK) {
    store.advance(CHUNK);
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
  }
  const seconds = (performance.now() - t0) / 1000;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const end = process.memoryUsage();
  return {
    peakRssMiB: round1((process.resourceUsage().maxRSS * 1024) / MiB),
    peakHeapMiB: round1(peakHeap / MiB),
    peakArrayBuffersMiB: round1(peakBuffers / MiB),
    heapAfterGcMiB: round1(end.heapUsed / MiB),
    arrayBuffersAfterGcMiB: round1(end.arrayBuffers / MiB),
    liveProcesses: store.kernel.procs.size,
    ticksPerSec: Math.round(TICKS / seconds),
  };
}

function inChild(name: string): Measured {
  const r = spawnSync(
    process.execPath,
    ["--expose-gc", fileURLToPath(import.meta.url), "--case", name],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  );
  if (r.status !== 0) {
    const why = r.error?.message ?? (r.stderr ?? "").trim().split("\n").pop();
    throw new Error(`case ${name}: ${why}`);
  }
  return JSON.parse(r.stdout) as Measured;
}

/** Each case in its own process: peak RSS, peak heap and array buffers, and ticks/s over 10M ticks. */
export async function benchMemory(): Promise<{
  figures: Record<string, number>;
  markdown: string;
}> {
  const figures: Record<string, number> = {};
  const rows = [
    "| case | peak RSS MiB | peak heap MiB | peak array buffers MiB | heap after gc MiB | array buffers after gc MiB | live processes | ticks/s |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const base = inChild("default");
  for (const [name, c] of Object.entries(CASES)) {
    const m = name === "default" ? base : inChild(name);
    figures[`${name}: peak RSS MiB`] = m.peakRssMiB;
    figures[`${name}: RSS / default's`] = round1((m.peakRssMiB / base.peakRssMiB) * 100) / 100;
    rows.push(
      `| ${c.label} | ${m.peakRssMiB} | ${m.peakHeapMiB} | ${m.peakArrayBuffersMiB} | ${m.heapAfterGcMiB} | ${m.arrayBuffersAfterGcMiB} | ${m.liveProcesses} | ${m.ticksPerSec.toLocaleString("en-US")} |`,
    );
  }
  const markdown = [
    `${(TICKS / 1e6).toFixed(0)}M ticks each, through a Store with the dashboard's snapshots, each case in its own Node process.`,
    "",
    ...rows,
  ].join("\n");
  return { figures, markdown };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf("--case");
  if (at >= 0) {
    const c = CASES[process.argv[at + 1]];
    if (c === undefined) throw new Error(`no case ${process.argv[at + 1]}`);
    process.stdout.write(JSON.stringify(runCase(c)));
  } else {
    const r = await benchMemory();
    console.log(r.markdown);
  }
}
