// Text measured in terminal columns, as Ink and terminals count them: CJK and emoji take two, combining marks none.
import stringWidth from "string-width";

const widths = new Map<number, 0 | 1 | 2>();

/**
 * Columns one character (code point) takes: string-width's count for it alone, cached. Text
 * from outside passes clean(), which drops the joiners and variation selectors that would make
 * a cluster's width differ from the sum of its characters'.
 */
export function charWidth(cp: number): 0 | 1 | 2 {
  if (cp >= 0x20 && cp < 0x7f) return 1;
  let w = widths.get(cp);
  if (w === undefined) {
    const n = stringWidth(String.fromCodePoint(cp));
    w = n >= 2 ? 2 : n === 1 ? 1 : 0;
    widths.set(cp, w);
  }
  return w;
}

const ASCII = /^[\x20-\x7e]*$/;

/** Columns `s` takes on a terminal (no escape codes in it). */
export function columns(s: string): number {
  if (ASCII.test(s)) return s.length;
  let n = 0;
  for (const ch of s) n += charWidth(ch.codePointAt(0)!);
  return n;
}

/** The longest start of `s` that fits `width` columns, and the columns it takes. */
export function cut(s: string, width: number): { text: string; columns: number } {
  if (ASCII.test(s)) {
    const text = s.length > width ? s.slice(0, width) : s;
    return { text, columns: text.length };
  }
  let used = 0;
  let end = 0;
  for (const ch of s) {
    const w = charWidth(ch.codePointAt(0)!);
    if (used + w > width) break;
    used += w;
    end += ch.length;
  }
  return { text: end === s.length ? s : s.slice(0, end), columns: used };
}

/** Exactly `width` columns: cut, or padded with spaces on the right (left) or the left (right). */
export function fitWidth(s: string, width: number, align: "left" | "right" = "left"): string {
  const c = cut(s, width);
  const pad = " ".repeat(width - c.columns);
  return align === "left" ? c.text + pad : pad + c.text;
}

/**
 * `s` broken into lines of at most `width` columns, at spaces where it can be (a word longer
 * than a line is cut), so that nothing of a long line is lost.
 */
export function wrap(s: string, width: number): string[] {
  if (width <= 0) return [];
  const out: string[] = [];
  let rest = s;
  while (columns(rest) > width) {
    const head = cut(rest, width).text;
    const space = head.lastIndexOf(" ");
    const take = space > 0 ? space : head.length;
    out.push(rest.slice(0, take).trimEnd());
    rest = rest.slice(take).trimStart();
  }
  if (rest !== "" || out.length === 0) out.push(rest);
  return out;
}
