// `--save`: writes the session (config, then each command as it is applied) to a JSONL file.
import type { Chapter } from "../scenario/types.js";
import type { StampedCommand } from "../sim/commands.js";
import type { KernelConfig } from "../sim/config.js";
import { commandLine, endLine, headerLine } from "../sim/session.js";
import type { Store } from "../sim/store.js";
import type { OutputFile } from "./outputFile.js";
import { openOutputs } from "./outputs.js";

/** What the session was started from: shown and replayed with it (chapters become markers). */
export interface SessionMeta {
  scenario: string;
  chapters: Chapter[];
}

/** The session header line with the scenario's name and chapters beside the config. */
export function headerWithMeta(config: KernelConfig, meta: SessionMeta | null): string {
  if (meta === null) return headerLine(config);
  return JSON.stringify({
    ...JSON.parse(headerLine(config)),
    scenario: meta.scenario,
    chapters: meta.chapters,
  });
}

/** Ticks between `end` lines written as progress (a crash loses at most this much idle time). */
export const PROGRESS_EVERY = 10_000;

/**
 * Appends each line with one write and an fsync, so a crash loses nothing before the last
 * command, and a reader never sees half a command. The file is written in place (see
 * OutputFile's "stream"): whatever ends the run, it holds a valid session up to its last line.
 */
export class SessionWriter {
  readonly path: string;
  private readonly file: OutputFile;
  private closed = false;
  private lastEnd = -1;

  /** `out`: an output opened by openOutputs, or a path to open (a new file) now. */
  constructor(out: OutputFile | string, config: KernelConfig, meta: SessionMeta | null = null) {
    this.file =
      typeof out === "string"
        ? openOutputs({
            outputs: [{ flag: "--save", path: out }],
            overwrite: false,
            stdoutUse: null,
            mode: "stream",
          })[0]
        : out;
    this.path = this.file.path;
    this.line(headerWithMeta(config, meta));
  }

  /** A write failed (disk full, pipe closed): close() will say so; nothing more is written. */
  get failed(): boolean {
    return this.file.failed;
  }

  /** Logs every command the store applies from now on (keeping any hook already there). */
  attach(store: Store): void {
    const previous = store.onCommand;
    store.onCommand = (c) => {
      this.command(c);
      previous?.(c);
    };
  }

  command(c: StampedCommand): void {
    this.line(commandLine(c));
  }

  /** Records that the session reached `tick`, at most once per PROGRESS_EVERY ticks. */
  progress(tick: number): void {
    if (this.lastEnd < 0 || tick - this.lastEnd >= PROGRESS_EVERY) this.end(tick);
  }

  /** Records that the session reached `tick` (replays run at least this far). */
  end(tick: number): void {
    if (tick === this.lastEnd) return;
    this.line(endLine(tick));
    this.lastEnd = tick;
  }

  /**
   * Writes the final `end` line and closes the file; safe to call twice. Throws an
   * OutputWriteError if a write failed (the file this run created is then gone).
   */
  close(tick: number): void {
    if (this.closed) return;
    this.end(tick);
    this.closed = true;
    this.file.finish();
  }

  private line(s: string): void {
    if (this.closed) return;
    this.file.write(`${s}\n`);
    this.file.sync();
  }
}
