// Text from files made safe to show: control characters become visible escapes (\x1b, \n, \u202e).

/**
 * C0 controls, DEL, C1 controls, and the format characters that reorder or break lines (bidi
 * embeddings, overrides and isolates, line and paragraph separators): a terminal acts on all of
 * them instead of showing them.
 */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { "\t": "\\t", "\n": "\\n", "\r": "\\r" };

function escaped(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const cp = ch.charCodeAt(0);
  return cp <= 0xff
    ? `\\x${cp.toString(16).padStart(2, "0")}`
    : `\\u${cp.toString(16).padStart(4, "0")}`;
}

/**
 * `s` with every control character written as its escape, as a YAML or JSON string would spell
 * it (ESC as `\x1b`, a newline as `\n`): a name, title or path can then never move the cursor,
 * clear the screen, retitle the window or start a new line. The result has no control
 * characters, so applying it twice changes nothing.
 */
export function visible(s: string): string {
  return s.replace(UNSAFE, escaped);
}

/** What JSON.stringify leaves raw of UNSAFE: DEL, C1 controls, the bidi and line-breaking ones. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text (from JSON.stringify) with the control characters it leaves raw written as \uNNNN:
 * the same value to a parser, and nothing a terminal would act on when the JSON is printed.
 */
export function safeJson(json: string): string {
  return json.replace(
    UNSAFE_IN_JSON,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
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
  const { text, cut } = head(visible(s), max);
  return cut ? `${text}…` : text;
}

/** A name or path as is when it is short and printable, else quoted() (escaped and cut). */
export function shown(s: string, max = 120): string {
  UNSAFE.lastIndex = 0;
  return s.length <= max && !UNSAFE.test(s) && s !== "" ? s : quoted(s, max);
}
