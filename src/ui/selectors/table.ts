// The process table's data: rows filtered, sorted (or as a fork tree), and the visible window.
import type { ProcessRow } from "../../sim/view.js";

export type SortKey =
  | "pid"
  | "ppid"
  | "name"
  | "state"
  | "pri"
  | "nice"
  | "cpu"
  | "res"
  | "time"
  | "ipc"
  | "l1"
  | "level";

export interface Column {
  key: SortKey;
  title: string;
  /** Width in columns; NAME's is worked out from what is left. */
  width: number;
  align: "left" | "right";
  /** Natural order when first sorted by this column (htop: numbers that grow, biggest first). */
  descending: boolean;
  /** Shown only under MLFQ (the level means nothing elsewhere). */
  mlfqOnly?: boolean;
}

/** Every column, left to right (also the order `<` and `>` walk through). */
export const COLUMNS: readonly Column[] = [
  { key: "pid", title: "PID", width: 5, align: "right", descending: false },
  { key: "ppid", title: "PPID", width: 5, align: "right", descending: false },
  { key: "name", title: "NAME", width: 8, align: "left", descending: false },
  { key: "state", title: "S STATE", width: 15, align: "left", descending: false },
  { key: "pri", title: "PRI", width: 3, align: "right", descending: false },
  { key: "nice", title: "NI", width: 3, align: "right", descending: false },
  { key: "level", title: "LVL", width: 3, align: "right", descending: false, mlfqOnly: true },
  { key: "cpu", title: "%CPU", width: 5, align: "right", descending: true },
  { key: "res", title: "RES", width: 6, align: "right", descending: true },
  { key: "time", title: "TIME", width: 6, align: "right", descending: true },
  { key: "ipc", title: "IPC", width: 4, align: "right", descending: true },
  { key: "l1", title: "L1%", width: 5, align: "right", descending: true },
];

/** Columns dropped first when the table is narrow (the rest always fit in 50 columns). */
const DROP_ORDER: readonly SortKey[] = ["l1", "ipc", "pri", "ppid", "time", "level"];
const NAME_MIN = 8;
const NAME_MAX = 24;

/**
 * The columns of a table under MLFQ (`mlfq`) or another policy: those `chosen` (a config's
 * list, in its order) or else all of them.
 */
function columnsOf(mlfq: boolean, chosen?: readonly SortKey[] | null): Column[] {
  const all = chosen
    ? chosen.map((k) => COLUMNS.find((c) => c.key === k)).filter((c) => c !== undefined)
    : COLUMNS;
  const shown = all.filter((c) => mlfq || !c.mlfqOnly);
  // A list of only MLFQ's level, outside MLFQ: the table keeps its PIDs.
  return shown.length > 0 ? shown : COLUMNS.filter((c) => c.key === "pid");
}

/** The column `dir` steps left (-1) or right (1) of `key`, round the columns shown (`<` and `>`). */
export function sortStep(
  key: SortKey,
  dir: 1 | -1,
  mlfq: boolean,
  chosen?: readonly SortKey[] | null,
): SortKey {
  const cols = columnsOf(mlfq, chosen);
  const i = cols.findIndex((c) => c.key === key);
  // A column no longer shown (the level, after leaving MLFQ) steps from where it stood.
  const from =
    i >= 0 ? i : Math.max(-1, COLUMNS.findIndex((c) => c.key === key) - (dir > 0 ? 1 : 0));
  return cols[(from + dir + cols.length) % cols.length].key;
}

/** The columns that fit in `width`, with NAME sized to what is left (at most NAME_MAX). */
export function columnsFor(
  width: number,
  mlfq = false,
  chosen?: readonly SortKey[] | null,
): Column[] {
  let cols = columnsOf(mlfq, chosen);
  const fixed = (cs: Column[]) =>
    cs.reduce((s, c) => s + (c.key === "name" ? 0 : c.width), 0) + cs.length - 1;
  for (const drop of DROP_ORDER) {
    if (width - fixed(cols) >= NAME_MIN) break;
    cols = cols.filter((c) => c.key !== drop);
  }
  const nameWidth = Math.max(NAME_MIN, Math.min(NAME_MAX, width - fixed(cols)));
  return cols.map((c) => (c.key === "name" ? { ...c, width: nameWidth } : c));
}

function sortValue(r: ProcessRow, key: SortKey): number | string {
  switch (key) {
    case "pid":
      return r.pid;
    case "ppid":
      return r.ppid;
    case "name":
      return r.name;
    case "state":
      return r.stateWord;
    case "pri":
      return r.priority;
    case "nice":
      return r.nice;
    case "cpu":
      return r.cpuPercent;
    case "res":
      return r.resKiB;
    case "time":
      return r.cpuTicks;
    // Nothing measured sorts below every figure.
    case "ipc":
      return Number.isNaN(r.ipc) ? -1 : r.ipc;
    case "l1":
      return Number.isNaN(r.l1HitPercent) ? -1 : r.l1HitPercent;
    case "level":
      return r.level;
  }
}

function compareRows(key: SortKey, descending: boolean): (a: ProcessRow, b: ProcessRow) => number {
  return (a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    const c = x < y ? -1 : x > y ? 1 : 0;
    // Ties keep PID order, so equal rows do not swap places between frames.
    return c !== 0 ? (descending ? -c : c) : a.pid - b.pid;
  };
}

/** Name contains the text (any case), the PID is the text, or the state word contains it. */
function matchesFilter(r: ProcessRow, filter: string): boolean {
  if (filter === "") return true;
  const f = filter.toLowerCase();
  return r.name.toLowerCase().includes(f) || String(r.pid) === f || r.stateWord.includes(f);
}

export interface TableRow extends ProcessRow {
  /** Tree glyphs before the name ("├─ ", "│  └─ "), empty outside tree view. */
  prefix: string;
}

/**
 * Rows in display order: filtered, then sorted, or in tree view laid out depth first under
 * their parents with siblings in sort order. A process whose parent is filtered out is a root.
 */
export function orderRows(
  rows: ProcessRow[],
  sort: SortKey,
  descending: boolean,
  filter: string,
  tree: boolean,
): TableRow[] {
  const kept = rows.filter((r) => matchesFilter(r, filter));
  kept.sort(compareRows(sort, descending));
  if (!tree) return kept.map((r) => ({ ...r, prefix: "" }));
  const present = new Set(kept.map((r) => r.pid));
  const children = new Map<number, ProcessRow[]>();
  const roots: ProcessRow[] = [];
  for (const r of kept) {
    if (r.ppid !== r.pid && present.has(r.ppid)) {
      const list = children.get(r.ppid);
      if (list) list.push(r);
      else children.set(r.ppid, [r]);
    } else roots.push(r);
  }
  const out: TableRow[] = [];
  // Iterative depth-first walk: fork chains can be thousands deep.
  const stack: { row: ProcessRow; lead: string; last: boolean; root: boolean }[] = [];
  for (let i = roots.length - 1; i >= 0; i--)
    stack.push({ row: roots[i], lead: "", last: true, root: true });
  while (stack.length > 0) {
    const { row, lead, last, root } = stack.pop()!;
    out.push({ ...row, prefix: root ? "" : `${lead}${last ? "└─ " : "├─ "}` });
    const kids = children.get(row.pid) ?? [];
    const nextLead = root ? "" : `${lead}${last ? "   " : "│  "}`;
    for (let i = kids.length - 1; i >= 0; i--) {
      stack.push({ row: kids[i], lead: nextLead, last: i === kids.length - 1, root: false });
    }
  }
  return out;
}

/** Where the selection and the scroll position end up once the rows are known. */
export interface Placement {
  index: number;
  pid: number;
  scrollTop: number;
}

/**
 * Keeps the selection on `pid` wherever its row moved; if it is gone, on the row now at its
 * old index. Scrolls just enough to keep it within `height` rows.
 */
export function placeSelection(
  order: readonly ProcessRow[],
  pid: number,
  oldIndex: number,
  scrollTop: number,
  height: number,
): Placement {
  if (order.length === 0) return { index: -1, pid, scrollTop: 0 };
  let index = order.findIndex((r) => r.pid === pid);
  if (index < 0) index = Math.max(0, Math.min(oldIndex, order.length - 1));
  const h = Math.max(1, height);
  let top = Math.max(0, Math.min(scrollTop, order.length - h));
  if (index < top) top = index;
  if (index >= top + h) top = index - h + 1;
  return { index, pid: order[index].pid, scrollTop: Math.max(0, top) };
}
