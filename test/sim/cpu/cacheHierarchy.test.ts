// The machine's hierarchy: latency per serving level, sharing, write-backs, AMAT, snapshots.
import { describe, expect, it } from "vitest";
import { AccessKind, type CacheConfig } from "../../../src/sim/cpu/cache.js";
import {
  defaultHierarchyConfig,
  Hierarchy,
  type HierarchyConfig,
} from "../../../src/sim/cpu/hierarchy.js";
import { Rng } from "../../../src/sim/rng.js";

const { Read, Write, Fetch } = AccessKind;

const level = (name: string, size: number, latency: number): CacheConfig => ({
  name,
  size,
  assoc: 2,
  lineSize: 32,
  replacement: "lru",
  writePolicy: "write-back",
  writeAllocate: true,
  latency,
});

/**
 * A tiny machine whose sets are easy to follow with 32-byte lines:
 * L1 128 B 2-way (2 sets), L2 256 B 2-way (4 sets), L3 512 B 2-way (8 sets), RAM.
 * Latencies 1, 10, 30, 100: served by L1 1, L2 11, L3 41, RAM 141 cycles.
 */
function tiny(cores = 1, over: Partial<HierarchyConfig> = {}): HierarchyConfig {
  return {
    cores,
    l1i: level("L1I", 128, 1),
    l1d: level("L1D", 128, 1),
    l2: level("L2", 256, 10),
    l3: level("L3", 512, 30),
    ramLatency: 100,
    ...over,
  };
}

// Line addresses and their sets (L1 = bit 5, L2 = bits 5-6, L3 = bits 5-7):
const A = 0x000; // L1 0, L2 0, L3 0
const B = 0x040; // L1 0, L2 2, L3 2
const D = 0x0c0; // L1 0, L2 2, L3 6
const E = 0x080; // L1 0, L2 0, L3 4
const F = 0x180; // L1 0, L2 0, L3 4

/** The walk that reaches every level once: RAM, L1, RAM, RAM, L2, RAM, RAM, L3. */
function walk(h: Hierarchy): { latency: number; level: number }[] {
  const out: { latency: number; level: number }[] = [];
  const go = (addr: number) => out.push({ latency: h.access(0, addr, Read), level: h.lastLevel });
  go(A); // cold: RAM, 1+10+30+100 = 141
  go(A + 4); // same line: L1, 1
  go(B); // RAM; L1 set 0 = [B A]
  go(D); // RAM; L1 set 0 = [D B], A left L1 but stays in L2 set 0
  go(A); // L2 hit: 1+10 = 11
  go(E); // RAM; L2 set 0 = [E A]
  go(F); // RAM; L2 set 0 = [F E]: A left L2 too, but L3 set 0 still has it
  go(A); // L3 hit: 1+10+30 = 41
  return out;
}

describe("latency and lastLevel", () => {
  it("charges every level down to the one that served the access", () => {
    const h = new Hierarchy(tiny());
    expect(walk(h)).toEqual([
      { latency: 141, level: 3 },
      { latency: 1, level: 0 },
      { latency: 141, level: 3 },
      { latency: 141, level: 3 },
      { latency: 11, level: 1 },
      { latency: 141, level: 3 },
      { latency: 141, level: 3 },
      { latency: 41, level: 2 },
    ]);
    expect(h.demandCounts()).toEqual([1, 1, 1, 5]);
  });

  it("AMAT from per-level hit rates equals the mean latency", () => {
    // m1 = 7/8, m2 = 6/7, m3 = 5/6:
    // 1 + 7/8·(10 + 6/7·(30 + 5/6·100)) = 94.75 = (5·141 + 1 + 11 + 41) / 8.
    const h = new Hierarchy(tiny());
    const lat = walk(h).map((x) => x.latency);
    expect(h.amat()).toBeCloseTo(94.75, 10);
    expect(h.amat()).toBeCloseTo(lat.reduce((a, b) => a + b, 0) / lat.length, 10);
  });

  it("per-level totals for the dashboard", () => {
    // L1D sees all 8 (1 hit); L2 the 7 L1 misses (1 hit); L3 6 (1 hit); RAM 5 line reads.
    const h = new Hierarchy(tiny());
    walk(h);
    const s = h.levelStats();
    expect(s.map((l) => [l.name, l.accesses, l.hits, l.misses])).toEqual([
      ["L1I", 0, 0, 0],
      ["L1D", 8, 1, 7],
      ["L2", 7, 1, 6],
      ["L3", 6, 1, 5],
      ["RAM", 5, 5, 0],
    ]);
    expect(s[1].hitRate).toBeCloseTo(1 / 8, 10);
  });

  it("instruction fetches use the L1I and share the core's L2", () => {
    const h = new Hierarchy(tiny());
    h.access(0, A, Read); // RAM: now in L1D, L2, L3
    expect(h.access(0, A, Fetch)).toBe(11); // L1I miss, L2 hit
    expect(h.lastLevel).toBe(1);
  });

  it("L1 and L2 are per core, L3 is shared", () => {
    const h = new Hierarchy(tiny(2));
    expect(h.access(0, A, Read)).toBe(141);
    expect(h.access(1, A, Read)).toBe(41); // core 1: own L1 and L2 miss, shared L3 hits
    expect(h.lastLevel).toBe(2);
    expect(h.access(1, A, Read)).toBe(1);
  });
});

describe("writes", () => {
  it("a dirty L1 victim is written back to L2 as a write", () => {
    const h = new Hierarchy(tiny());
    h.access(0, A, Write); // write-allocate: fetched from RAM, dirty in L1D
    h.access(0, B, Read);
    h.access(0, D, Read); // evicts A from L1D: a 32-byte write into L2, which holds A
    const l2 = h.l2[0].stats();
    expect(l2.fetches.write).toBe(1);
    expect(l2.misses.write).toBe(0);
    expect(h.l2[0].isDirty(A)).toBe(true);
    expect(h.l1d[0].stats().dirtyEvictions).toBe(1);
  });

  it("write-through, no-write-allocate L1D is selectable per level", () => {
    const l1d: CacheConfig = {
      ...level("L1D", 128, 1),
      writePolicy: "write-through",
      writeAllocate: false,
    };
    const h = new Hierarchy(tiny(1, { l1d }));
    // The store misses L1 and goes to L2, which misses and allocates (fetching via L3 from RAM).
    expect(h.access(0, A, Write)).toBe(141);
    expect(h.l1d[0].contains(A)).toBe(false);
    expect(h.access(0, A, Read)).toBe(11); // L1 miss, L2 hit
    expect(h.l2[0].isDirty(A)).toBe(true);
  });

  it("flush writes every dirty line down to RAM", () => {
    const h = new Hierarchy(tiny());
    h.access(0, A, Write);
    h.flush();
    expect(h.ram.counters[1]).toBe(1); // one line write reached RAM
    expect(h.l1d[0].isDirty(A)).toBe(false);
  });
});

describe("snapshots", () => {
  const addrs = Array.from({ length: 300 }, (_, i) => ((i * 40503) % 64) * 32 + (i % 8) * 4);

  it("restore replays the same latencies; a clone runs on its own", () => {
    const cfg = tiny(2, { l2: { ...level("L2", 256, 10), replacement: "random" } });
    const h = new Hierarchy(cfg, new Rng(4));
    addrs.slice(0, 150).forEach((a, i) => {
      h.access(i % 2, a, i % 3 === 0 ? Write : Read);
    });
    const snap = h.snapshot();
    const copy = h.clone();
    const rest = (x: Hierarchy) =>
      addrs.slice(150).map((a, i) => [x.access(i % 2, a, Read), x.lastLevel]);
    const first = rest(h);
    const amat = h.amat();
    expect(rest(copy)).toEqual(first);
    h.restore(snap);
    expect(rest(h)).toEqual(first);
    expect(h.amat()).toBe(amat);
  });

  it("resetStats keeps the contents", () => {
    const h = new Hierarchy(tiny());
    h.access(0, A, Read);
    h.resetStats();
    expect(h.amat()).toBeNaN();
    expect(h.access(0, A, Read)).toBe(1);
    expect(h.levelStats()[1].accesses).toBe(1);
  });
});

describe("defaultHierarchyConfig", () => {
  it("is a 32K/32K/256K per-core machine with a shared L3 of 2 MiB per core", () => {
    const c = defaultHierarchyConfig(1);
    expect([c.l1i.size, c.l1d.size, c.l2.size, c.l3.size]).toEqual([32768, 32768, 262144, 2097152]);
    expect([c.l1d.latency, c.l2.latency, c.l3.latency, c.ramLatency]).toEqual([1, 10, 30, 100]);
    expect(defaultHierarchyConfig(2).l3.size).toBe(4 * 1024 * 1024);
    expect(defaultHierarchyConfig(3).l3.size).toBe(8 * 1024 * 1024);
    expect(() => defaultHierarchyConfig(0)).toThrow(/cores/);
  });

  it("a cold access costs 141 cycles and a warm one 1", () => {
    const h = new Hierarchy(defaultHierarchyConfig(4));
    expect(h.access(3, 0x4000_0000, Read)).toBe(141);
    expect(h.access(3, 0x4000_0010, Read)).toBe(1);
    expect(h.access(2, 0x4000_0000, Fetch)).toBe(41);
  });
});
