// Worker thread of `lab cache`: simulates the records the main thread parses into the ring.
import { parentPort, workerData } from "node:worker_threads";
import type { LabLevel } from "./cacheArgs.js";
import { DineroRun } from "./cacheDinero.js";
import { drainRing, markFailed } from "./cacheRing.js";

const { levels, ring } = workerData as { levels: LabLevel[]; ring: SharedArrayBuffer };
try {
  const run = new DineroRun(levels);
  drainRing(ring, run);
  run.finish();
  parentPort?.postMessage(run.details());
} catch (err) {
  // Unblock the parser if it is waiting for room, then let the error reach the main thread.
  markFailed(ring);
  throw err;
}
