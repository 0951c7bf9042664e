// One set-associative cache level, with Dinero IV's exact semantics for misses and traffic.
//
// Behaviour follows Dinero IV (d4-7, ref.c `d4ref`, misc.c `d4copyback`/`d4_dopending`):
// - every reference that reaches a level is a "demand fetch" of its kind there, including
//   write-backs arriving from the level above (they are writes to this level);
// - a read/instruction/misc miss fetches the whole line from the next level (of the same kind);
// - a write miss with write-allocate fetches the line as a *read*, unless the write covers the
//   whole line; without write-allocate it leaves the cache untouched;
// - write-through sends every write on (its own address and size); write-back marks the line
//   dirty and a dirty victim is written to the next level as a line-sized write;
// - downstream traffic is issued in Dinero's order: line fetch, then write-through, then the
//   victim's write-back; a reference crossing a line is split and the remainder done last;
// - 3C: a miss that hits in a fully associative cache of the same size and policy is a
//   conflict miss; otherwise it is compulsory the first time the block is ever referenced and
//   a capacity miss after that.
import type { Rng } from "../rng.js";
import { FullyAssocShadow, type Replacement, SeenBlocks, type ShadowSnapshot } from "./cache3c.js";

export type { Replacement } from "./cache3c.js";

/** Kinds of reference; numeric so the hot path compares small integers. */
export const AccessKind = {
  Read: 0,
  Write: 1,
  /** Instruction fetch. */
  Fetch: 2,
  /** Dinero's label 3 ("misc"): read-like, counted apart from reads. */
  Misc: 3,
} as const;
export type AccessKind = (typeof AccessKind)[keyof typeof AccessKind];

export type WritePolicy = "write-back" | "write-through";

export interface CacheConfig {
  name: string;
  /** Capacity in bytes (power of two). */
  size: number;
  /** Ways per set (positive integer). */
  assoc: number;
  /** Line (block) size in bytes (power of two). */
  lineSize: number;
  replacement: Replacement;
  writePolicy: WritePolicy;
  writeAllocate: boolean;
  /** Cycles to look up this level. */
  latency: number;
  /** Keep the shadow structures that split misses into compulsory/capacity/conflict. */
  classify3C?: boolean;
}

/**
 * Whatever sits below a cache: another cache or main memory.
 * `access` returns how many levels further down the reference was served (0 = right there).
 */
export interface NextLevel {
  access(addr: number, kind: AccessKind, size: number): number;
  /** Writes back dirty data (one line holding `addr`, or everything) and passes it on. */
  copyBack(addr: number, wholeCache: boolean): void;
  /** Drops cached data (one line holding `addr`, or everything) and passes it on. */
  invalidate(addr: number, wholeCache: boolean): void;
}

/** Offsets into {@link Cache.counters}; per-kind blocks are indexed by `+ kind`. */
export const CacheCounter = {
  Fetches: 0,
  Misses: 4,
  Compulsory: 8,
  Capacity: 12,
  Conflict: 16,
  /** Bytes fetched from the next level. */
  BytesRead: 20,
  /** Bytes written to the next level (write-throughs and write-backs). */
  BytesWritten: 21,
  Evictions: 22,
  DirtyEvictions: 23,
  /** References split because they crossed a line boundary. */
  MultiBlock: 24,
} as const;
const COUNTERS = 25;

export interface KindCounts {
  read: number;
  write: number;
  fetch: number;
  misc: number;
  total: number;
}

export interface CacheStats {
  name: string;
  fetches: KindCounts;
  misses: KindCounts;
  hits: number;
  /** hits / fetches, 0 when nothing was fetched. */
  hitRate: number;
  compulsory: KindCounts;
  capacity: KindCounts;
  conflict: KindCounts;
  bytesRead: number;
  bytesWritten: number;
  evictions: number;
  dirtyEvictions: number;
  multiBlock: number;
}

/** Local way numbers (0 … assoc-1): bytes while they fit, else wider. */
export type WayOrder = Uint8Array | Uint16Array | Uint32Array;

/**
 * A cache's state, compact: only the sets that differ from a freshly built cache are kept
 * (a set never touched costs nothing). Treat every array as immutable: a restored cache may
 * keep referring to them until it is first used, and its own snapshot may share them.
 */
export interface CacheSnapshot {
  /** Geometry, checked by {@link Cache.restore}. */
  numSets: number;
  assoc: number;
  /** Indexes of the stored sets, ascending. */
  sets: Uint32Array;
  /**
   * Per stored set (`assoc` entries each, in `sets` order): the ways from the top of the
   * set's priority stack (most recently used or filled) to the bottom (the next victim).
   */
  order: WayOrder;
  /** Per stored set, per way: the block number held (as an int32 bit pattern). */
  tags: Int32Array;
  /** Per stored set, per way: bit 0 valid, bit 1 dirty. */
  flags: Uint8Array;
  counters: Float64Array;
  rngState: number | null;
  shadow: ShadowSnapshot | null;
  seen: Map<number, Uint8Array> | null;
}

const EMPTY_I32 = new Int32Array(0);
const EMPTY_U8 = new Uint8Array(0);
const EMPTY_U32 = new Uint32Array(0);

/** An array for `length` local way numbers below `assoc`, in the narrowest type that fits. */
function newOrder(assoc: number, length: number): WayOrder {
  if (assoc <= 0x100) return new Uint8Array(length);
  if (assoc <= 0x10000) return new Uint16Array(length);
  return new Uint32Array(length);
}

/** The pending state of a fresh cache: no set differs from pristine. */
function emptySets(numSets: number, assoc: number): CacheSnapshot {
  return {
    numSets,
    assoc,
    sets: EMPTY_U32,
    order: newOrder(assoc, 0),
    tags: EMPTY_I32,
    flags: EMPTY_U8,
    counters: new Float64Array(COUNTERS),
    rngState: null,
    shadow: null,
    seen: null,
  };
}

const isPow2 = (n: number): boolean => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;

/** Largest cache accepted: addresses are 32-bit, and the arrays must fit in memory. */
const MAX_SIZE = 2 ** 30;

/** Throws a plain Error naming the first thing wrong with `c`. */
export function validateCacheConfig(c: CacheConfig): void {
  const where = `cache ${JSON.stringify(c.name)}`;
  if (!isPow2(c.size) || c.size > MAX_SIZE) {
    throw new Error(`${where}: size must be a power of two up to 1 GiB, got ${c.size}`);
  }
  if (!isPow2(c.lineSize)) {
    throw new Error(`${where}: line size must be a power of two, got ${c.lineSize}`);
  }
  if (!Number.isInteger(c.assoc) || c.assoc < 1) {
    throw new Error(`${where}: associativity must be a positive integer, got ${c.assoc}`);
  }
  if (c.lineSize * c.assoc > c.size) {
    throw new Error(
      `${where}: size ${c.size} is smaller than line size × associativity (${c.lineSize} × ${c.assoc})`,
    );
  }
  if (c.replacement !== "lru" && c.replacement !== "fifo" && c.replacement !== "random") {
    throw new Error(`${where}: replacement must be lru, fifo or random, got ${c.replacement}`);
  }
  if (c.writePolicy !== "write-back" && c.writePolicy !== "write-through") {
    throw new Error(`${where}: write policy must be write-back or write-through`);
  }
  if (!Number.isFinite(c.latency) || c.latency < 0) {
    throw new Error(`${where}: latency must be a non-negative number, got ${c.latency}`);
  }
}

const emptyKinds = (): KindCounts => ({ read: 0, write: 0, fetch: 0, misc: 0, total: 0 });

function kinds(c: Float64Array, at: number): KindCounts {
  const k = emptyKinds();
  k.read = c[at];
  k.write = c[at + 1];
  k.fetch = c[at + 2];
  k.misc = c[at + 3];
  k.total = k.read + k.write + k.fetch + k.misc;
  return k;
}

export class Cache implements NextLevel {
  readonly config: Readonly<CacheConfig>;
  readonly numSets: number;
  readonly assoc: number;
  readonly lineSize: number;
  /** All statistics, laid out as {@link CacheCounter}; read freely, never written outside. */
  readonly counters = new Float64Array(COUNTERS);
  readonly next: NextLevel;
  /**
   * The 3C class of the last miss classified here: 1 compulsory, 2 capacity, 3 conflict (0
   * before any); lets a caller charge an L1 miss's class to whoever made the access.
   */
  lastMiss3C: 0 | 1 | 2 | 3 = 0;

  private readonly lg2Line: number;
  private readonly lineMask: number;
  private readonly setMask: number;
  private readonly setsPow2: boolean;
  private readonly lru: boolean;
  private readonly random: boolean;
  private readonly writeBack: boolean;
  private readonly writeAllocate: boolean;
  private readonly rng: Rng | null;
  /**
   * The state arrays below are allocated on first use: until then (a new cache, or one
   * restored before it ever ran) they are empty and `pending` holds the sets to write back
   * over a pristine cache. Store snapshots of a whole kernel are such caches, so they cost
   * only the sets that were touched.
   */
  private pending: CacheSnapshot | null;
  /** Block number (address >>> log2(line)) per way, as an int32 bit pattern. */
  private tags: Int32Array = EMPTY_I32;
  private valid: Uint8Array = EMPTY_U8;
  private dirty: Uint8Array = EMPTY_U8;
  /**
   * Each set's ways form a circular list ordered like Dinero's priority stack: `top[set]` is
   * the most recently used (LRU) or filled (FIFO, random) way, `up[top]` the bottom, which is
   * the next victim; invalid ways always sit at the bottom. `up` points towards the top.
   */
  private up: Int32Array = EMPTY_I32;
  private down: Int32Array = EMPTY_I32;
  private top: Int32Array = EMPTY_I32;
  /** Scratch list of non-pristine set indexes for {@link snapshot}, allocated with the arrays. */
  private scratch: Uint32Array = EMPTY_U32;
  private readonly shadow: FullyAssocShadow | null;
  private readonly seen: SeenBlocks | null;

  constructor(config: CacheConfig, next: NextLevel, rng: Rng | null = null) {
    validateCacheConfig(config);
    if (config.replacement === "random" && rng === null) {
      throw new Error(`cache ${JSON.stringify(config.name)}: random replacement needs an Rng`);
    }
    this.config = { ...config };
    this.next = next;
    this.rng = rng;
    this.assoc = config.assoc;
    this.lineSize = config.lineSize;
    this.lg2Line = Math.log2(config.lineSize);
    this.lineMask = config.lineSize - 1;
    // Like Dinero, a non-power-of-two associativity rounds the set count down.
    this.numSets = Math.floor(config.size / (config.lineSize * config.assoc));
    this.setsPow2 = isPow2(this.numSets);
    this.setMask = this.numSets - 1;
    this.lru = config.replacement === "lru";
    this.random = config.replacement === "random";
    this.writeBack = config.writePolicy === "write-back";
    this.writeAllocate = config.writeAllocate;
    const ways = this.numSets * this.assoc;
    this.pending = emptySets(this.numSets, this.assoc);
    const ccc = config.classify3C === true;
    this.shadow = ccc ? new FullyAssocShadow(ways, config.replacement, rng) : null;
    this.seen = ccc ? new SeenBlocks() : null;
  }

  /** Allocates the state arrays, pristine, then writes the pending sets over them. */
  private materialize(): void {
    const s = this.pending!;
    this.pending = null;
    const ways = this.numSets * this.assoc;
    this.tags = new Int32Array(ways);
    this.valid = new Uint8Array(ways);
    this.dirty = new Uint8Array(ways);
    this.up = new Int32Array(ways);
    this.down = new Int32Array(ways);
    this.top = new Int32Array(this.numSets);
    this.scratch = new Uint32Array(this.numSets);
    this.resetOrder();
    this.writeSets(s);
  }

  /** Writes a snapshot's stored sets over the (pristine) arrays. */
  private writeSets(s: CacheSnapshot): void {
    const a = this.assoc;
    const { sets, order, tags, flags } = s;
    for (let i = 0; i < sets.length; i++) {
      const base = sets[i] * a;
      const at = i * a;
      for (let j = 0; j < a; j++) {
        const f = flags[at + j];
        this.tags[base + j] = tags[at + j];
        this.valid[base + j] = f & 1;
        this.dirty[base + j] = f >>> 1;
      }
      let prev = base + order[at + a - 1];
      for (let j = 0; j < a; j++) {
        const way = base + order[at + j];
        this.up[way] = prev;
        this.down[prev] = way;
        prev = way;
      }
      this.top[sets[i]] = base + order[at];
    }
  }

  /** Whether a set is exactly as a freshly built cache has it. */
  private pristine(set: number): boolean {
    const a = this.assoc;
    const base = set * a;
    if (this.top[set] !== base) return false;
    const up = this.up;
    const down = this.down;
    for (let j = 0; j < a; j++) {
      const w = base + j;
      if (this.tags[w] !== 0 || this.valid[w] !== 0 || this.dirty[w] !== 0) return false;
      if (down[w] !== (j + 1 === a ? base : w + 1)) return false;
      if (up[w] !== (j === 0 ? base + a - 1 : w - 1)) return false;
    }
    return true;
  }

  /** Every set's ways in index order, the first one on top. */
  private resetOrder(): void {
    const a = this.assoc;
    for (let set = 0; set < this.numSets; set++) {
      const base = set * a;
      this.top[set] = base;
      for (let i = 0; i < a; i++) {
        this.down[base + i] = base + ((i + 1) % a);
        this.up[base + i] = base + ((i + a - 1) % a);
      }
    }
  }

  /**
   * One reference of `size` bytes at `addr` (taken modulo 2^32). Returns 0 when this level
   * served it, else 1 + the depth at which the next level served the line fetch (or, for a
   * write miss that does not allocate, the write itself).
   */
  access(addr: number, kind: AccessKind, size = 4): number {
    if (this.pending !== null) this.materialize();
    addr >>>= 0;
    if (size <= this.lineSize - (addr & this.lineMask)) return this.accessLine(addr, kind, size);
    return this.accessSplit(addr, kind, size);
  }

  /** Dinero splits a reference crossing lines and handles the remainder last. */
  private accessSplit(addr: number, kind: AccessKind, size: number): number {
    let depth = 0;
    for (;;) {
      const r = this.lineSize - (addr & this.lineMask);
      if (size <= r) return Math.max(depth, this.accessLine(addr, kind, size));
      this.counters[CacheCounter.MultiBlock]++;
      depth = Math.max(depth, this.accessLine(addr, kind, r));
      addr = (addr + r) >>> 0;
      size -= r;
    }
  }

  private accessLine(addr: number, kind: AccessKind, size: number): number {
    const block = addr >>> this.lg2Line;
    const set = this.setsPow2 ? block & this.setMask : block % this.numSets;
    const tag = block | 0;
    const tags = this.tags;
    const valid = this.valid;
    const top = this.top[set];
    let way = -1;
    if (tags[top] === tag && valid[top] === 1) {
      way = top;
    } else {
      for (let j = set * this.assoc, end = j + this.assoc; j < end; j++) {
        if (tags[j] === tag && valid[j] === 1) {
          way = j;
          break;
        }
      }
      if (way < 0) return this.miss(addr, kind, size, block, set);
      if (this.lru) this.moveToTop(set, way);
    }
    // A hit: only a write-through store has anything to send down.
    if (this.shadow !== null) this.classify(block, kind, false, kind !== 1 || this.writeAllocate);
    this.counters[kind]++;
    if (kind === 1) {
      if (this.writeBack) {
        this.dirty[way] = 1;
      } else {
        this.counters[CacheCounter.BytesWritten] += size;
        this.next.access(addr, 1, size);
      }
    }
    return 0;
  }

  /** The miss path, with Dinero's downstream order: line fetch, write-through, write-back. */
  private miss(addr: number, kind: AccessKind, size: number, block: number, set: number): number {
    const c = this.counters;
    const isWrite = kind === 1;
    const allocate = !isWrite || this.writeAllocate;
    let wback = false;
    let victim = -1;
    if (allocate) {
      const valid = this.valid;
      let way = this.up[this.top[set]];
      if (this.random && valid[way] === 1) way = this.randomWay(set);
      if (valid[way] === 1) {
        c[CacheCounter.Evictions]++;
        if (this.dirty[way] === 1) {
          victim = this.tags[way] >>> 0;
          c[CacheCounter.DirtyEvictions]++;
        }
      }
      this.moveToTop(set, way);
      this.tags[way] = block | 0;
      valid[way] = 1;
      this.dirty[way] = 0;
      if (isWrite && this.writeBack) {
        this.dirty[way] = 1;
        wback = true;
      }
    }
    if (this.shadow !== null) this.classify(block, kind, true, allocate);
    c[kind]++;
    c[CacheCounter.Misses + kind]++;

    const next = this.next;
    let depth = 0;
    if (!isWrite || (this.writeAllocate && size !== this.lineSize)) {
      c[CacheCounter.BytesRead] += this.lineSize;
      depth = 1 + next.access((block << this.lg2Line) >>> 0, isWrite ? 0 : kind, this.lineSize);
    }
    if (isWrite && !wback) {
      c[CacheCounter.BytesWritten] += size;
      const d = next.access(addr, 1, size);
      if (!allocate) depth = 1 + d;
    }
    if (victim >= 0) {
      c[CacheCounter.BytesWritten] += this.lineSize;
      next.access((victim << this.lg2Line) >>> 0, 1, this.lineSize);
    }
    return depth;
  }

  /** A uniformly chosen way of a full set (random replacement). */
  private randomWay(set: number): number {
    return set * this.assoc + this.rng!.below(this.assoc);
  }

  /** Dinero's `d4movetotop`: the bottom way only needs the circle rotated. */
  private moveToTop(set: number, way: number): void {
    const top = this.top[set];
    if (way === top) return;
    const up = this.up;
    const down = this.down;
    const bottom = up[top];
    if (way !== bottom) {
      down[up[way]] = down[way];
      up[down[way]] = up[way];
      up[way] = bottom;
      down[way] = top;
      down[bottom] = way;
      up[top] = way;
    }
    this.top[set] = way;
  }

  /** Dinero's `d4movetobot`, used when a way becomes invalid. */
  private moveToBottom(set: number, way: number): void {
    const top = this.top[set];
    const up = this.up;
    const down = this.down;
    const bottom = up[top];
    if (way === bottom) return;
    if (way === top) {
      this.top[set] = down[top];
      return;
    }
    down[up[way]] = down[way];
    up[down[way]] = up[way];
    up[way] = bottom;
    down[way] = top;
    down[bottom] = way;
    up[top] = way;
  }

  private classify(block: number, kind: AccessKind, miss: boolean, allocate: boolean): void {
    const fullHit = this.shadow!.access(block, allocate);
    if (!miss) return;
    if (fullHit) {
      this.counters[CacheCounter.Conflict + kind]++;
      this.lastMiss3C = 3;
    } else if (this.seen!.testAndSet(block)) {
      this.counters[CacheCounter.Capacity + kind]++;
      this.lastMiss3C = 2;
    } else {
      this.counters[CacheCounter.Compulsory + kind]++;
      this.lastMiss3C = 1;
    }
  }

  private setOf(block: number): number {
    return this.setsPow2 ? block & this.setMask : block % this.numSets;
  }

  /** Index of the way holding `addr`'s line, or -1. */
  private find(addr: number): number {
    if (this.pending !== null) this.materialize();
    const block = (addr >>> 0) >>> this.lg2Line;
    const base = this.setOf(block) * this.assoc;
    for (let j = base, end = base + this.assoc; j < end; j++) {
      if (this.tags[j] === (block | 0) && this.valid[j] === 1) return j;
    }
    return -1;
  }

  contains(addr: number): boolean {
    return this.find(addr) >= 0;
  }

  isDirty(addr: number): boolean {
    const j = this.find(addr);
    return j >= 0 && this.dirty[j] === 1;
  }

  /** Number of valid lines held. */
  occupancy(): number {
    let n = 0;
    if (this.pending !== null) {
      for (const f of this.pending.flags) n += f & 1;
      return n;
    }
    for (const v of this.valid) n += v;
    return n;
  }

  /**
   * Writes dirty lines back to the next level (they stay valid and become clean), then asks
   * the next level to do the same. The whole-cache order is Dinero's `d4copyback` order:
   * sets from last to first, each from the bottom of its stack to the top.
   */
  copyBack(addr: number, wholeCache: boolean): void {
    if (this.pending !== null) this.materialize();
    if (!wholeCache) {
      const j = this.find(addr);
      if (j >= 0 && this.dirty[j] === 1) this.writeBackWay(j);
    } else {
      for (let set = this.numSets - 1; set >= 0; set--) {
        const top = this.top[set];
        let way = this.up[top];
        for (let i = 0; i < this.assoc; i++) {
          if (this.valid[way] === 1 && this.dirty[way] === 1) this.writeBackWay(way);
          way = this.up[way];
        }
      }
    }
    this.next.copyBack(addr, wholeCache);
  }

  /** Writes back every dirty line down the hierarchy (Dinero's end-of-run copy-back). */
  flush(): void {
    this.copyBack(0, true);
  }

  private writeBackWay(j: number): void {
    this.dirty[j] = 0;
    this.counters[CacheCounter.BytesWritten] += this.lineSize;
    this.next.access((this.tags[j] << this.lg2Line) >>> 0, 1, this.lineSize);
  }

  /**
   * Drops lines without writing them back, then passes the invalidation on. Like Dinero, a
   * single-line invalidation also leaves the 3C fully associative shadow but not the record of
   * blocks ever seen; a whole-cache invalidation clears both.
   */
  invalidate(addr: number, wholeCache: boolean): void {
    if (this.pending !== null) this.materialize();
    if (wholeCache) {
      this.valid.fill(0);
      this.dirty.fill(0);
      this.shadow?.clear();
      this.seen?.clear();
    } else {
      const block = (addr >>> 0) >>> this.lg2Line;
      const j = this.find(addr);
      if (j >= 0) {
        this.valid[j] = 0;
        this.dirty[j] = 0;
        this.moveToBottom(this.setOf(block), j);
      }
      this.shadow?.remove(block);
    }
    this.next.invalidate(addr, wholeCache);
  }

  stats(): CacheStats {
    const c = this.counters;
    const fetches = kinds(c, CacheCounter.Fetches);
    const misses = kinds(c, CacheCounter.Misses);
    const hits = fetches.total - misses.total;
    return {
      name: this.config.name,
      fetches,
      misses,
      hits,
      hitRate: fetches.total === 0 ? 0 : hits / fetches.total,
      compulsory: kinds(c, CacheCounter.Compulsory),
      capacity: kinds(c, CacheCounter.Capacity),
      conflict: kinds(c, CacheCounter.Conflict),
      bytesRead: c[CacheCounter.BytesRead],
      bytesWritten: c[CacheCounter.BytesWritten],
      evictions: c[CacheCounter.Evictions],
      dirtyEvictions: c[CacheCounter.DirtyEvictions],
      multiBlock: c[CacheCounter.MultiBlock],
    };
  }

  /** Zeroes the counters; contents (and the 3C record of blocks seen) are kept. */
  resetStats(): void {
    this.counters.fill(0);
  }

  /**
   * The state, storing only the sets that differ from a fresh cache's: O(lines) to scan, and
   * a handful of allocations sized by the sets stored.
   */
  snapshot(): CacheSnapshot {
    const extra = {
      counters: this.counters.slice(),
      rngState: this.rng === null ? null : this.rng.state,
      shadow: this.shadow === null ? null : this.shadow.snapshot(),
      seen: this.seen === null ? null : this.seen.snapshot(),
    };
    // Not yet materialized: the pending sets are the state (immutable, so shared).
    if (this.pending !== null) return { ...this.pending, ...extra };
    const a = this.assoc;
    const scratch = this.scratch;
    let n = 0;
    for (let set = 0; set < this.numSets; set++) if (!this.pristine(set)) scratch[n++] = set;
    const sets = scratch.slice(0, n);
    const order = newOrder(a, n * a);
    const tags = new Int32Array(n * a);
    const flags = new Uint8Array(n * a);
    for (let i = 0; i < n; i++) {
      const base = sets[i] * a;
      const at = i * a;
      tags.set(this.tags.subarray(base, base + a), at);
      for (let j = 0; j < a; j++)
        flags[at + j] = this.valid[base + j] | (this.dirty[base + j] << 1);
      let way = this.top[sets[i]];
      for (let j = 0; j < a; j++) {
        order[at + j] = way - base;
        way = this.down[way];
      }
    }
    return { numSets: this.numSets, assoc: a, sets, order, tags, flags, ...extra };
  }

  /**
   * Restores a snapshot taken from a cache with the same configuration. A cache that has not
   * run yet keeps the snapshot's sets pending until first used (so a clone stays compact).
   */
  restore(s: CacheSnapshot): void {
    if (
      s.numSets !== this.numSets ||
      s.assoc !== this.assoc ||
      s.sets.length * s.assoc !== s.tags.length ||
      s.order.length !== s.tags.length ||
      s.flags.length !== s.tags.length ||
      (s.shadow === null) !== (this.shadow === null)
    ) {
      throw new Error(`cache ${JSON.stringify(this.config.name)}: snapshot of another geometry`);
    }
    if (this.pending !== null) {
      this.pending = s;
    } else {
      this.tags.fill(0);
      this.valid.fill(0);
      this.dirty.fill(0);
      this.resetOrder();
      this.writeSets(s);
    }
    this.counters.set(s.counters);
    if (this.rng !== null && s.rngState !== null) this.rng.state = s.rngState;
    if (this.shadow !== null && s.shadow !== null) this.shadow.restore(s.shadow);
    if (this.seen !== null && s.seen !== null) this.seen.restore(s.seen);
  }

  /** An independent copy in the same state, wired to `next` (and `rng`, default a copy). */
  clone(next: NextLevel, rng: Rng | null = this.rng === null ? null : this.rng.clone()): Cache {
    const copy = new Cache(this.config, next, rng);
    copy.restore(this.snapshot());
    return copy;
  }
}
