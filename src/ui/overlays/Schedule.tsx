// The scheduling view as an Ink component (drawing in ../draw/sched.ts).

import { schedLines } from "../draw/sched.js";
import { Lines } from "../panels/Lines.js";
import type { ScheduleModel } from "../selectors/sched.js";
import type { Theme } from "../theme.js";

export function Schedule({
  model,
  width,
  height,
  theme,
}: {
  model: ScheduleModel;
  width: number;
  height: number;
  theme: Theme;
}) {
  return <Lines lines={schedLines(model, width, height, theme)} width={width} />;
}
