// The sub-block cache against the plain engine: with whole-line sub-blocks and demand fetch
// they are the same cache, so every figure and every byte sent down must agree.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AccessKind,
  Cache,
  type CacheConfig,
  CacheCounter,
} from "../../../src/sim/cpu/cache.js";
import { MainMemory } from "../../../src/sim/cpu/cacheMemory.js";
import { SubblockCache, SubblockCounter } from "../../../src/sim/cpu/cacheSubblock.js";
import { Rng } from "../../../src/sim/rng.js";
import { cacheConfigArb } from "./cacheArbs.js";

/** One reference: kind 0-3, or 4 copy-back / 5 invalidate of one line (6, 7: whole cache). */
const refArb = fc.record({
  op: fc.oneof(
    { weight: 20, arbitrary: fc.integer({ min: 0, max: 3 }) },
    { weight: 1, arbitrary: fc.integer({ min: 4, max: 7 }) },
  ),
  addr: fc.integer({ min: 0, max: 4095 }),
  size: fc.constantFrom(1, 2, 4, 8, 24),
});

function drive(cache: Cache | SubblockCache, refs: { op: number; addr: number; size: number }[]) {
  for (const r of refs) {
    if (r.op < 4) cache.access(r.addr, r.op as AccessKind, r.size);
    else if (r.op === 4 || r.op === 6) cache.copyBack(r.addr, r.op === 6);
    else cache.invalidate(r.addr, r.op === 7);
  }
  cache.copyBack(0, true);
}

const plainArb = cacheConfigArb(16, "c").filter((c) => c.replacement !== "random");

describe("SubblockCache with whole-line sub-blocks and demand fetch", () => {
  it("counts exactly what the plain cache counts", () => {
    fc.assert(
      fc.property(plainArb, fc.array(refArb, { maxLength: 300 }), (config: CacheConfig, refs) => {
        const plainMem = new MainMemory();
        const plain = new Cache(config, plainMem, new Rng(1));
        const subMem = new MainMemory();
        const sub = new SubblockCache(
          {
            ...config,
            subblockSize: config.lineSize,
            prefetch: "demand",
            prefetchDistance: 1,
            prefetchAbort: 0,
            writeAllocate: config.writeAllocate ? "always" : "never",
            writeBack: config.writePolicy === "write-back" ? "always" : "never",
            classify3C: config.classify3C === true,
          },
          subMem,
          null,
        );
        drive(plain, refs);
        drive(sub, refs);
        const p = plain.counters;
        const s = sub.counters;
        for (let k = 0; k < 4; k++) {
          expect(s[SubblockCounter.Fetches + k]).toBe(p[CacheCounter.Fetches + k]);
          expect(s[SubblockCounter.Misses + k]).toBe(p[CacheCounter.Misses + k]);
          if (config.classify3C) {
            expect(s[SubblockCounter.Compulsory + k]).toBe(p[CacheCounter.Compulsory + k]);
            expect(s[SubblockCounter.Capacity + k]).toBe(p[CacheCounter.Capacity + k]);
            expect(s[SubblockCounter.Conflict + k]).toBe(p[CacheCounter.Conflict + k]);
          }
          // No prefetch references at all.
          expect(s[SubblockCounter.Fetches + 4 + k]).toBe(0);
        }
        expect(s[SubblockCounter.BytesRead]).toBe(p[CacheCounter.BytesRead]);
        expect(s[SubblockCounter.BytesWritten]).toBe(p[CacheCounter.BytesWritten]);
        expect([...subMem.counters]).toEqual([...plainMem.counters]);
      }),
      { numRuns: 150 },
    );
  });

  it("with random replacement and prefetch aborts, repeats itself and conserves references", () => {
    fc.assert(
      fc.property(
        fc.array(refArb, { maxLength: 300 }),
        fc.integer({ min: 1, max: 99 }),
        (refs, abort) => {
          const make = () => {
            const mem = new MainMemory();
            const cache = new SubblockCache(
              {
                name: "r",
                size: 256,
                assoc: 4,
                lineSize: 16,
                subblockSize: 4,
                replacement: "random",
                prefetch: "always",
                prefetchDistance: 1,
                prefetchAbort: abort,
                writeAllocate: "always",
                writeBack: "always",
                classify3C: true,
              },
              mem,
              new Rng(7),
            );
            drive(cache, refs);
            return cache.counters;
          };
          const a = make();
          expect([...make()]).toEqual([...a]);
          // Every demand reference is counted once per block it touches.
          const demand = refs.filter((r) => r.op < 4).length;
          const S = SubblockCounter;
          const fetched = a[S.Fetches] + a[S.Fetches + 1] + a[S.Fetches + 2] + a[S.Fetches + 3];
          expect(fetched).toBe(demand + a[S.MultiBlock]);
          // Misses split into the three causes exactly.
          for (let k = 0; k < 8; k++) {
            expect(a[S.Compulsory + k] + a[S.Capacity + k] + a[S.Conflict + k]).toBe(
              a[S.Misses + k],
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("refuses more than 32 sub-blocks a line", () => {
    const config = {
      name: "c",
      size: 1024,
      assoc: 1,
      lineSize: 64,
      subblockSize: 1,
      replacement: "lru" as const,
      prefetch: "demand" as const,
      prefetchDistance: 1,
      prefetchAbort: 0,
      writeAllocate: "always" as const,
      writeBack: "always" as const,
      classify3C: false,
    };
    expect(() => new SubblockCache(config, new MainMemory(), null)).toThrow(/1 to 32 sub-blocks/);
  });
});
