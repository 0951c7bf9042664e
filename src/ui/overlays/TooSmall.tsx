// The tooSmall overlay as an Ink component (drawing in ../draw/tooSmall.ts).

import { tooSmallLines } from "../draw/tooSmall.js";
import { Lines } from "../panels/Lines.js";
import type { Theme } from "../theme.js";

export function TooSmall({
  columns,
  rows,
  theme,
}: {
  columns: number;
  rows: number;
  theme: Theme;
}) {
  return <Lines lines={tooSmallLines(columns, rows, theme)} width={Math.max(1, columns)} />;
}
