// The Gantt chart: per core, who ran in each column of the current page of time, with a time axis.
import { clean, grouped } from "../format.js";
import type { GanttModel } from "../selectors/gantt.js";
import type { Theme } from "../theme.js";
import { line, type Seg, titleLine, toHeight } from "./line.js";

/** Columns before the chart: the core's name. */
export const GANTT_LABEL = 6;

export function ganttLines(
  m: GanttModel | null,
  width: number,
  height: number,
  theme: Theme,
): string[] {
  if (m === null) return toHeight([], height, width);
  const lines = [
    titleLine(theme, width, ` Gantt · who ran · ${grouped(m.ticksPerColumn)} ticks/column · paged`),
  ];
  // Title, axis and legend take three lines; the cores get the rest.
  m.cores.slice(0, Math.max(1, height - 3)).forEach((cells, c) => {
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
  const legend: Seg[] = [["~", "switch"], " switch ", ["·", "idle"], " idle  "];
  for (const l of m.legend)
    legend.push([l.symbol, "process", l.slot], ` ${l.pid} ${clean(l.name)}  `);
  lines.push(line(theme, width, ...legend));
  return toHeight(lines, height, width);
}
