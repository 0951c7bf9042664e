// The built-in scenarios, each making one of the lecture's points visible.
import type { Scenario } from "./types.js";

export const DEFAULT_SCENARIO: Scenario = {
  name: "default",
  description: "init, a shell and a handful of processes of different kinds on 2 cores",
  config: { cores: 2 },
  processes: [
    { program: "sh" },
    { program: "cpu-bound" },
    { program: "io-bound" },
    { program: "forker" },
    { program: "sigint-handler" },
    { program: "sleeper" },
    { program: "row-scan" },
    { program: "col-scan" },
  ],
  commands: [],
  chapters: [],
};

export const BUILTIN_SCENARIOS: readonly Scenario[] = [DEFAULT_SCENARIO];
