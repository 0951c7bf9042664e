// Text measured in terminal columns (as Ink measures it): CJK and emoji take two, combining marks none.
import stringWidth from "string-width";

const ASCII = /^[\x20-\x7e]*$/;
const segmenter = new Intl.Segmenter();

/** Columns `s` takes on a terminal (no escape codes in it). */
export function columns(s: string): number {
  return ASCII.test(s) ? s.length : stringWidth(s);
}

/** The longest start of `s` that fits `width` columns, and the columns it takes. */
export function cut(s: string, width: number): { text: string; columns: number } {
  if (ASCII.test(s)) {
    const text = s.length > width ? s.slice(0, width) : s;
    return { text, columns: text.length };
  }
  let text = "";
  let used = 0;
  for (const { segment } of segmenter.segment(s)) {
    const w = stringWidth(segment);
    if (used + w > width) break;
    text += segment;
    used += w;
  }
  return { text, columns: used };
}

/** Exactly `width` columns: cut, or padded with spaces on the right (left) or the left (right). */
export function fitWidth(s: string, width: number, align: "left" | "right" = "left"): string {
  const c = cut(s, width);
  const pad = " ".repeat(width - c.columns);
  return align === "left" ? c.text + pad : pad + c.text;
}
