// The machine and kernel configuration a simulation starts from (part of every saved session).

import type { RunQueueMode } from "./commands.js";
import { type HierarchyConfig, hierarchyLimitProblem } from "./cpu/hierarchy.js";
import type { BranchStage } from "./cpu/pipelineDefs.js";
import type { CfsOptions, MlfqOptions, PolicyName } from "./sched/policy.js";

export interface ProgramSource {
  name: string;
  source: string;
  description?: string;
}

export interface KernelConfig {
  seed: number;
  /** 1 to 64. */
  cores: number;
  policy: PolicyName;
  /** Time slice for rr and priority (ticks). */
  quantum: number;
  mlfq: MlfqOptions;
  /** CFS's target latency and granularities (default DEFAULT_CFS). */
  cfs?: CfsOptions;
  /** One run queue for every core (default) or one per core. */
  runQueues?: RunQueueMode;
  /** Per-core queues: ticks between load-balancing passes, 0 = never (default 1000). */
  balanceInterval?: number;
  /** Per-core queues: a core with nothing to run steals a waiting process (default true). */
  steal?: boolean;
  /** Ticks a core spends switching from one process to another. */
  switchCost: number;
  /** Physical memory in 4 KiB frames. */
  memoryFrames: number;
  disk: {
    /** Ticks from start of a request to its completion interrupt, plus perBlock per block. */
    latency: number;
    perBlock: number;
    /** Requests served at once; the rest queue in arrival order. */
    channels: number;
  };
  /** Kernel ticks charged to the parent per fork: base + perPage × resident pages copied. */
  forkCost: { base: number; perPage: number };
  /**
   * Ticks to load an image on spawn/exec: base + perPage × pages loaded; then `stdio` ticks to
   * open standard input, output and error (spawn only: exec keeps the open files) and `args`
   * ticks to put main's arguments on the stack. Missing stdio/args cost nothing.
   */
  execCost: { base: number; perPage: number; stdio?: number; args?: number };
  /** Which CPU model runs instructions: the 5-stage pipeline with caches, or 1 instruction/tick. */
  cpu: "ideal" | "pipeline";
  pipeline: { forwarding: boolean; branchStage: BranchStage };
  /** The cache hierarchy (pipeline model only); null = defaultHierarchyConfig(cores). */
  caches: HierarchyConfig | null;
  /** Upper bound on live processes (fork fails with -1 beyond it). */
  maxProcesses: number;
  /** Segments kept per core in the Gantt history. */
  ganttLength: number;
  /** Programs beyond the built-in library (scenario files define these). */
  programs: ProgramSource[];
  /** Boot without init: the first process spawned gets pid 1 (labs that run bare jobs). */
  noInit?: boolean;
  /**
   * A process whose last instruction retires exits with status 0 in that tick, as if main
   * returned into exit (instead of faulting on the next fetch). Off by default.
   */
  exitAtTextEnd?: boolean;
  /**
   * Who adopts an exiting process's children: init (default, as in Linux), the exiting
   * process's own parent, or init adopting every descendant, flattened (OSTEP's fork.py).
   */
  reparentTo?: "init" | "grandparent" | "init-all";
}

export function defaultConfig(overrides: Partial<KernelConfig> = {}): KernelConfig {
  return {
    seed: 1,
    cores: 2,
    policy: "rr",
    quantum: 100,
    mlfq: {
      levels: 3,
      quanta: [50, 100, 200],
      allotments: [50, 100, 200],
      boostInterval: 5000,
      ioToFront: false,
      ioResetsAllotment: false,
    },
    switchCost: 5,
    memoryFrames: 4096,
    disk: { latency: 400, perBlock: 20, channels: 1 },
    forkCost: { base: 50, perPage: 1 },
    execCost: { base: 100, perPage: 10, stdio: 3, args: 2 },
    cpu: "pipeline",
    pipeline: { forwarding: true, branchStage: "ex" },
    caches: null,
    maxProcesses: 4096,
    ganttLength: 512,
    programs: [],
    ...overrides,
  };
}

export function validateConfig(c: KernelConfig): string | null {
  if (!Number.isInteger(c.cores) || c.cores < 1 || c.cores > 64) return "cores must be 1 to 64";
  if (!Number.isInteger(c.quantum) || c.quantum < 1) return "quantum must be a positive integer";
  if (!Number.isInteger(c.switchCost) || c.switchCost < 0) return "switchCost must be >= 0";
  if (!Number.isInteger(c.memoryFrames) || c.memoryFrames < 16 || c.memoryFrames > 65535)
    return "memoryFrames must be 16 to 65535";
  if (
    c.mlfq.levels < 1 ||
    c.mlfq.quanta.length < c.mlfq.levels ||
    c.mlfq.allotments.length < c.mlfq.levels
  )
    return "mlfq needs a quantum and an allotment per level";
  if (c.disk.channels < 1) return "disk.channels must be >= 1";
  if (c.cfs !== undefined) {
    const { targetLatency: l, minGranularity: g, wakeupGranularity: w } = c.cfs;
    if (![l, g, w].every((x) => Number.isInteger(x) && x >= 1))
      return "cfs latency and granularities must be positive integers";
    if (g > l) return "cfs.minGranularity must not exceed cfs.targetLatency";
  }
  if (
    c.balanceInterval !== undefined &&
    (!Number.isInteger(c.balanceInterval) || c.balanceInterval < 0)
  )
    return "balanceInterval must be an integer >= 0";
  // The hierarchy follows the core count in force (a scenario's caches under --cores).
  if (c.caches !== null) return hierarchyLimitProblem({ ...c.caches, cores: c.cores });
  return null;
}
