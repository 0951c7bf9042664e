// The scheduling view: per chapter, each job's response, turnaround and wait as scheduler.py -c prints them, and the averages.
import { pyFixed, rjust } from "../../cli/lab/table.js";
import { clean, fixed, grouped } from "../format.js";
import type { ScheduleModel, ScheduleRow } from "../selectors/sched.js";
import type { Theme } from "../theme.js";
import { columns } from "../width.js";
import { line, titleLine, toHeight } from "./line.js";

/** A figure as scheduler.py prints it ("%3.2f"); "-" while it is not known yet. */
function fig(x: number): string {
  return x < 0 || Number.isNaN(x) ? "-" : pyFixed(x, 2);
}

/** scheduler.py's figures: "Response: 0.00  Turnaround 10.00  Wait 0.00". */
function figures(t: { response: number; turnaround: number; wait: number }): string {
  return `Response: ${fig(t.response)}  Turnaround ${fig(t.turnaround)}  Wait ${fig(t.wait)}`;
}

function rowLine(r: ScheduleRow, width: number, theme: Theme): string {
  switch (r.kind) {
    case "chapter": {
      // The counts stay in view: a long title gives way (cut with an ellipsis) instead.
      const counts = `  from tick ${grouped(r.from)} · ${r.jobs} jobs, ${r.finished} finished`;
      const title = clean(r.title);
      const room = Math.max(8, width - 3 - counts.length);
      return line(
        theme,
        width,
        ["== ", "heading"],
        [columns(title) <= room ? title : fixed(title, room, "left", true), "heading"],
        [counts, "dim"],
      );
    }
    case "job":
      return line(theme, width, `  Job ${rjust(r.job.job, 3)} -- ${figures(r.job.times)}`, [
        `   pid ${r.job.pid} ${clean(r.job.name)}`,
        "dim",
      ]);
    case "average":
      return line(
        theme,
        width,
        ["  Average -- ", "label"],
        [figures(r.times), "value"],
        ["   (turnaround and wait: finished jobs)", "dim"],
      );
    case "gap":
      return line(theme, width);
  }
}

export function schedLines(
  m: ScheduleModel,
  width: number,
  height: number,
  theme: Theme,
): string[] {
  const title = titleLine(
    theme,
    width,
    ` Scheduling · ticks per job (scheduler.py -c) · policy ${m.policy} · ↑↓ scroll · w or Esc closes`,
  );
  const body = m.rows.slice(m.scroll, m.scroll + Math.max(0, height - 1));
  return toHeight([title, ...body.map((r) => rowLine(r, width, theme))], height, width);
}
