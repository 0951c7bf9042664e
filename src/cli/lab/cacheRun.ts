// Streams a din trace through the caches: parsing here, simulating in a worker when it can.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { LabLevel } from "./cacheArgs.js";
import { DineroRun, type LabLevelDetail, type RunWindow } from "./cacheDinero.js";
import { createRingBuffer, RingPeerFailed, RingWriter } from "./cacheRing.js";
import { DinParser, type DinSink, openTrace } from "./cacheTrace.js";
import { XdinParser } from "./cacheTraceD.js";

export interface Progress {
  /** Called now and then with bytes consumed, total bytes (null if unknown) and records. */
  update(consumed: number, total: number | null, records: number): void;
  done(): void;
}

export interface TraceRunResult {
  /** Records read from the trace (all of them, unless --maxcount stopped early). */
  records: number;
  /** References simulated: those read, less any skipped, up to the maximum. */
  simulated: number;
  details: LabLevelDetail[];
}

/** What the simulating side sends back: figures at an interval, or the final ones. */
export type SimMessage =
  | { type: "interval"; simulated: number; details: LabLevelDetail[] }
  | { type: "done"; simulated: number; details: LabLevelDetail[] };

export interface TraceRunOptions {
  progress?: Progress | null;
  /**
   * Simulate in a worker thread, in parallel with parsing (default: when the compiled worker
   * module is there, i.e. not when running from TypeScript sources). Results are identical.
   */
  worker?: boolean;
  /** dineroIV's -skipcount, -maxcount, -flushcount and -stat-interval. */
  window?: Omit<RunWindow, "alignWords">;
  /** "d": din (the default); "D": extended din. */
  informat?: "d" | "D";
  /** Receives the figures after every `window.interval` references. */
  onInterval?: (simulated: number, details: LabLevelDetail[]) => void;
}

interface TraceParser {
  records: number;
  feed(chunk: Uint8Array): void;
  end(): void;
}

function parserFor(format: "d" | "D", sink: DinSink, name: string): TraceParser {
  return format === "D" ? new XdinParser(sink, name) : new DinParser(sink, name);
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
  const format = options.informat ?? "d";
  const window: RunWindow = { ...options.window, alignWords: format === "d" };
  const max = window.max ?? 0;
  // Records past this many are never simulated: reading stops there.
  const enough = max > 0 ? (window.skip ?? 0) + max : Number.POSITIVE_INFINITY;
  if (!useWorker) {
    const run = new DineroRun(levels, window);
    if (options.onInterval !== undefined) {
      const report = options.onInterval;
      run.onInterval = (n) => report(n, run.details());
    }
    const parser = parserFor(format, run, name);
    try {
      for await (const chunk of input.chunks) {
        parser.feed(chunk);
        progress?.update(input.bytesConsumed(), input.totalBytes, parser.records);
        if (parser.records >= enough) break;
      }
      if (parser.records < enough) parser.end();
    } finally {
      progress?.done();
    }
    run.finish();
    return { records: parser.records, simulated: run.simulated, details: run.details() };
  }

  const ring = createRingBuffer();
  // No inherited execArgv: flags such as `-e script` or `--cpu-prof` are not meant for it.
  const worker = new Worker(WORKER_URL, {
    workerData: { levels, ring, window },
    execArgv: [],
  });
  const final = new Promise<{ simulated: number; details: LabLevelDetail[] }>((resolve, reject) => {
    worker.on("message", (m: SimMessage) => {
      if (m.type === "interval") options.onInterval?.(m.simulated, m.details);
      else resolve(m);
    });
    worker.once("error", reject);
    worker.once("exit", (code) =>
      reject(new Error(`cache simulator thread exited with code ${code}`)),
    );
  });
  const details = final.then((f) => f.details);
  // A failure before the end is reported by whichever side noticed it first.
  details.catch(() => {});
  const writer = new RingWriter(ring);
  const parser = parserFor(format, writer, name);
  try {
    for await (const chunk of input.chunks) {
      parser.feed(chunk);
      progress?.update(input.bytesConsumed(), input.totalBytes, parser.records);
      if (parser.records >= enough) break;
    }
    if (parser.records < enough) parser.end();
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
  const done = await final;
  return { records: parser.records, simulated: done.simulated, details: done.details };
}
