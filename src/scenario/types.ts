// What a scenario is: a machine, the processes it starts with, and commands at given ticks.
import type { StampedCommand } from "../sim/commands.js";
import type { KernelConfig } from "../sim/config.js";

export interface ScenarioProcess {
  program: string;
  nice?: number;
  tickets?: number;
  /** The cores it may run on (default: all). */
  affinity?: number[];
  /** How many copies to start (default 1). */
  count?: number;
  /** Logged in on the terminal: a session of its own with tty1 as its terminal. */
  terminal?: boolean;
}

export interface Chapter {
  tick: number;
  title: string;
}

export interface Scenario {
  name: string;
  description: string;
  /** Overrides of the default machine and kernel configuration. */
  config: Partial<KernelConfig>;
  processes: ScenarioProcess[];
  /** Commands applied at their ticks (fork, kill, spawn, setPolicy, ...). */
  commands: StampedCommand[];
  /** Named moments, shown in the dashboard and written as markers in recordings. */
  chapters: Chapter[];
}
