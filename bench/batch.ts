// Benchmarks: batch mode's simulated ticks per second, and the size of a 60 s cast, on the default scenario.
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { runBatch } from "../src/cli/batch.js";
import { renderDemo } from "../src/cli/demo/render.js";
import { compileDemo } from "../src/cli/demo/script.js";
import { defaultScenario } from "../src/scenario/builtins.js";
import { scenarioConfig, startScenario } from "../src/scenario/start.js";
import { DEFAULT_SPEED } from "../src/ui/index.js";

/** Snapshots and ticks between them: 1M simulated ticks, formatted as `simtop --batch` would. */
const ITERATIONS = 20;
const DELAY = 50_000;

function batchRun(iterations: number, delay: number): { seconds: number; bytes: number } {
  const store = startScenario(defaultScenario(), scenarioConfig(defaultScenario()));
  let bytes = 0;
  const t0 = performance.now();
  runBatch(store, { iterations, delay, json: false, events: false, chapters: [] }, (s) => {
    bytes += s.length;
  });
  return { seconds: (performance.now() - t0) / 1000, bytes };
}

/** A 60 s recording at 10 frames per second of the default scenario at the dashboard's default speed. */
function castRun(): { bytes: number; seconds: number; frames: number } {
  const demo = compileDemo(
    {
      title: "bench",
      scenario: "default",
      width: 120,
      height: 40,
      fps: 10,
      speed: DEFAULT_SPEED,
      duration: 60,
    },
    "bench.yaml",
  );
  let bytes = 0;
  const t0 = performance.now();
  const r = renderDemo(demo, (line) => {
    bytes += Buffer.byteLength(line);
  });
  return { bytes, seconds: (performance.now() - t0) / 1000, frames: r.frames };
}

export async function benchBatch(): Promise<Record<string, number | string>> {
  batchRun(4, 25_000); // warm up the JIT
  const { seconds, bytes } = batchRun(ITERATIONS, DELAY);
  const ticks = ITERATIONS * DELAY;
  const cast = castRun();
  return {
    "batch.scenario": `${defaultScenario().name} (${defaultScenario().config.cores} cores, ${defaultScenario().config.cpu} cpu)`,
    "batch.ticks": ticks,
    "batch.seconds": Number(seconds.toFixed(3)),
    "batch.ticksPerSec": Math.round(ticks / seconds),
    "batch.outputBytes": bytes,
    "cast.terminal": "120x40, 10 fps, 60 s",
    "cast.speedTicksPerSec": DEFAULT_SPEED,
    "cast.frames": cast.frames,
    "cast.KiB": Number((cast.bytes / 1024).toFixed(1)),
    "cast.targetKiB": 293, // 300 KB
    "cast.renderSeconds": Number(cast.seconds.toFixed(2)),
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await benchBatch();
  for (const [k, v] of Object.entries(results)) process.stdout.write(`${k}: ${v}\n`);
}
