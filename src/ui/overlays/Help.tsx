// The help overlay as an Ink component (drawing in ../draw/help.ts).

import { type HelpChapters, helpLines } from "../draw/help.js";
import { Lines } from "../panels/Lines.js";
import type { Theme } from "../theme.js";

export function Help({
  scroll,
  width,
  height,
  theme,
  chapters,
}: {
  scroll: number;
  width: number;
  height: number;
  theme: Theme;
  chapters?: HelpChapters;
}) {
  return <Lines lines={helpLines(scroll, width, height, theme, chapters)} width={width} />;
}
