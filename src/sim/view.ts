// Read-only projections of kernel state for displays (dashboard, batch): rows and header figures.

import type { RunQueueMode } from "./commands.js";
import type { Kernel } from "./kernel.js";
import { type Pcb, PROCESS_STATES, type ProcessState, stateLetter } from "./process.js";
import { affinityText, allowedEverywhere } from "./sched/affinity.js";
import { CfsPolicy, VTICK, weightOf } from "./sched/cfs.js";
import { MlfqPolicy } from "./sched/mlfq.js";
import { basePolicy } from "./sched/perCore.js";
import type { CfsOptions, PolicyName } from "./sched/policy.js";
import { hitRate, RateWindow, Reading } from "./window.js";

/** Rates since tick 0 (a display with no earlier reading). */
export function sinceStart(k: Kernel): RateWindow {
  return new RateWindow(null, Reading.of(k));
}

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
  /** Share of one core over the rate window, 0–100. */
  cpuPercent: number;
  /** Resident memory in KiB. */
  resKiB: number;
  /** CPU time in ticks (user + system). */
  cpuTicks: number;
  /** Instructions per user-mode cycle over the rate window; NaN when it ran none. */
  ipc: number;
  /** L1 data-cache hit rate of its loads and stores over the rate window, 0–100; NaN when it made none. */
  l1HitPercent: number;
  /** MLFQ queue (0 = top); -1 under any other policy. */
  level: number;
  /** Lottery and stride tickets; -1 under any other policy. */
  tickets: number;
  /** CFS: virtual runtime in ticks, and the weight its nice value gives; NaN under another policy. */
  vruntime: number;
  weight: number;
  /** The cores it may run on, as taskset -c lists them ("all", "0-1,3"). */
  affinity: string;
  /** The core it runs on or last ran on (-1: never ran). */
  cpu: number;
  /** Times it moved between per-core run queues. */
  migrations: number;
  /** Process group and session (ps -j). */
  pgid: number;
  sid: number;
  /** Its session's controlling terminal ("tty1"), or "?" for none. */
  tty: string;
  /** In its terminal's foreground group (ps's "+"). */
  foreground: boolean;
}

/** What a process row shows besides what every row has. */
export interface RowContext {
  policy: PolicyName;
  cores: number;
}

export interface CoreView {
  /** Busy share over the window, 0–1. */
  utilisation: number;
  /** Pid on the core, 0 if idle. */
  pid: number;
}

export interface HeaderView {
  tick: number;
  /** Ticks the rates cover: the window ending at `tick`. */
  window: number;
  policy: string;
  quantum: number;
  load: [number, number, number];
  counts: Record<ProcessState, number>;
  total: number;
  cores: CoreView[];
  framesUsed: number;
  framesTotal: number;
  /** Instructions retired per user-mode cycle over the window. */
  ipc: number;
  /** CPU time of processes that exited in the window, percent of one core. */
  exitedPercent: number;
  /** L1 (both sides), L2, L3 hit rates over the window; null with the ideal CPU. */
  caches: { name: string; rate: number }[] | null;
  /** Average memory access time over the window, in cycles (NaN: no accesses). */
  amat: number | null;
  /** Under MLFQ, each level's slice and allotment (top level first) and the boost interval. */
  mlfq: MlfqLevels | null;
  /** Under CFS, its latency and granularities (ticks). */
  cfs: CfsOptions | null;
  runQueues: RunQueueMode;
  /** The CPU and AFF columns are worth showing (see coresMatter). */
  coresMatter: boolean;
}

export interface MlfqLevels {
  quanta: number[];
  allotments: number[];
  /** Ticks between boosts to the top level (0: never). */
  boost: number;
}

/** The MLFQ levels in force, null under another policy. */
export function mlfqLevels(k: Kernel): MlfqLevels | null {
  const policy = basePolicy(k.policy);
  if (!(policy instanceof MlfqPolicy)) return null;
  const o = policy.options;
  return {
    quanta: o.quanta.slice(0, o.levels),
    allotments: o.allotments.slice(0, o.levels),
    boost: o.boostInterval,
  };
}

/** The state in a word, with the reason when blocked (e.g. "blocked:io"). */
export function stateWordOf(p: Pcb): string {
  return p.state === "blocked" || (p.state === "stopped" && p.block !== "none")
    ? `${p.state}:${p.block}`
    : p.state;
}

/** `ctx.policy`: which scheduler's fields (MLFQ level, tickets, vruntime) mean something; `tty`: the terminal of its session. */
export function processRow(
  p: Pcb,
  w: RateWindow,
  ctx?: RowContext,
  tty: { name: string; fgPgrp: number } | null = null,
): ProcessRow {
  const policy = ctx?.policy;
  const cores = ctx?.cores ?? 1;
  const cfs = policy === "cfs";
  return {
    pid: p.pid,
    ppid: p.ppid,
    name: p.name,
    state: p.state,
    letter: stateLetter(p),
    stateWord: stateWordOf(p),
    priority: p.priority,
    nice: p.nice,
    cpuPercent: w.cpuPercent(p.pid),
    resKiB: p.mem.resident * 4,
    cpuTicks: p.acct.cycles,
    ipc: w.ipc(p.pid),
    // Loads and stores only: the locality a program's access pattern earns, not its code's.
    l1HitPercent: 100 * hitRate(w.processLevel(p.pid, "L1D")),
    level: policy === "mlfq" ? p.sched.level : -1,
    tickets: policy === "lottery" || policy === "stride" ? p.tickets : -1,
    vruntime: cfs ? p.sched.vruntime / VTICK : Number.NaN,
    weight: cfs ? weightOf(p.nice) : Number.NaN,
    affinity: affinityText(p, cores),
    cpu: p.core >= 0 ? p.core : p.sched.lastCore,
    migrations: p.sched.migrations,
    pgid: p.pgid,
    sid: p.sid,
    tty: tty ? tty.name : "?",
    foreground: tty !== null && tty.fgPgrp === p.pgid,
  };
}

export function rowContext(k: Kernel): RowContext {
  return { policy: k.policy.name, cores: k.running.length };
}

export function processRows(k: Kernel, w: RateWindow): ProcessRow[] {
  const rows: ProcessRow[] = [];
  const ctx = rowContext(k);
  for (const p of k.procs.values()) rows.push(processRow(p, w, ctx, k.ttyOf(p.sid)));
  return rows;
}

/** Whether the cores' columns (CPU, AFF) say something: per-core queues, or a process pinned. */
export function coresMatter(k: Kernel): boolean {
  if (k.running.length < 2) return false;
  if (k.runQueueMode === "per-core") return true;
  for (const p of k.procs.values()) if (!allowedEverywhere(p, k.running.length)) return true;
  return false;
}

/** Machine levels shown in the header: L1 (instruction and data together), L2, L3. */
function headerCaches(w: RateWindow): { name: string; rate: number }[] | null {
  const l1i = w.machineLevel(0);
  const l1d = w.machineLevel(1);
  if (l1i === null || l1d === null) return null;
  return [
    {
      name: "L1",
      rate: hitRate({ accesses: l1i.accesses + l1d.accesses, hits: l1i.hits + l1d.hits }),
    },
    { name: "L2", rate: hitRate(w.machineLevel(2)!) },
    { name: "L3", rate: hitRate(w.machineLevel(3)!) },
  ];
}

export function headerView(k: Kernel, w: RateWindow): HeaderView {
  const counts = Object.fromEntries(
    PROCESS_STATES.map((s) => [s, k.stateCounts.get(s) ?? 0]),
  ) as Record<ProcessState, number>;
  return {
    tick: k.now,
    window: w.span,
    policy: k.policy.name,
    quantum: k.quantum,
    load: [k.loadAvg[0], k.loadAvg[1], k.loadAvg[2]],
    counts,
    total: k.procs.size,
    cores: k.running.map((p, c) => ({
      utilisation: w.coreUtilisation(c),
      pid: p ? p.pid : 0,
    })),
    framesUsed: k.ram.used,
    framesTotal: k.ram.frameCount,
    ipc: w.machineIpc(),
    exitedPercent: w.exitedPercent(),
    caches: headerCaches(w),
    amat: w.machineAmat(),
    mlfq: mlfqLevels(k),
    cfs: cfsOptions(k),
    runQueues: k.runQueueMode,
    coresMatter: coresMatter(k),
  };
}

/** CFS's tunables in force, null under another policy. */
export function cfsOptions(k: Kernel): CfsOptions | null {
  const policy = basePolicy(k.policy);
  return policy instanceof CfsPolicy ? { ...policy.options } : null;
}
