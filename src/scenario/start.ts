// Turns a scenario into a running store: config, initial spawns and timed commands.
import type { StampedCommand } from "../sim/commands.js";
import type { KernelConfig } from "../sim/config.js";
import { defaultConfig } from "../sim/config.js";
import { Store, type StoreOptions } from "../sim/store.js";
import type { Scenario } from "./types.js";

/** The scenario's machine with command-line overrides (seed, cores, policy, quantum) on top. */
export function scenarioConfig(s: Scenario, overrides: Partial<KernelConfig> = {}): KernelConfig {
  const c = defaultConfig({ ...s.config, ...overrides });
  // Caches are per core: a hierarchy given for another core count follows the one in force.
  if (c.caches !== null && c.caches.cores !== c.cores) c.caches = { ...c.caches, cores: c.cores };
  return c;
}

/** The commands that start the scenario: its processes spawned in order at tick 0, then its script. */
export function scenarioCommands(s: Scenario): StampedCommand[] {
  const initial = s.processes.flatMap((p) =>
    Array.from({ length: p.count ?? 1 }, () => ({
      tick: 0,
      command: {
        type: "spawn" as const,
        program: p.program,
        ...(p.nice !== undefined ? { nice: p.nice } : {}),
        ...(p.tickets !== undefined ? { tickets: p.tickets } : {}),
        ...(p.affinity !== undefined ? { affinity: p.affinity } : {}),
        ...(p.terminal ? { terminal: true } : {}),
      },
    })),
  );
  return [...initial, ...s.commands];
}

/** A store whose first commands spawn the scenario's processes; later ones are scheduled. */
export function startScenario(s: Scenario, config: KernelConfig, opts: StoreOptions = {}): Store {
  const store = new Store(config, opts);
  store.schedule(scenarioCommands(s));
  return store;
}
