// Repaints a terminal from one screen to the next with few bytes: changed cells only, like curses.
import {
  Attr,
  BLANK,
  type Cell,
  DEFAULT_COLOR,
  PLAIN,
  RGB_FLAG,
  type Screen,
  type Style,
  sameStyle,
} from "./screen.js";

const ESC = "\u001b[";

function colorParam(c: number, base: number): string {
  if (c === DEFAULT_COLOR) return `${base + 9}`;
  if (c >= RGB_FLAG) return `${base + 8};2;${(c >> 16) & 0xff};${(c >> 8) & 0xff};${c & 0xff}`;
  if (c < 8) return `${base + c}`;
  if (c < 16) return `${base + 60 + c - 8}`;
  return `${base + 8};5;${c}`;
}

const ATTR_CODES: [bit: number, on: number, off: number][] = [
  [Attr.bold, 1, 22],
  [Attr.dim, 2, 22],
  [Attr.italic, 3, 23],
  [Attr.underline, 4, 24],
  [Attr.blink, 5, 25],
  [Attr.inverse, 7, 27],
  [Attr.hidden, 8, 28],
  [Attr.strike, 9, 29],
];

/** The SGR sequence that sets exactly `s`, starting from a reset. */
export function sgr(s: Style): string {
  const p = ["0"];
  for (const [bit, on] of ATTR_CODES) if (s.attrs & bit) p.push(`${on}`);
  if (s.fg !== DEFAULT_COLOR) p.push(colorParam(s.fg, 30));
  if (s.bg !== DEFAULT_COLOR) p.push(colorParam(s.bg, 40));
  return `${ESC}${p.join(";")}m`;
}

/** The shorter of a reset-and-set and a change of only what differs, from `from` to `to`. */
export function sgrChange(from: Style | null, to: Style): string {
  const full = sgr(to);
  if (from === null) return full;
  const p: string[] = [];
  const removed = from.attrs & ~to.attrs;
  // 22 turns off bold and dim together; the one still wanted is set again below.
  const boldDimOff = (removed & (Attr.bold | Attr.dim)) !== 0;
  if (boldDimOff) p.push("22");
  for (const [bit, on, off] of ATTR_CODES) {
    if (bit === Attr.bold || bit === Attr.dim) {
      if (to.attrs & bit && (boldDimOff || !(from.attrs & bit))) p.push(`${on}`);
    } else if (removed & bit) p.push(`${off}`);
    else if (to.attrs & bit && !(from.attrs & bit)) p.push(`${on}`);
  }
  if (from.fg !== to.fg) p.push(colorParam(to.fg, 30));
  if (from.bg !== to.bg) p.push(colorParam(to.bg, 40));
  const diff = `${ESC}${p.join(";")}m`;
  return diff.length < full.length ? diff : full;
}

/** Cursor forward by n columns. */
const forward = (n: number) => `${ESC}${n === 1 ? "" : n}C`;

/** Styles in force after a cell, and the bytes to change from one to the next (0 when equal). */
const styleBytes = (from: Style, to: Style) =>
  sameStyle(from, to) ? 0 : sgrChange(from, to).length;

/**
 * Bytes from the changed cell at `from` to the changed one at `to` on row y when the unchanged
 * cells between are rewritten, up to and including the style change for `to`.
 */
function rewriteBytes(screen: Screen, from: number, to: number, y: number): number {
  let bytes = 0;
  let style = screen.cell(from, y).style;
  for (let k = from + 1; k < to; k++) {
    const c = screen.cell(k, y);
    bytes += Buffer.byteLength(c.ch) + styleBytes(style, c.style);
    style = c.style;
  }
  return bytes + styleBytes(style, screen.cell(to, y).style);
}

/** The same when the cursor jumps over them. */
function jumpBytes(screen: Screen, from: number, to: number, y: number): number {
  const n = to - from - 1;
  return (
    (n === 1 ? 3 : n < 10 ? 4 : n < 100 ? 5 : 6) +
    styleBytes(screen.cell(from, y).style, screen.cell(to, y).style)
  );
}

const isBlank = (c: Cell) => c === BLANK || (c.ch === " " && sameStyle(c.style, PLAIN));
const sameCell = (a: Cell, b: Cell) => a === b || (a.ch === b.ch && sameStyle(a.style, b.style));

/**
 * Remembers what the terminal shows, where its cursor is and which SGR is in force, and emits
 * the bytes that turn it into the next screen. The first frame clears the screen.
 */
export class Painter {
  private shown: Screen | null = null;
  private x = -1;
  private y = -1;
  private style: Style | null = null;

  /** Forgets what the terminal shows: the next paint clears the screen and draws everything. */
  forget(): void {
    this.shown = null;
  }

  /** Bytes that make the terminal show `next` (empty when nothing changed). */
  paint(next: Screen): string {
    let out = "";
    let prev = this.shown;
    if (prev === null || prev.width !== next.width || prev.height !== next.height) {
      out += `${ESC}0m${ESC}?25l${ESC}H${ESC}2J`;
      this.style = PLAIN;
      this.x = 0;
      this.y = 0;
      prev = null;
    }
    for (let y = 0; y < next.height; y++) {
      // From this column on the new row is blank: one erase-to-end-of-line clears what is left.
      let tail = next.width;
      while (tail > 0 && isBlank(next.cell(tail - 1, y))) tail--;
      let x = 0;
      while (x < next.width) {
        if (!this.changed(prev, next, x, y)) {
          x++;
          continue;
        }
        if (x >= tail) {
          out += this.moveTo(x, y) + this.eraseLine();
          break;
        }
        // A run: changed cells, and the unchanged ones between them wherever rewriting them costs
        // no more bytes than jumping over them.
        let lastChanged = x;
        for (let end = x + 1; end < tail; end++) {
          if (!this.changed(prev, next, end, y)) continue;
          if (rewriteBytes(next, lastChanged, end, y) > jumpBytes(next, lastChanged, end, y)) break;
          lastChanged = end;
        }
        out += this.moveTo(x, y);
        for (let k = x; k <= lastChanged; k++) {
          const c = next.cell(k, y);
          if (c.ch === "") continue; // the right half of a wide character, drawn with its left half
          if (this.style === null || !sameStyle(this.style, c.style)) {
            out += sgrChange(this.style, c.style);
            this.style = c.style;
          }
          out += c.ch;
          this.x += k + 1 < next.width && next.cell(k + 1, y).ch === "" ? 2 : 1;
        }
        // After the last column the cursor's column is not reliable (pending wrap): forget it.
        if (this.x >= next.width) this.x = -1;
        x = lastChanged + 1;
      }
    }
    this.shown = next.clone();
    return out;
  }

  /** Erase to the end of the line, in the default colours (erased cells take the current background). */
  private eraseLine(): string {
    let out = "";
    if (this.style === null || !sameStyle(this.style, PLAIN)) {
      out += sgrChange(this.style, PLAIN);
      this.style = PLAIN;
    }
    return `${out}${ESC}K`;
  }

  private changed(prev: Screen | null, next: Screen, x: number, y: number): boolean {
    const c = next.cell(x, y);
    if (prev === null) return c.ch !== " " || !sameStyle(c.style, PLAIN);
    return !sameCell(prev.cell(x, y), c);
  }

  /** The shortest way to move the cursor to (x, y) from where it is. */
  private moveTo(x: number, y: number): string {
    if (x === this.x && y === this.y) return "";
    let seq = x === 0 ? `${ESC}${y + 1}H` : `${ESC}${y + 1};${x + 1}H`;
    const consider = (s: string) => {
      if (s.length < seq.length) seq = s;
    };
    if (y === this.y && this.x >= 0 && x > this.x) consider(forward(x - this.x));
    if (y === this.y && this.x >= 0 && x < this.x) {
      consider(x === 0 ? "\r" : `${ESC}${x + 1}G`);
      if (this.x - x <= 3) consider("\b".repeat(this.x - x));
    }
    // Down by carriage return and line feeds (never from the last row, so nothing scrolls). An
    // unknown column (a pending wrap after the last one) is fine: the carriage return clears it.
    if (this.y >= 0 && y > this.y) {
      const down = y - this.y <= 3 ? "\n".repeat(y - this.y) : `${ESC}${y - this.y}B`;
      consider(`\r${down}${x === 0 ? "" : forward(x)}`);
    }
    this.x = x;
    this.y = y;
    return seq;
  }
}
