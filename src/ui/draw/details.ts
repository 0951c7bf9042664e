// Details of the selected process: its PCB, times, cache rates and a memory map drawn to scale.
import { Layout } from "../../sim/cpu/isa.js";
import type { Region } from "../../sim/memory.js";
import { signalName } from "../../sim/signals.js";
import { bytes, clean, compact, fixed, grouped, hex, percent } from "../format.js";
import type { DetailsModel } from "../selectors/details.js";
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
  const lines: string[] = [
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
  if (d.exit) {
    lines.push(
      row(
        ["exit status ", "label"],
        [String(d.exit.status), "bad"],
        d.exit.signal !== 0 ? ` (killed by ${signalName(d.exit.signal)})` : " (exited)",
        ["  a zombie until ", "dim"],
        [`${d.ppid} waits for it`, "dim"],
      ),
    );
  } else {
    lines.push(
      row(
        ["pc ", "label"],
        hex(d.pc),
        " ",
        [d.instruction ?? "(outside the code)", "value"],
        ["  sp ", "label"],
        hex(d.sp),
      ),
    );
    lines.push(...regsLines(d, width, theme));
  }
  lines.push(
    row(
      ["signals ", "label"],
      d.dispositions.length === 0 ? "all default" : d.dispositions.join(", "),
      ["  pending ", "label"],
      [orNone(d.pending), d.pending.length > 0 ? "warn" : "value"],
      d.inHandler ? "  (in a handler)" : "",
    ),
    row(
      ["response ", "label"],
      t.response === null ? "not run yet" : grouped(t.response),
      ["  turnaround ", "label"],
      t.turnaround === null ? "-" : grouped(t.turnaround),
      ["  waited ", "label"],
      grouped(t.waiting),
      ["  born ", "label"],
      grouped(t.created),
    ),
    row(
      ["cpu ", "label"],
      `${grouped(t.cpu)} (sys ${grouped(t.system)})`,
      ["  instr ", "label"],
      grouped(t.instructions),
      ["  stalls ", "label"],
      grouped(t.stalls),
    ),
    row(
      ["context switches ", "label"],
      grouped(t.switches),
      ["  syscalls ", "label"],
      grouped(t.syscalls),
    ),
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
        ),
  );
  if (d.exit) lines.push(row(["memory released at exit", "dim"]));
  else {
    lines.push(
      row(
        ["memory map ", "heading"],
        `${d.residentPages} pages, ${d.sharedPages} shared cow · 0-4 MiB to scale`,
      ),
    );
    for (const r of [...d.regions].reverse()) lines.push(regionLine(r, width, theme));
  }
  return toHeight(lines, height, width);
}
