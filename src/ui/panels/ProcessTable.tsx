// The table panel as an Ink component (drawing in ../draw/table.ts).

import { memo } from "react";
import { tableLines } from "../draw/table.js";
import type { Theme } from "../theme.js";
import type { TableModel } from "../viewModel.js";
import { Lines } from "./Lines.js";

/** Memoised: between refreshes the view keeps the same model object, so it is not drawn again. */
export const ProcessTable = memo(function ProcessTable({
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
});
