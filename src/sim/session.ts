// Saved sessions as JSONL: a header line with the config, then one line per command.
import type { Command, StampedCommand } from "./commands.js";
import type { KernelConfig } from "./config.js";
import { POLICY_NAMES } from "./sched/policy.js";
import { NSIG } from "./signals.js";
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
const inRange = (v: unknown, min: number, max: number): v is number =>
  int(v) && v >= min && v <= max;

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

const PID_MAX = 1e9;

function checkCommand(c: unknown): string | null {
  if (!isObject(c)) return "command is not an object";
  const pid = (v: unknown) => inRange(v, 1, PID_MAX);
  const nice = (v: unknown) => inRange(v, -20, 19);
  switch (c.type) {
    case "spawn":
      if (typeof c.program !== "string") return "spawn needs a program name";
      if (c.ppid !== undefined && !pid(c.ppid)) return "spawn ppid must be a pid (1 or more)";
      if (c.nice !== undefined && !nice(c.nice)) return "spawn nice must be -20 to 19";
      return null;
    case "fork":
      return pid(c.pid) ? null : "fork needs a pid (an integer, 1 or more)";
    case "kill":
      return pid(c.pid) && inRange(c.signal, 0, NSIG - 1)
        ? null
        : `kill needs a pid (1 or more) and a signal (0 to ${NSIG - 1})`;
    case "renice":
      return pid(c.pid) && nice(c.nice) ? null : "renice needs a pid and a nice value (-20 to 19)";
    case "setPolicy":
      return POLICY_NAMES.includes(c.policy as never)
        ? null
        : `unknown policy ${describe(c.policy)} (one of ${POLICY_NAMES.join(", ")})`;
    case "setQuantum":
      // A quantum below 1 is well-formed: the kernel refuses it (CommandFailed) on replay as it did live.
      return inRange(c.quantum, -1e9, 1e9) ? null : "setQuantum needs an integer quantum";
    default:
      return `unknown command type ${describe(c.type)}`;
  }
}

/** Parses a session file; a corrupt or truncated line is a SessionError naming it. */
export function parseSession(text: string): ParsedSession {
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
