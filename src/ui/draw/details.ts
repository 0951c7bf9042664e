// Details of the selected process: its PCB, its story, times, cache rates and a memory map to scale.
import { Layout } from "../../sim/cpu/isa.js";
import type { Region } from "../../sim/memory.js";
import { signalName } from "../../sim/signals.js";
import { bytes, clean, compact, fixed, grouped, hex, percent } from "../format.js";
import type { DetailsModel } from "../selectors/details.js";
import type { StoryModel, StoryStep } from "../selectors/story.js";
import type { Role, Theme } from "../theme.js";
import { line, type Seg, titleLine, toHeight } from "./line.js";

const REGION_ROLE: Record<Region["kind"], Role> = {
  text: "good",
  data: "accent",
  heap: "warn",
  stack: "label",
};

/** Addresses in the 4 MiB space fit in 6 hex digits. */
function addr(n: number): string {
  return n.toString(16).padStart(6, "0");
}

/**
 * A region on an axis of the whole virtual address space: the bar's cells stand for equal
 * slices of [0, VA_SIZE), so a region's position and length are to scale (at least one cell).
 */
function regionBar(r: Region, width: number): string {
  const a = Math.floor((r.start / Layout.VA_SIZE) * width);
  const b = Math.max(a + 1, Math.ceil((r.end / Layout.VA_SIZE) * width));
  return " ".repeat(a) + "█".repeat(Math.min(width, b) - a) + " ".repeat(Math.max(0, width - b));
}

function regionLine(r: Region, width: number, theme: Theme): string {
  const size = r.end - r.start;
  const pages = r.resident === 0 ? "" : `${r.resident}p${r.shared > 0 ? ` ${r.shared}cow` : ""}`;
  const text = `${fixed(r.kind, 5)} ${addr(r.start)}-${addr(r.end)} ${fixed(size === 0 ? "empty" : bytes(size), 8, "right")} ${fixed(pages, 7)}`;
  const barWidth = width - text.length - 2;
  if (barWidth < 4 || size === 0) return line(theme, width, [text, REGION_ROLE[r.kind]]);
  return line(
    theme,
    width,
    [text, REGION_ROLE[r.kind]],
    " ",
    ["▕", "dim"],
    [regionBar(r, barWidth), REGION_ROLE[r.kind]],
    ["▏", "dim"],
  );
}

/** A register's value in decimal, or compacted when it would not fit the cell. */
function regValue(v: number, width: number): string {
  const t = String(v);
  return t.length <= width ? t : compact(v);
}

function regsLines(d: DetailsModel, width: number, theme: Theme): string[] {
  const cell = 11;
  const perLine = Math.max(1, Math.floor((width + 1) / (cell + 1)));
  const out: string[] = [];
  for (let i = 0; i < d.regs.length; i += perLine) {
    const segs: Seg[] = [];
    for (const r of d.regs.slice(i, i + perLine))
      segs.push(
        [fixed(r.name, 3), "label"],
        fixed(regValue(r.value, cell - 3), cell - 3, "right"),
        " ",
      );
    out.push(line(theme, width, ...segs));
  }
  return out;
}

/** One step as it reads in the story: "6,200 code+data +6,200", the tick left out when unchanged. */
function stepSegs(s: StoryStep, prevTick: number): Seg[] {
  const segs: Seg[] = [];
  if (s.tick !== prevTick) segs.push([grouped(s.tick), "dim"], " ");
  segs.push([s.text, s.startup ? "value" : "accent"]);
  if (s.took !== null && s.took > 0) segs.push(" ", [`+${grouped(s.took)}`, "warn"]);
  return segs;
}

function segsWidth(segs: Seg[]): number {
  let n = 0;
  for (const s of segs) n += (typeof s === "string" ? s : s[0]).length;
  return n;
}

const SEP: Seg = [" · ", "dim"];
const ELLIPSIS: Seg[] = [["…", "dim"]];

/** Steps laid out in at most `rows` lines of `width`, greedily; null when they do not fit. */
function wrapSteps(items: Seg[][], width: number, rows: number): Seg[][] | null {
  const out: Seg[][] = [[]];
  let used = 0;
  let fresh = true;
  for (const item of items) {
    const w = segsWidth(item);
    if (!fresh && used + 3 + w > width) {
      if (out.length >= rows) return null;
      out.push([]);
      used = 0;
      fresh = true;
    }
    const cur = out[out.length - 1];
    if (!fresh) {
      cur.push(SEP);
      used += 3;
    }
    cur.push(...item);
    used += w;
    fresh = false;
  }
  return out;
}

/**
 * The story in at most `rows` lines: every start-up step, then as many of the latest steps as
 * fit, an ellipsis standing for the ones left out.
 */
function storySteps(story: StoryModel, width: number, rows: number): Seg[][] {
  const segs: Seg[][] = [];
  let prev = Number.NaN;
  for (const s of story.steps) {
    segs.push(stepSegs(s, prev));
    prev = s.tick;
  }
  const startup = segs.filter((_, i) => story.steps[i].startup);
  const later = segs.filter((_, i) => !story.steps[i].startup);
  for (let keep = later.length; keep >= 0; keep--) {
    const skipped = later.length - keep + story.dropped > 0;
    const items = [...startup, ...(skipped ? [ELLIPSIS] : []), ...later.slice(later.length - keep)];
    const wrapped = wrapSteps(items, width, rows);
    if (wrapped) return wrapped;
  }
  return (wrapSteps(startup, width, Number.POSITIVE_INFINITY) ?? []).slice(0, rows);
}

/** What starting it cost against the work it did since: the start-up cost lesson in one line. */
function costLine(story: StoryModel): Seg[] {
  const segs: Seg[] = story.started
    ? [
        ["start-up ", "label"],
        [`${grouped(story.startup)} ticks`, "warn"],
        [" · useful ", "label"],
        [`${grouped(story.useful)} ticks`, "good"],
      ]
    : [
        ["starting: ", "label"],
        [`${grouped(story.startup)} ticks so far`, "warn"],
      ];
  return segs;
}

function childrenLine(c: NonNullable<StoryModel["children"]>): Seg[] {
  return [
    [`${grouped(c.count)} reaped child${c.count === 1 ? "" : "ren"}: `, "label"],
    ["start-up ", "label"],
    [`${grouped(c.startup)}`, "warn"],
    [" · useful ", "label"],
    [`${grouped(c.useful)}`, "good"],
  ];
}

function orNone(list: string[]): string {
  return list.length === 0 ? "none" : list.join(" ");
}

export function detailsLines(
  d: DetailsModel | null,
  width: number,
  height: number,
  theme: Theme,
): string[] {
  if (d === null)
    return toHeight(
      [titleLine(theme, width, " Details"), line(theme, width, ["no process selected", "dim"])],
      height,
      width,
    );
  const row = (...segs: Seg[]) => line(theme, width, ...segs);
  const t = d.times;
  const head: string[] = [
    titleLine(
      theme,
      width,
      ` PID ${d.pid} ${clean(d.name)} · ${d.letter} ${d.stateWord}${d.program !== d.name ? ` · program ${clean(d.program)}` : ""}`,
    ),
    row(
      ["parent ", "label"],
      `${d.ppid}${d.parentName ? ` (${clean(d.parentName)})` : ""}`,
      ["  children ", "label"],
      d.children.length === 0 ? "none" : d.children.join(" "),
      ["  nice ", "label"],
      `${d.nice} pri ${d.priority}`,
    ),
  ];
  let regs: string[] = [];
  if (d.exit) {
    head.push(
      row(
        ["exit status ", "label"],
        [String(d.exit.status), "bad"],
        d.exit.signal !== 0 ? ` (killed by ${signalName(d.exit.signal)})` : " (exited)",
        ["  a zombie until ", "dim"],
        [`${d.ppid} waits for it`, "dim"],
      ),
    );
  } else {
    head.push(
      row(
        ["pc ", "label"],
        hex(d.pc),
        " ",
        [d.instruction ?? "(outside the code)", "value"],
        ["  sp ", "label"],
        hex(d.sp),
      ),
    );
    regs = regsLines(d, width, theme);
  }
  const signals = row(
    ["signals ", "label"],
    d.dispositions.length === 0 ? "all default" : d.dispositions.join(", "),
    ["  pending ", "label"],
    [orNone(d.pending), d.pending.length > 0 ? "warn" : "value"],
    d.inHandler ? "  (in a handler)" : "",
  );
  const times = row(
    ["response ", "label"],
    t.response === null ? "not run yet" : grouped(t.response),
    ["  turnaround ", "label"],
    t.turnaround === null ? "-" : grouped(t.turnaround),
    ["  waited ", "label"],
    grouped(t.waiting),
    ["  born ", "label"],
    grouped(t.created),
  );
  const cpu = row(
    ["cpu ", "label"],
    `${grouped(t.cpu)} (sys ${grouped(t.system)})`,
    ["  instr ", "label"],
    grouped(t.instructions),
    ["  stalls ", "label"],
    grouped(t.stalls),
  );
  const switches = row(
    ["context switches ", "label"],
    grouped(t.switches),
    ["  syscalls ", "label"],
    grouped(t.syscalls),
  );
  const hits =
    d.cache[0].accesses + d.cache[1].accesses === 0
      ? row(["cache hits ", "label"], ["none measured (ideal CPU or no memory access yet)", "dim"])
      : row(
          ["hits since start ", "label"],
          ...d.cache
            .slice(0, 4)
            .flatMap((c): Seg[] => [
              `${c.name} `,
              [Number.isNaN(c.rate) ? "-" : `${percent(c.rate * 100)}%`, "value"],
              " ",
            ]),
          `RAM ${compact(d.cache[4].accesses)}`,
        );
  const memory: string[] = d.exit
    ? [row(["memory released at exit", "dim"])]
    : [
        row(
          ["memory map ", "heading"],
          `${d.residentPages} pages, ${d.sharedPages} shared cow · 0-4 MiB to scale`,
        ),
        ...[...d.regions].reverse().map((r) => regionLine(r, width, theme)),
      ];
  const cost = [row(...costLine(d.story))];
  if (d.story.children) cost.push(row(...childrenLine(d.story.children)));
  // The story gets up to three lines; when the panel is short the registers, then the response
  // times (the story tells them), the cache hits and the switch counts make room for it.
  const fixedRows = head.length + 2 + cost.length + memory.length;
  let spare = height - fixedRows;
  const storyRows = (n: number) => Math.max(1, Math.min(3, n));
  const optional = [regs, [times], [hits], [switches]];
  const kept = optional.map(() => false);
  for (let i = 0; i < optional.length; i++) {
    if (spare - optional[i].length >= storyRows(3)) {
      kept[i] = true;
      spare -= optional[i].length;
    }
  }
  // Whatever is left after the optional parts goes to the story (at least one line).
  const rows = storyRows(spare);
  const story = storySteps(d.story, width, rows).map((segs) => row(...segs));
  const lines = [
    ...head,
    ...(kept[0] ? regs : []),
    signals,
    ...(kept[1] ? [times] : []),
    cpu,
    ...(kept[3] ? [switches] : []),
    ...(kept[2] ? [hits] : []),
    ...cost,
    ...story,
    ...memory,
  ];
  return toHeight(lines, height, width);
}
