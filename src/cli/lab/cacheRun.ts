// Streams a din trace through the caches: parsing here, simulating in a worker when it can.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { LabLevel } from "./cacheArgs.js";
import { DineroRun, type LabLevelDetail } from "./cacheDinero.js";
import { createRingBuffer, RingPeerFailed, RingWriter } from "./cacheRing.js";
import { DinParser, openTrace } from "./cacheTrace.js";

export interface Progress {
  /** Called now and then with bytes consumed, total bytes (null if unknown) and records. */
  update(consumed: number, total: number | null, records: number): void;
  done(): void;
}

export interface TraceRunResult {
  records: number;
  details: LabLevelDetail[];
}

export interface TraceRunOptions {
  progress?: Progress | null;
  /**
   * Simulate in a worker thread, in parallel with parsing (default: when the compiled worker
   * module is there, i.e. not when running from TypeScript sources). Results are identical.
   */
  worker?: boolean;
}

const WORKER_URL = new URL("./cacheWorker.js", import.meta.url);

/** Streams the trace at `path` through `levels`; constant memory whatever its length. */
export async function runTrace(
  path: string,
  levels: readonly LabLevel[],
  options: TraceRunOptions = {},
): Promise<TraceRunResult> {
  const input = await openTrace(path);
  const name = path === "-" ? "stdin" : path;
  const progress = options.progress ?? null;
  const useWorker = options.worker ?? existsSync(fileURLToPath(WORKER_URL));
  if (!useWorker) {
    const run = new DineroRun(levels);
    const parser = new DinParser(run, name);
    try {
      for await (const chunk of input.chunks) {
        parser.feed(chunk);
        progress?.update(input.bytesConsumed(), input.totalBytes, parser.records);
      }
      parser.end();
    } finally {
      progress?.done();
    }
    run.finish();
    return { records: parser.records, details: run.details() };
  }

  const ring = createRingBuffer();
  // No inherited execArgv: flags such as `-e script` or `--cpu-prof` are not meant for it.
  const worker = new Worker(WORKER_URL, { workerData: { levels, ring }, execArgv: [] });
  const details = new Promise<LabLevelDetail[]>((resolve, reject) => {
    worker.once("message", (d: LabLevelDetail[]) => resolve(d));
    worker.once("error", reject);
    worker.once("exit", (code) =>
      reject(new Error(`cache simulator thread exited with code ${code}`)),
    );
  });
  // A failure before the end is reported by whichever side noticed it first.
  details.catch(() => {});
  const writer = new RingWriter(ring);
  const parser = new DinParser(writer, name);
  try {
    for await (const chunk of input.chunks) {
      parser.feed(chunk);
      progress?.update(input.bytesConsumed(), input.totalBytes, parser.records);
    }
    parser.end();
    writer.close();
  } catch (err) {
    writer.abort();
    // If the simulator failed first, its own error says more than the ring's.
    const simError =
      err instanceof RingPeerFailed
        ? await details.then(
            () => null,
            (e) => e,
          )
        : null;
    await worker.terminate();
    throw simError ?? err;
  } finally {
    progress?.done();
  }
  return { records: parser.records, details: await details };
}
