// The whole screen as lines, without Ink: the live dashboard's first frame, drawn while Ink still loads.
import type { DashboardView } from "../viewModel.js";
import { cachesLines } from "./caches.js";
import { detailsLines } from "./details.js";
import { eventLines } from "./events.js";
import { ganttLines } from "./gantt.js";
import { headerLines } from "./header.js";
import { helpLines } from "./help.js";
import { keyBarLine } from "./keybar.js";
import { sideMenuLines } from "./menu.js";
import { pipelineLines } from "./pipeline.js";
import { tableLines } from "./table.js";
import { tooSmallLines } from "./tooSmall.js";

/**
 * The same screen Screen.tsx lays out with Ink boxes, put together line by line: panels side
 * by side are joined with a one-column rule. A test holds the two to the same cells.
 */
export function screenLines(view: DashboardView): string[] {
  const { layout: l, theme } = view;
  if (l === null) return tooSmallLines(view.columns, view.rows, theme);
  const rule = theme.paint("│", "dim");
  const beside = (left: string[], right: string[]): string[] =>
    left.map((x, i) => `${x}${rule}${right[i] ?? ""}`);
  const out = headerLines(view.header, l.width, theme);
  const body = l.height - l.header.height - l.keybar.height;
  if (view.overlay?.kind === "help")
    out.push(...helpLines(view.overlay.scroll, l.width, body, theme));
  else {
    const table = tableLines(view.table, l.table.width, l.table.height, theme);
    const menu = l.menu ? sideMenuLines(view.overlay, l.menu.width, l.menu.height, theme) : null;
    out.push(...(menu ? beside(menu, table) : table));
    const events = (w: number, h: number) => eventLines(view.events, view.eventsAll, w, h, theme);
    if (l.details) {
      const details = detailsLines(view.details, l.details.width, l.details.height, theme);
      const right =
        l.pipeline && l.caches && view.pipeline && view.caches
          ? [
              ...pipelineLines(view.pipeline, l.pipeline.width, l.pipeline.height, theme),
              ...cachesLines(view.caches, l.caches.width, l.caches.height, theme),
            ]
          : l.events
            ? events(l.events.width, l.events.height)
            : [];
      out.push(...beside(details, right));
    }
    if (l.gantt && l.events)
      out.push(
        ...beside(
          ganttLines(view.gantt, l.gantt.width, l.gantt.height, theme),
          events(l.events.width, l.events.height),
        ),
      );
    if (!l.details && l.events) out.push(...events(l.events.width, l.events.height));
  }
  out.push(keyBarLine(view.keybar, l.width, theme));
  return out;
}
