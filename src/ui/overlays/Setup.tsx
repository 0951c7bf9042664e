// The setup screen (F2) as an Ink component (drawing in ../draw/setup.ts).
import { setupLines } from "../draw/setup.js";
import { Lines } from "../panels/Lines.js";
import type { SetupModel } from "../selectors/setup.js";
import type { Theme } from "../theme.js";

export function Setup({
  model,
  width,
  height,
  theme,
}: {
  model: SetupModel;
  width: number;
  height: number;
  theme: Theme;
}) {
  return <Lines lines={setupLines(model, width, height, theme)} width={width} />;
}
