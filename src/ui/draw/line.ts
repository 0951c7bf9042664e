// Building blocks of every panel's drawing: a line from styled segments, exactly as wide as asked.
import type { Role, Theme } from "../theme.js";

/** Plain text, or text with the role it is painted in. */
export type Seg = string | readonly [string, Role] | readonly [string, "process", number];

/**
 * One screen line of exactly `width` columns: segments are cut where the width runs out and
 * the rest is padded, then each is painted. Text is measured before painting, so colour codes
 * never count towards the width.
 */
export function line(theme: Theme, width: number, ...segs: Seg[]): string {
  let out = "";
  let used = 0;
  for (const s of segs) {
    if (used >= width) break;
    const text = typeof s === "string" ? s : s[0];
    const cut = text.length > width - used ? text.slice(0, width - used) : text;
    used += cut.length;
    if (typeof s === "string") out += cut;
    else if (s[1] === "process") out += theme.process(cut, s[2] as number);
    else out += theme.paint(cut, s[1] as Role);
  }
  return used < width ? out + " ".repeat(width - used) : out;
}

/** A panel's title bar: the whole line in the title style. */
export function titleLine(theme: Theme, width: number, text: string): string {
  return theme.paint(text.length >= width ? text.slice(0, width) : text.padEnd(width), "title");
}

/** Pads `lines` with blank lines (or cuts it) to exactly `height`. */
export function toHeight(lines: string[], height: number, width: number): string[] {
  const out = lines.slice(0, height);
  while (out.length < height) out.push(" ".repeat(width));
  return out;
}
