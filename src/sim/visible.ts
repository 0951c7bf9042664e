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
