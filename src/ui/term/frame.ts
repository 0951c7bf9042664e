// Ink's frames onto a terminal: the one painter the live dashboard, demos and recordings share.
import { Painter } from "./paint.js";
import { Screen } from "./screen.js";

/**
 * Keeps the cells of the last frame Ink drew (its text: lines with SGR codes, trailing blanks
 * trimmed) and turns each new frame into the bytes that change only what differs on screen.
 * A line equal to the one before is not read again.
 */
export class FramePainter {
  private readonly painter = new Painter();
  private screen: Screen;
  private lines: string[] = [];

  constructor(columns: number, rows: number) {
    this.screen = new Screen(columns, rows);
  }

  get columns(): number {
    return this.screen.width;
  }

  get rows(): number {
    return this.screen.height;
  }

  /** The cells a terminal shows after the last frame painted. */
  cells(): Screen {
    return this.screen;
  }

  /** Bytes that make the terminal show `frame` (empty when nothing changed). */
  paint(frame: string): string {
    const lines = frame.split("\n");
    const s = this.screen;
    for (let y = 0; y < s.height; y++) {
      const l = lines[y] ?? "";
      if (l === this.lines[y]) continue;
      // Each line on its own: its row cleared first, no style carried over.
      s.writeRow(y, l);
    }
    this.lines = lines;
    return this.painter.paint(s);
  }

  /**
   * The terminal changed size, or what it shows is unknown (Ctrl+L): the next frame clears the
   * screen and is drawn in full.
   */
  reset(columns = this.columns, rows = this.rows): void {
    this.screen = new Screen(columns, rows);
    this.lines = [];
    this.painter.forget();
  }
}
