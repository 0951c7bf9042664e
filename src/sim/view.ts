// Read-only projections of kernel state for displays (dashboard, batch): rows and header figures.
import type { Kernel } from "./kernel.js";
import { type Pcb, PROCESS_STATES, type ProcessState, stateLetter } from "./process.js";

export interface ProcessRow {
  pid: number;
  ppid: number;
  name: string;
  state: ProcessState;
  /** ps letter: R, S, D, T, Z, N. */
  letter: string;
  /** The state in a word, with the reason when blocked (e.g. "blocked:io"). */
  stateWord: string;
  priority: number;
  nice: number;
  /** Share of one core over the sampling window, 0–100. */
  cpuPercent: number;
  /** Resident memory in KiB. */
  resKiB: number;
  /** CPU time in ticks (user + system). */
  cpuTicks: number;
  /** Instructions per cycle while on a core. */
  ipc: number;
  /** L1 data-cache hit rate of its loads and stores in percent, or -1 when it made none. */
  l1HitPercent: number;
}

export interface CoreView {
  /** Busy share over the window, 0–1. */
  utilisation: number;
  /** Pid on the core, 0 if idle. */
  pid: number;
}

export interface HeaderView {
  tick: number;
  policy: string;
  quantum: number;
  load: [number, number, number];
  counts: Record<ProcessState, number>;
  total: number;
  cores: CoreView[];
  framesUsed: number;
  framesTotal: number;
  /** Instructions retired per core-cycle over the window. */
  ipc: number;
}

/**
 * Turns cumulative counters into rates over the interval between two samples (a frame, or a
 * batch delay), like top's %CPU. Keeps one number per pid, dropped when the pid is gone.
 */
export class RateSampler {
  private lastTick = -1;
  private cpu = new Map<number, number>();
  private busy: Float64Array = new Float64Array(0);
  private instr = 0;
  private cycles = 0;
  cpuPercent = new Map<number, number>();
  utilisation: Float64Array = new Float64Array(0);
  ipc = 0;

  sample(k: Kernel): void {
    const span = this.lastTick < 0 ? k.now : k.now - this.lastTick;
    const nextCpu = new Map<number, number>();
    const pct = new Map<number, number>();
    let instr = 0;
    let cycles = 0;
    for (const p of k.procs.values()) {
      const used = p.acct.cycles;
      nextCpu.set(p.pid, used);
      instr += p.acct.instructions;
      cycles += p.acct.cycles - p.acct.systemTicks;
      const before = this.cpu.get(p.pid) ?? (p.times.created >= this.lastTick ? 0 : used);
      pct.set(p.pid, span > 0 ? (100 * (used - before)) / span : 0);
    }
    const n = k.running.length;
    const util = new Float64Array(n);
    for (let c = 0; c < n; c++) {
      const b = k.coreStats.busy[c] + k.coreStats.switching[c];
      util[c] = span > 0 ? Math.min(1, (b - (this.busy[c] ?? 0)) / span) : 0;
    }
    this.busy = Float64Array.from(
      { length: n },
      (_, c) => k.coreStats.busy[c] + k.coreStats.switching[c],
    );
    // Exited processes take their counts with them; clamp so the rate never goes negative.
    const dc = cycles - this.cycles;
    this.ipc = dc > 0 ? Math.max(0, (instr - this.instr) / dc) : 0;
    this.instr = instr;
    this.cycles = cycles;
    this.cpu = nextCpu;
    this.cpuPercent = pct;
    this.utilisation = util;
    this.lastTick = k.now;
  }
}

export function processRow(p: Pcb, sampler: RateSampler | null): ProcessRow {
  const a = p.acct;
  // Loads and stores only: the locality a program's access pattern earns, not its code's.
  const l1 = a.dataAccesses;
  return {
    pid: p.pid,
    ppid: p.ppid,
    name: p.name,
    state: p.state,
    letter: stateLetter(p),
    stateWord:
      p.state === "blocked" || (p.state === "stopped" && p.block !== "none")
        ? `${p.state}:${p.block}`
        : p.state,
    priority: p.priority,
    nice: p.nice,
    cpuPercent: sampler?.cpuPercent.get(p.pid) ?? 0,
    resKiB: p.mem.resident * 4,
    cpuTicks: a.cycles,
    ipc: a.cycles - a.systemTicks > 0 ? a.instructions / (a.cycles - a.systemTicks) : 0,
    l1HitPercent: l1 > 0 ? (100 * a.dataL1Hits) / l1 : -1,
  };
}

export function processRows(k: Kernel, sampler: RateSampler | null): ProcessRow[] {
  const rows: ProcessRow[] = [];
  for (const p of k.procs.values()) rows.push(processRow(p, sampler));
  return rows;
}

export function headerView(k: Kernel, sampler: RateSampler | null): HeaderView {
  const counts = Object.fromEntries(
    PROCESS_STATES.map((s) => [s, k.stateCounts.get(s) ?? 0]),
  ) as Record<ProcessState, number>;
  return {
    tick: k.now,
    policy: k.policy.name,
    quantum: k.quantum,
    load: [k.loadAvg[0], k.loadAvg[1], k.loadAvg[2]],
    counts,
    total: k.procs.size,
    cores: k.running.map((p, c) => ({
      utilisation: sampler?.utilisation[c] ?? 0,
      pid: p ? p.pid : 0,
    })),
    framesUsed: k.ram.used,
    framesTotal: k.ram.frameCount,
    ipc: sampler?.ipc ?? 0,
  };
}
