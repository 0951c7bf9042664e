// The process control block and the states a process moves through.

import { REG_COUNT } from "./cpu/isa.js";
import { type HartAccounting, L1_MISS_SLOTS } from "./cpu/model.js";
import type { AddressSpace } from "./memory.js";
import type { Program } from "./programs/program.js";
import type { RunNode } from "./sched/runTree.js";
import { NSIG } from "./signals.js";
import { ProcessStory } from "./story.js";

/** init's pid: the first process, which adopts orphans. */
export const INIT_PID = 1;

/** new → ready ⇄ running → blocked → ready; stopped (SIGSTOP/SIGCONT); zombie until reaped. */
export type ProcessState = "new" | "ready" | "running" | "blocked" | "stopped" | "zombie";
export const PROCESS_STATES: readonly ProcessState[] = [
  "new",
  "ready",
  "running",
  "blocked",
  "stopped",
  "zombie",
];

/** Why a blocked process waits. `io` is uninterruptible (like Linux's D state). */
export type BlockReason = "io" | "wait" | "sleep" | "pause" | "tty" | "none";

/** Number of cache levels a process's accounting distinguishes: L1, L2, L3, RAM. */
export const CACHE_LEVELS = 4;

export class Accounting implements HartAccounting {
  instructions = 0;
  cycles = 0;
  stallCycles = 0;
  cacheAccesses = new Float64Array(CACHE_LEVELS);
  cacheHits = new Float64Array(CACHE_LEVELS);
  dataAccesses = 0;
  dataL1Hits = 0;
  l1Miss3C = new Float64Array(L1_MISS_SLOTS);
  /** Ticks spent in the kernel on this process's behalf (fork, exec). */
  systemTicks = 0;
  contextSwitches = 0;
  syscalls = 0;

  clone(): Accounting {
    const a = new Accounting();
    a.instructions = this.instructions;
    a.cycles = this.cycles;
    a.stallCycles = this.stallCycles;
    a.cacheAccesses.set(this.cacheAccesses);
    a.cacheHits.set(this.cacheHits);
    a.dataAccesses = this.dataAccesses;
    a.dataL1Hits = this.dataL1Hits;
    a.l1Miss3C.set(this.l1Miss3C);
    a.systemTicks = this.systemTicks;
    a.contextSwitches = this.contextSwitches;
    a.syscalls = this.syscalls;
    return a;
  }
}

/** Scheduling and lifetime times, in ticks (-1 = not yet). */
export interface ProcessTimes {
  created: number;
  firstRun: number;
  exited: number;
  /** Total ticks spent ready (waiting for a core). */
  waiting: number;
  /** When the process last became ready. */
  readySince: number;
}

/** Tickets a process starts with (lottery and stride). */
export const DEFAULT_TICKETS = 100;

export class Pcb {
  readonly pid: number;
  ppid: number;
  name: string;
  program: Program;
  programId: number;
  state: ProcessState = "new";
  block: BlockReason = "none";
  /** State to return to on SIGCONT (ready, or blocked if it was stopped while blocked). */
  resumeState: ProcessState = "ready";
  nice = 0;
  /** Lottery and stride: its share of the CPU is tickets / all runnable tickets. */
  tickets = DEFAULT_TICKETS;
  /** CPU affinity: the cores it may run on, cores 0-31 and 32-63 (sched/affinity.ts). */
  affinityLo = 0xffffffff;
  affinityHi = 0xffffffff;
  /** Its place in an ordered run queue (CFS, stride), made on first use. */
  runNode: RunNode | null = null;
  regs = new Int32Array(REG_COUNT);
  pc = 0;
  code: Int32Array;
  mem: AddressSpace;
  acct = new Accounting();
  /** Per signal: 0 default, 1 ignore, otherwise the handler's address. */
  sigDisposition = new Int32Array(NSIG);
  /** Bit n set = signal n pending. */
  sigPending = 0;
  /** Registers and pc saved while a handler runs (null when not in a handler). */
  sigSaved: Int32Array | null = null;
  sigSavedPc = 0;
  /** Exit status once a zombie: the exit code, or 128+n for death by signal n. */
  exitStatus = 0;
  /** Signal that killed it, 0 if it exited normally. */
  killedBy = 0;
  /** waitpid target (-1 any child) while blocked on wait. */
  waitTarget = -1;
  /** Whether `wait` blocks even with no children (init's reaping loop). */
  waitForever = false;
  /** waitpid's options while blocked on wait (WNOHANG, WUNTRACED). */
  waitOptions = 0;
  /** The signal that stopped it, until a WUNTRACED wait of its parent reports it (0 = none). */
  stopSignal = 0;
  /** Process group and session (job control): a child starts in its parent's. */
  pgid = 0;
  sid = 0;
  /** Tick at which a sleep or I/O completes. */
  wakeAt = 0;
  /** Core the process is on, -1 if none. */
  core = -1;
  times: ProcessTimes;
  /** Scheduling policy state. */
  sched = {
    /** Ticks run in the current quantum. */
    quantumUsed: 0,
    /** MLFQ level (0 = highest) and ticks used at this level. */
    level: 0,
    allotUsed: 0,
    /** SJF: exponentially averaged burst estimate; `burst` = ticks in the current burst. */
    estimate: 10,
    burst: 0,
    /** Monotonic sequence number of the last enqueue, for FIFO tie-breaks. */
    seq: 0,
    /** CFS: virtual runtime in 1/1024 ticks (a nice-0 task gains 1024 a tick). */
    vruntime: 0,
    /** CFS: the weight it was queued with (the queue's total weight counts this). */
    weight: 0,
    /** Stride: pass value; it gains its stride (STRIDE_ONE / tickets) each tick it runs. */
    pass: 0,
    /** Per-core run queues: the core whose queue holds it, or last held it. */
    queue: -1,
    /** The core it last ran on (-1: never ran). */
    lastCore: -1,
    /** Times it was moved from one core's run queue to another's. */
    migrations: 0,
  };
  /** Kernel work (fork, exec) still to be charged before the process runs again. */
  kernelTicks = 0;
  /** When it joined its parent (fork or adoption), kernel-wide: orders siblings as Linux does. */
  joined = 0;
  /** Processes (zombies included) whose ppid is this one: exit skips the search when 0. */
  childCount = 0;
  /** The start-up step under way (Step.Loaded, Stdio or Args), 0 when none. */
  startStep = 0;
  /** Its life so far, step by step. */
  story = new ProcessStory();

  constructor(
    pid: number,
    ppid: number,
    program: Program,
    programId: number,
    mem: AddressSpace,
    now: number,
  ) {
    this.pid = pid;
    this.ppid = ppid;
    this.name = program.name;
    this.program = program;
    this.programId = programId;
    this.code = program.code;
    this.mem = mem;
    this.times = { created: now, firstRun: -1, exited: -1, waiting: 0, readySince: now };
  }

  /** Priority as `top` shows it: 20 + nice. */
  get priority(): number {
    return 20 + this.nice;
  }

  /** A deep copy over another address space (snapshots). */
  cloneWith(mem: AddressSpace): Pcb {
    const c = new Pcb(this.pid, this.ppid, this.program, this.programId, mem, this.times.created);
    c.name = this.name;
    c.state = this.state;
    c.block = this.block;
    c.resumeState = this.resumeState;
    c.nice = this.nice;
    c.tickets = this.tickets;
    c.affinityLo = this.affinityLo;
    c.affinityHi = this.affinityHi;
    c.regs.set(this.regs);
    c.pc = this.pc;
    c.code = this.code;
    c.acct = this.acct.clone();
    c.sigDisposition.set(this.sigDisposition);
    c.sigPending = this.sigPending;
    c.sigSaved = this.sigSaved ? this.sigSaved.slice() : null;
    c.sigSavedPc = this.sigSavedPc;
    c.exitStatus = this.exitStatus;
    c.killedBy = this.killedBy;
    c.waitTarget = this.waitTarget;
    c.waitForever = this.waitForever;
    c.waitOptions = this.waitOptions;
    c.stopSignal = this.stopSignal;
    c.pgid = this.pgid;
    c.sid = this.sid;
    c.wakeAt = this.wakeAt;
    c.core = this.core;
    c.times = { ...this.times };
    c.sched = { ...this.sched };
    c.kernelTicks = this.kernelTicks;
    c.joined = this.joined;
    c.childCount = this.childCount;
    c.startStep = this.startStep;
    c.story = this.story.clone();
    return c;
  }
}

/** The letter `ps` shows for a state. */
export function stateLetter(p: Pcb): string {
  switch (p.state) {
    case "running":
    case "ready":
      return "R";
    case "blocked":
      return p.block === "io" ? "D" : "S";
    case "stopped":
      return "T";
    case "zombie":
      return "Z";
    default:
      return "N";
  }
}

/** Ticks from creation to the first instruction (-1 if it has not run yet). */
export function responseTime(p: { times: ProcessTimes }): number {
  return p.times.firstRun < 0 ? -1 : p.times.firstRun - p.times.created;
}

/** Ticks from creation to the end of the process's last tick (-1 while it is alive). */
export function turnaroundTime(p: { times: ProcessTimes }): number {
  return p.times.exited < 0 ? -1 : p.times.exited - p.times.created;
}

/** Ticks from creation to the first instruction of main (so far, while it has not started). */
export function startupTicks(p: Pcb, now: number): number {
  const s = p.story.startedAt;
  return (s >= 0 ? s : p.times.exited >= 0 ? p.times.exited : now) - p.times.created;
}

/** User-mode ticks since main started: the work it exists for. */
export function usefulTicks(p: Pcb): number {
  if (p.story.startedAt < 0) return 0;
  return p.acct.cycles - p.acct.systemTicks - p.story.userAtStart;
}
