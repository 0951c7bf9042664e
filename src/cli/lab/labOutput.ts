// Lab output that may run to millions of lines: written to stdout in pieces as it is made, never held whole.
import { writeStdout } from "../stdout.js";

/** Where a lab's text goes: true once written, false once the reader has gone (a closed pipe). */
export type LabSink = (text: string) => boolean;

/** Thrown through the lab by ChunkedWriter.write once the reader has gone, to stop it. */
class ReaderGone extends Error {}

const PIECE = 65536;

/**
 * Collects text and hands it to `sink` in pieces of about 64 KiB as it comes. The default sink
 * writes synchronously (waiting on a full pipe), so the lab runs only as fast as its reader
 * reads, and no more than a piece is ever held. A reader that has gone stops the lab.
 */
export class ChunkedWriter {
  private parts: string[] = [];
  private size = 0;
  private gone = false;

  constructor(private readonly sink: LabSink = writeStdout) {}

  /** Adds text; throws (for writeLab to catch) once the reader has gone. */
  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= PIECE) this.flush();
  }

  /** Writes what is left. */
  end(): void {
    if (!this.gone) this.flush();
  }

  private flush(): void {
    if (this.size === 0) {
      this.parts = [];
      return;
    }
    const s = this.parts.length === 1 ? this.parts[0] : this.parts.join("");
    this.parts = [];
    this.size = 0;
    if (!this.sink(s)) {
      this.gone = true;
      throw new ReaderGone("the reader of the lab's output has gone");
    }
  }
}

/**
 * Runs `lab` with a writer for its text and writes the rest when it ends. A reader that goes
 * away (`simtop lab ... | head`) ends the run quietly, as `simtop --batch` does; a lab's own
 * errors pass through after what it printed before them.
 */
export function writeLab(lab: (out: (s: string) => void) => void, sink?: LabSink): void {
  const w = new ChunkedWriter(sink);
  try {
    lab((s) => w.write(s));
    w.end();
  } catch (e) {
    if (e instanceof ReaderGone) return;
    try {
      w.end();
    } catch (gone) {
      if (!(gone instanceof ReaderGone)) throw gone;
    }
    throw e;
  }
}
