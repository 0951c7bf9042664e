// The store: command log, scheduled commands, bounded snapshots, the event ring and seek.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/sim/config.js";
import { stateDigest } from "../../src/sim/digest.js";
import { Kernel } from "../../src/sim/kernel.js";
import { Store } from "../../src/sim/store.js";

const config = defaultConfig({ cpu: "ideal", cores: 2, policy: "rr", quantum: 20 });

describe("Store", () => {
  it("a submitted command applies at the start of the next step and is logged with that tick", () => {
    const s = new Store(config);
    s.advance(10);
    const seen: number[] = [];
    s.onCommand = (c) => seen.push(c.tick);
    s.submit({ type: "spawn", program: "cpu-bound" });
    expect(s.kernel.procs.size).toBe(1);
    s.advance(1);
    expect(s.kernel.procs.size).toBe(2);
    expect(s.log).toEqual([{ tick: 10, command: { type: "spawn", program: "cpu-bound" } }]);
    expect(seen).toEqual([10]);
  });

  it("scheduled commands apply when time reaches their tick, in order", () => {
    const s = new Store(config);
    s.schedule([
      { tick: 5, command: { type: "spawn", program: "sleeper" } },
      { tick: 2, command: { type: "spawn", program: "cpu-bound" } },
    ]);
    s.advance(3);
    expect([...s.kernel.procs.values()].map((p) => p.name)).toEqual(["init", "cpu-bound"]);
    s.advance(3);
    expect(s.log.map((c) => c.tick)).toEqual([2, 5]);
    expect(s.kernel.procs.get(3)!.name).toBe("sleeper");
  });

  it("keeps at most maxSnapshots, thinning them out, and can still seek back to the oldest", () => {
    const s = new Store(config, { snapshotEvery: 10, maxSnapshots: 4 });
    s.schedule([{ tick: 0, command: { type: "spawn", program: "forker" } }]);
    s.advance(1000);
    // Snapshots every 10 ticks, thinned to every 20, 40, ... as they pass 4: the oldest stays 0.
    expect(s.oldestTick).toBe(0);
    const k = s.seek(555);
    expect(k.now).toBe(555);
    const ref = new Kernel(config);
    ref.apply({ type: "spawn", program: "forker" });
    ref.run(555);
    expect(stateDigest(k)).toBe(stateDigest(ref));
    // Seek clamps to what it can reach and leaves the live kernel alone.
    expect(s.seek(5000).now).toBe(1000);
    expect(s.seek(-3).now).toBe(0);
    expect(s.kernel.now).toBe(1000);
  });

  it("the event ring keeps the most recent events, oldest first, filtered by tick", () => {
    const s = new Store(config, { eventCapacity: 16 });
    s.schedule([{ tick: 0, command: { type: "spawn", program: "forker" } }]);
    s.advance(3000);
    const all = s.recentEvents(100);
    expect(all).toHaveLength(16);
    for (let i = 1; i < all.length; i++)
      expect(all[i].tick).toBeGreaterThanOrEqual(all[i - 1].tick);
    expect(all[15].tick).toBeLessThan(3000);
    const upTo = all[8].tick;
    const older = s.recentEvents(5, upTo);
    expect(older.length).toBeLessThanOrEqual(5);
    for (const e of older) expect(e.tick).toBeLessThanOrEqual(upTo);
    expect(s.recentEvents(3)).toEqual(all.slice(13));
  });
});

describe("submit order", () => {
  it("commands submitted in one tick apply in the order they were submitted", () => {
    // Two quantum changes before the next step: the second must win (10 then 30 → 30).
    const s = new Store(config);
    s.submit({ type: "setQuantum", quantum: 10 });
    s.submit({ type: "setQuantum", quantum: 30 });
    s.advance(1);
    expect(s.kernel.quantum).toBe(30);
    expect(s.log.map((c) => (c.command.type === "setQuantum" ? c.command.quantum : 0))).toEqual([
      10, 30,
    ]);
  });

  it("a command submitted before scheduled later ones still applies now", () => {
    const s = new Store(config);
    s.schedule([{ tick: 5, command: { type: "setQuantum", quantum: 7 } }]);
    s.submit({ type: "setQuantum", quantum: 3 });
    s.advance(1);
    expect(s.kernel.quantum).toBe(3);
    s.advance(5);
    expect(s.kernel.quantum).toBe(7);
  });
});
