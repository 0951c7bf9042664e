// Which panels fit the terminal and how big each is: a pure function of the size and the machine.

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;
/** Side menus shown left of the process table. */
export const SIGNAL_MENU_WIDTH = 36;
export const SPAWN_MENU_WIDTH = 46;

export interface Rect {
  width: number;
  height: number;
}

export type LayoutKind = "full" | "medium" | "compact";

export interface Layout {
  kind: LayoutKind;
  width: number;
  /** Rows drawn: one fewer than the terminal, so Ink never repaints the whole screen. */
  height: number;
  header: Rect;
  table: Rect;
  /** A menu (signal, program picker) to the left of the table, when one is open. */
  menu: Rect | null;
  details: Rect | null;
  pipeline: Rect | null;
  caches: Rect | null;
  gantt: Rect | null;
  events: Rect | null;
  keybar: Rect;
}

export interface LayoutInput {
  columns: number;
  rows: number;
  cores: number;
  /** Width of an open side menu, 0 when none. */
  menuWidth: number;
}

/** Header lines for `cores` meters at `width` (at most 4 lines of meters). */
export function coreMeterLayout(cores: number, width: number): { perLine: number; lines: number } {
  const perLine = Math.max(1, Math.min(cores, Math.floor(width / 30)));
  return { perLine, lines: Math.min(4, Math.ceil(cores / perLine)) };
}

export function tooSmall(columns: number, rows: number): boolean {
  return columns < MIN_COLUMNS || rows < MIN_ROWS;
}

/** Null when the terminal is smaller than MIN_COLUMNS × MIN_ROWS. */
export function computeLayout({ columns, rows, cores, menuWidth }: LayoutInput): Layout | null {
  if (tooSmall(columns, rows)) return null;
  const width = columns;
  const height = rows - 1;
  const header: Rect = { width, height: 3 + coreMeterLayout(cores, width).lines };
  const keybar: Rect = { width, height: 1 };
  const menu = menuWidth > 0 ? { width: Math.min(menuWidth, width - 50), height: 0 } : null;
  const tableWidth = width - (menu ? menu.width + 1 : 0);
  const body = height - header.height - keybar.height;
  // The right-hand panels (pipeline, event log) have the longer lines.
  const left = Math.floor((width - 1) * 0.44);
  const right = width - 1 - left;
  const base = {
    width,
    height,
    header,
    keybar,
    menu,
    details: null,
    pipeline: null,
    caches: null,
    gantt: null,
    events: null,
  };

  if (width >= 120 && rows >= 40) {
    // Lower bands: details beside pipeline + caches, then the Gantt chart beside the event log.
    // Two cores' pipelines at 40 rows; one more for every 6 rows beyond (more are paged: Tab).
    const shownCores = Math.min(cores, 2 + Math.floor((rows - 40) / 6));
    const pipeRows = 1 + 3 * shownCores;
    const cacheRows = 7;
    const band1 = Math.max(15, pipeRows + cacheRows);
    // The Gantt chart (up to 8 cores, more paged) and the event log share half of the rows
    // beyond 40, so the log grows with the terminal; they give rows back to keep a usable table.
    const wanted = 3 + Math.max(3, Math.min(cores, 8)) + Math.floor((rows - 40) / 2);
    const band2 = Math.max(6, Math.min(wanted, body - band1 - 6));
    const tableRows = body - band1 - band2;
    if (tableRows >= 6) {
      if (menu) menu.height = tableRows;
      return {
        ...base,
        kind: "full",
        table: { width: tableWidth, height: tableRows },
        details: { width: left, height: band1 },
        pipeline: { width: right, height: band1 - cacheRows },
        caches: { width: right, height: cacheRows },
        gantt: { width: left, height: band2 },
        events: { width: right, height: band2 },
      };
    }
  }
  if (width >= 100 && rows >= 30) {
    const band = Math.min(15, body - 8);
    const tableRows = body - band;
    // Details need about 55 columns for two lines of registers; the event log takes the rest.
    const detailsWidth = Math.floor((width - 1) * 0.56);
    if (menu) menu.height = tableRows;
    return {
      ...base,
      kind: "medium",
      table: { width: tableWidth, height: tableRows },
      details: { width: detailsWidth, height: band },
      events: { width: width - 1 - detailsWidth, height: band },
    };
  }
  // 80×24 and up: the table gets everything; a short event log once there is room for it.
  const events = body >= 26 ? Math.min(8, body - 20) : 0;
  const tableRows = body - events;
  if (menu) menu.height = tableRows;
  return {
    ...base,
    kind: "compact",
    table: { width: tableWidth, height: tableRows },
    events: events > 0 ? { width, height: events } : null,
  };
}
