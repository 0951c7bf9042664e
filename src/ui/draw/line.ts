// Building blocks of every panel's drawing: a line from styled segments, exactly as wide as asked.
import type { Role, Theme } from "../theme.js";
import { cut, fitWidth } from "../width.js";

/** Plain text, or text with the role it is painted in. */
export type Seg = string | readonly [string, Role] | readonly [string, "process", number];

/**
 * One screen line of exactly `width` terminal columns: segments are cut where the width runs
 * out and the rest is padded. Text is measured before painting, so codes never count towards
 * the width; a code is written only where the look changes.
 */
export function line(theme: Theme, width: number, ...segs: Seg[]): string {
  let out = "";
  let used = 0;
  let current = "";
  for (const s of segs) {
    if (used >= width) break;
    const text = typeof s === "string" ? s : s[0];
    if (text === "") continue;
    const c = cut(text, width - used);
    used += c.columns;
    const codes =
      typeof s === "string"
        ? ""
        : s[1] === "process"
          ? theme.processCodes(s[2] as number)
          : theme.codes(s[1] as Role);
    if (codes !== current) {
      out += codes === "" ? RESET : `\x1b[0;${codes}m`;
      current = codes;
    }
    out += c.text;
  }
  if (current !== "") out += RESET;
  return used < width ? out + " ".repeat(width - used) : out;
}

const RESET = "\x1b[0m";

/** A panel's title bar: the whole line in the title style. */
export function titleLine(theme: Theme, width: number, text: string): string {
  return theme.paint(fitWidth(text, width), "title");
}

/** Pads `lines` with blank lines (or cuts it) to exactly `height`. */
export function toHeight(lines: string[], height: number, width: number): string[] {
  const out = lines.slice(0, height);
  while (out.length < height) out.push(" ".repeat(width));
  return out;
}
