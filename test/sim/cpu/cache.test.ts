// One cache level on hand-worked sequences: replacement, write policies, traffic, 3C, snapshots.
import { describe, expect, it } from "vitest";
import {
  AccessKind,
  Cache,
  type CacheConfig,
  type NextLevel,
  validateCacheConfig,
} from "../../../src/sim/cpu/cache.js";
import { MainMemory } from "../../../src/sim/cpu/cacheMemory.js";
import { Rng } from "../../../src/sim/rng.js";

const { Read, Write, Fetch } = AccessKind;

function cfg(over: Partial<CacheConfig> = {}): CacheConfig {
  return {
    name: "t",
    size: 32,
    assoc: 2,
    lineSize: 16,
    replacement: "lru",
    writePolicy: "write-back",
    writeAllocate: true,
    latency: 1,
    ...over,
  };
}

/** A next level that records what reaches it. */
class Recorder implements NextLevel {
  log: string[] = [];
  access(addr: number, kind: AccessKind, size: number): number {
    this.log.push(`${["R", "W", "I", "M"][kind]} ${addr.toString(16)}/${size}`);
    return 0;
  }
  copyBack(addr: number, whole: boolean): void {
    this.log.push(whole ? "copyback all" : `copyback ${addr.toString(16)}`);
  }
  invalidate(addr: number, whole: boolean): void {
    this.log.push(whole ? "invalidate all" : `invalidate ${addr.toString(16)}`);
  }
}

/** Runs reads at the given addresses; returns "h"/"m" per access. */
function reads(c: Cache, addrs: number[]): string {
  return addrs.map((a) => (c.access(a, Read, 4) === 0 ? "h" : "m")).join("");
}

describe("replacement", () => {
  // One set of two 16-byte lines. A=0x00 B=0x10 C=0x20; sequence A B A C A.
  const seq = [0x00, 0x10, 0x00, 0x20, 0x00];

  it("LRU keeps the recently used A", () => {
    // A miss [A]; B miss [B A]; A hit [A B]; C miss evicts LRU B [C A]; A hit.
    const c = new Cache(cfg({ replacement: "lru" }), new MainMemory());
    expect(reads(c, seq)).toBe("mmhmh");
    expect(c.stats().misses.total).toBe(3);
  });

  it("FIFO evicts A, the oldest, although it was just used", () => {
    // A miss (A); B miss (A B); A hit, order unchanged; C miss evicts A (B C); A miss evicts B.
    const c = new Cache(cfg({ replacement: "fifo" }), new MainMemory());
    expect(reads(c, seq)).toBe("mmhmm");
    expect(c.stats().misses.total).toBe(4);
  });

  it("random replacement is reproducible from the seed", () => {
    const run = (seed: number) => {
      const c = new Cache(
        cfg({ size: 64, assoc: 4, replacement: "random" }),
        new MainMemory(),
        new Rng(seed),
      );
      const addrs = Array.from({ length: 200 }, (_, i) => ((i * 7919) % 13) * 16);
      return reads(c, addrs);
    };
    expect(run(5)).toBe(run(5));
    expect(run(5)).not.toBe(run(6));
  });
});

describe("write policies and traffic", () => {
  it("a dirty victim reaches the next level as a line write, after the fetch that evicted it", () => {
    // Direct-mapped, 2 sets of 16 B: 0x00 and 0x20 both map to set 0.
    const next = new Recorder();
    const c = new Cache(cfg({ assoc: 1 }), next);
    c.access(0x00, Write, 4); // miss: write-allocate fetches the line as a read; line now dirty
    c.access(0x20, Read, 4); // miss: fetch 0x20, then write back dirty 0x00 (Dinero's order)
    expect(next.log).toEqual(["R 0/16", "R 20/16", "W 0/16"]);
    const s = c.stats();
    expect(s.bytesRead).toBe(32); // two 16-byte fetches
    expect(s.bytesWritten).toBe(16); // one 16-byte write-back
    expect(s.evictions).toBe(1);
    expect(s.dirtyEvictions).toBe(1);
  });

  // W 0x0, W 0x4, W 0x8, R 0x0 — all in one 16-byte line.
  const writes = (c: Cache) => {
    c.access(0x0, Write, 4);
    c.access(0x4, Write, 4);
    c.access(0x8, Write, 4);
    c.access(0x0, Read, 4);
  };

  it("write-back: one fetch, the data goes down only when flushed", () => {
    const next = new Recorder();
    const c = new Cache(cfg(), next);
    writes(c);
    expect(next.log).toEqual(["R 0/16"]); // W0 misses and fetches; the rest hit
    expect(c.isDirty(0x0)).toBe(true);
    c.flush();
    expect(next.log).toEqual(["R 0/16", "W 0/16", "copyback all"]);
    expect(c.stats().bytesWritten).toBe(16);
  });

  it("write-through: every store goes down with its own size", () => {
    const next = new Recorder();
    const c = new Cache(cfg({ writePolicy: "write-through" }), next);
    writes(c);
    // W0 misses: line fetch first, then the write itself; W4 and W8 hit and write through.
    expect(next.log).toEqual(["R 0/16", "W 0/4", "W 4/4", "W 8/4"]);
    expect(c.stats().bytesRead).toBe(16);
    expect(c.stats().bytesWritten).toBe(12);
    expect(c.isDirty(0x0)).toBe(false);
  });

  it("write-through without write-allocate: stores never fill the cache", () => {
    const next = new Recorder();
    const c = new Cache(cfg({ writePolicy: "write-through", writeAllocate: false }), next);
    writes(c);
    // Three write misses go straight down; the read then misses and fetches.
    expect(next.log).toEqual(["W 0/4", "W 4/4", "W 8/4", "R 0/16"]);
    expect(c.stats().misses).toMatchObject({ write: 3, read: 1, total: 4 });
  });

  it("a write covering the whole line allocates without fetching", () => {
    const next = new Recorder();
    const c = new Cache(cfg({ lineSize: 4, size: 16 }), next);
    c.access(0x40, Write, 4);
    expect(next.log).toEqual([]);
    expect(c.isDirty(0x40)).toBe(true);
  });

  it("splits a reference that crosses a line, the remainder last", () => {
    const next = new Recorder();
    const c = new Cache(cfg(), next);
    c.access(0x0c, Read, 8); // bytes 0x0c..0x13: lines 0x00 and 0x10
    expect(next.log).toEqual(["R 0/16", "R 10/16"]);
    expect(c.stats().multiBlock).toBe(1);
    expect(c.stats().fetches.read).toBe(2);
  });

  it("instruction fetch misses go down as instruction fetches", () => {
    const next = new Recorder();
    const c = new Cache(cfg(), next);
    c.access(0x100, Fetch, 4);
    expect(next.log).toEqual(["I 100/16"]);
    expect(c.stats().misses.fetch).toBe(1);
  });

  it("copies back a whole cache in Dinero's order: last set first, LRU to MRU", () => {
    // 2 sets × 2 ways of 16 B. Dirty: 0x00 and 0x20 (set 0), 0x10 (set 1); then 0x00 is used.
    const next = new Recorder();
    const c = new Cache(cfg({ size: 64 }), next);
    c.access(0x00, Write, 4);
    c.access(0x20, Write, 4);
    c.access(0x10, Write, 4);
    c.access(0x00, Read, 4); // 0x00 becomes most recent in set 0
    next.log = [];
    c.flush();
    expect(next.log).toEqual(["W 10/16", "W 20/16", "W 0/16", "copyback all"]);
  });

  it("invalidation drops a line without writing it back and passes on", () => {
    const next = new Recorder();
    const c = new Cache(cfg(), next);
    c.access(0x0, Write, 4);
    c.invalidate(0x4, false);
    expect(c.contains(0x0)).toBe(false);
    expect(next.log).toEqual(["R 0/16", "invalidate 4"]);
  });
});

describe("3C classification", () => {
  it("direct-mapped ping-pong is conflict; 2-way removes it", () => {
    // 32 B, 16 B lines. A=0x00 and B=0x20 share set 0 when direct-mapped.
    // DM: A B A B A B all miss: A, B compulsory; the other four hit in a 2-block fully
    // associative LRU cache, so they are conflict misses. 2-way: only the first two miss.
    const seq = [0x00, 0x20, 0x00, 0x20, 0x00, 0x20];
    const dm = new Cache(cfg({ assoc: 1, classify3C: true }), new MainMemory());
    expect(reads(dm, seq)).toBe("mmmmmm");
    const s = dm.stats();
    expect([s.compulsory.total, s.capacity.total, s.conflict.total]).toEqual([2, 0, 4]);
    const twoWay = new Cache(cfg({ assoc: 2, classify3C: true }), new MainMemory());
    expect(reads(twoWay, seq)).toBe("mmhhhh");
    expect(twoWay.stats().conflict.total).toBe(0);
  });

  it("splits a crafted sequence into compulsory, capacity and conflict", () => {
    // Direct-mapped, 2 sets: A=0x00, B=0x20 (set 0), C=0x10, D=0x30 (set 1).
    // Sequence A B A C D B, fully associative shadow = 2-block LRU:
    //  A miss, shadow [A] miss, new        → compulsory
    //  B miss, shadow [B A] miss, new      → compulsory
    //  A miss (set 0 holds B), shadow hit  → conflict   [A B]
    //  C miss, shadow miss, new            → compulsory [C A]
    //  D miss, shadow miss, new            → compulsory [D C]
    //  B miss, shadow miss, seen before    → capacity
    // (Dinero IV gives 4/1/1 for this trace too.)
    const c = new Cache(cfg({ assoc: 1, classify3C: true }), new MainMemory());
    expect(reads(c, [0x00, 0x20, 0x00, 0x10, 0x30, 0x20])).toBe("mmmmmm");
    const s = c.stats();
    expect([s.compulsory.total, s.capacity.total, s.conflict.total]).toEqual([4, 1, 1]);
  });

  it("a write hit without write-allocate leaves the shadow alone", () => {
    // DM 2 sets, no write-allocate. A=0x00 (set 0), B=0x10, C=0x30 (set 1).
    //  R A, R B, R C: compulsory ×3; shadow [C B] (A evicted), set 1 holds C.
    //  W A: hits the cache (set 0) but misses the shadow, which must not allocate it.
    //  R B: misses (set 1 holds C); shadow [C B] still has B → conflict.
    const c = new Cache(
      cfg({ assoc: 1, writeAllocate: false, classify3C: true }),
      new MainMemory(),
    );
    reads(c, [0x00, 0x10, 0x30]);
    expect(c.access(0x00, Write, 4)).toBe(0);
    expect(reads(c, [0x10])).toBe("m");
    const s = c.stats();
    expect([s.compulsory.total, s.capacity.total, s.conflict.total]).toEqual([3, 0, 1]);
  });
});

describe("snapshots", () => {
  const trace = Array.from({ length: 400 }, (_, i) => ({
    addr: (((i * 2654435761) >>> 0) % 512) * 4,
    kind: (i % 5 === 0 ? Write : i % 7 === 0 ? Fetch : Read) as AccessKind,
  }));
  const make = () =>
    new Cache(
      cfg({ size: 256, assoc: 4, replacement: "random", classify3C: true }),
      new MainMemory(),
      new Rng(9),
    );

  it("restore brings back contents, counters and the random stream", () => {
    const c = make();
    for (const t of trace.slice(0, 200)) c.access(t.addr, t.kind, 4);
    const snap = c.snapshot();
    const rest = () => {
      for (const t of trace.slice(200)) c.access(t.addr, t.kind, 4);
      return c.stats();
    };
    const first = rest();
    c.restore(snap);
    expect(rest()).toEqual(first);
  });

  it("a clone is independent of the original", () => {
    const c = make();
    for (const t of trace.slice(0, 100)) c.access(t.addr, t.kind, 4);
    const before = c.stats();
    const copy = c.clone(new MainMemory());
    for (const t of trace.slice(100)) copy.access(t.addr, t.kind, 4);
    expect(c.stats()).toEqual(before);
    expect(copy.stats().fetches.total).toBe(400);
  });

  it("resetStats zeroes counters but keeps contents", () => {
    const c = new Cache(cfg(), new MainMemory());
    c.access(0x0, Read, 4);
    c.resetStats();
    expect(c.stats().fetches.total).toBe(0);
    expect(c.access(0x0, Read, 4)).toBe(0);
  });
});

describe("configuration", () => {
  it.each([
    [{ size: 48 }, /size must be a power of two/],
    [{ lineSize: 24 }, /line size must be a power of two/],
    [{ assoc: 0 }, /associativity must be a positive integer/],
    [{ size: 32, assoc: 4 }, /smaller than line size × associativity/],
    [{ latency: -1 }, /latency/],
  ])("rejects %o", (over, message) => {
    expect(() => validateCacheConfig(cfg(over))).toThrow(message);
    expect(() => new Cache(cfg(over), new MainMemory())).toThrow(Error);
  });

  it("needs an Rng for random replacement", () => {
    expect(() => new Cache(cfg({ replacement: "random" }), new MainMemory())).toThrow(
      /needs an Rng/,
    );
  });

  it("rounds the set count down for a non-power-of-two associativity, as Dinero does", () => {
    // 8 KiB, 3-way, 16 B lines: 8192 / 48 = 170 sets.
    expect(new Cache(cfg({ size: 8192, assoc: 3 }), new MainMemory()).numSets).toBe(170);
  });
});
