// Checks a scenario document against the schema and the program library, and builds a Scenario.
import type * as z from "zod";
import type { Command, StampedCommand } from "../sim/commands.js";
import type { KernelConfig, ProgramSource } from "../sim/config.js";
import { defaultConfig, validateConfig } from "../sim/config.js";
import { type CacheConfig, validateCacheConfig } from "../sim/cpu/cache.js";
import { defaultHierarchyConfig, type HierarchyConfig } from "../sim/cpu/hierarchy.js";
import { AssembleError, assemble } from "../sim/programs/assembler.js";
import { BUILTIN_PROGRAMS } from "../sim/programs/library.js";
import { DEFAULT_CFS } from "../sim/sched/cfs.js";
import { quoted } from "../sim/visible.js";
import {
  COMMAND_ACTIONS,
  describeValue,
  type ParsedCommand,
  type ParsedScenarioFile,
  scenarioFileSchema,
} from "./schema.js";
import type { Scenario } from "./types.js";

const PAGE = 4096;

/** A mistake in a scenario, with where it is (`processes[2].program`) and what is wrong. */
export class ScenarioError extends Error {
  readonly path: string;
  readonly problem: string;
  constructor(path: string, problem: string, more = 0) {
    super(`${path === "" ? "" : `${path}: `}${problem}${more > 0 ? ` (and ${more} more)` : ""}`);
    this.name = "ScenarioError";
    this.path = path;
    this.problem = problem;
  }
}

/** `["processes", 2, "program"]` → `processes[2].program`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? String(p) : `.${String(p)}`;
  }
  return out;
}

const ARTICLE: Record<string, string> = {
  int: "an integer",
  number: "a number",
  string: "a string",
  boolean: "true or false",
  object: "an object (a mapping)",
  array: "a list",
};

/**
 * In a union (a pid or a name, a number or a size), the branch issue worth reporting: a size or
 * signal that did not parse, a name of the wrong form; not a number outside one branch's range.
 */
function telling(e: z.core.$ZodIssue): boolean {
  if (e.code === "invalid_format") return true;
  return e.code === "custom" && (e.params as { range?: boolean } | undefined)?.range !== true;
}

/** One zod issue in plain words. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `expected ${ARTICLE[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`;
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
      if (issue.origin === "array")
        return `needs ${issue.code === "too_small" ? "at least" : "at most"} ${bound} item(s)`;
      if (issue.origin === "string") return "must not be empty";
      return `must be ${issue.code === "too_small" ? "at least" : "at most"} ${bound}, got ${describeValue(issue.input)}`;
    }
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(issue.input)}`;
    case "unrecognized_keys":
      return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys
        .slice(0, 3)
        .map((k) => quoted(k))
        .join(", ")}${issue.keys.length > 3 ? ` and ${issue.keys.length - 3} more` : ""}`;
    case "invalid_union": {
      // A pid-or-name, a number-or-size: say what was given rather than every branch's complaint.
      const firsts = issue.errors.map((e) => e[0]).filter((e) => e !== undefined);
      const custom = firsts.find(telling);
      if (custom) return describeIssue(custom);
      const what = issue.message === "Invalid input" ? "not valid here" : issue.message;
      return `${what}, got ${describeValue(issue.input)}`;
    }
    case "invalid_format":
      return `${describeValue(issue.input)} ${issue.message.replace(/^Invalid (string: )?/, "").toLowerCase()}`;
    default:
      return issue.message;
  }
}

/** A failed zod parse as one ScenarioError: its first issue, where it is, and how many more. */
export function firstProblem(error: z.ZodError): ScenarioError {
  const [first, ...rest] = error.issues;
  // An issue inside a union carries the branch's own path: report the deepest place named.
  let issue = first;
  let path = [...first.path];
  if (first.code === "invalid_union") {
    const inner = first.errors.flat().find(telling);
    if (inner) {
      issue = inner;
      path = [...path, ...inner.path];
    }
  }
  return new ScenarioError(formatPath(path), describeIssue(issue), rest.length);
}

/** Where a scenario came from, for names and messages. */
export interface Origin {
  /** Name to use when the document has none (a file's base name). */
  defaultName: string;
}

/** Validates `data` (the parsed JSON or YAML) and builds the Scenario; throws ScenarioError. */
export function compileScenario(data: unknown, origin: Origin): Scenario {
  const parsed = scenarioFileSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) throw firstProblem(parsed.error);
  return build(parsed.data, origin);
}

function build(f: ParsedScenarioFile, origin: Origin): Scenario {
  const builtinNames = new Set(BUILTIN_PROGRAMS.map((p) => p.name));
  const programs = checkPrograms(f, builtinNames);
  const known = new Set([...builtinNames, ...programs.map((p) => p.name)]);

  const labels = new Map<string, number>();
  let pid = 2; // init is 1; the initial processes are spawned in order at tick 0
  (f.processes ?? []).forEach((p, i) => {
    if (!known.has(p.program))
      throw new ScenarioError(`processes[${i}].program`, unknownProgram(p.program));
    const count = p.count ?? 1;
    if (p.as !== undefined) {
      if (count > 1)
        throw new ScenarioError(`processes[${i}].as`, "a name needs count 1 (one process)");
      if (labels.has(p.as))
        throw new ScenarioError(`processes[${i}].as`, `"${p.as}" is already used`);
      labels.set(p.as, pid);
    }
    pid += count;
  });

  const commands: StampedCommand[] = (f.commands ?? []).map((c, i) => ({
    tick: c.at,
    command: toCommand(c, `commands[${i}]`, known, labels),
  }));
  // Stable: commands at the same tick keep the order they are written in.
  commands.sort((a, b) => a.tick - b.tick);

  const config = machineConfig(f, programs);
  return {
    name: f.name ?? origin.defaultName,
    description: f.description ?? "",
    config,
    processes: (f.processes ?? []).map((p) => ({
      program: p.program,
      ...(p.nice !== undefined ? { nice: p.nice } : {}),
      ...(p.tickets !== undefined ? { tickets: p.tickets } : {}),
      ...(p.affinity !== undefined ? { affinity: p.affinity } : {}),
      ...(p.count !== undefined ? { count: p.count } : {}),
      ...(p.terminal ? { terminal: true } : {}),
    })),
    commands,
    chapters: (f.chapters ?? [])
      .map((c) => ({ tick: c.at, title: c.title }))
      .sort((a, b) => a.tick - b.tick),
  };
}

function unknownProgram(name: string): string {
  return `unknown program "${name}" (see \`simtop scenarios --programs\`, or define it under programs)`;
}

function checkPrograms(f: ParsedScenarioFile, builtinNames: Set<string>): ProgramSource[] {
  const defs = f.programs ?? [];
  const all = [...BUILTIN_PROGRAMS.map((p) => p.name), ...defs.map((p) => p.name)];
  const seen = new Set<string>();
  defs.forEach((p, i) => {
    if (builtinNames.has(p.name))
      throw new ScenarioError(
        `programs[${i}].name`,
        `"${p.name}" is a built-in program; choose another name`,
      );
    if (seen.has(p.name))
      throw new ScenarioError(`programs[${i}].name`, `"${p.name}" is defined twice`);
    seen.add(p.name);
    try {
      assemble(p.source, {
        name: p.name,
        resolveProgram: (n) => (all.includes(n) ? all.indexOf(n) : undefined),
      });
    } catch (e) {
      if (e instanceof AssembleError) throw new ScenarioError(`programs[${i}].source`, e.message);
      throw e;
    }
  });
  return defs.map((p) => ({
    name: p.name,
    source: p.source,
    ...(p.description !== undefined ? { description: p.description } : {}),
  }));
}

function toCommand(
  c: ParsedCommand,
  where: string,
  known: Set<string>,
  labels: Map<string, number>,
): Command {
  const present = COMMAND_ACTIONS.filter((a) => c[a] !== undefined);
  if (present.length === 0)
    throw new ScenarioError(
      where,
      "needs one action: spawn, fork, kill, renice, setPolicy, setQuantum, setTickets, taskset, runQueues or type",
    );
  if (present.length > 1)
    throw new ScenarioError(
      where,
      `has both ${present[0]} and ${present[1]}: one action per entry`,
    );
  const action = present[0];
  const allowed: Record<typeof action, string[]> = {
    spawn: ["parent", "nice"],
    fork: [],
    kill: ["signal"],
    renice: ["nice"],
    setPolicy: [],
    setQuantum: [],
    setTickets: ["tickets"],
    taskset: ["cores"],
    runQueues: ["balance", "steal"],
    type: [],
  };
  for (const extra of [
    "parent",
    "nice",
    "signal",
    "tickets",
    "cores",
    "balance",
    "steal",
  ] as const) {
    if (c[extra] !== undefined && !allowed[action].includes(extra))
      throw new ScenarioError(`${where}.${extra}`, `does not apply to ${action}`);
  }
  const pidOf = (key: string, t: number | string): number => {
    if (typeof t === "number") return t;
    const pid = labels.get(t);
    if (pid === undefined)
      throw new ScenarioError(
        `${where}.${key}`,
        `unknown process "${t}" (give it with "as" under processes, or use a pid)`,
      );
    return pid;
  };
  switch (action) {
    case "spawn": {
      const program = c.spawn!;
      if (!known.has(program)) throw new ScenarioError(`${where}.spawn`, unknownProgram(program));
      return {
        type: "spawn",
        program,
        ...(c.parent !== undefined ? { ppid: pidOf("parent", c.parent) } : {}),
        ...(c.nice !== undefined ? { nice: c.nice } : {}),
      };
    }
    case "fork":
      return { type: "fork", pid: pidOf("fork", c.fork!) };
    case "kill":
      return { type: "kill", pid: pidOf("kill", c.kill!), signal: c.signal ?? 15 };
    case "renice":
      if (c.nice === undefined)
        throw new ScenarioError(`${where}.nice`, "renice needs a nice value (-20 to 19)");
      return { type: "renice", pid: pidOf("renice", c.renice!), nice: c.nice };
    case "setPolicy":
      return { type: "setPolicy", policy: c.setPolicy! };
    case "setQuantum":
      return { type: "setQuantum", quantum: c.setQuantum! };
    case "setTickets":
      if (c.tickets === undefined)
        throw new ScenarioError(`${where}.tickets`, "setTickets needs a number of tickets");
      return { type: "setTickets", pid: pidOf("setTickets", c.setTickets!), tickets: c.tickets };
    case "taskset":
      if (c.cores === undefined)
        throw new ScenarioError(`${where}.cores`, 'taskset needs the cores (e.g. "0-1" or [2])');
      return { type: "setAffinity", pid: pidOf("taskset", c.taskset!), cores: c.cores };
    case "runQueues":
      return {
        type: "setRunQueues",
        queues: c.runQueues!,
        ...(c.balance !== undefined ? { balance: c.balance } : {}),
        ...(c.steal !== undefined ? { steal: c.steal } : {}),
      };
    case "type":
      return { type: "type", text: c.type! };
  }
}

function machineConfig(f: ParsedScenarioFile, programs: ProgramSource[]): Partial<KernelConfig> {
  const base = defaultConfig();
  const m = f.machine ?? {};
  const lat = m.latencies ?? {};
  const out: Partial<KernelConfig> = {};
  if (f.seed !== undefined) out.seed = f.seed;
  if (m.cores !== undefined) out.cores = m.cores;
  if (f.policy !== undefined) out.policy = f.policy;
  if (f.quantum !== undefined) out.quantum = f.quantum;
  if (m.cpu !== undefined) out.cpu = m.cpu;
  if (m.memory !== undefined) {
    if (m.memory % PAGE !== 0 || m.memory / PAGE < 16 || m.memory / PAGE > 65535)
      throw new ScenarioError(
        "machine.memory",
        "must be 64KiB to 255MiB, a whole number of 4KiB pages",
      );
    out.memoryFrames = m.memory / PAGE;
  }
  if (m.pipeline !== undefined) out.pipeline = { ...base.pipeline, ...m.pipeline };
  if (lat.contextSwitch !== undefined) out.switchCost = lat.contextSwitch;
  if (lat.disk !== undefined || lat.diskPerBlock !== undefined || m.diskChannels !== undefined)
    out.disk = {
      latency: lat.disk ?? base.disk.latency,
      perBlock: lat.diskPerBlock ?? base.disk.perBlock,
      channels: m.diskChannels ?? base.disk.channels,
    };
  if (lat.fork !== undefined || lat.forkPerPage !== undefined)
    out.forkCost = {
      base: lat.fork ?? base.forkCost.base,
      perPage: lat.forkPerPage ?? base.forkCost.perPage,
    };
  if (
    lat.exec !== undefined ||
    lat.execPerPage !== undefined ||
    lat.stdio !== undefined ||
    lat.args !== undefined
  )
    out.execCost = {
      base: lat.exec ?? base.execCost.base,
      perPage: lat.execPerPage ?? base.execCost.perPage,
      stdio: lat.stdio ?? base.execCost.stdio,
      args: lat.args ?? base.execCost.args,
    };
  if (m.maxProcesses !== undefined) out.maxProcesses = m.maxProcesses;
  if (m.caches !== undefined || lat.ram !== undefined)
    out.caches = caches(m, out.cores ?? base.cores);
  if (f.mlfq !== undefined) {
    const mq = { ...base.mlfq, ...f.mlfq };
    if (mq.quanta.length < mq.levels || mq.allotments.length < mq.levels)
      throw new ScenarioError(
        "mlfq",
        `needs a quantum and an allotment for each of its ${mq.levels} levels`,
      );
    out.mlfq = mq;
  }
  if (f.cfs !== undefined) out.cfs = { ...DEFAULT_CFS, ...f.cfs };
  if (f.runQueues !== undefined) out.runQueues = f.runQueues;
  if (f.balance?.interval !== undefined) out.balanceInterval = f.balance.interval;
  if (f.balance?.steal !== undefined) out.steal = f.balance.steal;
  if (programs.length > 0) out.programs = programs;
  const problem = validateConfig(defaultConfig(out));
  if (problem) throw new ScenarioError("machine", problem);
  return out;
}

function caches(m: NonNullable<ParsedScenarioFile["machine"]>, cores: number): HierarchyConfig {
  const h = defaultHierarchyConfig(cores);
  const levels = ["l1i", "l1d", "l2", "l3"] as const;
  for (const level of levels) {
    const given = m.caches?.[level];
    if (given === undefined) continue;
    const c: CacheConfig = { ...h[level], ...given };
    try {
      validateCacheConfig(c);
    } catch (e) {
      const msg = e instanceof Error ? e.message.replace(/^cache "[^"]*": /, "") : String(e);
      throw new ScenarioError(`machine.caches.${level}`, msg);
    }
    h[level] = c;
  }
  if (m.latencies?.ram !== undefined) h.ramLatency = m.latencies.ram;
  return h;
}
