// The details panel as an Ink component (drawing in ../draw/details.ts).

import { detailsLines } from "../draw/details.js";
import type { DetailsModel } from "../selectors/details.js";
import type { Theme } from "../theme.js";
import { Lines } from "./Lines.js";

export function Details({
  model,
  width,
  height,
  theme,
}: {
  model: DetailsModel | null;
  width: number;
  height: number;
  theme: Theme;
}) {
  return <Lines lines={detailsLines(model, width, height, theme)} width={width} />;
}
