// The header panel as an Ink component (drawing in ../draw/header.ts).

import { headerLines } from "../draw/header.js";
import type { Theme } from "../theme.js";
import type { HeaderModel } from "../viewModel.js";
import { Lines } from "./Lines.js";

export function Header({
  model,
  width,
  theme,
}: {
  model: HeaderModel;
  width: number;
  theme: Theme;
}) {
  return <Lines lines={headerLines(model, width, theme)} width={width} />;
}
