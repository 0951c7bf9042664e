// The program view as an Ink component (drawing in ../draw/program.ts).
import { programLines } from "../draw/program.js";
import { Lines } from "../panels/Lines.js";
import type { ProgramModel } from "../selectors/program.js";
import type { Theme } from "../theme.js";

export function ProgramView(props: {
  model: ProgramModel;
  width: number;
  height: number;
  theme: Theme;
}) {
  const { model, width, height, theme } = props;
  return <Lines lines={programLines(model, width, height, theme)} width={width} />;
}
