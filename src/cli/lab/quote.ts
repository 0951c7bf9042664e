// Text from a user's file quoted in a one-line error: control characters shown, length capped.

/** Longest excerpt shown, in characters (the rest becomes "…"). */
const MAX_EXCERPT = 200;

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** `s` with every control character (C0, DEL, C1) written as \xNN, cut to `max` characters. */
export function showControls(s: string, max = MAX_EXCERPT): string {
  const chars = Array.from(s);
  const kept = chars.length > max ? `${chars.slice(0, max).join("")}…` : s;
  return kept.replace(
    CONTROL,
    (ch) => `\\x${(ch.codePointAt(0) ?? 0).toString(16).padStart(2, "0")}`,
  );
}

/** `s` in double quotes, its quotes and backslashes escaped, for an error message. */
export function quoteExcerpt(s: string, max = MAX_EXCERPT): string {
  return `"${showControls(
    s.replace(/[\\"]/g, (c) => `\\${c}`),
    max,
  )}"`;
}
