// Properties of any cache on any trace: counters add up, and runs are reproducible.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AccessKind, Cache, type CacheConfig, type NextLevel } from "../../../src/sim/cpu/cache.js";
import { MainMemory } from "../../../src/sim/cpu/cacheMemory.js";
import { Rng } from "../../../src/sim/rng.js";
import { cacheConfigArb } from "./cacheArbs.js";

const config = cacheConfigArb(16, "p");

/** Word-aligned addresses in a small range so lines are reused and evicted. */
const trace = fc.array(
  fc.record({
    addr: fc.integer({ min: 0, max: 1023 }).map((w) => w * 4),
    kind: fc.constantFrom(AccessKind.Read, AccessKind.Write, AccessKind.Fetch, AccessKind.Misc),
  }),
  { maxLength: 300 },
);

function run(c: CacheConfig, t: { addr: number; kind: AccessKind }[], seed: number) {
  const mem = new MainMemory();
  const l2 = new Cache({ ...c, name: "l2", size: c.size * 4 }, mem, new Rng(seed + 1));
  // Counts what actually arrives at L2.
  const tap: NextLevel & { requests: number; bytes: number } = {
    requests: 0,
    bytes: 0,
    access(addr, kind, size) {
      this.requests++;
      this.bytes += size;
      return l2.access(addr, kind, size);
    },
    copyBack: (addr, whole) => l2.copyBack(addr, whole),
    invalidate: (addr, whole) => l2.invalidate(addr, whole),
  };
  const l1 = new Cache(c, tap, new Rng(seed));
  const depths = t.map(({ addr, kind }) => l1.access(addr, kind, 4));
  l1.flush();
  return { l1, l2, tap, mem, depths };
}

describe("cache properties", () => {
  it("hits + misses = fetches, the 3C split adds up, and traffic matches the next level", () => {
    fc.assert(
      fc.property(config, trace, fc.integer({ min: 0, max: 1000 }), (c, t, seed) => {
        const { l1, l2, tap, mem, depths } = run(c, t, seed);
        for (const cache of [l1, l2]) {
          const s = cache.stats();
          expect(s.hits + s.misses.total).toBe(s.fetches.total);
          expect(s.hits).toBeGreaterThanOrEqual(0);
          if (c.classify3C) {
            for (const k of ["read", "write", "fetch", "misc"] as const) {
              expect(s.compulsory[k] + s.capacity[k] + s.conflict[k]).toBe(s.misses[k]);
            }
          }
        }
        // Every access reaches L1; what L1 sends down is exactly what L2 receives.
        const s1 = l1.stats();
        const s2 = l2.stats();
        expect(s1.fetches.total).toBe(t.length);
        expect(tap.bytes).toBe(s1.bytesRead + s1.bytesWritten);
        expect(tap.requests).toBe(s2.fetches.total);
        expect(mem.counters[2]).toBe(s2.bytesRead);
        expect(mem.counters[3]).toBe(s2.bytesWritten);
        // Depth 0 (served by L1), 1 (L2) or 2 (memory); for loads it is 0 exactly on a hit.
        expect(depths.every((d) => d >= 0 && d <= 2)).toBe(true);
        const loadHits = t.filter((x, i) => x.kind !== AccessKind.Write && depths[i] === 0).length;
        expect(loadHits).toBe(
          s1.fetches.total - s1.fetches.write - (s1.misses.total - s1.misses.write),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("the same seed and trace give identical counters", () => {
    fc.assert(
      fc.property(config, trace, fc.integer({ min: 0, max: 1000 }), (c, t, seed) => {
        const a = run(c, t, seed);
        const b = run(c, t, seed);
        expect(Array.from(a.l1.counters)).toEqual(Array.from(b.l1.counters));
        expect(Array.from(a.l2.counters)).toEqual(Array.from(b.l2.counters));
        expect(Array.from(a.mem.counters)).toEqual(Array.from(b.mem.counters));
        expect(a.depths).toEqual(b.depths);
      }),
      { numRuns: 100 },
    );
  });

  it("snapshot then restore replays the continuation exactly", () => {
    fc.assert(
      fc.property(config, trace, trace, (c, first, second) => {
        const l1 = new Cache(c, new MainMemory(), new Rng(3));
        for (const { addr, kind } of first) l1.access(addr, kind, 4);
        const snap = l1.snapshot();
        const go = () => second.map(({ addr, kind }) => l1.access(addr, kind, 4));
        const once = go();
        const countersOnce = Array.from(l1.counters);
        l1.restore(snap);
        expect(go()).toEqual(once);
        expect(Array.from(l1.counters)).toEqual(countersOnce);
      }),
      { numRuns: 100 },
    );
  });
});
