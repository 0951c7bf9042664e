// The details panel as an Ink component (drawing in ../draw/details.ts).

import { memo } from "react";
import { detailsLines } from "../draw/details.js";
import type { DetailsModel } from "../selectors/details.js";
import type { Theme } from "../theme.js";
import { Lines } from "./Lines.js";

/** Memoised: between refreshes the view keeps the same model object, so it is not drawn again. */
export const Details = memo(function Details({
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
});
