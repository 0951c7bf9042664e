// The terminal panel: a title saying who holds tty1 and where the keyboard is, then its screen.
import { clean } from "../format.js";
import type { TerminalModel } from "../selectors/terminal.js";
import type { Theme } from "../theme.js";
import { cut } from "../width.js";
import { line, titleLine, toHeight } from "./line.js";

/** A screen line broken where the panel's width runs out, as a terminal wraps it. */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    const c = cut(rest, width);
    if (c.text.length === 0) break;
    out.push(c.text);
    rest = rest.slice(c.text.length);
  }
  return out.length === 0 ? [""] : out;
}

/** Where the keyboard is comes first, so a narrow panel still says it; then who holds tty1. */
function title(m: TerminalModel): string {
  const keys = m.focused
    ? m.sid === 0
      ? "a key logs a shell in · Esc: back to simtop"
      : "typing here · Esc: back to simtop"
    : `${m.key}: type here`;
  const who =
    m.sid === 0
      ? "nobody logged in"
      : `session ${m.sid} (${clean(m.leader)}) · foreground ${m.fgPgrp}${m.fgName === "" ? "" : ` (${clean(m.fgName)})`}`;
  return ` ${m.name} · ${keys} · ${who}`;
}

export function terminalLines(
  m: TerminalModel,
  width: number,
  height: number,
  theme: Theme,
): string[] {
  const rows = Math.max(0, height - 1);
  // The tty shows control characters as ^X; clean() keeps anything else from a program harmless.
  const wrapped = m.lines.flatMap((l) => wrap(clean(l), width));
  const shown = wrapped.slice(Math.max(0, wrapped.length - rows));
  const body = shown.map((l, i) => {
    const last = i === shown.length - 1;
    if (!(last && m.focused)) return line(theme, width, l);
    // The cursor, at the end of the last line, while the keyboard is here.
    return l.length < width ? line(theme, width, l, ["█", "accent"]) : line(theme, width, l);
  });
  return [titleLine(theme, width, title(m)), ...toHeight(body, rows, width)];
}
