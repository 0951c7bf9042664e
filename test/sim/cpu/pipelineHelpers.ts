// Test helpers for the pipeline: harts over a flat memory, fake memory timings, run loops.
import { type DataMemory, Trap } from "../../../src/sim/cpu/exec.js";
import { Layout, REG_COUNT } from "../../../src/sim/cpu/isa.js";
import { type CpuModel, emptyAccounting, type Hart } from "../../../src/sim/cpu/model.js";
import { PipelinedCpu } from "../../../src/sim/cpu/pipeline.js";
import { MEM_LEVELS, type PipelineOptions } from "../../../src/sim/cpu/pipelineDefs.js";
import { type TimingEntry, TimingLog } from "../../../src/sim/cpu/pipelineTrace.js";
import { assemble } from "../../../src/sim/programs/assembler.js";

/** Word memory where addresses at or above `limit` (or misaligned, negative) fault. */
export class FlatMemory implements DataMemory {
  fault = false;
  readonly words = new Map<number, number>();
  constructor(readonly limit = 1 << 20) {}
  private ok(a: number): boolean {
    return a >= 0 && (a & 3) === 0 && a < this.limit;
  }
  read(a: number): number {
    this.fault = !this.ok(a);
    return this.fault ? 0 : (this.words.get(a) ?? 0);
  }
  write(a: number, v: number): void {
    this.fault = !this.ok(a);
    if (!this.fault) this.words.set(a, v);
  }
  phys(a: number): number {
    return a >= 0 ? a : -1;
  }
  snapshot(): [number, number][] {
    return [...this.words.entries()].filter(([, v]) => v !== 0).sort((x, y) => x[0] - y[0]);
  }
}

export function makeHart(
  source: string,
  opts: { pid?: number; regs?: Record<number, number>; mem?: FlatMemory } = {},
): Hart & { mem: FlatMemory } {
  const program = assemble(source, { name: "test" });
  const regs = new Int32Array(REG_COUNT);
  for (const [r, v] of Object.entries(opts.regs ?? {})) regs[Number(r)] = v;
  return {
    pid: opts.pid ?? 1,
    regs,
    pc: Layout.TEXT_BASE + program.entry * 4,
    code: program.code,
    mem: opts.mem ?? new FlatMemory(),
    acct: emptyAccounting(MEM_LEVELS),
  };
}

/** Cycles `cpu` on `core` until the hart falls off its code (BadPc at WB); returns the cycles. */
export function runToEnd(cpu: CpuModel, hart: Hart, core = 0, max = 1_000_000): number {
  for (let n = 1; n <= max; n++) {
    const t = cpu.cycle(core, hart, true);
    if (t === Trap.BadPc) return n;
    if (t === Trap.Fault) throw new Error(`fault at pc ${hart.pc}`);
  }
  throw new Error("did not finish");
}

export interface Timeline {
  /** Executed instructions in order: index and the cycle last in each stage. */
  rows: { index: number; last: number[]; first: number[] }[];
  flushed: TimingEntry[];
  /** The cycle of the last WB. */
  cycles: number;
  cpu: PipelinedCpu;
  hart: Hart & { mem: FlatMemory };
}

/** Runs a program to its end on one core with the recorder on. */
export function timeline(
  source: string,
  opts: Partial<PipelineOptions> = {},
  regs: Record<number, number> = {},
): Timeline {
  const cpu = new PipelinedCpu({ cores: 1, ...opts });
  const log = new TimingLog();
  cpu.recorder = log;
  const hart = makeHart(source, { regs });
  runToEnd(cpu, hart);
  const done = log.entries.filter((e) => e.trap !== Trap.BadPc);
  const rows = done
    .filter((e) => !e.flushed)
    .map((e) => ({ index: e.index, last: [...e.last], first: [...e.first] }));
  return {
    rows,
    flushed: done.filter((e) => e.flushed),
    cycles: Math.max(...rows.map((r) => r.last[4])),
    cpu,
    hart,
  };
}

/** A memory timing with fixed latencies per access kind, reporting a fixed level. */
export class FixedTiming {
  lastLevel = 0;
  lastMiss3C = 0;
  calls: [number, number, number][] = [];
  constructor(
    readonly latency: { read?: number; write?: number; fetch?: number },
    readonly level = 0,
  ) {}
  access(core: number, phys: number, kind: number): number {
    this.calls.push([core, phys, kind]);
    this.lastLevel = this.level;
    const l = this.latency;
    return (kind === 0 ? l.read : kind === 1 ? l.write : l.fetch) ?? 0;
  }
}

/** A deterministic pseudo-random timing: latency and level from a hash of the address. */
export class HashTiming {
  lastLevel = 0;
  lastMiss3C = 0;
  access(core: number, phys: number, kind: number): number {
    const h = Math.imul(phys ^ (kind << 20) ^ (core << 24), 0x9e3779b1) >>> 28;
    this.lastLevel = h & 3;
    return [0, 2, 8, 20][this.lastLevel];
  }
}
