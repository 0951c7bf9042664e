// The pipeline panel as an Ink component (drawing in ../draw/pipeline.ts).

import { pipelineLines } from "../draw/pipeline.js";
import type { PipelineModel } from "../selectors/pipeline.js";
import type { Theme } from "../theme.js";
import { Lines } from "./Lines.js";

export function Pipeline({
  model,
  width,
  height,
  theme,
  page = 0,
}: {
  model: PipelineModel;
  width: number;
  height: number;
  theme: Theme;
  /** Page of cores (and legend) shown when they do not all fit. */
  page?: number;
}) {
  return <Lines lines={pipelineLines(model, width, height, theme, page)} width={width} />;
}
