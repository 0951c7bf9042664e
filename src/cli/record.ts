// `--record`: tees everything the live dashboard writes to the terminal into an asciicast v2 file.
import { performance } from "node:perf_hooks";
import type { Chapter } from "../scenario/types.js";
import { CastWriter } from "./cast.js";
import type { OutputFile } from "./outputFile.js";

export interface RecorderOptions {
  width: number;
  height: number;
  /** Scenario chapters: each becomes a marker when the simulation reaches its tick. */
  chapters: readonly Chapter[];
  /** The simulation's current tick (read as output goes by). */
  now: () => number;
  title?: string;
  /** Seconds since the recording began; real time unless a test passes its own clock. */
  clock?: () => number;
  /** Unix time of the start, in the header (real recordings have one; asciinema shows it). */
  timestamp?: number;
}

/**
 * Writes each chunk of terminal output as an "o" event at the time it was written, resizes as
 * "r" events and chapters as "m" markers. Every line goes to the file at once (an OutputFile
 * "stream"), so a crash keeps everything up to the moment it happened.
 */
export class Recorder {
  readonly path: string;
  private readonly file: OutputFile;
  private closed = false;
  private readonly cast: CastWriter;
  private readonly clock: () => number;
  private readonly chapters: Chapter[];
  private readonly now: () => number;

  /** `file`: the --record output, opened by openOutputs. */
  constructor(file: OutputFile, o: RecorderOptions) {
    this.file = file;
    this.path = file.path;
    const start = performance.now();
    this.clock = o.clock ?? (() => (performance.now() - start) / 1000);
    this.chapters = [...o.chapters].sort((a, b) => a.tick - b.tick);
    this.now = o.now;
    this.cast = new CastWriter(
      {
        version: 2,
        width: o.width,
        height: o.height,
        ...(o.timestamp !== undefined ? { timestamp: o.timestamp } : {}),
        ...(o.title !== undefined ? { title: o.title } : {}),
        env: { TERM: process.env.TERM ?? "xterm-256color", SHELL: process.env.SHELL ?? "/bin/sh" },
      },
      (line) => file.write(line),
    );
  }

  /** A chunk written to the terminal. A bare LF is recorded as CR LF, as a terminal's driver sends it. */
  output(chunk: string): void {
    if (this.closed) return;
    const t = this.clock();
    const tick = this.now();
    while (this.chapters.length > 0 && this.chapters[0].tick <= tick)
      this.cast.marker(t, this.chapters.shift()!.title);
    this.cast.output(t, chunk.replace(/\r?\n/g, "\r\n"));
  }

  resize(width: number, height: number): void {
    if (!this.closed) this.cast.resize(this.clock(), width, height);
  }

  /**
   * Closes the file; safe to call more than once (quit, then process exit). Throws an
   * OutputWriteError if a write failed (the file this run created is then gone).
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.file.finish();
  }
}
