// The cache engine as it was before its state was paged: flat arrays over every set, a fully
// associative 3C shadow allocated at its full capacity. Tests run it beside the paged cache.
import {
  type AccessKind,
  type CacheConfig,
  CacheCounter,
  type NextLevel,
  validateCacheConfig,
} from "../../../src/sim/cpu/cache.js";
import { type Replacement, SeenBlocks } from "../../../src/sim/cpu/cache3c.js";
import type { Rng } from "../../../src/sim/rng.js";

const EMPTY_I32 = new Int32Array(0);
const EMPTY_U8 = new Uint8Array(0);
const isPow2 = (n: number): boolean => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;

/**
 * A fully associative cache of `capacity` blocks with the same replacement policy as the cache
 * it shadows (Dinero IV simulates its 3C "fully associative cache" with the cache's own policy).
 * Blocks live in slots; a doubly linked list orders them (head = most recent / newest) and an
 * open-addressing table maps block number → slot, so a lookup costs O(1) whatever the capacity.
 */
class ReferenceShadow {
  readonly capacity: number;
  private readonly policy: Replacement;
  private readonly rng: Rng | null;
  /** Block number held by each slot, -1 when the slot is free. */
  private readonly keys: Float64Array;
  private readonly prev: Int32Array;
  private readonly next: Int32Array;
  /** Hash table of slot + 1 (0 = empty), linear probing. */
  private readonly table: Int32Array;
  private readonly tableMask: number;
  private readonly tableShift: number;
  /** Stack of free slots. */
  private readonly free: Int32Array;
  private freeTop: number;
  private head = -1;
  private tail = -1;

  constructor(capacity: number, policy: Replacement, rng: Rng | null) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new Error(`3C shadow capacity must be a positive integer, got ${capacity}`);
    }
    if (policy === "random" && rng === null) {
      throw new Error("random replacement needs an Rng");
    }
    this.capacity = capacity;
    this.policy = policy;
    this.rng = rng;
    this.keys = new Float64Array(capacity).fill(-1);
    this.prev = new Int32Array(capacity).fill(-1);
    this.next = new Int32Array(capacity).fill(-1);
    let bits = 1;
    while (1 << bits < capacity * 2) bits++;
    this.table = new Int32Array(1 << bits);
    this.tableMask = (1 << bits) - 1;
    this.tableShift = 32 - bits;
    this.free = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.free[i] = capacity - 1 - i;
    this.freeTop = capacity;
  }

  /**
   * References `block`; returns true on a hit. On a miss the block is brought in only when
   * `allocate` (a write miss without write-allocate leaves the shadow alone, as in the cache).
   */
  access(block: number, allocate: boolean): boolean {
    const slot = this.find(block);
    if (slot >= 0) {
      if (this.policy === "lru" && slot !== this.head) {
        this.unlink(slot);
        this.linkHead(slot);
      }
      return true;
    }
    if (!allocate) return false;
    let s: number;
    if (this.freeTop > 0) {
      s = this.free[--this.freeTop];
    } else {
      s = this.policy === "random" ? this.rng!.below(this.capacity) : this.tail;
      this.unlink(s);
      this.tableDelete(this.keys[s]);
    }
    this.keys[s] = block;
    this.tableInsert(block, s);
    this.linkHead(s);
    return false;
  }

  /** Drops `block` if present (an invalidation). */
  remove(block: number): void {
    const slot = this.find(block);
    if (slot < 0) return;
    this.unlink(slot);
    this.tableDelete(block);
    this.keys[slot] = -1;
    this.free[this.freeTop++] = slot;
  }

  clear(): void {
    this.keys.fill(-1);
    this.prev.fill(-1);
    this.next.fill(-1);
    this.table.fill(0);
    for (let i = 0; i < this.capacity; i++) this.free[i] = this.capacity - 1 - i;
    this.freeTop = this.capacity;
    this.head = -1;
    this.tail = -1;
  }

  private home(block: number): number {
    return Math.imul(block | 0, 0x9e3779b1) >>> this.tableShift;
  }

  private find(block: number): number {
    const table = this.table;
    const keys = this.keys;
    const mask = this.tableMask;
    let i = this.home(block);
    for (let e = table[i]; e !== 0; e = table[i]) {
      if (keys[e - 1] === block) return e - 1;
      i = (i + 1) & mask;
    }
    return -1;
  }

  private tableInsert(block: number, slot: number): void {
    const table = this.table;
    const mask = this.tableMask;
    let i = this.home(block);
    while (table[i] !== 0) i = (i + 1) & mask;
    table[i] = slot + 1;
  }

  /** Backward-shift deletion keeps linear probing correct without tombstones. */
  private tableDelete(block: number): void {
    const table = this.table;
    const keys = this.keys;
    const mask = this.tableMask;
    let i = this.home(block);
    while (keys[table[i] - 1] !== block) i = (i + 1) & mask;
    let j = i;
    for (;;) {
      table[i] = 0;
      for (;;) {
        j = (j + 1) & mask;
        if (table[j] === 0) return;
        const k = this.home(keys[table[j] - 1]);
        // Move entry j back to i unless its home lies cyclically in (i, j].
        const inRange = i <= j ? i < k && k <= j : i < k || k <= j;
        if (!inRange) break;
      }
      table[i] = table[j];
      i = j;
    }
  }

  private unlink(s: number): void {
    const p = this.prev[s];
    const n = this.next[s];
    if (p >= 0) this.next[p] = n;
    else this.head = n;
    if (n >= 0) this.prev[n] = p;
    else this.tail = p;
    this.prev[s] = -1;
    this.next[s] = -1;
  }

  private linkHead(s: number): void {
    this.prev[s] = -1;
    this.next[s] = this.head;
    if (this.head >= 0) this.prev[this.head] = s;
    this.head = s;
    if (this.tail < 0) this.tail = s;
  }
}

export class ReferenceCache implements NextLevel {
  readonly config: Readonly<CacheConfig>;
  readonly numSets: number;
  readonly assoc: number;
  readonly lineSize: number;
  /** All statistics, laid out as {@link CacheCounter}; read freely, never written outside. */
  readonly counters = new Float64Array(CacheCounter.MultiBlock + 1);
  readonly next: NextLevel;

  private readonly lg2Line: number;
  private readonly lineMask: number;
  private readonly setMask: number;
  private readonly setsPow2: boolean;
  private readonly lru: boolean;
  private readonly random: boolean;
  private readonly writeBack: boolean;
  private readonly writeAllocate: boolean;
  private readonly rng: Rng | null;
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
  private readonly shadow: ReferenceShadow | null;
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
    this.materialize();
    const ccc = config.classify3C === true;
    this.shadow = ccc
      ? new ReferenceShadow(this.numSets * this.assoc, config.replacement, rng)
      : null;
    this.seen = ccc ? new SeenBlocks() : null;
  }

  /** Allocates the state arrays, pristine. */
  private materialize(): void {
    const ways = this.numSets * this.assoc;
    this.tags = new Int32Array(ways);
    this.valid = new Uint8Array(ways);
    this.dirty = new Uint8Array(ways);
    this.up = new Int32Array(ways);
    this.down = new Int32Array(ways);
    this.top = new Int32Array(this.numSets);
    this.resetOrder();
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
    if (fullHit) this.counters[CacheCounter.Conflict + kind]++;
    else if (this.seen!.testAndSet(block)) this.counters[CacheCounter.Capacity + kind]++;
    else this.counters[CacheCounter.Compulsory + kind]++;
  }

  private setOf(block: number): number {
    return this.setsPow2 ? block & this.setMask : block % this.numSets;
  }

  /** Index of the way holding `addr`'s line, or -1. */
  private find(addr: number): number {
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
    for (const v of this.valid) n += v;
    return n;
  }

  /**
   * Writes dirty lines back to the next level (they stay valid and become clean), then asks
   * the next level to do the same. The whole-cache order is Dinero's `d4copyback` order:
   * sets from last to first, each from the bottom of its stack to the top.
   */
  copyBack(addr: number, wholeCache: boolean): void {
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

  /** Zeroes the counters; contents (and the 3C record of blocks seen) are kept. */
  resetStats(): void {
    this.counters.fill(0);
  }
}
