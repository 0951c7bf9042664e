// A single updating line on a terminal's stderr for long work, redrawn a few times a second and cleared at the end.
import { visible } from "../sim/visible.js";
import { cut } from "../ui/width.js";

/** What a progress line writes to: a terminal's stream (process.stderr), or a test's stand-in. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressLineOptions {
  /** Milliseconds between redraws at most (default 100: ten a second). */
  everyMs?: number;
  /** Milliseconds of work before the first draw (default 250), so a short run draws nothing. */
  delayMs?: number;
  /** The clock, in milliseconds (default Date.now). */
  now?: () => number;
}

/**
 * One line of status redrawn in place with `\r` and erase-to-end: cut to the terminal's width
 * (a wrapped line could not be redrawn), text from files shown with its controls escaped. The
 * text is built only when a redraw is due, so calling update() often costs nothing.
 */
export class ProgressLine {
  private readonly stream: ProgressStream;
  private readonly everyMs: number;
  private readonly now: () => number;
  private next: number;
  private drawn = false;

  constructor(stream: ProgressStream, options: ProgressLineOptions = {}) {
    this.stream = stream;
    this.everyMs = options.everyMs ?? 100;
    this.now = options.now ?? Date.now;
    this.next = this.now() + (options.delayMs ?? 250);
  }

  /** Redraws the line with `text()` if the last redraw was long enough ago. */
  update(text: () => string): void {
    const t = this.now();
    if (t < this.next) return;
    this.next = t + this.everyMs;
    // One column short of the width: writing the last column makes some terminals wrap. A
    // terminal that reports no size (0 columns) is taken as 80 wide.
    const width = Math.max(1, (this.stream.columns || 80) - 1);
    this.stream.write(`\r${cut(visible(text()), width).text}\u001b[K`);
    this.drawn = true;
  }

  /** Erases the line (if it was ever drawn), leaving the cursor where the line began. */
  clear(): void {
    if (this.drawn) this.stream.write("\r\u001b[K");
    this.drawn = false;
  }
}

/** A progress line on `stream` when it is a terminal, else null: nothing at all goes to a pipe or file. */
export function progressLine(
  stream: ProgressStream,
  options: ProgressLineOptions = {},
): ProgressLine | null {
  return stream.isTTY === true ? new ProgressLine(stream, options) : null;
}

/** `done` of `total` as a bar of `width` cells and a percentage: "[#####.....]  50%". */
export function progressBarText(done: number, total: number, width = 30): string {
  const f = total > 0 ? Math.min(Math.max(done / total, 0), 1) : 0;
  const full = Math.round(f * width);
  return `[${"#".repeat(full)}${".".repeat(width - full)}] ${(f * 100).toFixed(0).padStart(3)}%`;
}
