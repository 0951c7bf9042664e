// The program view's data: the selected process's source with the line at its pc, and the last
// cycles of a core as rows of the multi-cycle pipeline diagram.
import { disassemble, INSN_WORDS, Layout } from "../../sim/cpu/isa.js";
import { PipelinedCpu } from "../../sim/cpu/pipeline.js";
import { stageAt } from "../../sim/cpu/pipelineDiagram.js";
import { HISTORY_CYCLES, hasInstruction } from "../../sim/cpu/pipelineHistory.js";
import type { Kernel } from "../../sim/kernel.js";
import { visible } from "../../sim/visible.js";
import type { Layout as ScreenLayout } from "../layout.js";
import type { ProgramViewState } from "../state/programView.js";

export interface DiagramRowModel {
  /** "pid instruction" with "  (flushed)" for a squashed wrong-path fetch, as lab pipeline writes it. */
  label: string;
  pid: number;
  flushed: boolean;
  first: readonly number[];
  last: readonly number[];
}

export type CorePipelineView =
  | { kind: "ideal" }
  | {
      kind: "pipeline";
      core: number;
      /** The core was chosen with Tab rather than followed from the process. */
      chosen: boolean;
      /** First and last core cycle drawn (from > to: the core has run no cycle yet). */
      from: number;
      to: number;
      rows: DiagramRowModel[];
    };

export interface ProgramModel {
  /** Null when no process is selected (or it is gone). */
  process: {
    pid: number;
    name: string;
    program: string;
    /** The process runs on this core now (-1: it does not). */
    core: number;
    zombie: boolean;
    pc: number;
    /** The instruction at pc, disassembled; null when pc is outside the code. */
    instruction: string | null;
    /** Source lines, control characters made visible; the trailing empty line dropped. */
    source: string[];
    /** 1-based source line of the instruction at pc; 0 when pc is outside the code. */
    pcLine: number;
    /**
     * Stages its instructions are in at the last cycle drawn, by 1-based source line (when the
     * diagram's core runs it): the source read alongside the pipeline, as Ripes shows it.
     */
    inFlight: Map<number, string[]>;
  } | null;
  pipeline: CorePipelineView;
}

/** From this width the source and the diagram sit side by side; below it, one above the other. */
export const SIDE_BY_SIDE = 150;
/** Width of the source beside the diagram. */
const SOURCE_WIDTH = 56;

/** Where the two parts go in a body of `width` × `height` (the title line excluded). */
export function programPanes(width: number, height: number) {
  const h = Math.max(1, height - 1);
  if (width >= SIDE_BY_SIDE)
    return {
      side: true,
      source: { width: SOURCE_WIDTH, height: h },
      diagram: { width: width - SOURCE_WIDTH - 1, height: h },
    };
  const sh = Math.max(3, Math.floor(h * 0.4));
  return {
    side: false,
    source: { width, height: sh },
    diagram: { width, height: Math.max(1, h - sh) },
  };
}

/** Columns of the diagram's label besides its cycles: what `cyclesFor` assumes a label takes. */
export const DIAGRAM_LABEL = 30;
/** Columns per cycle (a stage name and a space, as lab pipeline draws it). */
export const DIAGRAM_CELL = 4;

/** Cycles a diagram of `width` columns has room for. */
export function cyclesFor(width: number): number {
  return Math.max(4, Math.min(HISTORY_CYCLES, Math.floor((width - DIAGRAM_LABEL) / DIAGRAM_CELL)));
}

/** Tabs to spaces at 8-column stops, as an editor shows the file. */
function expandTabs(l: string): string {
  if (!l.includes("\t")) return l;
  let out = "";
  for (const ch of l) out += ch === "\t" ? " ".repeat(8 - (out.length % 8)) : ch;
  return out;
}

function indexAt(pc: number, code: Int32Array): number {
  const index = (pc - Layout.TEXT_BASE) / 4;
  if (!Number.isInteger(index) || index < 0 || (index + 1) * INSN_WORDS > code.length) return -1;
  return index;
}

export function selectProgram(
  k: Kernel,
  pid: number,
  state: ProgramViewState,
  cycles: number,
): ProgramModel {
  const p = k.procs.get(pid) ?? null;
  let process: ProgramModel["process"] = null;
  if (p) {
    const index = indexAt(p.pc, p.code);
    const source = p.program.source.split(/\r?\n/).map((l) => visible(expandTabs(l)));
    if (source.length > 1 && source[source.length - 1] === "") source.pop();
    const zombie = p.state === "zombie";
    process = {
      pid: p.pid,
      name: p.name,
      program: p.program.name,
      core: zombie ? -1 : p.core,
      zombie,
      pc: p.pc,
      instruction: index >= 0 && !zombie ? disassemble(p.code, index) : null,
      source,
      pcLine: index >= 0 && !zombie ? p.program.lines[index] : 0,
      inFlight: new Map(),
    };
  }
  const cpu = k.cpu instanceof PipelinedCpu ? k.cpu : null;
  if (cpu === null) return { process, pipeline: { kind: "ideal" } };
  const chosen = state.core !== null && state.core < cpu.cores;
  const core = chosen ? (state.core as number) : Math.max(0, process?.core ?? 0);
  const recent = cpu.recentCycles(core, cycles);
  const rows = recent.rows.map((r) => {
    const text = hasInstruction(r) ? disassemble(r.code as Int32Array, r.index) : "(past the code)";
    const t = `${r.pid} ${text}`;
    return {
      label: r.flushed ? `${t}  (flushed)` : t,
      pid: r.pid,
      flushed: r.flushed,
      first: r.first,
      last: r.last,
    };
  });
  if (p && process && process.core === core)
    for (const r of recent.rows) {
      if (r.pid !== p.pid || r.flushed || r.code !== p.code || !hasInstruction(r)) continue;
      const stage = stageAt(r.first, r.last, recent.to);
      if (stage === "") continue;
      const ln = p.program.lines[r.index];
      process.inFlight.set(ln, [...(process.inFlight.get(ln) ?? []), stage]);
    }
  return {
    process,
    pipeline: { kind: "pipeline", core, chosen, from: recent.from, to: recent.to, rows },
  };
}

/** The view's model for the dashboard's layout, or null while the view is closed. */
export function programOf(
  k: Kernel,
  pid: number,
  state: ProgramViewState,
  layout: ScreenLayout,
): ProgramModel | null {
  if (!state.open) return null;
  const body = layout.height - layout.header.height - layout.keybar.height;
  const panes = programPanes(layout.width, body);
  return selectProgram(k, pid, state, cyclesFor(panes.diagram.width));
}
