// The pipeline panel's data: what each stage of each core holds, and counters over the rate window.
// The only UI module that knows the pipelined CPU's API, so a rename there touches one place.
import { F_OP, INSN_WORDS, MNEMONIC } from "../../sim/cpu/isa.js";
import { PipelinedCpu } from "../../sim/cpu/pipeline.js";
import { CAUSE_NAMES, Slot, STAGE_COUNT, STAGE_NAMES } from "../../sim/cpu/pipelineDefs.js";
import { type PipelineStats, StageView } from "../../sim/cpu/pipelineStats.js";
import type { Kernel } from "../../sim/kernel.js";
import type { RateWindow } from "../../sim/window.js";

export type StageKind = "busy" | "stalled" | "bubble" | "wrong" | "flushed";

export interface StageCell {
  /** "7:lw" for an instruction of pid 7; "-data" for a bubble caused by a data hazard. */
  text: string;
  kind: StageKind;
  /** Share of the window's cycles this stage held a correct-path instruction, 0–1. */
  occupancy: number;
}

export interface CorePipeline {
  core: number;
  stages: StageCell[];
  /** Over the rate window. */
  cycles: number;
  retired: number;
  /** Instructions retired per cycle the core ran user code (NaN: it ran none). */
  ipc: number;
  stalls: { data: number; memory: number };
  flushed: number;
  /** Lost WB slots by cause (data memory branch switch trap idle). */
  bubbles: PipelineStats["bubbles"];
}

export type PipelineModel =
  | { kind: "ideal" }
  | {
      kind: "pipeline";
      forwarding: boolean;
      branchStage: string;
      stageNames: readonly string[];
      cores: CorePipeline[];
    };

/** The pipelined CPU of a kernel, or null when it runs the ideal model. */
function pipelineOf(k: Kernel): PipelinedCpu | null {
  return k.cpu instanceof PipelinedCpu ? k.cpu : null;
}

function minus(a: number, b: number | undefined): number {
  return a - (b ?? 0);
}

/** Counters between two cumulative readings of one core (`before` null: since the start). */
function windowOf(now: PipelineStats, before: PipelineStats | null): PipelineStats {
  const b = before;
  const cycles = minus(now.cycles, b?.cycles);
  const retired = minus(now.retired, b?.retired);
  const bub = now.bubbles;
  const bb = b?.bubbles;
  return {
    cycles,
    retired,
    ipc: cycles > 0 ? retired / cycles : 0,
    cpi: retired > 0 ? cycles / retired : 0,
    stallCycles: minus(now.stallCycles, b?.stallCycles),
    stalls: {
      data: minus(now.stalls.data, b?.stalls.data),
      memory: minus(now.stalls.memory, b?.stalls.memory),
    },
    bubbles: {
      data: minus(bub.data, bb?.data),
      memory: minus(bub.memory, bb?.memory),
      branch: minus(bub.branch, bb?.branch),
      switch: minus(bub.switch, bb?.switch),
      trap: minus(bub.trap, bb?.trap),
      idle: minus(bub.idle, bb?.idle),
    },
    flushed: minus(now.flushed, b?.flushed),
    cacheAccesses: now.cacheAccesses.map((v, i) => v - (b?.cacheAccesses[i] ?? 0)),
    cacheHits: now.cacheHits.map((v, i) => v - (b?.cacheHits[i] ?? 0)),
    stages: now.stages.map((s, i) => {
      const o = b?.stages[i];
      const busy = minus(s.busy, o?.busy);
      return {
        busy,
        held: minus(s.held, o?.held),
        bubble: minus(s.bubble, o?.bubble),
        wrong: minus(s.wrong, o?.wrong),
        occupancy: cycles > 0 ? busy / cycles : 0,
      };
    }),
  };
}

const view = new StageView();

function stageCell(k: Kernel, s: number, occupancy: number): StageCell {
  const slot = view.slot[s];
  const cause = view.cause[s];
  if (slot === Slot.Bubble)
    return { text: `-${CAUSE_NAMES[cause] ?? "?"}`, kind: "bubble", occupancy };
  if (slot === Slot.Flushed) return { text: "×flush", kind: "flushed", occupancy };
  const pid = view.pid[s];
  const index = view.index[s];
  const code = k.procs.get(pid)?.code;
  const op =
    code && index >= 0 && (index + 1) * INSN_WORDS <= code.length
      ? code[index * INSN_WORDS + F_OP]
      : -1;
  const text = `${pid}:${op >= 0 ? MNEMONIC[op] : "?"}`;
  if (slot === Slot.WrongPath) return { text: `${text}?`, kind: "wrong", occupancy };
  if (slot === Slot.Stalled) return { text, kind: "stalled", occupancy };
  return { text, kind: "busy", occupancy };
}

/** The panel's model for kernel `k`: what the stages hold at its tick, with counters over `w`. */
export function selectPipeline(k: Kernel, w: RateWindow): PipelineModel {
  const cpu = pipelineOf(k);
  if (cpu === null) return { kind: "ideal" };
  const cores: CorePipeline[] = [];
  for (let c = 0; c < cpu.cores; c++) {
    const counters = w.pipeline(c);
    const win = windowOf(counters?.after ?? cpu.coreStats(c), counters?.before ?? null);
    const user = w.coreUserCycles(c);
    cpu.stageView(c, view);
    const stages: StageCell[] = [];
    for (let s = 0; s < STAGE_COUNT; s++) stages.push(stageCell(k, s, win.stages[s].occupancy));
    cores.push({
      core: c,
      stages,
      cycles: win.cycles,
      retired: win.retired,
      ipc: user > 0 ? win.retired / user : Number.NaN,
      stalls: win.stalls,
      flushed: win.flushed,
      bubbles: win.bubbles,
    });
  }
  return {
    kind: "pipeline",
    forwarding: cpu.forwarding,
    branchStage: cpu.branchStage.toUpperCase(),
    stageNames: STAGE_NAMES,
    cores,
  };
}
