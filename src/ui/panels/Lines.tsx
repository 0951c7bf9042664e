// Draws prepared lines with Ink: every line is already exactly as wide as its panel.
import { Box, Text, Transform } from "ink";
import { memo } from "react";
import type { Theme } from "../theme.js";

/**
 * Prepared lines as one Ink text. Ink measures a text by its content and keeps every text it
 * ever measured in a module-level cache that is never emptied, so a panel whose lines change
 * every frame would make it grow without bound. Here Ink measures a constant column of
 * one-space lines (one per height, measured once; the box stretches it to the panel's width)
 * and the Transform puts line i in place of row i when the frame is drawn.
 */
export const Lines = memo(function Lines({
  lines,
  width,
}: {
  lines: readonly string[];
  width: number;
}) {
  // Ink starts every frame from blank cells, so trailing plain spaces need not be drawn.
  const shown = lines.map((l) => (l.endsWith(" ") ? l.trimEnd() : l));
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      <Transform transform={(_, i) => shown[i] ?? ""}>
        <Text>{placeholder(lines.length)}</Text>
      </Transform>
    </Box>
  );
});

const placeholders = new Map<number, string>();
function placeholder(height: number): string {
  let p = placeholders.get(height);
  if (p === undefined) {
    p = Array.from({ length: height }, () => " ").join("\n");
    placeholders.set(height, p);
  }
  return p;
}

/** A one-column vertical rule between side-by-side panels. */
export function Rule({ height, theme }: { height: number; theme: Theme }) {
  return <Lines lines={Array.from({ length: height }, () => theme.paint("│", "dim"))} width={1} />;
}
