// The machine's memory hierarchy: per-core L1I, L1D and L2, a shared L3, then RAM.
import { Rng } from "../rng.js";
import { AccessKind, Cache, type CacheConfig, type CacheSnapshot } from "./cache.js";
import { MainMemory } from "./cacheMemory.js";

export interface HierarchyConfig {
  cores: number;
  l1i: CacheConfig;
  l1d: CacheConfig;
  l2: CacheConfig;
  l3: CacheConfig;
  /** Cycles for RAM to deliver a line once the L3 has missed. */
  ramLatency: number;
}

/** Where a demand access was served: the value of {@link Hierarchy.lastLevel}. */
export const Level = { L1: 0, L2: 1, L3: 2, RAM: 3 } as const;
export type Level = (typeof Level)[keyof typeof Level];

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * A small, realistic desktop-like machine. Latencies are kept as round teaching numbers
 * (L1 1, L2 10, L3 30, RAM 100 cycles) rather than a specific CPU's, so AMAT is easy to
 * check by hand. The shared L3 grows with the core count: 2 MiB per core, rounded up to a
 * power of two. All levels: 64 B lines, LRU, write-back + write-allocate.
 */
export function defaultHierarchyConfig(cores: number): HierarchyConfig {
  if (!Number.isInteger(cores) || cores < 1) {
    throw new Error(`hierarchy: cores must be a positive integer, got ${cores}`);
  }
  let l3Size = 2 * MiB;
  while (l3Size < cores * 2 * MiB) l3Size *= 2;
  const level = (name: string, size: number, assoc: number, latency: number): CacheConfig => ({
    name,
    size,
    assoc,
    lineSize: 64,
    replacement: "lru",
    writePolicy: "write-back",
    writeAllocate: true,
    latency,
  });
  return {
    cores,
    l1i: level("L1I", 32 * KiB, 8, 1),
    l1d: level("L1D", 32 * KiB, 8, 1),
    l2: level("L2", 256 * KiB, 8, 10),
    l3: level("L3", l3Size, 16, 30),
    ramLatency: 100,
  };
}

/** Misses split by cause (the 3C): first reference ever, too small a cache, too few ways. */
export interface MissSplit {
  compulsory: number;
  capacity: number;
  conflict: number;
}

/**
 * A stream of demand accesses by how far down they reached: `fetches` and `data` start at L1I
 * and L1D, `l2` of them went on to L2, `l3` on to L3, `ram` to RAM. What AMAT is worked from.
 */
export interface DemandReach {
  fetches: number;
  data: number;
  l2: number;
  l3: number;
  ram: number;
}

/**
 * Average memory access time of a stream of demand accesses, in cycles:
 * AMAT = t1 + m1·(t2 + m2·(t3 + m3·tRAM)) with m_i the local miss rate at level i, which is
 * the mean over the accesses of the latency of every level each one reached (t1 being L1I's
 * or L1D's). NaN when there were none.
 */
export function amatOfReach(r: DemandReach, c: HierarchyConfig): number {
  const n = r.fetches + r.data;
  if (n === 0) return Number.NaN;
  const total =
    r.fetches * c.l1i.latency +
    r.data * c.l1d.latency +
    r.l2 * c.l2.latency +
    r.l3 * c.l3.latency +
    r.ram * c.ramLatency;
  return total / n;
}

/**
 * Most cache lines a machine may have in all (L1I, L1D and L2 per core, and the L3): the
 * state costs what the simulation touches, but every snapshot of the machine keeps a pointer
 * per 256 lines. 2^25 lines: a 1 GiB L3 of 64-byte lines beside 64 cores' default L1s and L2s.
 */
export const MAX_MACHINE_CACHE_LINES = 2 ** 25;

/** Cache lines of the whole machine. */
export function hierarchyLines(h: HierarchyConfig): number {
  const lines = (c: CacheConfig) => Math.floor(c.size / c.lineSize);
  return h.cores * (lines(h.l1i) + lines(h.l1d) + lines(h.l2)) + lines(h.l3);
}

/** Why a machine's caches are over the limit, or null. */
export function hierarchyLimitProblem(h: HierarchyConfig): string | null {
  const n = hierarchyLines(h);
  if (n <= MAX_MACHINE_CACHE_LINES) return null;
  return `the caches hold ${n} lines in all (L1I, L1D and L2 per core, and L3): at most ${MAX_MACHINE_CACHE_LINES} (2^25; a 1 GiB L3 of 64-byte lines is 16777216)`;
}

/** Aggregate counters of one level over all cores, for the dashboard. */
export interface LevelStats {
  name: "L1I" | "L1D" | "L2" | "L3" | "RAM";
  /** References arriving at the level (demand and, below L1, write-backs). */
  accesses: number;
  hits: number;
  misses: number;
  /** hits / accesses, 0 when idle (RAM always hits). */
  hitRate: number;
  latency: number;
  /** The misses by cause, where the level classifies them (the L1s); else null. */
  miss3C: MissSplit | null;
}

export interface HierarchySnapshot {
  caches: CacheSnapshot[];
  ram: Float64Array;
  demand: Float64Array;
  lastLevel: Level;
  rngState: number;
}

/** Demand counters (as {@link Hierarchy.demandSnapshot} gives them) as how far the accesses reached. */
export function reachOf(d: Float64Array): DemandReach {
  const fetches = d[0] + d[1] + d[2] + d[3];
  const data = d[4] + d[5] + d[6] + d[7];
  const l2 = fetches - d[0] + data - d[4];
  const l3 = l2 - d[1] - d[5];
  return { fetches, data, l2, l3, ram: l3 - d[2] - d[6] };
}

/**
 * An L1's configuration on core `core`: it splits its misses by cause (3C) unless told not to
 * or it replaces at random (the shadow would draw on the machine's Rng and change the run).
 */
function withClasses(c: CacheConfig, core: number): CacheConfig {
  return {
    ...c,
    name: `${c.name}#${core}`,
    classify3C: c.classify3C ?? c.replacement !== "random",
  };
}

/** Bytes a CPU access touches: the model is word-granular, like Dinero's din traces. */
const WORD = 4;

export class Hierarchy {
  readonly config: HierarchyConfig;
  readonly l1i: readonly Cache[];
  readonly l1d: readonly Cache[];
  readonly l2: readonly Cache[];
  readonly l3: Cache;
  readonly ram: MainMemory;
  /** Level that served the most recent {@link access}: 0 L1, 1 L2, 2 L3, 3 RAM. */
  lastLevel: Level = 0;
  /** 3C class of the most recent access's L1 miss (Cache.lastMiss3C), 0 for an L1 hit. */
  lastMiss3C = 0;

  private readonly rng: Rng;
  /** Cumulative latency to be served at L1/L2/L3/RAM, for instruction and data accesses. */
  private readonly latI: Float64Array;
  private readonly latD: Float64Array;
  /** Demand accesses by serving level: [0..3] instruction side, [4..7] data side. */
  private readonly demand = new Float64Array(8);

  /** `rng` drives random replacement, if any level uses it. */
  constructor(config: HierarchyConfig, rng: Rng = new Rng(0)) {
    if (!Number.isInteger(config.cores) || config.cores < 1) {
      throw new Error(`hierarchy: cores must be a positive integer, got ${config.cores}`);
    }
    if (!Number.isFinite(config.ramLatency) || config.ramLatency < 0) {
      throw new Error(`hierarchy: RAM latency must be a non-negative number`);
    }
    this.config = config;
    this.rng = rng;
    this.ram = new MainMemory();
    this.l3 = new Cache(config.l3, this.ram, rng);
    const l2: Cache[] = [];
    const l1i: Cache[] = [];
    const l1d: Cache[] = [];
    for (let core = 0; core < config.cores; core++) {
      const own = new Cache({ ...config.l2, name: `${config.l2.name}#${core}` }, this.l3, rng);
      l2.push(own);
      l1i.push(new Cache(withClasses(config.l1i, core), own, rng));
      l1d.push(new Cache(withClasses(config.l1d, core), own, rng));
    }
    this.l2 = l2;
    this.l1i = l1i;
    this.l1d = l1d;
    const below = [config.l2.latency, config.l3.latency, config.ramLatency];
    const cumulative = (first: number): Float64Array => {
      const t = new Float64Array(4);
      t[0] = first;
      for (let i = 1; i < 4; i++) t[i] = t[i - 1] + below[i - 1];
      return t;
    };
    this.latI = cumulative(config.l1i.latency);
    this.latD = cumulative(config.l1d.latency);
  }

  /**
   * One CPU access (a 4-byte word at `addr`, aligned down). Returns its latency in cycles:
   * the lookup latencies of every level down to the one that served it. Write-backs and
   * write-throughs travel down too but are not waited for (write buffers hide them).
   * Sets {@link lastLevel} so the caller can charge the hit or miss to a process.
   */
  access(core: number, addr: number, kind: AccessKind): number {
    const fetch = kind === AccessKind.Fetch;
    const l1 = fetch ? this.l1i[core] : this.l1d[core];
    const level = l1.access((addr & ~3) >>> 0, kind, WORD) as Level;
    this.lastLevel = level;
    this.lastMiss3C = level === 0 ? 0 : l1.lastMiss3C;
    this.demand[fetch ? level : 4 + level]++;
    return (fetch ? this.latI : this.latD)[level];
  }

  /** Per-level totals over all cores: L1I, L1D, L2, L3, RAM. */
  levelStats(): LevelStats[] {
    const sum = (name: LevelStats["name"], caches: readonly Cache[], latency: number) => {
      let accesses = 0;
      let misses = 0;
      const split: MissSplit = { compulsory: 0, capacity: 0, conflict: 0 };
      for (const c of caches) {
        const s = c.stats();
        accesses += s.fetches.total;
        misses += s.misses.total;
        split.compulsory += s.compulsory.total;
        split.capacity += s.capacity.total;
        split.conflict += s.conflict.total;
      }
      const hits = accesses - misses;
      return {
        name,
        accesses,
        hits,
        misses,
        hitRate: accesses === 0 ? 0 : hits / accesses,
        latency,
        miss3C: caches[0].config.classify3C === true ? split : null,
      };
    };
    const ramAccesses = this.ram.counters[0] + this.ram.counters[1];
    return [
      sum("L1I", this.l1i, this.config.l1i.latency),
      sum("L1D", this.l1d, this.config.l1d.latency),
      sum("L2", this.l2, this.config.l2.latency),
      sum("L3", [this.l3], this.config.l3.latency),
      {
        name: "RAM",
        accesses: ramAccesses,
        hits: ramAccesses,
        misses: 0,
        hitRate: ramAccesses === 0 ? 0 : 1,
        latency: this.config.ramLatency,
        miss3C: null,
      },
    ];
  }

  /**
   * Average memory access time over the demand accesses so far, or over `demand` (counts as
   * {@link demandSnapshot} gives them, e.g. the difference of two snapshots: a window):
   * AMAT = t1 + m1·(t2 + m2·(t3 + m3·tRAM)), with m_i the local miss rate of the demand
   * stream at level i, computed separately for the instruction and data sides and weighted
   * by their access counts. Write-back traffic does not count (nobody waits for it). NaN
   * when there were no accesses.
   */
  amat(demand: Float64Array = this.demand): number {
    return amatOfReach(reachOf(demand), this.config);
  }

  /** A copy of the demand counters: where instruction (0–3) and data (4–7) accesses were served. */
  demandSnapshot(): Float64Array {
    return this.demand.slice();
  }

  /** Demand accesses served at L1, L2, L3, RAM (instruction and data sides together). */
  demandCounts(): [number, number, number, number] {
    const d = this.demand;
    return [d[0] + d[4], d[1] + d[5], d[2] + d[6], d[3] + d[7]];
  }

  /** Writes every dirty line back to RAM (each L1D's copy-back cascades to its L2 and L3). */
  flush(): void {
    for (const c of this.l1d) c.flush();
  }

  private allCaches(): Cache[] {
    return [...this.l1i, ...this.l1d, ...this.l2, this.l3];
  }

  /** Zeroes every counter; cache contents stay. */
  resetStats(): void {
    for (const c of this.allCaches()) c.resetStats();
    this.ram.resetStats();
    this.demand.fill(0);
  }

  snapshot(): HierarchySnapshot {
    return {
      caches: this.allCaches().map((c) => c.snapshot()),
      ram: this.ram.counters.slice(),
      demand: this.demand.slice(),
      lastLevel: this.lastLevel,
      rngState: this.rng.state,
    };
  }

  /** Restores a snapshot of a hierarchy with the same configuration. */
  restore(s: HierarchySnapshot): void {
    const caches = this.allCaches();
    if (s.caches.length !== caches.length) {
      throw new Error("hierarchy: snapshot of a machine with another number of cores");
    }
    caches.forEach((c, i) => {
      c.restore(s.caches[i]);
    });
    this.ram.counters.set(s.ram);
    this.demand.set(s.demand);
    this.lastLevel = s.lastLevel;
    this.rng.state = s.rngState;
  }

  /** An independent copy in the same state, with its own copy of the Rng. */
  clone(): Hierarchy {
    const copy = new Hierarchy(this.config, this.rng.clone());
    copy.restore(this.snapshot());
    return copy;
  }
}
