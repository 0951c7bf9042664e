// A hierarchy of the engine's caches wired and driven exactly as dineroIV drives its own.

import { AccessKind, Cache, CacheCounter, type NextLevel } from "../../sim/cpu/cache.js";
import { MainMemory } from "../../sim/cpu/cacheMemory.js";
import { SubblockCache, SubblockCounter } from "../../sim/cpu/cacheSubblock.js";
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
  /** Only for a prefetching cache. */
  prefetchFetches?: number;
  prefetchMisses?: number;
  /** Only for a cache with sub-blocks: misses of the whole block. */
  blockMisses?: number;
}

/** Figures per kind [read, write, instrn, misc]. */
export type PerKind = number[];

/** Extra figures for the human table (misc column, 3C per kind). */
export interface LabLevelDetail {
  level: LabLevel;
  result: LabLevelResult;
  /** Per kind [read, write, instrn, misc] for fetches, misses, compulsory, capacity, conflict. */
  perKind: Record<"fetches" | "misses" | "compulsory" | "capacity" | "conflict", PerKind>;
  /** The same for prefetch references, when the cache prefetches. */
  prefetch: Record<"fetches" | "misses" | "compulsory" | "capacity" | "conflict", PerKind> | null;
  /** Block misses and their 3C split, when the cache has sub-blocks. */
  block: Record<"misses" | "compulsory" | "capacity" | "conflict", PerKind> | null;
}

/** Counting options of dineroIV's main loop. */
export interface RunWindow {
  /** References read and dropped before the simulation starts. */
  skip?: number;
  /** Most references simulated (0: all). */
  max?: number;
  /** Copy back and invalidate every cache after every this many references (0: never). */
  flush?: number;
  /** Report after every this many references (0: never). */
  interval?: number;
  /** din records are word-aligned 4-byte references; extended din ones carry their own. */
  alignWords?: boolean;
}

/** Fixed seed: random choices are reproducible run to run (they cannot match dineroIV's). */
const RANDOM_SEED = 0x5eed;

/**
 * The caches wired like dineroIV's `initialize_caches`: each level feeds the next, memory at
 * the bottom; instruction fetches enter at the L1 I-cache (or the unified one), everything
 * else at the L1 D-cache; a level without a cache of that side passes straight down.
 */
export class DineroRun implements DinSink {
  readonly levels: readonly LabLevel[];
  readonly caches: readonly (Cache | SubblockCache)[];
  readonly memory = new MainMemory();
  /** References simulated (not skipped). */
  simulated = 0;
  /** References dropped by `skip` so far. */
  skipped = 0;
  /** Called after every `interval` references with the figures so far. */
  onInterval: ((simulated: number) => void) | null = null;
  private readonly instr: NextLevel;
  private readonly data: NextLevel;
  private readonly skip: number;
  private readonly max: number;
  private readonly flush: number;
  private readonly interval: number;
  private readonly alignWords: boolean;
  private flushLeft: number;
  private intervalLeft: number;

  constructor(levels: readonly LabLevel[], window: RunWindow = {}) {
    this.levels = levels;
    this.skip = window.skip ?? 0;
    this.max = window.max ?? 0;
    this.flush = window.flush ?? 0;
    this.interval = window.interval ?? 0;
    this.alignWords = window.alignWords ?? true;
    this.flushLeft = this.flush;
    this.intervalLeft = this.interval;
    const rng = new Rng(RANDOM_SEED);
    const caches = new Map<LabLevel, Cache | SubblockCache>();
    let instr: NextLevel = this.memory;
    let data: NextLevel = this.memory;
    const deepestFirst = [...levels].sort((a, b) => b.level - a.level);
    for (const l of deepestFirst) {
      const below = l.role === "i" ? instr : data;
      const cache =
        l.subblock === null
          ? new Cache(l.config, below, rng)
          : new SubblockCache(l.subblock, below, rng);
      caches.set(l, cache);
      if (l.role !== "d") instr = cache;
      if (l.role !== "i") data = cache;
    }
    this.caches = levels.map((l) => caches.get(l)!);
    this.instr = instr;
    this.data = data;
  }

  /** Whether `max` references have been simulated: the rest of the trace is not needed. */
  get full(): boolean {
    return this.max > 0 && this.simulated >= this.max;
  }

  /**
   * One trace record. din records (no size) are aligned to a 4-byte word as dineroIV does;
   * a copy-back or invalidate of size 0 (extended din only) applies to the whole cache.
   */
  ref(label: number, addr: number, size = 4): void {
    if (this.skipped < this.skip) {
      this.skipped++;
      return;
    }
    if (this.full) return;
    const a = this.alignWords ? (addr & ~3) >>> 0 : addr >>> 0;
    switch (label) {
      case 0:
        this.data.access(a, AccessKind.Read, size);
        break;
      case 1:
        this.data.access(a, AccessKind.Write, size);
        break;
      case 2:
        this.instr.access(a, AccessKind.Fetch, size);
        break;
      case 3:
        this.data.access(a, AccessKind.Misc, size);
        break;
      case 4:
        this.data.copyBack(a, size === 0);
        break;
      case 5:
        // dineroIV invalidates on the instruction side, then on the data side.
        this.instr.invalidate(a, size === 0);
        this.data.invalidate(a, size === 0);
        break;
    }
    this.simulated++;
    if (this.interval > 0 && --this.intervalLeft <= 0) {
      this.onInterval?.(this.simulated);
      this.intervalLeft = this.interval;
    }
    if (this.flush > 0 && --this.flushLeft <= 0) {
      // dineroIV's flush: copy back the data side, then invalidate both sides.
      this.data.copyBack(0, true);
      this.instr.invalidate(0, true);
      if (this.instr !== this.data) this.data.invalidate(0, true);
      this.flushLeft = this.flush;
    }
  }

  /** dineroIV's end of run: copy every dirty line back, down to memory, and count it. */
  finish(): void {
    this.data.copyBack(0, true);
  }

  details(): LabLevelDetail[] {
    return this.levels.map((level, i) => {
      const cache = this.caches[i];
      return cache instanceof Cache ? plainDetail(level, cache) : subblockDetail(level, cache);
    });
  }
}

const sum = (k: PerKind): number => k[0] + k[1] + k[2] + k[3];

function result(
  name: string,
  k: LabLevelDetail["perKind"],
  bytesRead: number,
  bytesWritten: number,
): LabLevelResult {
  const f = k.fetches;
  const m = k.misses;
  return {
    name,
    fetches: { total: sum(f), read: f[0], write: f[1], instrn: f[2] },
    misses: { total: sum(m), read: m[0], write: m[1], instrn: m[2] },
    bytesFromMemory: bytesRead,
    bytesToMemory: bytesWritten,
    compulsory: sum(k.compulsory),
    capacity: sum(k.capacity),
    conflict: sum(k.conflict),
  };
}

function plainDetail(level: LabLevel, cache: Cache): LabLevelDetail {
  const c = cache.counters;
  const four = (at: number): PerKind => [c[at], c[at + 1], c[at + 2], c[at + 3]];
  const perKind = {
    fetches: four(CacheCounter.Fetches),
    misses: four(CacheCounter.Misses),
    compulsory: four(CacheCounter.Compulsory),
    capacity: four(CacheCounter.Capacity),
    conflict: four(CacheCounter.Conflict),
  };
  return {
    level,
    result: result(
      level.config.name,
      perKind,
      c[CacheCounter.BytesRead],
      c[CacheCounter.BytesWritten],
    ),
    perKind,
    prefetch: null,
    block: null,
  };
}

function subblockDetail(level: LabLevel, cache: SubblockCache): LabLevelDetail {
  const c = cache.counters;
  const S = SubblockCounter;
  const four = (at: number): PerKind => [c[at], c[at + 1], c[at + 2], c[at + 3]];
  const perKind = {
    fetches: four(S.Fetches),
    misses: four(S.Misses),
    compulsory: four(S.Compulsory),
    capacity: four(S.Capacity),
    conflict: four(S.Conflict),
  };
  const prefetching = level.subblock?.prefetch !== "demand";
  const prefetch = prefetching
    ? {
        fetches: four(S.Fetches + 4),
        misses: four(S.Misses + 4),
        compulsory: four(S.Compulsory + 4),
        capacity: four(S.Capacity + 4),
        conflict: four(S.Conflict + 4),
      }
    : null;
  const sectored = level.subblock !== null && level.subblock.subblockSize !== level.config.lineSize;
  const block = sectored
    ? {
        misses: four(S.BlockMisses),
        compulsory: four(S.CompulsoryBlock),
        capacity: four(S.CapacityBlock),
        conflict: four(S.ConflictBlock),
      }
    : null;
  const r = result(level.config.name, perKind, c[S.BytesRead], c[S.BytesWritten]);
  if (prefetch !== null) {
    r.prefetchFetches = sum(prefetch.fetches);
    r.prefetchMisses = sum(prefetch.misses);
  }
  if (block !== null) r.blockMisses = sum(block.misses);
  return { level, result: r, perKind, prefetch, block };
}
