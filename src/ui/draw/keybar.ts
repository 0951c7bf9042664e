// The key bar at the bottom, like htop's: the main keys, or the filter prompt while typing one.
import type { Theme } from "../theme.js";
import type { KeyBarModel } from "../viewModel.js";
import { line, type Seg } from "./line.js";

type KeyBarItem = KeyBarModel["items"][number];

/** Columns an entry takes: its key, its word and a space. */
export function keyBarItemWidth(i: KeyBarItem): number {
  return i.key.length + i.text.length + 1;
}

/**
 * The entries drawn at `width`: left out from the right until the bar fits, keeping the last
 * one (quit). Drawing and mouse clicks both place them with this.
 */
export function keyBarFit(items: readonly KeyBarItem[], width: number): KeyBarItem[] {
  const kept = items.slice();
  const size = () => kept.reduce((n, i) => n + keyBarItemWidth(i), 0);
  while (kept.length > 2 && size() > width) kept.splice(kept.length - 2, 1);
  return kept;
}

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
  const segs: Seg[] = [];
  for (const item of keyBarFit(m.items, width))
    segs.push([item.key, "key"], [`${item.text} `, "keyText"]);
  return line(theme, width, ...segs);
}
