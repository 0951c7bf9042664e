// Saved sessions as JSONL: a header line with the config, then one line per command.
import type { Command, StampedCommand } from "./commands.js";
import { RUN_QUEUE_MODES } from "./commands.js";
import type { KernelConfig } from "./config.js";
import { POLICY_NAMES } from "./sched/policy.js";
import { quoted } from "./visible.js";

export interface Session {
  config: KernelConfig;
  commands: StampedCommand[];
  /** Tick the session had reached when last written (replays run at least this far). */
  endTick: number;
}

export const SESSION_FORMAT = "simtop-session";

/**
 * The last tick a session file may name (a command's or the end): a replay runs the whole
 * history, about a million ticks a second, so a billion is some minutes and not days.
 */
export const MAX_SESSION_TICK = 1_000_000_000;

/** A parsed file: the session, its header object and the line the header is on. */
export interface ParsedSession extends Session {
  header: Record<string, unknown>;
  headerLine: number;
}

export function headerLine(config: KernelConfig): string {
  return JSON.stringify({ type: "session", format: SESSION_FORMAT, version: 1, config });
}

export function commandLine(c: StampedCommand): string {
  return JSON.stringify({ type: "command", tick: c.tick, command: c.command });
}

export function endLine(tick: number): string {
  return JSON.stringify({ type: "end", tick });
}

export function serializeSession(s: Session): string {
  return `${[headerLine(s.config), ...s.commands.map(commandLine), endLine(s.endTick)].join("\n")}\n`;
}

export class SessionError extends Error {
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = "SessionError";
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const int = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);
const intList = (v: unknown): v is number[] => Array.isArray(v) && v.length <= 64 && v.every(int);

/** What a tick field holds when it is not a tick a session may name, or null. */
function tickProblem(v: unknown): string | null {
  if (!int(v)) return `expected an integer, got ${describe(v)}`;
  if (v < 0 || v > MAX_SESSION_TICK) return `must be 0 to ${MAX_SESSION_TICK}, got ${v}`;
  return null;
}

function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (typeof v === "string") return quoted(v);
  if (typeof v !== "object" || v === null) return String(v);
  return Array.isArray(v) ? "a list" : "an object";
}

/**
 * Whether a command is well-formed. Its values are not range-checked: a command the kernel
 * refuses (nice 30, quantum 0, no such pid) was refused live too, and is refused again on replay.
 */
function checkCommand(c: unknown): string | null {
  if (!isObject(c)) return "command is not an object";
  switch (c.type) {
    case "spawn":
      if (typeof c.program !== "string") return "spawn needs a program name";
      if (c.ppid !== undefined && !int(c.ppid)) return "spawn ppid must be an integer";
      if (c.nice !== undefined && !int(c.nice)) return "spawn nice must be an integer";
      if (c.tickets !== undefined && !int(c.tickets)) return "spawn tickets must be an integer";
      if (c.affinity !== undefined && !intList(c.affinity))
        return "spawn affinity must be a list of core numbers";
      if (c.terminal !== undefined && typeof c.terminal !== "boolean")
        return "spawn terminal must be true or false";
      return null;
    case "fork":
      return int(c.pid) ? null : "fork needs an integer pid";
    case "kill":
      if (c.group !== undefined && (typeof c.group !== "boolean" || !int(c.pid) || c.pid <= 0))
        return "kill group must be true or false, with a positive group id as pid";
      return int(c.pid) && int(c.signal) ? null : "kill needs integer pid and signal";
    case "renice":
      return int(c.pid) && int(c.nice) ? null : "renice needs integer pid and nice";
    case "setPolicy":
      return POLICY_NAMES.includes(c.policy as never)
        ? null
        : `unknown policy ${describe(c.policy)} (one of ${POLICY_NAMES.join(", ")})`;
    case "setQuantum":
      return int(c.quantum) ? null : "setQuantum needs an integer quantum";
    case "setTickets":
      return int(c.pid) && int(c.tickets) ? null : "setTickets needs integer pid and tickets";
    case "setAffinity":
      return int(c.pid) && intList(c.cores)
        ? null
        : "setAffinity needs an integer pid and a list of core numbers";
    case "setRunQueues":
      if (!RUN_QUEUE_MODES.includes(c.queues as never))
        return `unknown run queues ${describe(c.queues)} (one of ${RUN_QUEUE_MODES.join(", ")})`;
      if (c.balance !== undefined && !int(c.balance))
        return "setRunQueues balance must be an integer";
      if (c.steal !== undefined && typeof c.steal !== "boolean")
        return "setRunQueues steal must be true or false";
      return null;
    case "type":
      return typeof c.text === "string" ? null : "type needs the text typed";
    default:
      return `unknown command type ${describe(c.type)}`;
  }
}

/** Parses a session file; a corrupt or truncated line is a SessionError naming it. */
export function parseSession(text: string): Session {
  const { config, commands, endTick } = parseSessionFile(text);
  return { config, commands, endTick };
}

/** parseSession, also giving the header (scenario name, chapters) and the line it is on. */
export function parseSessionFile(text: string): ParsedSession {
  // A byte-order mark some editors add is not part of the first line's JSON.
  const lines = text.replace(/^\ufeff/, "").split("\n");
  let config: KernelConfig | null = null;
  let header: Record<string, unknown> = {};
  let headerLine = 1;
  const commands: StampedCommand[] = [];
  let endTick = 0;
  let lastTick = 0;
  let lastTickLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/^[ \t]+|[ \t\r]+$/g, "");
    const n = i + 1;
    if (raw === "") continue;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch {
      throw new SessionError(n, "not valid JSON (truncated or corrupt)");
    }
    if (!isObject(v)) throw new SessionError(n, "expected a JSON object");
    if (config === null) {
      if (v.type !== "session" || v.format !== SESSION_FORMAT || !isObject(v.config))
        throw new SessionError(n, "not a simtop session (missing header)");
      if (v.version !== 1) throw new SessionError(n, `unsupported version ${describe(v.version)}`);
      config = v.config as unknown as KernelConfig;
      header = v;
      headerLine = n;
      continue;
    }
    if (v.type === "command") {
      const bad = tickProblem(v.tick);
      if (bad) throw new SessionError(n, `command tick: ${bad}`);
      const tick = v.tick as number;
      if (tick < lastTick)
        throw new SessionError(
          n,
          `command tick ${tick} is before the tick of line ${lastTickLine} (${lastTick}): out of order`,
        );
      const problem = checkCommand(v.command);
      if (problem) throw new SessionError(n, problem);
      lastTick = tick;
      lastTickLine = n;
      commands.push({ tick, command: v.command as Command });
    } else if (v.type === "end") {
      const bad = tickProblem(v.tick);
      if (bad) throw new SessionError(n, `end tick: ${bad}`);
      endTick = Math.max(endTick, v.tick as number);
    } else {
      throw new SessionError(n, `unknown line type ${describe(v.type)}`);
    }
  }
  if (config === null) throw new SessionError(1, "empty file: no session header");
  return { config, commands, endTick: Math.max(endTick, lastTick), header, headerLine };
}
