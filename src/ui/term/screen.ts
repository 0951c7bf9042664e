// A small VT/xterm screen model: feeds terminal output in, keeps the grid of styled cells it shows.
import { charWidth } from "../width.js";

/** -1 is the terminal's default colour; 0–255 the xterm palette; RGB as 0x1000000 | rrggbb. */
export type Color = number;
export const DEFAULT_COLOR: Color = -1;
export const RGB_FLAG = 0x1000000;

export const Attr = {
  bold: 1,
  dim: 2,
  italic: 4,
  underline: 8,
  blink: 16,
  inverse: 32,
  hidden: 64,
  strike: 128,
} as const;

export interface Style {
  fg: Color;
  bg: Color;
  /** Bits of Attr. */
  attrs: number;
}

export const PLAIN: Style = Object.freeze({ fg: DEFAULT_COLOR, bg: DEFAULT_COLOR, attrs: 0 });

export function sameStyle(a: Style, b: Style): boolean {
  return a.fg === b.fg && a.bg === b.bg && a.attrs === b.attrs;
}

/** One character cell. A wide character fills its cell and leaves `""` in the one after it. */
export interface Cell {
  ch: string;
  style: Style;
}

/** Cells are never changed in place (a new one replaces an old), so blank ones can be shared. */
export const BLANK: Cell = Object.freeze({ ch: " ", style: PLAIN });

/*
 * Styles and cells are immutable, so equal ones are one object: a painted frame allocates
 * almost nothing, and comparing two cells is mostly comparing two references.
 */
const styles = new Map<number, Map<number, Map<number, Style>>>();
const cells = new Map<Style, Map<string, Cell>>();
/** Past this many distinct styles or characters of one style, the interning starts afresh. */
const INTERN_BOUND = 4096;
let styleCount = 0;

function styleOf(fg: Color, bg: Color, attrs: number): Style {
  if (fg === DEFAULT_COLOR && bg === DEFAULT_COLOR && attrs === 0) return PLAIN;
  let byBg = styles.get(fg);
  if (byBg === undefined) {
    if (styleCount >= INTERN_BOUND) {
      styles.clear();
      styleCount = 0;
    }
    byBg = new Map();
    styles.set(fg, byBg);
  }
  let byAttrs = byBg.get(bg);
  if (byAttrs === undefined) {
    byAttrs = new Map();
    byBg.set(bg, byAttrs);
  }
  let s = byAttrs.get(attrs);
  if (s === undefined) {
    s = Object.freeze({ fg, bg, attrs });
    byAttrs.set(attrs, s);
    styleCount++;
  }
  return s;
}

function cellOf(ch: string, style: Style): Cell {
  let byChar = cells.get(style);
  if (byChar === undefined) {
    if (cells.size >= INTERN_BOUND) cells.clear();
    byChar = new Map();
    cells.set(style, byChar);
  }
  let c = byChar.get(ch);
  if (c === undefined) {
    if (byChar.size >= INTERN_BOUND) byChar.clear();
    c = Object.freeze({ ch, style });
    byChar.set(ch, c);
  }
  return c;
}

const blankRow = (width: number): Cell[] => new Array<Cell>(width).fill(BLANK);

/**
 * What a terminal of `width` × `height` shows after the output fed to it. Knows the
 * sequences full-screen programs use (cursor moves, erase, SGR colours, the alternate screen,
 * scrolling); anything else is kept in `unknown` so tests notice instead of guessing.
 */
export class Screen {
  width: number;
  height: number;
  cursorX = 0;
  cursorY = 0;
  cursorVisible = true;
  /** Sequences the model does not know (the first few), for tests to assert there are none. */
  readonly unknown: string[] = [];
  private grid: Cell[][];
  private saved: { main: Cell[][]; x: number; y: number } | null = null;
  private savedCursor = { x: 0, y: 0 };
  private style: Style = PLAIN;
  private pendingWrap = false;
  private top = 0;
  private bottom: number;
  /** Bytes of an escape sequence split across two writes. */
  private partial = "";

  constructor(width: number, height: number) {
    this.width = width;
    this.height = height;
    this.bottom = height - 1;
    this.grid = Array.from({ length: height }, () => blankRow(width));
  }

  get altScreen(): boolean {
    return this.saved !== null;
  }

  cell(x: number, y: number): Cell {
    return this.grid[y][x];
  }

  /** The text of each row, trailing blanks removed (wide characters once). */
  lines(): string[] {
    return this.grid.map((row) =>
      row
        .map((c) => c.ch)
        .join("")
        .replace(/\s+$/, ""),
    );
  }

  text(): string {
    return this.lines().join("\n").replace(/\n+$/, "");
  }

  /** A copy (the differ compares two of these); cells are immutable, so rows are copied, not cells. */
  clone(): Screen {
    const s = new Screen(this.width, this.height);
    s.grid = this.grid.map((row) => row.slice());
    s.cursorX = this.cursorX;
    s.cursorY = this.cursorY;
    s.cursorVisible = this.cursorVisible;
    return s;
  }

  resize(width: number, height: number): void {
    const fitRows = (rows: Cell[][]) => {
      const out = rows
        .slice(0, height)
        .map((r) => [...r.slice(0, width), ...blankRow(Math.max(0, width - r.length))]);
      while (out.length < height) out.push(blankRow(width));
      return out;
    };
    this.grid = fitRows(this.grid);
    if (this.saved) this.saved.main = fitRows(this.saved.main);
    this.width = width;
    this.height = height;
    this.top = 0;
    this.bottom = height - 1;
    this.cursorX = Math.min(this.cursorX, width - 1);
    this.cursorY = Math.min(this.cursorY, height - 1);
    this.pendingWrap = false;
  }

  /**
   * Row `y` replaced by `line` (text with SGR codes) read from its first column in the default
   * style, the style reset after it: what writing a cleared row would do, without the escapes.
   */
  writeRow(y: number, line: string): void {
    this.grid[y].fill(BLANK);
    this.cursorX = 0;
    this.cursorY = y;
    this.pendingWrap = false;
    this.style = PLAIN;
    this.write(line);
    this.style = PLAIN;
  }

  write(data: string): void {
    const s = this.partial + data;
    this.partial = "";
    let i = 0;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 0x1b) {
        const end = this.escape(s, i);
        if (end < 0) {
          this.partial = s.slice(i);
          return;
        }
        i = end;
        continue;
      }
      if (c < 0x20 || c === 0x7f) {
        this.control(c);
        i++;
        continue;
      }
      const cp = s.codePointAt(i) as number;
      this.print(String.fromCodePoint(cp), cp);
      i += cp > 0xffff ? 2 : 1;
    }
  }

  private control(c: number): void {
    switch (c) {
      case 0x0d:
        this.cursorX = 0;
        this.pendingWrap = false;
        return;
      case 0x0a:
      case 0x0b:
      case 0x0c:
        this.lineFeed();
        return;
      case 0x08:
        if (this.cursorX > 0) this.cursorX--;
        this.pendingWrap = false;
        return;
      case 0x09:
        this.cursorX = Math.min(this.width - 1, (Math.floor(this.cursorX / 8) + 1) * 8);
        return;
      default:
        return; // BEL, NUL and the rest show nothing
    }
  }

  private lineFeed(): void {
    this.pendingWrap = false;
    if (this.cursorY === this.bottom) this.scrollUp(1);
    else if (this.cursorY < this.height - 1) this.cursorY++;
  }

  private scrollUp(n: number): void {
    for (let k = 0; k < n; k++) {
      this.grid.splice(this.top, 1);
      this.grid.splice(this.bottom, 0, this.blank());
    }
  }

  private scrollDown(n: number): void {
    for (let k = 0; k < n; k++) {
      this.grid.splice(this.bottom, 1);
      this.grid.splice(this.top, 0, this.blank());
    }
  }

  /** Erased cells take the current background colour, as xterm does. */
  private eraseStyle(): Style {
    return this.style.bg === DEFAULT_COLOR ? PLAIN : styleOf(DEFAULT_COLOR, this.style.bg, 0);
  }

  private blankCell(): Cell {
    const style = this.eraseStyle();
    return style === PLAIN ? BLANK : cellOf(" ", style);
  }

  private blank(): Cell[] {
    return new Array<Cell>(this.width).fill(this.blankCell());
  }

  private erase(y: number, from: number, to: number): void {
    const cell = this.blankCell();
    const row = this.grid[y];
    for (let x = Math.max(0, from); x < Math.min(this.width, to); x++) row[x] = cell;
  }

  private print(ch: string, cp: number): void {
    const w = charWidth(cp);
    if (w === 0) {
      const x = this.pendingWrap ? this.cursorX : this.cursorX - 1;
      if (x >= 0) {
        const row = this.grid[this.cursorY];
        row[x] = cellOf(row[x].ch + ch, row[x].style);
      }
      return;
    }
    if (this.pendingWrap || this.cursorX + w > this.width) {
      this.cursorX = 0;
      this.lineFeed();
    }
    const row = this.grid[this.cursorY];
    const x = this.cursorX;
    // Overwriting half of a wide character blanks its other half, as terminals do.
    if (row[x].ch === "" && x > 0) row[x - 1] = cellOf(" ", row[x - 1].style);
    const after = x + w;
    if (after < this.width && row[after].ch === "" && (w === 2 || row[x + 1]?.ch === ""))
      row[after] = cellOf(" ", row[after].style);
    if (w === 1 && x + 1 < this.width && row[x + 1].ch === "")
      row[x + 1] = cellOf(" ", row[x + 1].style);
    row[x] = cellOf(ch, this.style);
    if (w === 2 && this.cursorX + 1 < this.width) row[this.cursorX + 1] = cellOf("", this.style);
    if (this.cursorX + w >= this.width) {
      this.cursorX = this.width - 1;
      this.pendingWrap = true;
    } else this.cursorX += w;
  }

  /** Handles the escape sequence at `i`; returns the index after it, or -1 if it is cut off. */
  private escape(s: string, i: number): number {
    if (i + 1 >= s.length) return -1;
    const kind = s[i + 1];
    if (kind === "[") {
      let j = i + 2;
      while (j < s.length && (s.charCodeAt(j) < 0x40 || s.charCodeAt(j) > 0x7e)) j++;
      if (j >= s.length) return -1;
      this.csi(s.slice(i + 2, j), s[j]);
      return j + 1;
    }
    if (kind === "]" || kind === "P" || kind === "_" || kind === "^") {
      // OSC (titles, hyperlinks), DCS, APC, PM: end at BEL or ST; nothing to show.
      for (let j = i + 2; j < s.length; j++) {
        if (s[j] === "\u0007") return j + 1;
        if (s[j] === "\u001b" && s[j + 1] === "\\") return j + 2;
      }
      return -1;
    }
    if (kind === "(" || kind === ")" || kind === "#") return i + 2 < s.length ? i + 3 : -1;
    switch (kind) {
      case "7":
        this.savedCursor = { x: this.cursorX, y: this.cursorY };
        break;
      case "8":
        this.cursorX = this.savedCursor.x;
        this.cursorY = this.savedCursor.y;
        this.pendingWrap = false;
        break;
      case "c":
        this.reset();
        break;
      case "D":
        this.lineFeed();
        break;
      case "E":
        this.cursorX = 0;
        this.lineFeed();
        break;
      case "M":
        if (this.cursorY === this.top) this.scrollDown(1);
        else if (this.cursorY > 0) this.cursorY--;
        break;
      case "=":
      case ">":
        break; // keypad modes
      default:
        this.noteUnknown(`ESC ${kind}`);
    }
    return i + 2;
  }

  private reset(): void {
    this.grid = Array.from({ length: this.height }, () => blankRow(this.width));
    this.saved = null;
    this.style = PLAIN;
    this.cursorX = 0;
    this.cursorY = 0;
    this.cursorVisible = true;
    this.top = 0;
    this.bottom = this.height - 1;
    this.pendingWrap = false;
  }

  private noteUnknown(seq: string): void {
    if (this.unknown.length < 20) this.unknown.push(seq);
  }

  private csi(params: string, final: string): void {
    // SGR, by far the most frequent: parameters read into a reused array, nothing allocated.
    if (final === "m" && !/^[?>=<]/.test(params)) {
      this.sgr(this.sgrParams(params), this.sgrCount);
      return;
    }
    const prefix = /^[?>=<]/.test(params) ? params[0] : "";
    const body = prefix ? params.slice(1) : params;
    const nums =
      body === ""
        ? []
        : body.split(";").map((p) => (p === "" ? Number.NaN : Number.parseInt(p, 10)));
    const n = (k: number, dflt: number) =>
      Number.isFinite(nums[k]) && nums[k] > 0 ? nums[k] : dflt;
    if (prefix === "?") {
      this.privateMode(nums, final);
      return;
    }
    if (prefix !== "") return; // queries and kitty keyboard settings: no effect on the screen
    const clampY = (y: number) => Math.max(0, Math.min(this.height - 1, y));
    const clampX = (x: number) => Math.max(0, Math.min(this.width - 1, x));
    this.pendingWrap = false;
    switch (final) {
      case "A":
        this.cursorY = Math.max(this.cursorY >= this.top ? this.top : 0, this.cursorY - n(0, 1));
        return;
      case "B":
        this.cursorY = Math.min(
          this.cursorY <= this.bottom ? this.bottom : this.height - 1,
          this.cursorY + n(0, 1),
        );
        return;
      case "C":
        this.cursorX = clampX(this.cursorX + n(0, 1));
        return;
      case "D":
        this.cursorX = clampX(this.cursorX - n(0, 1));
        return;
      case "E":
        this.cursorX = 0;
        this.cursorY = clampY(this.cursorY + n(0, 1));
        return;
      case "F":
        this.cursorX = 0;
        this.cursorY = clampY(this.cursorY - n(0, 1));
        return;
      case "G":
      case "`":
        this.cursorX = clampX(n(0, 1) - 1);
        return;
      case "d":
        this.cursorY = clampY(n(0, 1) - 1);
        return;
      case "H":
      case "f":
        this.cursorY = clampY(n(0, 1) - 1);
        this.cursorX = clampX(n(1, 1) - 1);
        return;
      case "J": {
        const mode = Number.isFinite(nums[0]) ? nums[0] : 0;
        if (mode === 0) {
          this.erase(this.cursorY, this.cursorX, this.width);
          for (let y = this.cursorY + 1; y < this.height; y++) this.erase(y, 0, this.width);
        } else if (mode === 1) {
          for (let y = 0; y < this.cursorY; y++) this.erase(y, 0, this.width);
          this.erase(this.cursorY, 0, this.cursorX + 1);
        } else if (mode === 2 || mode === 3) {
          if (mode === 2) for (let y = 0; y < this.height; y++) this.erase(y, 0, this.width);
        }
        return;
      }
      case "K": {
        const mode = Number.isFinite(nums[0]) ? nums[0] : 0;
        if (mode === 0) this.erase(this.cursorY, this.cursorX, this.width);
        else if (mode === 1) this.erase(this.cursorY, 0, this.cursorX + 1);
        else if (mode === 2) this.erase(this.cursorY, 0, this.width);
        return;
      }
      case "X":
        this.erase(this.cursorY, this.cursorX, this.cursorX + n(0, 1));
        return;
      case "P": {
        const row = this.grid[this.cursorY];
        const k = Math.min(n(0, 1), this.width - this.cursorX);
        row.splice(this.cursorX, k);
        row.push(...this.blank().slice(0, k));
        return;
      }
      case "@": {
        const row = this.grid[this.cursorY];
        const k = Math.min(n(0, 1), this.width - this.cursorX);
        row.splice(this.cursorX, 0, ...this.blank().slice(0, k));
        row.length = this.width;
        return;
      }
      case "L":
      case "M": {
        if (this.cursorY < this.top || this.cursorY > this.bottom) return;
        const saveTop = this.top;
        this.top = this.cursorY;
        if (final === "L") this.scrollDown(n(0, 1));
        else this.scrollUp(n(0, 1));
        this.top = saveTop;
        return;
      }
      case "S":
        this.scrollUp(n(0, 1));
        return;
      case "T":
        this.scrollDown(n(0, 1));
        return;
      case "r":
        this.top = clampY(n(0, 1) - 1);
        this.bottom = clampY(n(1, this.height) - 1);
        if (this.top >= this.bottom) {
          this.top = 0;
          this.bottom = this.height - 1;
        }
        this.cursorX = 0;
        this.cursorY = 0;
        return;
      case "s":
        this.savedCursor = { x: this.cursorX, y: this.cursorY };
        return;
      case "u":
        this.cursorX = this.savedCursor.x;
        this.cursorY = this.savedCursor.y;
        return;
      case "h":
      case "l":
      case "n":
      case "c":
      case "t":
      case "q":
        return; // modes, reports and window operations: nothing on screen
      default:
        this.noteUnknown(`CSI ${params}${final}`);
    }
  }

  private privateMode(nums: number[], final: string): void {
    if (final !== "h" && final !== "l") return;
    const on = final === "h";
    for (const m of nums) {
      if (m === 25) this.cursorVisible = on;
      else if (m === 1049 || m === 1047 || m === 47) {
        if (on && this.saved === null) {
          this.saved = { main: this.grid, x: this.cursorX, y: this.cursorY };
          this.grid = Array.from({ length: this.height }, () => blankRow(this.width));
        } else if (!on && this.saved !== null) {
          this.grid = this.saved.main;
          if (m === 1049) {
            this.cursorX = this.saved.x;
            this.cursorY = this.saved.y;
          }
          this.saved = null;
        }
      }
      // Other modes (mouse, bracketed paste, focus, synchronized output) change nothing shown.
    }
  }

  /** SGR parameters of the sequence being read (NaN for an empty one), and how many. */
  private readonly sgrNums = new Float64Array(64);
  private sgrCount = 0;

  /** Reads SGR parameters into sgrNums (one 0 for none), allocating nothing. */
  private sgrParams(params: string): number[] | Float64Array {
    const out = this.sgrNums;
    let n = 0;
    if (params === "") out[n++] = 0;
    else {
      let v = Number.NaN;
      for (let i = 0; i < params.length && n < out.length - 1; i++) {
        const c = params.charCodeAt(i);
        if (c >= 0x30 && c <= 0x39) v = (Number.isNaN(v) ? 0 : v * 10) + (c - 0x30);
        else if (c === 0x3b) {
          out[n++] = v;
          v = Number.NaN;
        } else {
          // As parseInt reads a parameter: the digits before anything else, the rest ignored.
          while (i + 1 < params.length && params.charCodeAt(i + 1) !== 0x3b) i++;
        }
      }
      out[n++] = v;
    }
    this.sgrCount = n;
    return out;
  }

  private sgr(p: ArrayLike<number>, count = p.length): void {
    let { fg, bg, attrs } = this.style;
    for (let k = 0; k < count; k++) {
      const v = Number.isFinite(p[k]) ? p[k] : 0;
      if (v === 0) {
        fg = DEFAULT_COLOR;
        bg = DEFAULT_COLOR;
        attrs = 0;
      } else if (v === 1) attrs |= Attr.bold;
      else if (v === 2) attrs |= Attr.dim;
      else if (v === 3) attrs |= Attr.italic;
      else if (v === 4) attrs |= Attr.underline;
      else if (v === 5 || v === 6) attrs |= Attr.blink;
      else if (v === 7) attrs |= Attr.inverse;
      else if (v === 8) attrs |= Attr.hidden;
      else if (v === 9) attrs |= Attr.strike;
      else if (v === 21 || v === 22) attrs &= ~(Attr.bold | Attr.dim);
      else if (v === 23) attrs &= ~Attr.italic;
      else if (v === 24) attrs &= ~Attr.underline;
      else if (v === 25) attrs &= ~Attr.blink;
      else if (v === 27) attrs &= ~Attr.inverse;
      else if (v === 28) attrs &= ~Attr.hidden;
      else if (v === 29) attrs &= ~Attr.strike;
      else if (v >= 30 && v <= 37) fg = v - 30;
      else if (v === 39) fg = DEFAULT_COLOR;
      else if (v >= 40 && v <= 47) bg = v - 40;
      else if (v === 49) bg = DEFAULT_COLOR;
      else if (v >= 90 && v <= 97) fg = v - 90 + 8;
      else if (v >= 100 && v <= 107) bg = v - 100 + 8;
      else if (v === 38 || v === 48) {
        let c: Color | null = null;
        if (k + 2 < count && p[k + 1] === 5 && Number.isFinite(p[k + 2])) {
          c = p[k + 2] & 0xff;
          k += 2;
        } else if (p[k + 1] === 2 && count >= k + 5) {
          c = RGB_FLAG | ((p[k + 2] & 0xff) << 16) | ((p[k + 3] & 0xff) << 8) | (p[k + 4] & 0xff);
          k += 4;
        }
        if (c === null) break;
        if (v === 38) fg = c;
        else bg = c;
      }
    }
    this.style = styleOf(fg, bg, attrs);
  }
}
