// The process table: a status line, column headings, and only the rows that are on screen.
import { clean, compact, fixed, percent } from "../format.js";
import type { Column, TableRow } from "../selectors/table.js";
import type { Role, Theme } from "../theme.js";
import type { TableModel } from "../viewModel.js";
import { line, type Seg, toHeight } from "./line.js";

const LETTER_ROLE: Record<string, Role> = {
  R: "good",
  T: "warn",
  Z: "bad",
  N: "dim",
  D: "value",
  S: "value",
};

function cellText(r: TableRow, c: Column): string {
  switch (c.key) {
    case "pid":
      return String(r.pid);
    case "ppid":
      return String(r.ppid);
    case "name":
      return r.prefix + clean(r.name);
    case "state":
      return `${r.letter}${r.foreground ? "+" : ""} ${r.stateWord}`;
    case "pri":
      return String(r.priority);
    case "nice":
      return String(r.nice);
    case "cpu":
      return r.cpuPercent.toFixed(1);
    case "res":
      return `${compact(r.resKiB)}K`;
    case "time":
      return compact(r.cpuTicks);
    case "ipc":
      return Number.isNaN(r.ipc) ? "-" : r.ipc.toFixed(2);
    case "l1":
      return percent(r.l1HitPercent);
    case "level":
      return r.level < 0 ? "-" : String(r.level);
    case "tickets":
      return r.tickets < 0 ? "-" : compact(r.tickets);
    case "vruntime":
      return Number.isNaN(r.vruntime) ? "-" : compact(Math.floor(r.vruntime));
    case "weight":
      return Number.isNaN(r.weight) ? "-" : String(r.weight);
    case "core":
      return r.cpu < 0 ? "-" : String(r.cpu);
    case "affinity":
      return r.affinity;
    case "migrations":
      return compact(r.migrations);
    case "pgid":
      return String(r.pgid);
    case "sid":
      return String(r.sid);
    case "tty":
      return r.tty;
  }
}

function rowLine(
  r: TableRow,
  cols: readonly Column[],
  width: number,
  mark: "selected" | "tagged" | null,
  theme: Theme,
): string {
  const cells = cols.map((c) => fixed(cellText(r, c), c.width, c.align, c.key === "name"));
  if (mark === "selected") return theme.paint(fixed(cells.join(" "), width), "selected");
  // A tagged row is drawn whole in one colour, as htop's (bold without colour).
  if (mark === "tagged") return theme.paint(fixed(cells.join(" "), width), "accent");
  const segs: Seg[] = [];
  cols.forEach((c, i) => {
    if (i > 0) segs.push(" ");
    if (c.key === "state")
      segs.push([cells[i].slice(0, 1), LETTER_ROLE[r.letter] ?? "value"], cells[i].slice(1));
    else if (c.key === "name" && r.prefix)
      segs.push([cells[i].slice(0, r.prefix.length), "dim"], cells[i].slice(r.prefix.length));
    else segs.push(cells[i]);
  });
  return line(theme, width, ...segs);
}

function headingLine(t: TableModel, width: number, theme: Theme): string {
  const arrow = t.descending ? "▼" : "▲";
  const segs: Seg[] = [];
  t.columns.forEach((c, i) => {
    if (i > 0) segs.push([" ", "title"]);
    const sorted = c.key === t.sort;
    const title = sorted ? `${c.title}${arrow}` : c.title;
    segs.push([fixed(title, c.width, c.align), sorted ? "selected" : "title"]);
  });
  const used = t.columns.reduce((s, c) => s + c.width, 0) + t.columns.length - 1;
  if (used < width) segs.push([" ".repeat(width - used), "title"]);
  return line(theme, width, ...segs);
}

function statusLine(t: TableModel, width: number, theme: Theme): string {
  const sortName = t.columns.find((c) => c.key === t.sort)?.title ?? t.sort;
  // A chapter that has just started is announced across the line (the table's status returns after).
  const b = t.banner;
  const segs: Seg[] = b
    ? [
        [` Chapter ${b.number} of ${b.of}: `, "title"],
        [clean(b.title), "title"],
        [" ", "title"],
        b.number < b.of ? ["  C: next chapter", "dim"] : "",
      ]
    : [
        ["Processes ", "heading"],
        t.shown === t.total ? `${t.total}` : `${t.shown} of ${t.total}`,
        t.tree ? "  tree view" : `  sorted by ${sortName} ${t.descending ? "▼" : "▲"}`,
      ];
  if (!b && t.filter !== "") segs.push("  filter ", [`"${t.filter}"`, "accent"]);
  if (!b && t.tagged.size > 0) segs.push("  ", [`${t.tagged.size} tagged`, "accent"]);
  if (!b && t.shown > t.rows.length)
    segs.push(["  ", "dim"], [`rows ${t.firstShown + 1}-${t.firstShown + t.rows.length}`, "dim"]);
  const left = line(theme, width, ...segs);
  if (!t.message) return left;
  // The message takes the right part of the line; the left keeps what fits before it.
  const msg = fixed(t.message, Math.min(t.message.length, Math.max(0, width - 20)));
  const leftWidth = width - msg.length - 2;
  return `${line(theme, leftWidth, ...segs)}  ${theme.paint(msg, "accent")}`;
}

export function tableLines(t: TableModel, width: number, height: number, theme: Theme): string[] {
  const lines = [statusLine(t, width, theme), headingLine(t, width, theme)];
  for (const [i, r] of t.rows.entries()) {
    const mark = i === t.selected ? "selected" : t.tagged.has(r.pid) ? "tagged" : null;
    lines.push(rowLine(r, t.columns, width, mark, theme));
  }
  if (t.total === 0)
    lines.push(line(theme, width, ["no processes: every process has exited", "dim"]));
  else if (t.shown === 0)
    lines.push(line(theme, width, [`no process matches "${t.filter}"`, "dim"]));
  return toHeight(lines, height, width);
}
