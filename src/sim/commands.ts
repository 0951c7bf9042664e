// Commands: intents from outside the simulation, applied at the tick they are stamped with.
import type { PolicyName } from "./sched/policy.js";

export type Command =
  | {
      type: "spawn";
      program: string;
      ppid?: number;
      nice?: number;
      /** Lottery and stride tickets (default DEFAULT_TICKETS). */
      tickets?: number;
      /** The cores it may run on (default: every core). */
      affinity?: number[];
      /** Logs in on the terminal: a new session that has the terminal, in the foreground. */
      terminal?: boolean;
    }
  | { type: "fork"; pid: number }
  /** `group`: `pid` is a process group's id, signalled whole (killpg), group 1 included. */
  | { type: "kill"; pid: number; signal: number; group?: boolean }
  | { type: "renice"; pid: number; nice: number }
  | { type: "setPolicy"; policy: PolicyName }
  | { type: "setQuantum"; quantum: number }
  | { type: "setTickets"; pid: number; tickets: number }
  | { type: "setAffinity"; pid: number; cores: number[] }
  | { type: "setRunQueues"; queues: RunQueueMode; balance?: number; steal?: boolean }
  /** Keystrokes into the terminal (tty1), control characters included (Ctrl+C is "\u0003"). */
  | { type: "type"; text: string };

/** One run queue shared by every core, or one per core. */
export type RunQueueMode = "global" | "per-core";
export const RUN_QUEUE_MODES: readonly RunQueueMode[] = ["global", "per-core"];

/** A command with the tick at whose start it applies. */
export interface StampedCommand {
  tick: number;
  command: Command;
}

export function describeCommand(c: Command): string {
  switch (c.type) {
    case "spawn":
      return c.terminal ? `spawn ${c.program} on the terminal` : `spawn ${c.program}`;
    case "fork":
      return `fork ${c.pid}`;
    case "kill":
      return c.group
        ? `kill -${c.signal} -${c.pid} (group ${c.pid})`
        : `kill -${c.signal} ${c.pid}`;
    case "renice":
      return `renice ${c.nice} ${c.pid}`;
    case "setPolicy":
      return `policy ${c.policy}`;
    case "setQuantum":
      return `quantum ${c.quantum}`;
    case "setTickets":
      return `tickets ${c.tickets} ${c.pid}`;
    case "setAffinity":
      return `taskset -c ${c.cores.join(",")} ${c.pid}`;
    case "setRunQueues":
      return `run queues ${c.queues}`;
    case "type":
      return `type ${JSON.stringify(c.text)}`;
  }
}
