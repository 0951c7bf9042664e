// Turns a scenario into a running store: config, initial spawns and timed commands.
import type { KernelConfig } from "../sim/config.js";
import { defaultConfig } from "../sim/config.js";
import { Store, type StoreOptions } from "../sim/store.js";
import type { Scenario } from "./types.js";

export function scenarioConfig(s: Scenario, overrides: Partial<KernelConfig> = {}): KernelConfig {
  return defaultConfig({ ...s.config, ...overrides });
}

/** A store whose first commands spawn the scenario's processes; later ones are scheduled. */
export function startScenario(s: Scenario, config: KernelConfig, opts: StoreOptions = {}): Store {
  const store = new Store(config, opts);
  const initial = s.processes.flatMap((p) =>
    Array.from({ length: p.count ?? 1 }, () => ({
      tick: 0,
      command: { type: "spawn" as const, program: p.program, ...(p.nice !== undefined ? { nice: p.nice } : {}) },
    })),
  );
  store.schedule([...initial, ...s.commands]);
  return store;
}
