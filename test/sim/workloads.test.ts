// Workloads draw their variable parts from the seed; io-bound spends most of its time blocked.
import { describe, expect, it } from "vitest";
import { builtinScenario } from "../../src/scenario/builtins.js";
import { scenarioConfig, startScenario } from "../../src/scenario/start.js";
import { defaultConfig } from "../../src/sim/config.js";
import { Kernel } from "../../src/sim/kernel.js";
import type { Pcb } from "../../src/sim/process.js";
import { runTo, spawn } from "./helpers.js";

/** Share of `ticks` ticks `p` spends in each state, sampled after every tick. */
function shares(k: Kernel, p: Pcb, ticks: number): Record<string, number> {
  const n: Record<string, number> = {};
  for (let i = 0; i < ticks; i++) {
    k.step();
    n[p.state] = (n[p.state] ?? 0) + 1;
  }
  for (const s of Object.keys(n)) n[s] /= ticks;
  return n;
}

describe("io-bound", () => {
  it("alone on the ideal CPU is blocked on the disk between 78.5% and 93.8% of the time", () => {
    // One turn of its loop, one instruction a tick: rand (li, li, syscall) 3 + addi 1 + the burst
    // of n = 10..49 turns × 2 + rand 3 + addi 1 + io (move, li, syscall) 3 + j 1 = 12 + 2n ticks,
    // so 32 to 110; at most 5 more to switch back in. Then the disk: 400 + 20 per block for 1 to 4
    // blocks, 420 to 480. Blocked share: at least 420 / (420 + 110 + 5) = 78.5%, at most
    // 480 / (480 + 32) = 93.8%. Whatever the seed draws, it stays in that band.
    for (const seed of [1, 7, 8]) {
      const k = new Kernel(defaultConfig({ cpu: "ideal", cores: 2, seed }));
      runTo(k, 1000);
      const pid = spawn(k, "io-bound");
      const p = k.procs.get(pid)!;
      runTo(k, 2000);
      const s = shares(k, p, 100_000);
      expect(s.blocked, `seed ${seed}`).toBeGreaterThanOrEqual(0.785);
      expect(s.blocked, `seed ${seed}`).toBeLessThanOrEqual(0.938);
    }
  });

  it("in the cpu-vs-io scenario (pipeline CPU) it is blocked most of the time, cpu-bound never", () => {
    const sc = builtinScenario("cpu-vs-io")!;
    const store = startScenario(sc, scenarioConfig(sc));
    store.advance(2000);
    const k = store.kernel;
    const io = [...k.procs.values()].find((p) => p.name === "io-bound")!;
    const cpu = [...k.procs.values()].find((p) => p.name === "cpu-bound")!;
    const n = { io: 0, cpu: 0 };
    for (let i = 0; i < 100_000; i++) {
      k.step();
      if (io.state === "blocked") n.io++;
      if (cpu.state === "blocked") n.cpu++;
    }
    expect(n.io / 100_000).toBeGreaterThan(0.7);
    expect(n.cpu).toBe(0);
  });
});

describe("the seed", () => {
  /** The events of a scenario's first 30,000 ticks under `seed`, as text. */
  function run(name: string, seed: number): string {
    const sc = builtinScenario(name)!;
    const store = startScenario(sc, scenarioConfig(sc, { seed }));
    const out: string[] = [];
    for (let t = 0; t < 30_000; t += 1000) {
      store.advance(1000);
      for (const e of store.recentEvents(Number.POSITIVE_INFINITY))
        if (e.tick >= t) out.push(JSON.stringify(e));
    }
    return out.join("\n");
  }

  it("changes the run of every scenario whose workloads draw from it; the same seed repeats it", () => {
    for (const name of ["default", "lifecycle", "signals", "cpu-vs-io"]) {
      expect(run(name, 7), name).not.toBe(run(name, 8));
      expect(run(name, 7), name).toBe(run(name, 7));
    }
  });
});
