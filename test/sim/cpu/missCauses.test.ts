// L1 misses by cause (3C) through the machine's hierarchy and per process, and AMAT as the mean access latency.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtinScenario } from "../../../src/scenario/builtins.js";
import { scenarioConfig, startScenario } from "../../../src/scenario/start.js";
import { AccessKind, type CacheConfig } from "../../../src/sim/cpu/cache.js";
import {
  amatOfReach,
  Hierarchy,
  type HierarchyConfig,
  reachOf,
} from "../../../src/sim/cpu/hierarchy.js";
import { sinceStart } from "../../../src/sim/view.js";

const { Read, Fetch } = AccessKind;

const level = (name: string, size: number, assoc: number, latency: number): CacheConfig => ({
  name,
  size,
  assoc,
  lineSize: 32,
  replacement: "lru",
  writePolicy: "write-back",
  writeAllocate: true,
  latency,
});

/** L1s of two direct-mapped 32-byte lines (2 sets), so a third block has to conflict. */
function tiny(): HierarchyConfig {
  return {
    cores: 1,
    l1i: level("L1I", 64, 1, 1),
    l1d: level("L1D", 64, 1, 1),
    l2: level("L2", 256, 2, 10),
    l3: level("L3", 512, 2, 30),
    ramLatency: 100,
  };
}

describe("3C at L1, by hand", () => {
  it("first touch compulsory; evicted by a same-set block while a 2-block cache would hold it: conflict; pushed out of that too: capacity", () => {
    const h = new Hierarchy(tiny());
    const classes: number[] = [];
    const go = (addr: number) => {
      h.access(0, addr, Read);
      classes.push(h.lastMiss3C);
    };
    go(0x000); // block 0, set 0: compulsory
    go(0x040); // block 2, set 0: compulsory; evicts block 0 (fully associative: {2, 0})
    go(0x000); // set 0 holds 2, but 2 blocks hold 0: conflict
    go(0x080); // block 4, set 0: compulsory (fully associative: {4, 0})
    go(0x0a0); // block 5, set 1: compulsory (fully associative: {5, 4}: 0 is out)
    go(0x000); // seen before, not even in 2 blocks: capacity
    go(0x004); // same line: a hit, no class
    expect(classes).toEqual([1, 1, 3, 1, 1, 2, 0]);
    const [l1i, l1d, l2] = h.levelStats();
    expect(l1d.miss3C).toEqual({ compulsory: 4, capacity: 1, conflict: 1 });
    expect(l1d.misses).toBe(6);
    expect(l1i.miss3C).toEqual({ compulsory: 0, capacity: 0, conflict: 0 });
    // Only the L1s classify (the L2 and L3 shadows would cost every snapshot their size).
    expect(l2.miss3C).toBeNull();
  });

  it("an L1 that replaces at random does not classify (its shadow would draw on the run's Rng)", () => {
    const c = tiny();
    const h = new Hierarchy({ ...c, l1d: { ...c.l1d, replacement: "random" } });
    h.access(0, 0, Read);
    expect(h.lastMiss3C).toBe(0);
    expect(h.levelStats()[1].miss3C).toBeNull();
  });
});

describe("AMAT", () => {
  it("is the mean latency of the demand accesses (machine formula and per-stream reach agree)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 63 }), fc.boolean()), {
          minLength: 1,
          maxLength: 200,
        }),
        (refs) => {
          const h = new Hierarchy(tiny());
          let total = 0;
          for (const [line, fetch] of refs) total += h.access(0, line * 32, fetch ? Fetch : Read);
          expect(h.amat()).toBeCloseTo(total / refs.length, 9);
          expect(amatOfReach(reachOf(h.demandSnapshot()), h.config)).toBe(h.amat());
        },
      ),
      { numRuns: 50 },
    );
  });

  it("by hand: 4 data accesses, 3 reached L2, 2 L3, 1 RAM: (4·1 + 3·10 + 2·30 + 100) / 4", () => {
    const r = { fetches: 0, data: 4, l2: 3, l3: 2, ram: 1 };
    expect(amatOfReach(r, tiny())).toBe(48.5);
    expect(amatOfReach({ fetches: 0, data: 0, l2: 0, l3: 0, ram: 0 }, tiny())).toBeNaN();
  });
});

describe("3C per process (locality scenario, first pass over each matrix)", () => {
  it("row-major: one compulsory miss per 64-byte line; column-major: a compulsory miss, then 7 conflict ones, per line", () => {
    const s = builtinScenario("locality")!;
    const store = startScenario(s, scenarioConfig(s));
    store.advance(300_000);
    const w = sinceStart(store.kernel);
    const pid = (name: string) =>
      [...store.kernel.procs.values()].find((p) => p.name === name)!.pid;
    // Each element is loaded then stored (the store hits the line the load brought in); a
    // load may still wait for its store at the end.
    const loads = (p: number) => Math.ceil(w.processLevel(p, "L1D").accesses / 2);

    const row = pid("row-scan");
    const rowLoads = loads(row);
    expect(rowLoads).toBeGreaterThan(1000);
    // 8 elements of 8 bytes to a line: every 8th load is the line's first touch.
    expect(w.processMisses(row, "L1D")).toEqual({
      compulsory: Math.ceil(rowLoads / 8),
      capacity: 0,
      conflict: 0,
    });

    const col = pid("col-scan");
    const colLoads = loads(col);
    expect(colLoads).toBeGreaterThan(2 * 2048);
    // A column's 256 lines (2 KiB apart) all fall in 2 of L1D's 64 sets (16 ways), though 512
    // lines would hold them: the next 7 columns, in the same lines, miss by conflict. Every
    // 8 columns (2,048 loads) start 256 new lines.
    const groups = Math.floor(colLoads / 2048);
    const compulsory = 256 * groups + Math.min(256, colLoads - 2048 * groups);
    expect(w.processMisses(col, "L1D")).toEqual({
      compulsory,
      capacity: 0,
      conflict: colLoads - compulsory,
    });
    // Every load misses; every store hits.
    expect(w.processLevel(col, "L1D").hits).toBe(w.processLevel(col, "L1D").accesses - colLoads);
  });
});
