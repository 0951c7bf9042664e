// The help overlay as an Ink component (drawing in ../draw/help.ts).

import { type HelpChapters, helpLines } from "../draw/help.js";
import type { KeyBindings } from "../keymap.js";
import { Lines } from "../panels/Lines.js";
import type { Theme } from "../theme.js";

export function Help({
  scroll,
  width,
  height,
  theme,
  chapters,
  bindings,
}: {
  scroll: number;
  width: number;
  height: number;
  theme: Theme;
  chapters?: HelpChapters;
  bindings?: KeyBindings;
}) {
  return (
    <Lines lines={helpLines(scroll, width, height, theme, chapters, bindings)} width={width} />
  );
}
