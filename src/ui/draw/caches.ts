// The caches: hit rate and 3C misses per level over the rate window, its history (paged), totals, latency and AMAT.
import { clean, compact, fixed, percent, sparkPage } from "../format.js";
import type { CacheLevelRow, CachesModel } from "../selectors/caches.js";
import type { Theme } from "../theme.js";
import { line, type Seg, titleLine, toHeight } from "./line.js";

function rate(v: number): string {
  return Number.isNaN(v) ? "-" : `${percent(v * 100)}%`;
}

/** Width of the 3C column: compulsory/capacity/conflict misses in the window. */
const MISS_WIDTH = 15;

function missText(l: CacheLevelRow): string {
  const m = l.misses;
  return m === null ? "" : `${compact(m.compulsory)}/${compact(m.capacity)}/${compact(m.conflict)}`;
}

function levelLine(l: CacheLevelRow, width: number, theme: Theme): string {
  const tail = ` ${fixed(missText(l), MISS_WIDTH, "right")} ${fixed(rate(l.totalRate), 6, "right")} ${fixed(compact(l.accesses), 6, "right")} ${fixed(l.latency === null ? "" : `${l.latency}`, 4, "right")}`;
  const spark = Math.max(0, width - 4 - 7 - 2 - tail.length);
  // RAM serves every access that reaches it: a hit rate there would say nothing.
  const isRam = l.name === "RAM";
  return line(
    theme,
    width,
    [fixed(l.name, 4), "label"],
    fixed(isRam ? "" : rate(l.rate), 7, "right"),
    "  ",
    [
      isRam ? fixed("serves every miss", spark) : sparkPage(l.history, l.samples, spark),
      isRam ? "dim" : "good",
    ],
    tail,
  );
}

export function cachesLines(m: CachesModel, width: number, height: number, theme: Theme): string[] {
  if (m.kind === "none") {
    return toHeight(
      [
        titleLine(theme, width, " Caches"),
        line(theme, width, ["ideal CPU: no caches modelled", "dim"]),
      ],
      height,
      width,
    );
  }
  if (m.kind === "noProcess") {
    return toHeight(
      [
        titleLine(theme, width, " Caches · selected process"),
        line(theme, width, ["no process selected", "dim"]),
      ],
      height,
      width,
    );
  }
  const amat = `AMAT ${Number.isNaN(m.amat) ? "-" : m.amat.toFixed(2)} cycles`;
  const title =
    m.kind === "machine"
      ? ` Caches · whole machine · ${amat} · v: process`
      : ` Caches · pid ${m.pid} ${clean(m.name)} · ${amat} · v: machine`;
  const heading: Seg[] = [
    ["lvl ", "heading"],
    [fixed("window", 7, "right"), "heading"],
    "  ",
    [
      fixed("history (a mark a window, paged)", Math.max(0, width - 4 - 7 - 2 - 20 - MISS_WIDTH)),
      "heading",
    ],
    [
      ` ${fixed("3C cmp/cap/cnf", MISS_WIDTH, "right")} ${fixed("total", 6, "right")} ${fixed("refs", 6, "right")} ${fixed(m.kind === "machine" ? "lat" : "", 4, "right")}`,
      "heading",
    ],
  ];
  const lines = [titleLine(theme, width, title), line(theme, width, ...heading)];
  for (const l of m.levels) lines.push(levelLine(l, width, theme));
  return toHeight(lines, height, width);
}
