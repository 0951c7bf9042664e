// A hierarchy of the engine's caches wired and driven exactly as dineroIV drives its own.

import { AccessKind, Cache, CacheCounter, type NextLevel } from "../../sim/cpu/cache.js";
import { MainMemory } from "../../sim/cpu/cacheMemory.js";
import { Rng } from "../../sim/rng.js";
import type { LabLevel } from "./cacheArgs.js";
import type { DinSink } from "./cacheTrace.js";

/** One level's figures, in the shape `--json` prints. */
export interface LabLevelResult {
  name: string;
  fetches: { total: number; read: number; write: number; instrn: number };
  misses: { total: number; read: number; write: number; instrn: number };
  bytesFromMemory: number;
  bytesToMemory: number;
  compulsory: number;
  capacity: number;
  conflict: number;
}

/** Extra figures for the human table (misc column, 3C per kind). */
export interface LabLevelDetail {
  level: LabLevel;
  result: LabLevelResult;
  /** Per kind [read, write, instrn, misc] for fetches, misses, compulsory, capacity, conflict. */
  perKind: Record<"fetches" | "misses" | "compulsory" | "capacity" | "conflict", number[]>;
}

/** Fixed seed: random replacement is reproducible run to run (it cannot match dineroIV's). */
const RANDOM_SEED = 0x5eed;

/**
 * The caches wired like dineroIV's `initialize_caches`: each level feeds the next, memory at
 * the bottom; instruction fetches enter at the L1 I-cache (or the unified one), everything
 * else at the L1 D-cache; a level without a cache of that side passes straight down.
 */
export class DineroRun implements DinSink {
  readonly levels: readonly LabLevel[];
  readonly caches: readonly Cache[];
  readonly memory = new MainMemory();
  private readonly instr: NextLevel;
  private readonly data: NextLevel;

  constructor(levels: readonly LabLevel[]) {
    this.levels = levels;
    const rng = new Rng(RANDOM_SEED);
    const caches = new Map<LabLevel, Cache>();
    let instr: NextLevel = this.memory;
    let data: NextLevel = this.memory;
    const deepestFirst = [...levels].sort((a, b) => b.level - a.level);
    for (const l of deepestFirst) {
      const below = l.role === "i" ? instr : data;
      const cache = new Cache(l.config, below, rng);
      caches.set(l, cache);
      if (l.role !== "d") instr = cache;
      if (l.role !== "i") data = cache;
    }
    this.caches = levels.map((l) => caches.get(l)!);
    this.instr = instr;
    this.data = data;
  }

  /** One din record: address already modulo 2^32; dineroIV aligns it to a 4-byte word. */
  ref(label: number, addr: number): void {
    const a = (addr & ~3) >>> 0;
    switch (label) {
      case 0:
        this.data.access(a, AccessKind.Read, 4);
        break;
      case 1:
        this.data.access(a, AccessKind.Write, 4);
        break;
      case 2:
        this.instr.access(a, AccessKind.Fetch, 4);
        break;
      case 3:
        this.data.access(a, AccessKind.Misc, 4);
        break;
      case 4:
        this.data.copyBack(a, false);
        break;
      case 5:
        // dineroIV invalidates on the instruction side, then on the data side.
        this.instr.invalidate(a, false);
        this.data.invalidate(a, false);
        break;
    }
  }

  /** dineroIV's end of run: copy every dirty line back, down to memory, and count it. */
  finish(): void {
    this.data.copyBack(0, true);
  }

  details(): LabLevelDetail[] {
    return this.levels.map((level, i) => {
      const c = this.caches[i].counters;
      const four = (at: number): number[] => [c[at], c[at + 1], c[at + 2], c[at + 3]];
      const sum = (at: number): number => c[at] + c[at + 1] + c[at + 2] + c[at + 3];
      const F = CacheCounter.Fetches;
      const M = CacheCounter.Misses;
      return {
        level,
        result: {
          name: level.config.name,
          fetches: { total: sum(F), read: c[F], write: c[F + 1], instrn: c[F + 2] },
          misses: { total: sum(M), read: c[M], write: c[M + 1], instrn: c[M + 2] },
          bytesFromMemory: c[CacheCounter.BytesRead],
          bytesToMemory: c[CacheCounter.BytesWritten],
          compulsory: sum(CacheCounter.Compulsory),
          capacity: sum(CacheCounter.Capacity),
          conflict: sum(CacheCounter.Conflict),
        },
        perKind: {
          fetches: four(F),
          misses: four(M),
          compulsory: four(CacheCounter.Compulsory),
          capacity: four(CacheCounter.Capacity),
          conflict: four(CacheCounter.Conflict),
        },
      };
    });
  }
}
