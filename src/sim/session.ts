// Saved sessions as JSONL: a header line with the config, then one line per command.
import type { Command, StampedCommand } from "./commands.js";
import type { KernelConfig } from "./config.js";
import { POLICY_NAMES } from "./sched/policy.js";

export interface Session {
  config: KernelConfig;
  commands: StampedCommand[];
  /** Tick the session had reached when last written (replays run at least this far). */
  endTick: number;
}

export const SESSION_FORMAT = "simtop-session";

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

function checkCommand(c: unknown): string | null {
  if (!isObject(c)) return "command is not an object";
  switch (c.type) {
    case "spawn":
      if (typeof c.program !== "string") return "spawn needs a program name";
      if (c.ppid !== undefined && !int(c.ppid)) return "spawn ppid must be an integer";
      if (c.nice !== undefined && !int(c.nice)) return "spawn nice must be an integer";
      return null;
    case "fork":
      return int(c.pid) ? null : "fork needs an integer pid";
    case "kill":
      return int(c.pid) && int(c.signal) ? null : "kill needs integer pid and signal";
    case "renice":
      return int(c.pid) && int(c.nice) ? null : "renice needs integer pid and nice";
    case "setPolicy":
      return POLICY_NAMES.includes(c.policy as never)
        ? null
        : `unknown policy ${JSON.stringify(c.policy)}`;
    case "setQuantum":
      // A quantum below 1 is well-formed: the kernel refuses it (CommandFailed) on replay as it did live.
      return int(c.quantum) ? null : "setQuantum needs an integer quantum";
    default:
      return `unknown command type ${JSON.stringify(c.type)}`;
  }
}

/** Parses a session file; a corrupt or truncated line is a SessionError naming it. */
export function parseSession(text: string): Session {
  const lines = text.split("\n");
  let config: KernelConfig | null = null;
  const commands: StampedCommand[] = [];
  let endTick = 0;
  let lastTick = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
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
      if (v.version !== 1)
        throw new SessionError(n, `unsupported version ${JSON.stringify(v.version)}`);
      config = v.config as unknown as KernelConfig;
      continue;
    }
    if (v.type === "command") {
      if (!int(v.tick) || v.tick < lastTick)
        throw new SessionError(n, "command tick missing or out of order");
      const problem = checkCommand(v.command);
      if (problem) throw new SessionError(n, problem);
      lastTick = v.tick;
      commands.push({ tick: v.tick, command: v.command as Command });
    } else if (v.type === "end") {
      if (!int(v.tick)) throw new SessionError(n, "end tick must be an integer");
      endTick = Math.max(endTick, v.tick);
    } else {
      throw new SessionError(n, `unknown line type ${JSON.stringify(v.type)}`);
    }
  }
  if (config === null) throw new SessionError(1, "empty file: no session header");
  return { config, commands, endTick: Math.max(endTick, lastTick) };
}
