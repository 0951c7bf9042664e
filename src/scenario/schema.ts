// The scenario file format (JSON or YAML) as a zod schema: shapes, ranges and units.
import * as z from "zod";
import { RUN_QUEUE_MODES } from "../sim/commands.js";
import { BRANCH_STAGES } from "../sim/cpu/pipelineDefs.js";
import { parseCpuList } from "../sim/sched/affinity.js";
import { POLICY_NAMES } from "../sim/sched/policy.js";
import { parseSignal } from "../sim/signals.js";
import { quoted } from "../sim/visible.js";

const UNITS: Record<string, number> = { b: 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** "32KiB", "16 MiB", "64B" or a plain number of bytes; null if it is none of these. */
export function parseSize(v: number | string): number | null {
  if (typeof v === "number") return Number.isInteger(v) && v > 0 ? v : null;
  const m = /^\s*(\d+)\s*(b|kib|mib|gib)?\s*$/i.exec(v);
  if (!m) return null;
  const n = Number(m[1]) * UNITS[(m[2] ?? "b").toLowerCase()];
  return n > 0 ? n : null;
}

const size = z
  .union([z.number(), z.string()], { error: "expected a size (bytes, or e.g. 32KiB, 16MiB)" })
  .transform((v, ctx) => {
    const n = parseSize(v);
    if (n === null) {
      ctx.addIssue({
        code: "custom",
        message: `not a size: ${describeValue(v)} (bytes, or e.g. 32KiB, 16MiB)`,
      });
      return z.NEVER;
    }
    return n;
  });

/** A value in a message: strings quoted and cut, structures by kind. */
export function describeValue(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return quoted(v);
  return String(v);
}

/**
 * An integer in [min, max]. One check with one message, so a huge value is reported against
 * the stated range rather than zod's safe-integer limit.
 */
export const int = (min: number, max: number) =>
  z.number().check((ctx) => {
    const v = ctx.value;
    const problem = !Number.isInteger(v)
      ? "expected an integer"
      : v < min
        ? `must be at least ${min}`
        : v > max
          ? `must be at most ${max}`
          : null;
    if (problem)
      ctx.issues.push({
        code: "custom",
        message: `${problem}, got ${describeValue(v)}`,
        input: v,
        params: { range: true },
      });
  });
export const ticks = int(0, 1e12);
export const positive = int(1, 1e9);
export const latency = int(0, 1e6);
/** Letters of any script (and emoji) may name things: a class may write its programs' names in its own language. */
const NAME = /^[\p{L}\p{Extended_Pictographic}][\p{L}\p{M}\p{N}\p{Extended_Pictographic}_.-]*$/u;
export const name = z
  .string()
  .max(64, { error: "at most 64 characters" })
  .regex(NAME, { error: "must start with a letter: letters, digits, - _ ." });

const signal = z
  .union([z.number(), z.string()], { error: "expected a signal (e.g. SIGINT, INT, 2)" })
  .transform((v, ctx) => {
    const s = parseSignal(String(v));
    if (s === undefined) {
      ctx.addIssue({
        code: "custom",
        message: `unknown signal ${describeValue(v)} (e.g. SIGINT, INT, 2)`,
      });
      return z.NEVER;
    }
    return s;
  });

/** Cores as taskset -c lists them ("0-3,6") or a list of core numbers. */
const cpuList = z
  .union([z.string(), z.array(int(0, 63))], {
    error: 'expected cores: a list like [0, 1] or a string like "0-3,6"',
  })
  .transform((v, ctx) => {
    const cores = typeof v === "string" ? parseCpuList(v) : [...new Set(v)].sort((a, b) => a - b);
    if (cores === null || cores.length === 0) {
      ctx.addIssue({
        code: "custom",
        message: `not a list of cores: ${describeValue(v)} (e.g. "0-3,6" or [0, 1])`,
      });
      return z.NEVER;
    }
    return cores;
  });

const tickets = int(1, 1_000_000);

/** A pid (a number) or the `as` name of one of the scenario's initial processes. */
const target = z.union([int(1, 1e9), name], { error: "expected a pid or a process name" });

const cacheLevel = z.strictObject({
  size: size.optional(),
  assoc: int(1, 1 << 20).optional(),
  lineSize: size.optional(),
  latency: latency.optional(),
  replacement: z.enum(["lru", "fifo", "random"]).optional(),
  writePolicy: z.enum(["write-back", "write-through"]).optional(),
  writeAllocate: z.boolean().optional(),
});

const machine = z.strictObject({
  cores: int(1, 64).optional(),
  cpu: z.enum(["ideal", "pipeline"]).optional(),
  /** Physical memory; a whole number of 4 KiB frames. */
  memory: size.optional(),
  pipeline: z
    .strictObject({
      forwarding: z.boolean().optional(),
      branchStage: z.enum(BRANCH_STAGES).optional(),
    })
    .optional(),
  /**
   * Each level up to 1 GiB, at most 2^20 ways a set; the machine's caches hold at most
   * MAX_MACHINE_CACHE_LINES (2^25) lines in all, checked with the core count in force.
   */
  caches: z
    .strictObject({
      l1i: cacheLevel.optional(),
      l1d: cacheLevel.optional(),
      l2: cacheLevel.optional(),
      l3: cacheLevel.optional(),
    })
    .optional(),
  latencies: z
    .strictObject({
      /** Ticks a core spends switching processes. */
      contextSwitch: latency.optional(),
      /** Disk request latency and extra ticks per block. */
      disk: latency.optional(),
      diskPerBlock: latency.optional(),
      /** Kernel ticks per fork, and per resident page copied. */
      fork: latency.optional(),
      forkPerPage: latency.optional(),
      /** Ticks to load an image, and per page loaded. */
      exec: latency.optional(),
      execPerPage: latency.optional(),
      /** Ticks to open a new process's standard streams, and to put main's arguments on its stack. */
      stdio: latency.optional(),
      args: latency.optional(),
      /** Cycles for RAM to deliver a cache line after an L3 miss. */
      ram: latency.optional(),
    })
    .optional(),
  diskChannels: int(1, 64).optional(),
  maxProcesses: int(2, 65536).optional(),
});

const mlfq = z.strictObject({
  levels: int(1, 16).optional(),
  quanta: z.array(positive).optional(),
  allotments: z.array(positive).optional(),
  boostInterval: ticks.optional(),
  ioToFront: z.boolean().optional(),
  ioResetsAllotment: z.boolean().optional(),
});

export const program = z.strictObject({
  name,
  description: z.string().optional(),
  /** The program in the op language (see `simtop lab` and src/sim/programs/assembler.ts). */
  source: z.string(),
});

const processEntry = z.strictObject({
  program: name,
  nice: int(-20, 19).optional(),
  /** Lottery and stride tickets (default 100). */
  tickets: tickets.optional(),
  /** The cores it may run on (default: all). */
  affinity: cpuList.optional(),
  count: int(1, 1024).optional(),
  /** A name that timed commands can use instead of the pid. */
  as: name.optional(),
  /** Logged in on the terminal (tty1): a session of its own, in the foreground. One at most. */
  terminal: z.boolean().optional(),
});

export const COMMAND_ACTIONS = [
  "spawn",
  "fork",
  "kill",
  "renice",
  "setPolicy",
  "setQuantum",
  "setTickets",
  "taskset",
  "runQueues",
  "type",
] as const;

const command = z.strictObject({
  at: ticks,
  spawn: name.optional(),
  /** spawn: the parent (default init); the new process's nice value. */
  parent: target.optional(),
  fork: target.optional(),
  kill: target.optional(),
  /** kill: the signal (default SIGTERM, like kill(1)). */
  signal: signal.optional(),
  renice: target.optional(),
  nice: int(-20, 19).optional(),
  setPolicy: z.enum(POLICY_NAMES).optional(),
  setQuantum: positive.optional(),
  /** setTickets: the process; tickets: how many it then holds. */
  setTickets: target.optional(),
  tickets: tickets.optional(),
  /** taskset: the process; cores: where it may then run. */
  taskset: target.optional(),
  cores: cpuList.optional(),
  /** runQueues: one global queue or one per core; balance: interval (0 off); steal: on or off. */
  runQueues: z.enum(RUN_QUEUE_MODES).optional(),
  balance: ticks.optional(),
  steal: z.boolean().optional(),
  /** Keystrokes into the terminal: "\n" is Enter, "\u0003" Ctrl+C, "\u001a" Ctrl+Z, "\u0004" Ctrl+D. */
  type: z.string().min(1).optional(),
});

const cfs = z.strictObject({
  targetLatency: positive.optional(),
  minGranularity: positive.optional(),
  wakeupGranularity: positive.optional(),
});

/** Per-core run queues' migration: balancing every `interval` ticks (0 = never), idle stealing. */
const balance = z.strictObject({
  interval: ticks.optional(),
  steal: z.boolean().optional(),
});

const chapter = z.strictObject({ at: ticks, title: z.string().min(1) });

export const scenarioFileSchema = z.strictObject({
  name: name.optional(),
  description: z.string().optional(),
  seed: int(0, 2 ** 32 - 1).optional(),
  machine: machine.optional(),
  policy: z.enum(POLICY_NAMES).optional(),
  quantum: positive.optional(),
  mlfq: mlfq.optional(),
  cfs: cfs.optional(),
  /** One run queue for every core (global, the default) or one per core. */
  runQueues: z.enum(RUN_QUEUE_MODES).optional(),
  balance: balance.optional(),
  programs: z.array(program).optional(),
  processes: z.array(processEntry).optional(),
  commands: z.array(command).optional(),
  chapters: z.array(chapter).optional(),
});

/** A scenario as written in a file (sizes may be strings, signals names). */
export type ScenarioFile = z.input<typeof scenarioFileSchema>;
/** The same after parsing: sizes in bytes, signals as numbers. */
export type ParsedScenarioFile = z.output<typeof scenarioFileSchema>;
export type ParsedCommand = z.output<typeof command>;
