// Terminal bytes from one screen to the next: only the cells that changed, like curses does.

/** A screen as cells: one character and one style (canonical SGR parameters, "0" plain) each. */
export interface Cells {
  rows: { chars: string[]; styles: string[] }[];
}

const PLAIN = "0";

/** The attributes an SGR sequence can set, tracked while reading a line. */
interface SgrState {
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  inverse: boolean;
  strike: boolean;
  fg: string;
  bg: string;
}

function resetState(s: SgrState): void {
  s.bold = s.dim = s.italic = s.underline = s.inverse = s.strike = false;
  s.fg = s.bg = "";
}

function applySgr(s: SgrState, params: string): void {
  const p = params === "" ? ["0"] : params.split(/[;:]/);
  for (let i = 0; i < p.length; i++) {
    const n = Number(p[i]);
    if (n === 0) resetState(s);
    else if (n === 1) s.bold = true;
    else if (n === 2) s.dim = true;
    else if (n === 22) s.bold = s.dim = false;
    else if (n === 3) s.italic = true;
    else if (n === 23) s.italic = false;
    else if (n === 4) s.underline = true;
    else if (n === 24) s.underline = false;
    else if (n === 7) s.inverse = true;
    else if (n === 27) s.inverse = false;
    else if (n === 9) s.strike = true;
    else if (n === 29) s.strike = false;
    else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) s.fg = String(n);
    else if (n === 39) s.fg = "";
    else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) s.bg = String(n);
    else if (n === 49) s.bg = "";
    else if (n === 38 || n === 48) {
      // 256-colour (5;n) or true colour (2;r;g;b): keep the whole parameter group.
      const len = p[i + 1] === "5" ? 3 : p[i + 1] === "2" ? 5 : 1;
      const group = p.slice(i, i + len).join(";");
      if (n === 38) s.fg = group;
      else s.bg = group;
      i += len - 1;
    }
  }
}

/** Canonical SGR parameters for a state: the same look always gives the same string. */
function styleKey(s: SgrState): string {
  let k = PLAIN;
  if (s.bold) k += ";1";
  if (s.dim) k += ";2";
  if (s.italic) k += ";3";
  if (s.underline) k += ";4";
  if (s.inverse) k += ";7";
  if (s.strike) k += ";9";
  if (s.fg) k += `;${s.fg}`;
  if (s.bg) k += `;${s.bg}`;
  return k;
}

/** Reads one line (text with SGR codes) into cells; other escape sequences are skipped. */
export function rowCells(line: string): { chars: string[]; styles: string[] } {
  const state: SgrState = {
    bold: false,
    dim: false,
    italic: false,
    underline: false,
    inverse: false,
    strike: false,
    fg: "",
    bg: "",
  };
  const chars: string[] = [];
  const styles: string[] = [];
  let key = PLAIN;
  let i = 0;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c === 0x1b && line.charCodeAt(i + 1) === 0x5b) {
      // CSI: parameters, then a final byte in @..~; only SGR (m) matters here.
      let j = i + 2;
      while (j < line.length) {
        const f = line.charCodeAt(j);
        if (f >= 0x40 && f <= 0x7e) break;
        j++;
      }
      if (line.charCodeAt(j) === 0x6d) {
        applySgr(state, line.slice(i + 2, j));
        key = styleKey(state);
      }
      i = j + 1;
      continue;
    }
    // A surrogate pair is one character (one cell).
    const n = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    chars.push(n === 1 ? line[i] : line.slice(i, i + 2));
    styles.push(key);
    i += n;
  }
  return { chars, styles };
}

/** Reads a screen (lines of text with SGR codes) into cells. */
export function toCells(screen: string): Cells {
  return { rows: screen.split("\n").map(rowCells) };
}

/** Cells that fit a terminal of `columns` × `rows`: a frame drawn for another size must not wrap. */
export function clipCells(c: Cells, columns: number, rows: number): Cells {
  return {
    rows: c.rows
      .slice(0, rows)
      .map((r) =>
        r.chars.length <= columns
          ? r
          : { chars: r.chars.slice(0, columns), styles: r.styles.slice(0, columns) },
      ),
  };
}

/** Unchanged cells rewritten rather than jumped over when the gap is at most this long. */
const GAP = 6;

/**
 * Bytes that turn screen `prev` into `next` (both as Ink draws them: lines with SGR codes,
 * trailing blanks trimmed). Only changed cells are written, each run after one absolute cursor
 * move; a row that ends in blanks is finished with erase-to-end-of-line. `prev` null clears
 * the screen and draws everything.
 */
export function screenUpdate(prev: string | null, next: string): string {
  return cellsUpdate(prev === null ? null : toCells(prev), toCells(next));
}

/** screenUpdate on screens already read into cells (a writer keeps the shown screen's cells). */
export function cellsUpdate(prev: Cells | null, b: Cells): string {
  const a = prev ?? { rows: [] };
  let out = prev === null ? "\x1b[0m\x1b[H\x1b[2J" : "";
  let cur = prev === null ? PLAIN : "";
  const setStyle = (k: string): void => {
    if (k !== cur) {
      out += `\x1b[${k}m`;
      cur = k;
    }
  };
  const rows = Math.max(a.rows.length, b.rows.length);
  for (let r = 0; r < rows; r++) {
    const ra = a.rows[r] ?? { chars: [], styles: [] };
    const rb = b.rows[r] ?? { chars: [], styles: [] };
    const n = Math.max(ra.chars.length, rb.chars.length);
    const same = (i: number): boolean =>
      (ra.chars[i] ?? " ") === (rb.chars[i] ?? " ") &&
      (ra.styles[i] ?? PLAIN) === (rb.styles[i] ?? PLAIN);
    let i = 0;
    while (i < n) {
      if (same(i)) {
        i++;
        continue;
      }
      out += `\x1b[${r + 1};${i + 1}H`;
      // Past the end of the new row everything is blank: erase instead of writing spaces.
      if (i >= rb.chars.length) {
        setStyle(PLAIN);
        out += "\x1b[K";
        break;
      }
      let last = i;
      let j = i;
      while (j < rb.chars.length && j - last <= GAP) {
        if (!same(j)) last = j;
        j++;
      }
      for (let k = i; k <= last; k++) {
        setStyle(rb.styles[k]);
        out += rb.chars[k];
      }
      i = last + 1;
      if (i >= rb.chars.length && i < ra.chars.length) {
        setStyle(PLAIN);
        out += "\x1b[K";
        break;
      }
    }
  }
  if (cur !== PLAIN && cur !== "") out += "\x1b[0m";
  return out;
}
