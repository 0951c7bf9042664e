// Text from a file or a flag shown inside a message: control characters made visible, long text cut.

/**
 * C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the bidirectional
 * marks and overrides (which would reorder the rest of the line on screen).
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u001b": "\\e" };

function escapeControl(ch: string): string {
  return NAMED[ch] ?? `\\x${ch.codePointAt(0)!.toString(16).padStart(2, "0")}`;
}

/** `s` with every control character written as an escape (`\n`, `\e`, `\x07`), so it prints on one line. */
export function visible(s: string): string {
  return s.replace(CONTROL, (ch) =>
    ch.length === 1 && ch <= "\u00ff" ? escapeControl(ch) : `\\u${ch.codePointAt(0)!.toString(16)}`,
  );
}

/** The first `max` characters (code points) of `s`, and whether anything was left off. */
function head(s: string, max: number): { text: string; cut: boolean } {
  if (s.length <= max) return { text: s, cut: false };
  const cps = Array.from(s.slice(0, max * 2));
  if (cps.length <= max && s.length <= max * 2) return { text: s, cut: false };
  return { text: cps.slice(0, max).join(""), cut: true };
}

/**
 * `s` in double quotes for a one-line message: escapes as JSON writes them plus visible
 * controls, and at most `max` characters, followed by how long it really was when cut.
 */
export function quoted(s: string, max = 40): string {
  const { text, cut } = head(s, max);
  const q = `"${visible(text.replace(/\\/g, "\\\\").replace(/"/g, '\\"'))}"`;
  if (!cut) return q;
  let length = 0;
  for (const _ of s) length++;
  return `${q}… (${length} characters)`;
}

/** A whole message fit for one line of a terminal: controls visible, at most `max` characters. */
export function oneLine(s: string, max = 400): string {
  const v = visible(s);
  const { text, cut } = head(v, max);
  return cut ? `${text}…` : text;
}

/** A name or path as is when it is short and printable, else quoted() (escaped and cut). */
export function shown(s: string, max = 120): string {
  CONTROL.lastIndex = 0;
  return s.length <= max && !CONTROL.test(s) && s !== "" ? s : quoted(s, max);
}
