// The caches panel as an Ink component (drawing in ../draw/caches.ts).

import { cachesLines } from "../draw/caches.js";
import type { CachesModel } from "../selectors/caches.js";
import type { Theme } from "../theme.js";
import { Lines } from "./Lines.js";

export function Caches({
  model,
  width,
  height,
  theme,
}: {
  model: CachesModel;
  width: number;
  height: number;
  theme: Theme;
}) {
  return <Lines lines={cachesLines(model, width, height, theme)} width={width} />;
}
