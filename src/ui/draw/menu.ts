// A side menu (send a signal, start a program): a title, the items with one highlighted, a hint.
import { clean, fixed } from "../format.js";
import type { MenuItem } from "../menus.js";
import type { Theme } from "../theme.js";
import type { OverlayModel } from "../viewModel.js";
import { line, titleLine, toHeight } from "./line.js";

/** The first item shown when `index` is highlighted among `count` in `rows` rows (it stays mid-menu). */
export function menuTop(index: number, count: number, rows: number): number {
  return Math.max(0, Math.min(index - Math.floor(rows / 2), count - rows));
}

/** Rows of items in a menu `height` rows tall (a title above them, a hint below). */
export function menuRows(height: number): number {
  return Math.max(1, height - 2);
}

export function menuLines(
  title: string,
  items: readonly MenuItem[],
  index: number,
  hint: string,
  width: number,
  height: number,
  theme: Theme,
): string[] {
  const rows = menuRows(height);
  const top = menuTop(index, items.length, rows);
  // Program names and descriptions may come from a scenario file.
  const labelWidth = Math.min(16, Math.max(...items.map((i) => clean(i.label).length)) + 1);
  const body = items.slice(top, top + rows).map((it, i) => {
    const label = fixed(clean(it.label), labelWidth);
    const detail = clean(it.detail);
    return top + i === index
      ? theme.paint(fixed(`${label} ${detail}`, width), "selected")
      : line(theme, width, [label, "value"], " ", [detail, "dim"]);
  });
  return [
    titleLine(theme, width, title),
    ...toHeight(body, rows, width),
    line(theme, width, [hint, "dim"]),
  ];
}

/** The open side menu (signal or program picker) of a view, drawn, or null when none is open. */
export function sideMenuLines(
  o: OverlayModel | null,
  width: number,
  height: number,
  theme: Theme,
): string[] | null {
  if (o === null || o.kind === "help") return null;
  return o.kind === "signal"
    ? menuLines(
        o.group !== null
          ? ` Signal to group ${o.group.pgid} (${o.group.members} process${o.group.members === 1 ? "" : "es"})`
          : o.count > 1
            ? ` Send signal to ${o.count} tagged processes`
            : ` Send signal to ${o.pid} (${clean(o.name)})`,
        o.items,
        o.index,
        o.group === null
          ? "Enter send · g group · Esc cancel"
          : "Enter send · g process · Esc cancel",
        width,
        height,
        theme,
      )
    : menuLines(
        " Start a program (child of init)",
        o.items,
        o.index,
        "Enter start · Esc cancel",
        width,
        height,
        theme,
      );
}
