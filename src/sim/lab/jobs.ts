// Lab jobs as real programs: op-language code whose run takes an exact number of ideal-CPU ticks.
import { defaultConfig, type KernelConfig, type ProgramSource } from "../config.js";
import { Layout, Reg, Sys } from "../cpu/isa.js";
import type { Kernel } from "../kernel.js";
import type { Pcb } from "../process.js";

/** One tick of a job: an ALU instruction, or a `syscall` that starts one I/O and blocks. */
export type JobTick = "compute" | "io";

/** A job's run: compute stretches and single-tick I/O requests, in order. */
export type JobStep = { compute: number } | "io";

/** Longest straight-line stretch; longer ones become a counted loop, to keep images small. */
const UNROLL = 16;

const COMPUTE = "        addi $t0, $t0, 1";
const IO = "        syscall                 # $v0 = IO, $a0 = 1 block (set at start)";

/**
 * Assembles the source of a job. Each compute tick is one ALU instruction and each I/O one
 * `syscall`, so with the ideal CPU the job takes exactly sum(compute) + #io ticks; with the
 * kernel's exitAtTextEnd it exits in the tick its last instruction retires.
 */
export function jobSource(steps: readonly JobStep[], unroll = UNROLL): string {
  const lines: string[] = [];
  let loops = 0;
  for (const s of steps) {
    if (s === "io") {
      lines.push(IO);
      continue;
    }
    const n = s.compute;
    if (n <= unroll) {
      for (let i = 0; i < n; i++) lines.push(COMPUTE);
      continue;
    }
    // 1 (li) + 2 per iteration (addi, bnez) + an odd tick of padding = n ticks.
    const pad = (n - 1) % 2;
    const iterations = (n - 1 - pad) / 2;
    for (let i = 0; i < pad; i++) lines.push(COMPUTE);
    const label = `spin${loops++}`;
    lines.push(`        li $t1, ${iterations}`);
    lines.push(`${label}: addi $t1, $t1, -1`);
    lines.push(`        bnez $t1, ${label}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Straight-line source whose i-th instruction is the i-th tick (process-run traces read it). */
export function tickSource(ticks: readonly JobTick[]): string {
  return `${ticks.map((t) => (t === "io" ? IO : COMPUTE)).join("\n")}\n`;
}

/** Frames a job needs resident: its text, plus one stack page. */
export function framesFor(instructions: number): number {
  return Math.ceil((instructions * 4) / Layout.PAGE_SIZE) + 1;
}

/** Most frames a kernel may have (config.ts validates memoryFrames against it). */
export const MAX_FRAMES = 65535;

/** Instructions an assembled job source holds (what framesFor needs). */
export function instructionCount(steps: readonly JobStep[], unroll = UNROLL): number {
  let n = 0;
  for (const s of steps) {
    if (s === "io") n++;
    else n += s.compute <= unroll ? s.compute : ((s.compute - 1) % 2) + 3;
  }
  return n;
}

/**
 * The machine the scheduling labs assume: one ideal core, no switch, load or fork cost, no
 * init, jobs that exit when their code ends, a disk that serves every request at once and
 * takes `ioTicks` from the request's tick to the tick the job is ready again.
 */
export function labConfig(opts: {
  programs: ProgramSource[];
  processes: number;
  frames: number;
  ioTicks: number;
  ganttLength?: number;
}): KernelConfig {
  return defaultConfig({
    cores: 1,
    switchCost: 0,
    execCost: { base: 0, perPage: 0 },
    forkCost: { base: 0, perPage: 0 },
    cpu: "ideal",
    policy: "fcfs",
    disk: { latency: opts.ioTicks, perBlock: 0, channels: Math.max(1, opts.processes) },
    memoryFrames: Math.min(MAX_FRAMES, Math.max(16, opts.frames + 16)),
    maxProcesses: opts.processes + 1,
    ganttLength: opts.ganttLength ?? 512,
    programs: opts.programs,
    noInit: true,
    exitAtTextEnd: true,
  });
}

/** Creates a job process now; it is ready this tick. Its I/O `syscall`s need no setup code. */
export function startJob(k: Kernel, program: string): Pcb {
  const p = k.createProcess(program, 0, 0);
  if (p === null) throw new Error(`could not start ${program}: process table full`);
  if (p.state === "zombie") throw new Error(`could not start ${program}: out of memory`);
  // The loader passes the call number and argument in registers, as it does argc/argv for main.
  p.regs[Reg.V0] = Sys.IO;
  p.regs[Reg.A0] = 1;
  return p;
}
