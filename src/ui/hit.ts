// What is drawn at a cell of the screen (for mouse clicks and the wheel): a pure function of the view, placed as Screen places it.
import { keyBarFit, keyBarItemWidth } from "./draw/keybar.js";
import { menuRows, menuTop } from "./draw/menu.js";
import type { KeyName } from "./keys.js";
import type { SortKey } from "./selectors/table.js";
import { bodyRows, type DashboardView } from "./viewModel.js";

export type Hit =
  /** Nothing that answers the mouse (the header, a rule, a blank, a panel that only shows). */
  | { area: "none" }
  /** A process row of the table: its position among the rows on screen. */
  | { area: "row"; index: number }
  | { area: "heading"; key: SortKey }
  /** The table's status line, or a blank line below its rows. */
  | { area: "table" }
  /** An item of the open side menu (its index in the whole menu), or the menu's title or hint. */
  | { area: "menuItem"; index: number }
  | { area: "menu" }
  /** The event log's panel (not the log opened over the screen: that is "cover"). */
  | { area: "events" }
  /** The help, the event log, the program view or the scheduling view over the body. */
  | { area: "cover" }
  /** A key bar entry and the key it stands for; null between entries or on the filter prompt. */
  | { area: "keybar"; press: KeyName | null };

const NONE: Hit = { area: "none" };

function keyBarHit(view: DashboardView, x: number): Hit {
  let at = 0;
  for (const item of keyBarFit(view.keybar.items, view.layout?.width ?? 0)) {
    const w = keyBarItemWidth(item);
    if (x >= at && x < at + w) return { area: "keybar", press: item.press };
    at += w;
  }
  return { area: "keybar", press: null };
}

/** Line `y` of the table at column `x` (both from the table's top left). */
function tableHit(view: DashboardView, x: number, y: number): Hit {
  const t = view.table;
  if (y === 1) {
    let at = 0;
    for (const c of t.columns) {
      // A column owns the space after it, so no click between two headings is lost.
      if (x >= at && x <= at + c.width) return { area: "heading", key: c.key };
      at += c.width + 1;
    }
    return NONE;
  }
  const index = y - 2;
  return index >= 0 && index < t.rows.length ? { area: "row", index } : { area: "table" };
}

function menuHit(view: DashboardView, height: number, y: number): Hit {
  const o = view.overlay;
  if (o === null || o.kind === "help") return NONE;
  const rows = menuRows(height);
  const line = y - 1;
  if (line < 0 || line >= rows) return { area: "menu" };
  const index = menuTop(o.index, o.items.length, rows) + line;
  return index < o.items.length ? { area: "menuItem", index } : { area: "menu" };
}

/** What is at column `x`, row `y` (from 0 at the top left of the terminal). */
export function hitTest(view: DashboardView, x: number, y: number): Hit {
  const l = view.layout;
  if (l === null || x < 0 || x >= l.width || y < 0 || y >= l.height) return NONE;
  if (y === l.height - 1) return keyBarHit(view, x);
  if (y < l.header.height) return NONE;
  if (view.overlay?.kind === "help" || view.program || view.eventLogOpen || view.schedule)
    return { area: "cover" };
  let by = y - l.header.height;
  if (by >= bodyRows(l)) return NONE;
  if (by < l.table.height) {
    if (l.menu) {
      if (x < l.menu.width) return menuHit(view, l.menu.height, by);
      if (x === l.menu.width) return NONE;
      return tableHit(view, x - l.menu.width - 1, by);
    }
    return tableHit(view, x, by);
  }
  by -= l.table.height;
  const events: Hit = view.events ? { area: "events" } : NONE;
  if (l.details) {
    if (by < l.details.height) {
      if (x <= l.details.width) return NONE;
      // The event log sits beside the details when there is no pipeline panel (medium layout).
      return l.pipeline && l.caches && view.pipeline && view.caches ? NONE : events;
    }
    by -= l.details.height;
    if (l.gantt && l.events && by < l.gantt.height) return x > l.gantt.width ? events : NONE;
    return NONE;
  }
  // Compact: the event log under the table, across the screen.
  return events;
}
