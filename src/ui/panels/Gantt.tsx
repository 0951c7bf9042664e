// The gantt panel as an Ink component (drawing in ../draw/gantt.ts).

import { ganttLines } from "../draw/gantt.js";
import type { GanttModel } from "../selectors/gantt.js";
import type { Theme } from "../theme.js";
import { Lines } from "./Lines.js";

export function Gantt({
  model,
  width,
  height,
  theme,
  page = 0,
}: {
  model: GanttModel | null;
  width: number;
  height: number;
  theme: Theme;
  /** Page of cores (and legend) shown when they do not all fit. */
  page?: number;
}) {
  return <Lines lines={ganttLines(model, width, height, theme, page)} width={width} />;
}
