// The terminal panel as an Ink component (drawing in ../draw/terminal.ts).

import { terminalLines } from "../draw/terminal.js";
import type { TerminalModel } from "../selectors/terminal.js";
import type { Theme } from "../theme.js";
import { Lines } from "./Lines.js";

export function Terminal({
  model,
  width,
  height,
  theme,
}: {
  model: TerminalModel;
  width: number;
  height: number;
  theme: Theme;
}) {
  return <Lines lines={terminalLines(model, width, height, theme)} width={width} />;
}
