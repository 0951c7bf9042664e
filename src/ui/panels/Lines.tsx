// Draws prepared lines with Ink: every line is already exactly as wide as its panel.
import { Box, Text, Transform } from "ink";
import { memo } from "react";
import type { Theme } from "../theme.js";

/**
 * Prepared lines as one Ink text. The lines are already laid out to the panel's width, so Ink
 * need not measure or wrap them (work it would redo for every line that changed, every frame):
 * it measures a constant column of one-space lines (one per height; the box stretches it to
 * the panel's width) and the Transform puts line i in place of row i when the frame is drawn.
 * A panel whose lines are the same as in the last frame is not rendered again.
 */
export const Lines = memo(function Lines({
  lines,
  width,
}: {
  lines: readonly string[];
  width: number;
}) {
  const shown = lines.map(inkLine);
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      <Transform transform={(_, i) => shown[i] ?? ""}>
        <Text>{blankColumn(lines.length)}</Text>
      </Transform>
    </Box>
  );
}, sameLines);

function sameLines(
  a: { lines: readonly string[]; width: number },
  b: { lines: readonly string[]; width: number },
): boolean {
  if (a.width !== b.width || a.lines.length !== b.lines.length) return false;
  for (let i = 0; i < a.lines.length; i++) if (a.lines[i] !== b.lines[i]) return false;
  return true;
}

const RESET = "\x1b[0m";

/**
 * A line as Ink needs it, shorter where the cells stay the same: Ink reads every character of
 * a changed line. It starts a frame from blank cells, so trailing plain spaces need not be
 * drawn, and it reads each line on its own and closes its styles itself, so a reset that ends
 * the line changes nothing.
 */
function inkLine(l: string): string {
  const t = l.endsWith(" ") ? l.trimEnd() : l;
  return t.endsWith(RESET) ? t.slice(0, -RESET.length) : t;
}

/** What Ink measures for a panel of `height` lines: one space a line, built once per height. */
const blankColumns = new Map<number, string>();
function blankColumn(height: number): string {
  let c = blankColumns.get(height);
  if (c === undefined) {
    c = Array.from({ length: height }, () => " ").join("\n");
    blankColumns.set(height, c);
  }
  return c;
}

const rules = new WeakMap<Theme, Map<number, string[]>>();

/** A one-column vertical rule between side-by-side panels (its lines kept, so Lines' memo holds). */
export function Rule({ height, theme }: { height: number; theme: Theme }) {
  let byHeight = rules.get(theme);
  if (byHeight === undefined) {
    byHeight = new Map();
    rules.set(theme, byHeight);
  }
  let lines = byHeight.get(height);
  if (lines === undefined) {
    lines = Array.from({ length: height }, () => theme.paint("│", "dim"));
    byHeight.set(height, lines);
  }
  return <Lines lines={lines} width={1} />;
}
