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
}: {
  model: GanttModel | null;
  width: number;
  height: number;
  theme: Theme;
}) {
  return <Lines lines={ganttLines(model, width, height, theme)} width={width} />;
}
