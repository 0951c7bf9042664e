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

/** Unchanged cells between two changes rewritten rather than jumped over (a jump costs ~9 bytes). */
const GAP = 4;
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
        // A run: changed cells, and short stretches of unchanged ones between them.
        let end = x + 1;
        let lastChanged = x;
        while (end < tail && end - lastChanged <= GAP) {
          if (this.changed(prev, next, end, y)) lastChanged = end;
          end++;
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

  private moveTo(x: number, y: number): string {
    if (x === this.x && y === this.y) return "";
    let seq: string;
    if (y === this.y && this.x >= 0 && x > this.x)
      seq = `${ESC}${x - this.x === 1 ? "" : x - this.x}C`;
    else if (y === this.y && this.x >= 0 && x < this.x) seq = `${ESC}${x + 1 === 1 ? "" : x + 1}G`;
    else seq = `${ESC}${y + 1};${x + 1}H`;
    this.x = x;
    this.y = y;
    return seq;
  }
}
