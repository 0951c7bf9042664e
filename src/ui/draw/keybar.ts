// The key bar at the bottom, like htop's: the main keys, or the filter prompt while typing one.
import type { Theme } from "../theme.js";
import type { KeyBarModel } from "../viewModel.js";
import { line, type Seg } from "./line.js";

export function keyBarLine(m: KeyBarModel, width: number, theme: Theme): string {
  if (m.prompt !== null) {
    return line(
      theme,
      width,
      ["Filter: ", "key"],
      m.prompt,
      ["_", "accent"],
      ["   Enter keep · Esc clear · ↑↓ move", "dim"],
    );
  }
  // Leave entries out from the right until the bar fits, keeping the last one (quit).
  const items = m.items.slice();
  const size = () => items.reduce((n, i) => n + i.key.length + i.text.length + 1, 0);
  while (items.length > 2 && size() > width) items.splice(items.length - 2, 1);
  const segs: Seg[] = [];
  for (const item of items) segs.push([item.key, "key"], [`${item.text} `, "keyText"]);
  return line(theme, width, ...segs);
}
