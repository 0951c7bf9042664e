// Commands: intents from outside the simulation, applied at the tick they are stamped with.
import type { PolicyName } from "./sched/policy.js";

export type Command =
  | { type: "spawn"; program: string; ppid?: number; nice?: number }
  | { type: "fork"; pid: number }
  | { type: "kill"; pid: number; signal: number }
  | { type: "renice"; pid: number; nice: number }
  | { type: "setPolicy"; policy: PolicyName }
  | { type: "setQuantum"; quantum: number };

/** A command with the tick at whose start it applies. */
export interface StampedCommand {
  tick: number;
  command: Command;
}

export function describeCommand(c: Command): string {
  switch (c.type) {
    case "spawn":
      return `spawn ${c.program}`;
    case "fork":
      return `fork ${c.pid}`;
    case "kill":
      return `kill -${c.signal} ${c.pid}`;
    case "renice":
      return `renice ${c.nice} ${c.pid}`;
    case "setPolicy":
      return `policy ${c.policy}`;
    case "setQuantum":
      return `quantum ${c.quantum}`;
  }
}
