// The header: time, speed and mode, scheduler, load, tasks by state, core meters, memory, IPC, caches.
import { bytes, clean, compact, fixed, grouped, meter, percent, sparkPage } from "../format.js";
import { coreMeterLayout } from "../layout.js";
import type { Role, Theme } from "../theme.js";
import type { ChapterView, HeaderModel } from "../viewModel.js";
import { columns } from "../width.js";
import { line, type Seg } from "./line.js";

function loadRole(share: number): Role {
  return share < 0.5 ? "meterLow" : share < 0.85 ? "meterMid" : "meterHigh";
}

/** `label[|||||     63.0%]` in `width` columns, the figure inside the bar as htop draws it. */
function meterSegs(label: string, share: number, figure: string, width: number): Seg[] {
  const inner = Math.max(figure.length, width - label.length - 2);
  const bar = meter(share, inner);
  const left = bar.slice(0, inner - figure.length);
  return [[label, "label"], "[", [left, loadRole(share)], [figure, "dim"], "]"];
}

/**
 * A history sparkline (a mark per rate window, paged like the caches' history), then a space;
 * nothing when `width` leaves no room for one worth reading.
 */
function historySegs(values: readonly number[], samples: number, width: number): Seg[] {
  if (width < 8) return [];
  return [[sparkPage(values, samples, width), "accent"], " "];
}

function modeSegs(h: HeaderModel): Seg[] {
  if (h.mode === "live") return [["▶ running", "good"]];
  if (h.mode === "paused") return [["‖ paused", "warn"]];
  return [[`◀ past: ${grouped(h.behind)} ticks ago`, "bad"]];
}

/** The chapter's number and title in at most a third of the line (or `most` columns), so the clock and mode after it stay in view. */
function chapterText(c: ChapterView, width: number, most?: number): string {
  const t = `${c.number}/${c.of} ${clean(c.title)}`;
  const room = most ?? Math.max(12, Math.floor(width / 3));
  return columns(t) <= room ? t : fixed(t, room, "left", true);
}

/** Under MLFQ, each level's slice and allotment, top level first (and the boost, given room). */
function mlfqSegs(h: HeaderModel, width: number): Seg[] {
  const m = h.mlfq;
  if (m === null) return [];
  const list = (xs: number[]) => xs.map(compact).join("/");
  return [
    "  mlfq q ",
    [list(m.quanta), "value"],
    " allot ",
    [list(m.allotments), "value"],
    width >= 140 ? ` boost ${m.boost > 0 ? compact(m.boost) : "never"}` : "",
  ];
}

/** Columns the segments take. */
const segsWidth = (segs: readonly Seg[]) =>
  segs.reduce((n, x) => n + columns(typeof x === "string" ? x : x[0]), 0);

/**
 * The Tasks line: processes by state, MLFQ's levels, the CPU of processes that exited in the
 * window — in short words when the long ones would not fit, so nothing is cut.
 */
function tasksSegs(h: HeaderModel, width: number, short: boolean): Seg[] {
  const c = h.counts;
  // Only counts above zero stand out.
  const count = (n: number, word: string, role: Role): Seg[] => [
    n > 0 ? [String(n), role] : "0",
    ` ${word}`,
  ];
  const w = short
    ? ["", "run, ", "ready, ", "blk, ", "stop, ", "zomb, ", "new"]
    : [" total, ", "running, ", "ready, ", "blocked, ", "stopped, ", "zombie, ", "new"];
  const segs: Seg[] = [
    "Tasks: ",
    [String(h.total), "value"],
    short ? ": " : w[0],
    ...count(c.running, w[1], "good"),
    ...count(c.ready, w[2], "value"),
    ...count(c.blocked, w[3], "value"),
    ...count(c.stopped, w[4], "warn"),
    ...count(c.zombie, w[5], "bad"),
    ...count(c.new, w[6], "value"),
    ...mlfqSegs(h, width),
    // With the rows' %CPU this accounts for every busy tick of the cores in the window.
    h.exitedPercent > 0
      ? `  · exited${short ? "" : " in window"} ${percent(h.exitedPercent)}% CPU`
      : "",
  ];
  return short || segsWidth(segs) <= width ? segs : tasksSegs(h, width, true);
}

/**
 * The first line: chapter, clock, mode, speed, rate window, policy, load — in the long words
 * where they fit (100 columns and more), else the short ones, so the load is never cut off.
 */
function clockSegs(
  h: HeaderModel,
  width: number,
  wide: boolean,
  chapterRoom?: number,
  queues = true,
): Seg[] {
  const lag =
    h.mode === "live" && h.achieved < 0.995 ? ` (managing ${Math.round(h.achieved * 100)}%)` : "";
  const segs: Seg[] = [
    ["simtop", "accent"],
    h.chapter === null ? "" : ` · ${chapterText(h.chapter, width, chapterRoom)}`,
    "  tick ",
    [grouped(h.tick), "value"],
    "  ",
    ...modeSegs(h),
    "  ",
    `${wide ? "speed " : ""}${compact(h.speed)} ticks/s`,
    [lag, "warn"],
    wide ? `  rates over the last ${grouped(h.window)} ticks` : `  rates/${compact(h.window)}`,
    `  ${wide ? "policy " : ""}`,
    [h.policy, "value"],
    // Under MLFQ one quantum says nothing: the levels' slices come on the next line.
    h.mlfq === null ? (h.cfs !== null ? ` lat=${h.cfs.targetLatency}` : ` q=${h.quantum}`) : "",
    h.runQueues === "per-core" && queues ? (wide ? " per-core queues" : " per-core") : "",
    "  load ",
    [h.load.map((l) => l.toFixed(2)).join(" "), "value"],
  ];
  const used = segsWidth(segs);
  if (used <= width) return segs;
  if (wide) return clockSegs(h, width, false);
  // Still too wide: the chapter's title gives up what the rest needs (its number stays).
  if (h.chapter !== null && chapterRoom === undefined) {
    const title = columns(chapterText(h.chapter, width));
    return clockSegs(h, width, false, Math.max(16, title - (used - width)));
  }
  // Then the run queues' mode (the CPU and AFF columns still say where processes run).
  if (queues && h.runQueues === "per-core") return clockSegs(h, width, false, chapterRoom, false);
  return segs;
}

export function headerLines(h: HeaderModel, width: number, theme: Theme): string[] {
  const lines: string[] = [line(theme, width, ...clockSegs(h, width, width >= 100))];
  lines.push(line(theme, width, ...tasksSegs(h, width, false)));
  const { perLine, lines: meterLines } = coreMeterLayout(h.cores.length, width);
  const cellWidth = Math.floor(width / perLine);
  const room = perLine * meterLines;
  for (let l = 0; l < meterLines; l++) {
    const segs: Seg[] = [];
    for (let i = l * perLine; i < Math.min(h.cores.length, (l + 1) * perLine); i++) {
      if (h.cores.length > room && i === room - 1) {
        segs.push([` +${h.cores.length - room + 1} more cores`, "dim"]);
        break;
      }
      const u = h.cores[i].utilisation;
      // Wide cells give a third to the core's history: its busy share a window at a time.
      const spark = cellWidth >= 40 ? Math.floor(cellWidth / 3) : 0;
      const past = h.history.points.map((p) => p.cores[i] ?? Number.NaN);
      segs.push(
        ...meterSegs(`cpu${i}`.padEnd(5), u, `${percent(u * 100)}%`, cellWidth - 1 - spark),
        " ",
        ...historySegs(past, h.history.total, spark - 1),
      );
    }
    lines.push(line(theme, width, ...segs));
  }
  const mem = h.framesTotal > 0 ? h.framesUsed / h.framesTotal : 0;
  const memText = `${bytes(h.framesUsed * 4096)}/${bytes(h.framesTotal * 4096)}`;
  const points = h.history.points;
  const last: Seg[] = [
    ...meterSegs("Mem ", mem, memText, 24 + memText.length),
    " ",
    ...(width >= 120
      ? [
          ...historySegs(
            points.map((p) => p.memory),
            h.history.total,
            8,
          ),
          "load ",
          ...historySegs(
            points.map((p) => Math.min(1, p.load)),
            h.history.total,
            8,
          ),
        ]
      : []),
    " IPC ",
    [Number.isNaN(h.ipc) ? "-" : h.ipc.toFixed(2), "value"],
  ];
  if (h.cpu === "ideal" || h.caches === null)
    last.push(["  ideal CPU (1 instruction a cycle, no caches)", "dim"]);
  else {
    for (const lv of h.caches)
      last.push(`  ${lv.name} `, [
        Number.isNaN(lv.rate) ? "-" : `${percent(lv.rate * 100)}%`,
        "value",
      ]);
    if (h.amat !== null)
      last.push("  AMAT ", [Number.isNaN(h.amat) ? "-" : h.amat.toFixed(2), "value"], " cycles");
  }
  lines.push(line(theme, width, ...last));
  return lines;
}
