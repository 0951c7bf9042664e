// Runs a lab listing on one core of the pipelined CPU and collects its timing and final state.
import type { DataMemory } from "../../sim/cpu/exec.js";
import { Trap } from "../../sim/cpu/exec.js";
import { F_IMM, F_RS, INSN_WORDS, Layout, REG_COUNT } from "../../sim/cpu/isa.js";
import { emptyAccounting, type Hart } from "../../sim/cpu/model.js";
import { PipelinedCpu } from "../../sim/cpu/pipeline.js";
import { type BranchStage, MEM_LEVELS, Stage } from "../../sim/cpu/pipelineDefs.js";
import { type TimingEntry, TimingLog } from "../../sim/cpu/pipelineTrace.js";
import { UsageError } from "../errors.js";
import type { Listing } from "./mipsListing.js";

/** The lab's data memory: a flat map of words, physical address = virtual address. */
export class WordMemory implements DataMemory {
  fault = false;
  readonly words = new Map<number, number>();

  private static ok(addr: number): boolean {
    return addr >= 0 && (addr & 3) === 0;
  }
  read(addr: number): number {
    this.fault = !WordMemory.ok(addr);
    return this.fault ? 0 : (this.words.get(addr) ?? 0);
  }
  write(addr: number, value: number): void {
    this.fault = !WordMemory.ok(addr);
    if (this.fault) return;
    if (value === 0) this.words.delete(addr);
    else this.words.set(addr, value);
  }
  phys(addr: number): number {
    return WordMemory.ok(addr) ? addr : -1;
  }
}

export interface PipelineLabOptions {
  forwarding: boolean;
  branch: BranchStage;
  regs: [number, number][];
  mem: [number, number][];
  /** Executed instructions after which the run is declared endless. */
  limit?: number;
}

/** One executed instruction: the cycle it was last in each stage (see pipelineTable.ts). */
export interface LabInstruction {
  text: string;
  IF: number;
  ID: number;
  EX: number;
  MEM: number;
  WB: number;
}

/** The `--json` answer, in the order the issue specifies its keys. */
export interface PipelineLabReport {
  cycles: number;
  dataStalls: number;
  flushCycles: number;
  instructions: LabInstruction[];
  registers: Record<string, number>;
  memory: Record<string, number>;
}

/** A diagram row: an executed or a squashed instruction with its stage cycles. */
export interface LabRow {
  text: string;
  flushed: boolean;
  entry: TimingEntry;
}

export interface PipelineLabResult {
  report: PipelineLabReport;
  /** Every fetched instruction in fetch order, squashed ones included, for the diagram. */
  rows: LabRow[];
}

export const DEFAULT_LIMIT = 100_000;

export function runPipelineLab(listing: Listing, opts: PipelineLabOptions): PipelineLabResult {
  const { program, texts } = listing;
  const count = program.code.length / INSN_WORDS;
  const regs = new Int32Array(REG_COUNT);
  for (const [r, v] of opts.regs) regs[r] = v;
  const mem = new WordMemory();
  for (const [a, v] of opts.mem) mem.write(a, v);
  const hart: Hart = {
    pid: 1,
    regs,
    pc: Layout.TEXT_BASE + program.entry * 4,
    code: program.code,
    mem,
    acct: emptyAccounting(MEM_LEVELS),
  };
  const cpu = new PipelinedCpu({
    cores: 1,
    forwarding: opts.forwarding,
    branchStage: opts.branch,
    memory: null,
  });
  const log = new TimingLog();
  cpu.recorder = log;
  const limit = opts.limit ?? DEFAULT_LIMIT;
  const end = Layout.TEXT_BASE + count * 4;

  // Runs until fetch falls off the end of the listing and that bad fetch reaches WB.
  for (;;) {
    const trap = cpu.cycle(0, hart, true);
    if (trap === Trap.BadPc) {
      if (hart.pc === end) break;
      throw new UsageError(`execution left the listing (pc ${hart.pc})`);
    }
    if (trap === Trap.Fault) {
      const i = (hart.pc - Layout.TEXT_BASE) >> 2;
      const b = i * INSN_WORDS;
      const addr = (regs[program.code[b + F_RS]] + program.code[b + F_IMM]) | 0;
      throw new UsageError(
        `line ${program.lines[i]}: "${texts[i]}" accesses address ${addr}, which is not a non-negative multiple of 4`,
      );
    }
    if (hart.acct.instructions > limit)
      throw new UsageError(
        `the listing executed more than ${limit} instructions without ending (an endless loop?)`,
      );
  }

  const rows: LabRow[] = [];
  const instructions: LabInstruction[] = [];
  let cycles = 0;
  const entries = log.entries.slice().sort((a, b) => a.seq - b.seq);
  for (const e of entries) {
    if (e.trap === Trap.BadPc) continue;
    const text = e.index >= 0 && e.index < count ? texts[e.index] : "(past the end)";
    rows.push({ text, flushed: e.flushed, entry: e });
    if (e.flushed) continue;
    const l = e.last;
    instructions.push({
      text,
      IF: l[Stage.IF],
      ID: l[Stage.ID],
      EX: l[Stage.EX],
      MEM: l[Stage.MEM],
      WB: l[Stage.WB],
    });
    cycles = Math.max(cycles, l[Stage.WB]);
  }

  const registers: Record<string, number> = {};
  for (const { key, reg } of listing.registers) registers[key] = regs[reg];
  const memory: Record<string, number> = {};
  for (const a of [...mem.words.keys()].sort((x, y) => x - y))
    memory[String(a)] = mem.words.get(a) ?? 0;

  const stats = cpu.coreStats(0);
  return {
    report: {
      cycles,
      dataStalls: stats.stalls.data,
      flushCycles: stats.flushed,
      instructions,
      registers,
      memory,
    },
    rows,
  };
}
