// Draws prepared lines with Ink: every line is already exactly as wide as its panel.
import { Box, Text, Transform } from "ink";
import { memo } from "react";
import type { Theme } from "../theme.js";

/**
 * One prepared line. Ink measures a text by its content and keeps every text it ever measured
 * in a module-level cache that is never emptied, so a dashboard whose lines change every frame
 * would grow without bound. Here Ink measures a constant blank of the same width (measured
 * once) and the Transform puts the real line in its place when the frame is drawn.
 */
const Line = memo(function Line({ text, width }: { text: string; width: number }) {
  // Ink starts every frame from blank cells, so trailing plain spaces need not be drawn.
  const shown = text.endsWith(" ") ? text.trimEnd() : text;
  return (
    <Transform transform={() => shown}>
      <Text>{blank(width)}</Text>
    </Transform>
  );
});

const blanks = new Map<number, string>();
function blank(width: number): string {
  let b = blanks.get(width);
  if (b === undefined) {
    b = " ".repeat(width);
    blanks.set(width, b);
  }
  return b;
}

/** Draws prepared lines; every line is already exactly `width` wide, so nothing wraps. */
export function Lines({ lines, width }: { lines: readonly string[]; width: number }) {
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      {lines.map((l, i) => (
        // Lines are positional: row i is always row i of the panel.
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their position
        <Line key={i} text={l} width={width} />
      ))}
    </Box>
  );
}

/** A one-column vertical rule between side-by-side panels. */
export function Rule({ height, theme }: { height: number; theme: Theme }) {
  return <Lines lines={Array.from({ length: height }, () => theme.paint("│", "dim"))} width={1} />;
}
