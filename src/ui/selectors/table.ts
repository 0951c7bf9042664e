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
  | "level"
  | "tickets"
  | "vruntime"
  | "weight"
  | "core"
  | "affinity"
  | "migrations"
  | "pgid"
  | "sid"
  | "tty";

/** Columns that mean something only under a scheduler (MLFQ, lottery/stride, CFS), on many cores, or with job control. */
export type ColumnGroup = "mlfq" | "tickets" | "cfs" | "cores" | "jobs";

/** What decides the optional columns: the policy in force, whether cores matter (view.ts), job control in play. */
export interface ColumnSet {
  policy: string;
  cores: boolean;
  jobs?: boolean;
}

export const NO_EXTRAS: ColumnSet = { policy: "", cores: false };

function groupShown(g: ColumnGroup, set: ColumnSet): boolean {
  switch (g) {
    case "mlfq":
      return set.policy === "mlfq";
    case "tickets":
      return set.policy === "lottery" || set.policy === "stride";
    case "cfs":
      return set.policy === "cfs";
    case "cores":
      return set.cores;
    case "jobs":
      return set.jobs === true;
  }
}

export interface Column {
  key: SortKey;
  title: string;
  /** Width in columns; NAME's is worked out from what is left. */
  width: number;
  align: "left" | "right";
  /** Natural order when first sorted by this column (htop: numbers that grow, biggest first). */
  descending: boolean;
  /** Shown only with this group (the MLFQ level means nothing under another policy). */
  group?: ColumnGroup;
}

/** Every column, left to right (also the order `<` and `>` walk through). */
export const COLUMNS: readonly Column[] = [
  { key: "pid", title: "PID", width: 5, align: "right", descending: false },
  { key: "ppid", title: "PPID", width: 5, align: "right", descending: false },
  { key: "pgid", title: "PGID", width: 5, align: "right", descending: false, group: "jobs" },
  { key: "sid", title: "SID", width: 5, align: "right", descending: false, group: "jobs" },
  { key: "tty", title: "TTY", width: 4, align: "left", descending: false, group: "jobs" },
  { key: "name", title: "NAME", width: 8, align: "left", descending: false },
  { key: "state", title: "S STATE", width: 15, align: "left", descending: false },
  { key: "pri", title: "PRI", width: 3, align: "right", descending: false },
  { key: "nice", title: "NI", width: 3, align: "right", descending: false },
  { key: "level", title: "LVL", width: 3, align: "right", descending: false, group: "mlfq" },
  {
    key: "tickets",
    title: "TICKETS",
    width: 7,
    align: "right",
    descending: true,
    group: "tickets",
  },
  { key: "vruntime", title: "VRUNTIME", width: 8, align: "right", descending: false, group: "cfs" },
  { key: "weight", title: "WEIGHT", width: 6, align: "right", descending: true, group: "cfs" },
  { key: "cpu", title: "%CPU", width: 5, align: "right", descending: true },
  { key: "res", title: "RES", width: 6, align: "right", descending: true },
  { key: "time", title: "TIME", width: 6, align: "right", descending: true },
  { key: "ipc", title: "IPC", width: 4, align: "right", descending: true },
  { key: "l1", title: "L1%", width: 5, align: "right", descending: true },
  { key: "core", title: "CPU", width: 3, align: "right", descending: false, group: "cores" },
  { key: "affinity", title: "AFF", width: 7, align: "left", descending: false, group: "cores" },
  { key: "migrations", title: "MIG", width: 4, align: "right", descending: true, group: "cores" },
];

/** Columns dropped first when the table is narrow (the rest always fit in 50 columns). */
const DROP_ORDER: readonly SortKey[] = [
  "migrations",
  "affinity",
  "l1",
  "ipc",
  "sid",
  "weight",
  "pri",
  "ppid",
  "tty",
  "time",
  "core",
  "level",
  "pgid",
  "tickets",
  "vruntime",
];
const NAME_MIN = 8;
const NAME_MAX = 24;

/** The columns of a table with the optional groups `set` shows. */
function columnsOf(set: ColumnSet): Column[] {
  return COLUMNS.filter((c) => c.group === undefined || groupShown(c.group, set));
}

/** The column `dir` steps left (-1) or right (1) of `key`, round the columns shown (`<` and `>`). */
export function sortStep(key: SortKey, dir: 1 | -1, set: ColumnSet): SortKey {
  const cols = columnsOf(set);
  const i = cols.findIndex((c) => c.key === key);
  if (i >= 0) return cols[(i + dir + cols.length) % cols.length].key;
  // A column no longer shown (the level, after leaving MLFQ) steps from where it stood: to
  // the next shown column that way.
  const all = COLUMNS.length;
  for (let j = COLUMNS.findIndex((c) => c.key === key), n = 0; n < all; n++) {
    j = (j + dir + all) % all;
    if (cols.includes(COLUMNS[j])) return COLUMNS[j].key;
  }
  return cols[0].key;
}

/** The columns that fit in `width`, with NAME sized to what is left (at most NAME_MAX). */
export function columnsFor(width: number, set: ColumnSet = NO_EXTRAS): Column[] {
  let cols = columnsOf(set);
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
    case "tickets":
      return r.tickets;
    case "vruntime":
      return Number.isNaN(r.vruntime) ? -1 : r.vruntime;
    case "weight":
      return Number.isNaN(r.weight) ? -1 : r.weight;
    case "core":
      return r.cpu;
    case "affinity":
      return r.affinity;
    case "migrations":
      return r.migrations;
    case "pgid":
      return r.pgid;
    case "sid":
      return r.sid;
    case "tty":
      return r.tty;
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
