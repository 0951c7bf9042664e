// Worker thread of `lab cache`: simulates the records the main thread parses into the ring.
import { parentPort, workerData } from "node:worker_threads";
import type { LabLevel } from "./cacheArgs.js";
import { DineroRun, type RunWindow } from "./cacheDinero.js";
import { drainRing, markFailed } from "./cacheRing.js";
import type { SimMessage } from "./cacheRun.js";

const { levels, ring, window } = workerData as {
  levels: LabLevel[];
  ring: SharedArrayBuffer;
  window: RunWindow;
};
const post = (m: SimMessage): void => parentPort?.postMessage(m);
try {
  const run = new DineroRun(levels, window);
  run.onInterval = (simulated) => post({ type: "interval", simulated, details: run.details() });
  drainRing(ring, run);
  run.finish();
  post({ type: "done", simulated: run.simulated, details: run.details() });
} catch (err) {
  // Unblock the parser if it is waiting for room, then let the error reach the main thread.
  markFailed(ring);
  throw err;
}
