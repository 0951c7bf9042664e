// The table panel as an Ink component (drawing in ../draw/table.ts).

import { tableLines } from "../draw/table.js";
import type { Theme } from "../theme.js";
import type { TableModel } from "../viewModel.js";
import { Lines } from "./Lines.js";

export function ProcessTable({
  model,
  width,
  height,
  theme,
}: {
  model: TableModel;
  width: number;
  height: number;
  theme: Theme;
}) {
  return <Lines lines={tableLines(model, width, height, theme)} width={width} />;
}
