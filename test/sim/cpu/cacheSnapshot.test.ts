// Snapshots: restore(snapshot()) must give back exactly the same cache, and a snapshot shares
// its pages with the cache, which copies only the pages it writes afterwards.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AccessKind,
  Cache,
  type CacheConfig,
  type CacheSnapshot,
} from "../../../src/sim/cpu/cache.js";
import { MainMemory } from "../../../src/sim/cpu/cacheMemory.js";
import { defaultHierarchyConfig, Hierarchy } from "../../../src/sim/cpu/hierarchy.js";
import { Rng } from "../../../src/sim/rng.js";
import { cacheConfigArb } from "./cacheArbs.js";

const config = cacheConfigArb(64, "s");

type Op =
  | { op: "access"; addr: number; kind: AccessKind; size: number }
  | { op: "invalidate" | "copyBack"; addr: number; whole: boolean };

/** Mostly accesses (some crossing lines), with the odd invalidation and copy-back. */
const ops: fc.Arbitrary<Op[]> = fc.array(
  fc.oneof(
    {
      weight: 20,
      arbitrary: fc.record({
        op: fc.constant("access" as const),
        addr: fc.integer({ min: 0, max: 4095 }).map((w) => w * 4),
        kind: fc.constantFrom(AccessKind.Read, AccessKind.Write, AccessKind.Fetch, AccessKind.Misc),
        size: fc.constantFrom(1, 4, 4, 4, 8, 100),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constantFrom("invalidate" as const, "copyBack" as const),
        addr: fc.integer({ min: 0, max: 4095 }).map((w) => w * 4),
        whole: fc.boolean(),
      }),
    },
  ),
  { maxLength: 400 },
);

function apply(c: Cache, t: Op[]): number[] {
  return t.map((o) => {
    if (o.op === "access") return c.access(o.addr, o.kind, o.size);
    if (o.op === "invalidate") c.invalidate(o.addr, o.whole);
    else c.copyBack(o.addr, o.whole);
    return -1;
  });
}

/** Everything observable about a cache after a run, plus what reached memory. */
function observe(c: Cache, mem: MainMemory) {
  const probe = Array.from({ length: 256 }, (_, i) => i * 64);
  return {
    counters: Array.from(c.counters),
    stats: c.stats(),
    occupancy: c.occupancy(),
    contains: probe.map((a) => c.contains(a)),
    dirty: probe.map((a) => c.isDirty(a)),
    mem: Array.from(mem.counters),
  };
}

/** A snapshot's contents without the pages' owner stamps (which differ between equal caches). */
function contents(s: CacheSnapshot) {
  return {
    ...s,
    pages: s.pages.map((p) => Array.from(p.subarray(0, p.length - 1))),
  };
}

describe("cache snapshots", () => {
  it("a cache restored from a snapshot continues exactly like the original", () => {
    fc.assert(
      fc.property(config, ops, ops, fc.integer({ min: 0, max: 1000 }), (c, first, second, seed) => {
        const memA = new MainMemory();
        const a = new Cache(c, memA, new Rng(seed));
        apply(a, first);
        const snap = a.snapshot();
        const memCounters = Array.from(memA.counters);

        // A fresh cache restored from the snapshot (stays compact until used).
        const memB = new MainMemory();
        memB.counters.set(memCounters);
        const b = new Cache(c, memB, new Rng(seed + 7));
        b.restore(snap);
        // Its own snapshot, taken before it ran, restores the same state again.
        const memC = new MainMemory();
        memC.counters.set(memCounters);
        const cc = new Cache(c, memC, new Rng(seed + 8));
        cc.restore(b.snapshot());
        // A cache that already ran something else, restored in place.
        const memD = new MainMemory();
        const d = new Cache(c, memD, new Rng(seed + 9));
        apply(d, second);
        d.restore(snap);
        memD.counters.set(memCounters);
        // clone() too.
        const memE = new MainMemory();
        memE.counters.set(memCounters);
        const e = a.clone(memE);

        const want = apply(a, second);
        const seen = observe(a, memA);
        const wantSnap = a.snapshot();
        for (const [x, mem] of [
          [b, memB],
          [cc, memC],
          [d, memD],
          [e, memE],
        ] as const) {
          expect(apply(x, second)).toEqual(want);
          expect(observe(x, mem)).toEqual(seen);
          expect(contents(x.snapshot())).toEqual(contents(wantSnap));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("a restored hierarchy gives the same levels, latencies and level stats", () => {
    const cfg = defaultHierarchyConfig(2);
    const small = (l: CacheConfig, size: number): CacheConfig => ({ ...l, size });
    const tinyCfg = {
      ...cfg,
      l1i: small(cfg.l1i, 1024),
      l1d: small(cfg.l1d, 1024),
      l2: { ...small(cfg.l2, 4096), replacement: "random" as const },
      l3: small(cfg.l3, 16384),
    };
    const access = fc.record({
      core: fc.integer({ min: 0, max: 1 }),
      addr: fc.integer({ min: 0, max: 1 << 16 }),
      kind: fc.constantFrom(AccessKind.Read, AccessKind.Write, AccessKind.Fetch),
    });
    fc.assert(
      fc.property(
        fc.array(access, { maxLength: 500 }),
        fc.array(access, { maxLength: 500 }),
        (p, q) => {
          const h = new Hierarchy(tinyCfg, new Rng(11));
          for (const x of p) h.access(x.core, x.addr, x.kind);
          const snap = h.snapshot();
          const copy = h.clone();
          const restored = new Hierarchy(tinyCfg, new Rng(99));
          restored.restore(snap);
          const go = (x: Hierarchy) =>
            q.map((a) => [x.access(a.core, a.addr, a.kind), x.lastLevel]);
          const want = go(h);
          for (const x of [copy, restored]) {
            expect(go(x)).toEqual(want);
            expect(x.levelStats()).toEqual(h.levelStats());
            expect(x.demandCounts()).toEqual(h.demandCounts());
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it("a large cache costs the pages touched, and a snapshot shares them until written", () => {
    const l3 = defaultHierarchyConfig(2).l3; // 4 MiB, 16 ways, 64 B lines: 4096 sets
    const c = new Cache(l3, new MainMemory(), new Rng(1));
    const pointers = c.stateBytes();
    // Nothing but a pointer per page: 8 sets (128 ways) a page.
    expect(pointers).toBe((4096 / 8) * 8);
    // 100 lines in 100 consecutive sets, some written: 13 pages of 8 sets.
    for (let i = 0; i < 100; i++)
      c.access(i * 64, i % 3 === 0 ? AccessKind.Write : AccessKind.Read);
    // Per way its tag and meta, and the page's owner.
    const pageBytes = (2 * 128 + 1) * 4;
    expect(c.stateBytes()).toBe(pointers + 13 * pageBytes);
    expect(c.occupancy()).toBe(100);
    const snap = c.snapshot();
    // A clone shares every page with the original and the snapshot.
    const copy = c.clone(new MainMemory());
    const copySnap = copy.snapshot();
    expect(copySnap.pages.every((p, i) => p === snap.pages[i])).toBe(true);
    expect(copy.occupancy()).toBe(100);
    expect(copy.isDirty(0)).toBe(true);
    expect(copy.isDirty(64)).toBe(false);
    // Writing one line in the clone copies one page; the original and the snapshot keep theirs.
    copy.access(64, AccessKind.Write);
    expect(copy.isDirty(64)).toBe(true);
    expect(c.isDirty(64)).toBe(false);
    const after = copy.snapshot();
    expect(after.pages.filter((p, i) => p !== snap.pages[i]).length).toBe(1);
    // The original writing the same line copies its own page: the clone's stays as it was.
    c.access(64 * 4096 + 64, AccessKind.Read); // evicts nothing (16 ways), but moves the stack
    expect(c.contains(64 * 4096 + 64)).toBe(true);
    expect(copy.contains(64 * 4096 + 64)).toBe(false);
    // Restoring a pristine snapshot over a used cache empties it entirely.
    const fresh = new Cache(l3, new MainMemory(), new Rng(1)).snapshot();
    c.restore(fresh);
    expect(c.occupancy()).toBe(0);
    expect(c.stateBytes()).toBe(pointers);
    expect(contents(c.snapshot())).toEqual(contents(fresh));
  });

  it("refuses a snapshot of another geometry", () => {
    const base: CacheConfig = {
      name: "g",
      size: 1024,
      assoc: 2,
      lineSize: 16,
      replacement: "lru",
      writePolicy: "write-back",
      writeAllocate: true,
      latency: 1,
    };
    const a = new Cache(base, new MainMemory());
    a.access(0, AccessKind.Read);
    expect(() => new Cache({ ...base, assoc: 4 }, new MainMemory()).restore(a.snapshot())).toThrow(
      /another geometry/,
    );
    expect(() =>
      new Cache({ ...base, size: 2048 }, new MainMemory()).restore(a.snapshot()),
    ).toThrow(/another geometry/);
    expect(() =>
      new Cache({ ...base, classify3C: true }, new MainMemory()).restore(a.snapshot()),
    ).toThrow(/another geometry/);
  });
});
