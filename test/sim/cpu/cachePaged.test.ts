// The paged, copy-on-write cache against the flat-array engine it replaced: the same results
// reference by reference, and clones that never see each other's later writes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AccessKind, Cache, type CacheConfig } from "../../../src/sim/cpu/cache.js";
import { MainMemory } from "../../../src/sim/cpu/cacheMemory.js";
import { Rng } from "../../../src/sim/rng.js";
import { cacheConfigArb } from "./cacheArbs.js";
import { ReferenceCache } from "./referenceCache.js";

/**
 * Small caches (their 3C shadow fills up and evicts) and up to 2048 sets (with 256 ways a page,
 * caches of several pages).
 */
const config = fc.oneof(cacheConfigArb(8, "c"), cacheConfigArb(2048, "c"));

type Op =
  | { op: "access"; addr: number; kind: AccessKind; size: number }
  | { op: "invalidate" | "copyBack"; addr: number; whole: boolean };

/** Half the addresses in a hot 16 KiB (hits), half anywhere in 8 MiB (many sets and pages). */
const addr = fc.oneof(
  fc.integer({ min: 0, max: 4095 }).map((w) => w * 4),
  fc.integer({ min: 0, max: (1 << 21) - 1 }).map((w) => w * 4),
);
const ops: fc.Arbitrary<Op[]> = fc.array(
  fc.oneof(
    {
      weight: 30,
      arbitrary: fc.record({
        op: fc.constant("access" as const),
        addr,
        kind: fc.constantFrom(AccessKind.Read, AccessKind.Write, AccessKind.Fetch, AccessKind.Misc),
        size: fc.constantFrom(1, 4, 4, 4, 8, 100),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constantFrom("invalidate" as const, "copyBack" as const),
        addr,
        whole: fc.boolean(),
      }),
    },
  ),
  { maxLength: 400 },
);

type Engine = Cache | ReferenceCache;

function apply(c: Engine, o: Op): number {
  if (o.op === "access") return c.access(o.addr, o.kind, o.size);
  if (o.op === "invalidate") c.invalidate(o.addr, o.whole);
  else c.copyBack(o.addr, o.whole);
  return -1;
}

/** Everything observable: counters, lines held and dirty at the addresses used, memory traffic. */
function observe(c: Engine, mem: MainMemory, t: readonly Op[]) {
  return {
    counters: Array.from(c.counters),
    occupancy: c.occupancy(),
    held: t.map((o) => [c.contains(o.addr), c.isDirty(o.addr)]),
    mem: Array.from(mem.counters),
  };
}

function pair(c: CacheConfig, seed: number) {
  const paged = { mem: new MainMemory(), cache: null as unknown as Cache };
  paged.cache = new Cache(c, paged.mem, new Rng(seed));
  const ref = { mem: new MainMemory(), cache: null as unknown as ReferenceCache };
  ref.cache = new ReferenceCache(c, ref.mem, new Rng(seed));
  return { paged, ref };
}

describe("paged copy-on-write cache", () => {
  it("gives the flat-array engine's results, reference by reference", () => {
    fc.assert(
      fc.property(config, ops, fc.integer({ min: 0, max: 1000 }), (c, t, seed) => {
        const { paged, ref } = pair(c, seed);
        for (const o of t) expect(apply(paged.cache, o)).toBe(apply(ref.cache, o));
        expect(observe(paged.cache, paged.mem, t)).toEqual(observe(ref.cache, ref.mem, t));
      }),
      { numRuns: 300 },
    );
  });

  it("a clone and its original never see each other's later writes", () => {
    fc.assert(
      fc.property(
        config,
        ops,
        ops,
        ops,
        fc.integer({ min: 0, max: 1000 }),
        (c, prefix, mine, theirs, seed) => {
          // Two references replay the prefix: one follows the original, one the clone.
          const { paged, ref } = pair(c, seed);
          const other = pair(c, seed).ref;
          for (const o of prefix) {
            apply(paged.cache, o);
            apply(ref.cache, o);
            apply(other.cache, o);
          }
          const cloneMem = new MainMemory();
          cloneMem.counters.set(paged.mem.counters);
          const clone = paged.cache.clone(cloneMem);
          // Interleaved, so each one's writes fall between the other's reads.
          for (let i = 0; i < Math.max(mine.length, theirs.length); i++) {
            if (i < mine.length)
              expect(apply(paged.cache, mine[i])).toBe(apply(ref.cache, mine[i]));
            if (i < theirs.length)
              expect(apply(clone, theirs[i])).toBe(apply(other.cache, theirs[i]));
          }
          const all = [...prefix, ...mine, ...theirs];
          expect(observe(paged.cache, paged.mem, all)).toEqual(observe(ref.cache, ref.mem, all));
          expect(observe(clone, cloneMem, all)).toEqual(observe(other.cache, other.mem, all));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("a snapshot keeps its state while the cache and a restored copy both move on", () => {
    fc.assert(
      fc.property(config, ops, ops, fc.integer({ min: 0, max: 1000 }), (c, prefix, rest, seed) => {
        const { paged } = pair(c, seed);
        for (const o of prefix) apply(paged.cache, o);
        const snap = paged.cache.snapshot();
        const copies = snap.pages.map((p) => p.slice());
        const restored = new Cache(c, new MainMemory(), new Rng(seed));
        restored.restore(snap);
        for (const o of rest) {
          apply(paged.cache, o);
          apply(restored, o);
        }
        expect(snap.pages.map((p) => Array.from(p))).toEqual(copies.map((p) => Array.from(p)));
      }),
      { numRuns: 200 },
    );
  });

  it("a 1 GiB direct-mapped cache of 1-byte lines costs the pages it touches", () => {
    const c = new Cache(
      {
        name: "huge",
        size: 2 ** 30,
        assoc: 1,
        lineSize: 1,
        replacement: "lru",
        writePolicy: "write-back",
        writeAllocate: true,
        latency: 0,
        classify3C: true,
      },
      new MainMemory(),
    );
    const empty = c.stateBytes();
    // A pointer per page of 4,096 sets (2^18 pages at most).
    expect(empty).toBe(2 ** 18 * 8);
    const rng = new Rng(3);
    for (let i = 0; i < 200; i++) c.access(rng.below(2 ** 30), AccessKind.Read, 1);
    expect(c.occupancy()).toBe(200);
    expect(c.stateBytes() - empty).toBeLessThanOrEqual(200 * (2 * 4096 + 1) * 4);
  });
});
