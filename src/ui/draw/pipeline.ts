// The pipeline per core: what each of the five stages holds, occupancy, stalls, bubbles, IPC.
import { fixed, grouped } from "../format.js";
import type { CorePipeline, PipelineModel, StageCell } from "../selectors/pipeline.js";
import type { Role, Theme } from "../theme.js";
import { line, type Seg, titleLine, toHeight } from "./line.js";
import { pageOf } from "./pages.js";

const KIND_ROLE: Record<StageCell["kind"], Role> = {
  busy: "value",
  stalled: "warn",
  bubble: "dim",
  wrong: "dim",
  flushed: "bad",
};

const LABEL = 5;
const CELL = 10;

/** Lines per core: instructions, occupancy, counters. */
const PIPELINE_LINES_PER_CORE = 3;

function coreLines(
  c: CorePipeline,
  width: number,
  theme: Theme,
  names: readonly string[],
): string[] {
  const stages: Seg[] = [[fixed(`cpu${c.core}`, LABEL), "label"]];
  const occ: Seg[] = [" ".repeat(LABEL)];
  c.stages.forEach((s, i) => {
    stages.push([fixed(s.text, CELL), KIND_ROLE[s.kind]]);
    occ.push(
      [`${names[i]} `, "heading"],
      fixed(`${Math.round(s.occupancy * 100)}%`, CELL - names[i].length - 1),
    );
  });
  stages.push(["IPC ", "label"], [Number.isNaN(c.ipc) ? "-" : c.ipc.toFixed(2), "value"]);
  occ.push(["stall ", "label"], String(c.stalls.data + c.stalls.memory));
  const b = c.bubbles;
  // Data and memory bubbles are what stalls leave behind; branch bubbles are the flushed slots.
  const long = `data ${b.data} mem ${b.memory} branch ${b.branch} switch ${b.switch} trap ${b.trap} idle ${b.idle}`;
  const short = `data ${b.data} mem ${b.memory} br ${b.branch} sw ${b.switch} trap ${b.trap} idle ${b.idle}`;
  const head = ` flushed ${c.flushed} · lost `;
  const counts = line(
    theme,
    width,
    " ".repeat(LABEL - 1),
    ["flushed ", "label"],
    String(c.flushed),
    [" · lost ", "label"],
    head.length + LABEL + long.length <= width ? long : short,
  );
  return [line(theme, width, ...stages), line(theme, width, ...occ), counts];
}

/** Cores a pipeline panel of `height` rows shows at once (the rest are paged). */
export function pipelineCoresPerPage(height: number): number {
  return Math.max(1, Math.floor((height - 1) / PIPELINE_LINES_PER_CORE));
}

export function pipelineLines(
  m: PipelineModel,
  width: number,
  height: number,
  theme: Theme,
  page = 0,
): string[] {
  if (m.kind === "ideal") {
    return toHeight(
      [
        titleLine(theme, width, " Pipeline"),
        line(theme, width, ["ideal CPU: 1 instruction per cycle;", "dim"]),
        line(theme, width, ["no pipeline stages, hazards or caches are modelled", "dim"]),
      ],
      height,
      width,
    );
  }
  const cycles = m.cores[0]?.cycles ?? 0;
  const p = pageOf(m.cores.length, pipelineCoresPerPage(height), page, "cores");
  const lines = [
    titleLine(
      theme,
      width,
      ` Pipeline · ${p.label === "" ? "" : `${p.label} · `}over the last ${grouped(cycles)} cycles · forwarding ${m.forwarding ? "on" : "off"} · branch ${m.branchStage}`,
    ),
  ];
  for (const c of m.cores.slice(p.from, p.to))
    lines.push(...coreLines(c, width, theme, m.stageNames));
  return toHeight(lines, height, width);
}
