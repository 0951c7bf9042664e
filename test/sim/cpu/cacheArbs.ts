// Arbitrary cache configurations for property tests of the caches.
import fc from "fast-check";
import type { CacheConfig } from "../../../src/sim/cpu/cache.js";

const pow2 = (min: number, max: number) =>
  fc.integer({ min: Math.log2(min), max: Math.log2(max) }).map((e) => 2 ** e);

/** Any geometry, policy and 3C setting with up to `maxSets` sets, named `name`. */
export function cacheConfigArb(maxSets: number, name: string): fc.Arbitrary<CacheConfig> {
  return fc
    .record({
      lineSize: pow2(4, 64),
      assoc: fc.integer({ min: 1, max: 8 }),
      sets: pow2(1, maxSets),
      replacement: fc.constantFrom("lru" as const, "fifo" as const, "random" as const),
      writePolicy: fc.constantFrom("write-back" as const, "write-through" as const),
      writeAllocate: fc.boolean(),
      classify3C: fc.boolean(),
    })
    .map(({ sets, ...c }) => {
      // Round up to a power of two so any associativity fits (Dinero-style set rounding).
      let size = 1;
      while (size < sets * c.assoc * c.lineSize) size *= 2;
      return { name, size, latency: 1, ...c };
    });
}
