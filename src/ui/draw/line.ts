// Building blocks of every panel's drawing: a line from styled segments, exactly as wide as asked.
import type { Role, Theme } from "../theme.js";

/** Plain text, or text with the role it is painted in. */
export type Seg = string | readonly [string, Role] | readonly [string, "process", number];

/**
 * One screen line of exactly `width` columns: segments are cut where the width runs out and
 * the rest is padded. Text is measured before painting, so codes never count towards the
 * width. A code is written only where the look changes (one reset-and-set sequence), so
 * neighbouring segments in the same style cost nothing: every character here is parsed again
 * by Ink on every frame.
 */
export function line(theme: Theme, width: number, ...segs: Seg[]): string {
  let out = "";
  let used = 0;
  let current = "";
  for (const s of segs) {
    if (used >= width) break;
    const text = typeof s === "string" ? s : s[0];
    if (text === "") continue;
    const cut = text.length > width - used ? text.slice(0, width - used) : text;
    used += cut.length;
    const codes =
      typeof s === "string"
        ? ""
        : s[1] === "process"
          ? theme.processCodes(s[2] as number)
          : theme.codes(s[1] as Role);
    if (codes !== current) {
      out += transition(current, codes);
      current = codes;
    }
    out += cut;
  }
  if (current !== "") out += "\x1b[0m";
  return used < width ? out + " ".repeat(width - used) : out;
}

/** SGR parameters split into what can change on its own: attributes, foreground, background. */
function parts(codes: string): { attrs: string[]; fg: string; bg: string } {
  const out = { attrs: [] as string[], fg: "", bg: "" };
  if (codes === "") return out;
  for (const p of codes.split(";")) {
    const n = Number(p);
    if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) out.fg = p;
    else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) out.bg = p;
    else out.attrs.push(p);
  }
  return out;
}

/**
 * The shortest SGR sequence from one look to the next: only what changed (a new background
 * between two Gantt runs is one parameter), or a reset first when an attribute must go.
 */
function transition(from: string, to: string): string {
  if (to === "") return "\x1b[0m";
  const a = parts(from);
  const b = parts(to);
  if (a.attrs.some((x) => !b.attrs.includes(x))) return `\x1b[0;${to}m`;
  const set = b.attrs.filter((x) => !a.attrs.includes(x));
  if (b.fg !== a.fg) set.push(b.fg === "" ? "39" : b.fg);
  if (b.bg !== a.bg) set.push(b.bg === "" ? "49" : b.bg);
  return `\x1b[${set.join(";")}m`;
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
