// The Gantt chart: per core, who ran in each column of the current page of time, with a time axis.
import { clean, grouped } from "../format.js";
import type { GanttModel } from "../selectors/gantt.js";
import type { Theme } from "../theme.js";
import { columns } from "../width.js";
import { line, type Seg, titleLine, toHeight } from "./line.js";
import { pageOf } from "./pages.js";

/** Columns before the chart: the core's name. */
export const GANTT_LABEL = 6;

/** The legend's entries, each kept whole, in lines of `width` columns. */
function legendLines(m: GanttModel, width: number): Seg[][] {
  const entries: Seg[][] = [[["~", "switch"], " switch ", ["·", "idle"], " idle  "]];
  for (const l of m.legend)
    entries.push([[l.symbol, "process", l.slot], ` ${l.pid} ${clean(l.name)}  `]);
  const size = (e: Seg[]) => e.reduce((n, s) => n + columns(typeof s === "string" ? s : s[0]), 0);
  const out: Seg[][] = [];
  let current: Seg[] = [];
  let used = 0;
  for (const e of entries) {
    const n = size(e);
    if (used > 0 && used + n > width) {
      out.push(current);
      current = [];
      used = 0;
    }
    current.push(...e);
    used += n;
  }
  out.push(current);
  return out;
}

export function ganttLines(
  m: GanttModel | null,
  width: number,
  height: number,
  theme: Theme,
  page = 0,
): string[] {
  if (m === null) return toHeight([], height, width);
  // Title, axis and at least one legend line take three lines; the cores get the rest, paged.
  const cores = pageOf(m.cores.length, height - 3, page, "cores");
  const legend = legendLines(m, width);
  const legendRows = Math.max(1, height - 2 - (cores.to - cores.from));
  const entries = pageOf(legend.length, legendRows, page, "legend", true);
  const paged = [cores.label, entries.label].filter((l) => l !== "").join(" · ");
  const lines = [
    titleLine(
      theme,
      width,
      // What is paged first: the rest of a narrow title is what may be cut.
      ` Gantt${paged === "" ? "" : ` · ${paged}`} · who ran · ${grouped(m.ticksPerColumn)} ticks/column`,
    ),
  ];
  m.cores.slice(cores.from, cores.to).forEach((cells, n) => {
    const c = cores.from + n;
    const segs: Seg[] = [
      [`cpu${c}`.padEnd(GANTT_LABEL - 1), "label"],
      ["│", "dim"],
    ];
    // Runs of the same cell become one segment, so a colour code is written once per run.
    let i = 0;
    while (i < cells.length) {
      let j = i + 1;
      while (j < cells.length && cells[j].symbol === cells[i].symbol) j++;
      const run = cells[i].symbol.repeat(j - i);
      const cell = cells[i];
      if (cell.kind === "process") segs.push([run, "process", cell.slot]);
      else segs.push([run, cell.kind === "switch" ? "switch" : "idle"]);
      i = j;
    }
    lines.push(line(theme, width, ...segs));
  });
  const chart = m.cores[0]?.length ?? 0;
  const left = grouped(m.from);
  const right = grouped(m.to);
  const gap = Math.max(1, chart - left.length - right.length);
  lines.push(
    line(theme, width, " ".repeat(GANTT_LABEL), [`${left}${" ".repeat(gap)}${right}`, "dim"]),
  );
  for (const l of legend.slice(entries.from, entries.to)) lines.push(line(theme, width, ...l));
  return toHeight(lines, height, width);
}
