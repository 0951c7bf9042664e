// Shown instead of the dashboard while the terminal is smaller than the minimum; it recovers on resize.
import { MIN_COLUMNS, MIN_ROWS } from "../layout.js";
import type { Theme } from "../theme.js";
import { line, toHeight } from "./line.js";

export function tooSmallLines(columns: number, rows: number, theme: Theme): string[] {
  const width = Math.max(1, columns);
  const msg = [
    line(theme, width, ["terminal too small", "bad"]),
    line(
      theme,
      width,
      `simtop needs at least ${MIN_COLUMNS}×${MIN_ROWS}; this one is ${columns}×${rows}.`,
    ),
    line(theme, width, "Make the window larger, or press q to quit."),
  ];
  const height = Math.max(1, rows - 1);
  const top = Math.max(0, Math.floor((height - msg.length) / 2));
  const out = Array.from({ length: top }, () => " ".repeat(width));
  return toHeight([...out, ...msg], height, width);
}
