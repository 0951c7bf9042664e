// The keybar panel as an Ink component (drawing in ../draw/keybar.ts).

import { keyBarLine } from "../draw/keybar.js";
import type { Theme } from "../theme.js";
import type { KeyBarModel } from "../viewModel.js";
import { Lines } from "./Lines.js";

export function KeyBar({
  model,
  width,
  theme,
}: {
  model: KeyBarModel;
  width: number;
  theme: Theme;
}) {
  return <Lines lines={[keyBarLine(model, width, theme)]} width={width} />;
}
