// Runs a lab listing on one core of the pipelined CPU and collects its timing and final state.
import type { DataMemory } from "../../sim/cpu/exec.js";
import { Trap } from "../../sim/cpu/exec.js";
import { INSN_WORDS, Layout, REG_COUNT } from "../../sim/cpu/isa.js";
import { emptyAccounting, type Hart } from "../../sim/cpu/model.js";
import { PipelinedCpu } from "../../sim/cpu/pipeline.js";
import { type BranchStage, MEM_LEVELS, Stage } from "../../sim/cpu/pipelineDefs.js";
import { type TimingEntry, TimingLog } from "../../sim/cpu/pipelineTrace.js";
import { UsageError } from "../errors.js";
import type { Listing } from "./mipsListing.js";

/**
 * The lab's data memory: a flat map of words by byte address, physical = virtual. Textbook
 * listings use any offset (P&H's `lw $4,50($7)`): a word goes at whatever address it is given,
 * aligned or not, and the addresses a real MIPS would trap on are noted, not refused, since the
 * timing does not depend on them.
 */
export class WordMemory implements DataMemory {
  readonly fault = false;
  readonly words = new Map<number, number>();
  /** Addresses accessed that are negative or not a multiple of 4, in order of first access. */
  readonly unaligned = new Set<number>();

  private note(addr: number): void {
    if (addr < 0 || (addr & 3) !== 0) this.unaligned.add(addr);
  }
  read(addr: number): number {
    this.note(addr);
    return this.words.get(addr) ?? 0;
  }
  write(addr: number, value: number): void {
    this.note(addr);
    if (value === 0) this.words.delete(addr);
    else this.words.set(addr, value);
  }
  phys(addr: number): number {
    return addr;
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
  /** What the run did that a real MIPS would not allow (unaligned addresses). */
  notes: string[];
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
  const notes = [...mem.unaligned].map(
    (a) =>
      `the listing accesses address ${a}, which is not ${a < 0 ? "a valid address" : "a multiple of 4"}: a real MIPS would trap; here it is a word of its own and the timing is the same`,
  );
  return {
    notes,
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
