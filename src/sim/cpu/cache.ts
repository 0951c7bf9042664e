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
import {
  DIRTY,
  newOwner,
  PRISTINE,
  pageLayout,
  pristineDirectory,
  VALID,
  WAY_SHIFT,
} from "./cachePages.js";

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

/**
 * A cache's state at one moment. Its pages are shared copy-on-write with the cache it was
 * taken from (and any cache restored from it): nobody ever writes them, so a snapshot costs a
 * pointer per page plus the pages written after it was taken.
 */
export interface CacheSnapshot {
  /** Geometry, checked by {@link Cache.restore}. */
  numSets: number;
  assoc: number;
  pages: readonly Int32Array[];
  counters: Float64Array;
  rngState: number | null;
  shadow: ShadowSnapshot | null;
  seen: Map<number, Uint8Array> | null;
}

const isPow2 = (n: number): boolean => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;

/** Largest cache accepted: addresses are 32-bit. */
const MAX_SIZE = 2 ** 30;
/**
 * Most ways in a set: a set lives in one page (16 bytes a way), and a miss scans its ways.
 */
export const MAX_ASSOC = 2 ** 20;

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
  if (c.assoc > MAX_ASSOC) {
    throw new Error(`${where}: associativity must be at most ${MAX_ASSOC} ways, got ${c.assoc}`);
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

/** Dinero's `d4movetotop`: the way at `at` goes on top of the set at `base`, those above it down one. */
function moveToTop(p: Int32Array, base: number, at: number): void {
  if (at === base) return;
  const tag = p[at];
  const meta = p[at + 1];
  for (let j = at; j > base; j -= 2) {
    p[j] = p[j - 2];
    p[j + 1] = p[j - 1];
  }
  p[base] = tag;
  p[base + 1] = meta;
}

/** Dinero's `d4movetobot`, for a way made invalid: to the bottom (`last`), those below it up one. */
function moveToBottom(p: Int32Array, last: number, at: number): void {
  const tag = p[at];
  const meta = p[at + 1];
  for (let j = at; j < last; j += 2) {
    p[j] = p[j + 2];
    p[j + 1] = p[j + 3];
  }
  p[last] = tag;
  p[last + 1] = meta;
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
  private readonly pageShift: number;
  private readonly pageMask: number;
  /** Numbers a set takes in a page: two a way (see cachePages.ts). */
  private readonly setSpan: number;
  private readonly ownerAt: number;
  /**
   * The state, a page per `pageSets` sets, each set's ways in priority-stack order. Pages
   * stamped with another owner are shared: copied before any write.
   */
  private pages: Int32Array[];
  /**
   * Whether `pages` itself is shared (with snapshots, or the pristine directory of every cache
   * of this geometry): copied before a page is replaced. While it is, the cache owns no page.
   */
  private pagesShared = true;
  private owner = newOwner();
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
    const layout = pageLayout(this.numSets, this.assoc);
    this.pageShift = layout.pageShift;
    this.pageMask = layout.pageSets - 1;
    this.setSpan = 2 * this.assoc;
    this.ownerAt = layout.ownerAt;
    this.pages = pristineDirectory(layout, this.assoc);
    const ccc = config.classify3C === true;
    this.shadow = ccc
      ? new FullyAssocShadow(this.numSets * this.assoc, config.replacement, rng)
      : null;
    this.seen = ccc ? new SeenBlocks() : null;
  }

  /** Page `i`, made this cache's own to write (a copy, if it was shared or pristine). */
  private own(i: number): Int32Array {
    if (this.pagesShared) {
      this.pages = this.pages.slice();
      this.pagesShared = false;
    }
    const page = this.pages[i].slice();
    page[this.ownerAt] = this.owner;
    this.pages[i] = page;
    return page;
  }

  /** The page holding `set`, writable. */
  private writable(set: number): Int32Array {
    const i = set >>> this.pageShift;
    const page = this.pages[i];
    return page[this.ownerAt] === this.owner ? page : this.own(i);
  }

  /** Where `set` starts in its page. */
  private baseOf(set: number): number {
    return (set & this.pageMask) * this.setSpan;
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
    const p = this.writable(set);
    const base = (set & this.pageMask) * this.setSpan;
    const tag = block | 0;
    let at = base;
    if (p[base] !== tag || (p[base + 1] & VALID) === 0) {
      at = -1;
      for (let j = base + 2, end = base + this.setSpan; j < end; j += 2) {
        if (p[j] === tag && (p[j + 1] & VALID) !== 0) {
          at = j;
          break;
        }
      }
      if (at < 0) return this.miss(p, base, addr, kind, size, block);
      if (this.lru) {
        moveToTop(p, base, at);
        at = base;
      }
    }
    // A hit: only a write-through store has anything to send down.
    if (this.shadow !== null) this.classify(block, kind, false, kind !== 1 || this.writeAllocate);
    this.counters[kind]++;
    if (kind === 1) {
      if (this.writeBack) {
        p[at + 1] |= DIRTY;
      } else {
        this.counters[CacheCounter.BytesWritten] += size;
        this.next.access(addr, 1, size);
      }
    }
    return 0;
  }

  /** The miss path, with Dinero's downstream order: line fetch, write-through, write-back. */
  private miss(
    p: Int32Array,
    base: number,
    addr: number,
    kind: AccessKind,
    size: number,
    block: number,
  ): number {
    const c = this.counters;
    const isWrite = kind === 1;
    const allocate = !isWrite || this.writeAllocate;
    let wback = false;
    let victim = -1;
    if (allocate) {
      let at = base + this.setSpan - 2;
      if (this.random && (p[at + 1] & VALID) !== 0) at = this.randomWay(p, base);
      const meta = p[at + 1];
      if ((meta & VALID) !== 0) {
        c[CacheCounter.Evictions]++;
        if ((meta & DIRTY) !== 0) {
          victim = p[at] >>> 0;
          c[CacheCounter.DirtyEvictions]++;
        }
      }
      moveToTop(p, base, at);
      p[base] = block | 0;
      wback = isWrite && this.writeBack;
      p[base + 1] = (meta & ~(VALID | DIRTY)) | (wback ? VALID | DIRTY : VALID);
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

  /**
   * Where a uniformly chosen way of a full set sits (random replacement): the choice is of
   * the way's own number, as Dinero picks a way of the set, not a place in the stack.
   */
  private randomWay(p: Int32Array, base: number): number {
    const way = this.rng!.below(this.assoc);
    let at = base;
    while (p[at + 1] >>> WAY_SHIFT !== way) at += 2;
    return at;
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

  private setOf(addr: number): number {
    const block = (addr >>> 0) >>> this.lg2Line;
    return this.setsPow2 ? block & this.setMask : block % this.numSets;
  }

  /** Where in page `p` the line holding `addr` sits (its set being `set`), or -1; reads only. */
  private find(p: Int32Array, set: number, addr: number): number {
    const tag = ((addr >>> 0) >>> this.lg2Line) | 0;
    const base = this.baseOf(set);
    for (let j = base, end = base + this.setSpan; j < end; j += 2) {
      if (p[j] === tag && (p[j + 1] & VALID) !== 0) return j;
    }
    return -1;
  }

  /** Meta of the way holding `addr`'s line (valid, dirty), 0 if not held. */
  private metaOf(addr: number): number {
    const set = this.setOf(addr);
    const p = this.pages[set >>> this.pageShift];
    const at = this.find(p, set, addr);
    return at < 0 ? 0 : p[at + 1];
  }

  contains(addr: number): boolean {
    return (this.metaOf(addr) & VALID) !== 0;
  }

  isDirty(addr: number): boolean {
    return (this.metaOf(addr) & DIRTY) !== 0;
  }

  /** Number of valid lines held. */
  occupancy(): number {
    const end = this.ownerAt;
    let n = 0;
    for (const p of this.pages) {
      if (p[end] === PRISTINE) continue;
      for (let j = 1; j < end; j += 2) n += p[j] & VALID;
    }
    return n;
  }

  /** Bytes of state this cache refers to, pages shared with others included. */
  stateBytes(): number {
    let n = this.pages.length * 8;
    for (const p of this.pages) if (p[this.ownerAt] !== PRISTINE) n += p.byteLength;
    return n;
  }

  /**
   * Writes dirty lines back to the next level (they stay valid and become clean), then asks
   * the next level to do the same. The whole-cache order is Dinero's `d4copyback` order:
   * sets from last to first, each from the bottom of its stack to the top.
   */
  copyBack(addr: number, wholeCache: boolean): void {
    if (!wholeCache) {
      const set = this.setOf(addr);
      const at = this.find(this.pages[set >>> this.pageShift], set, addr);
      if (at >= 0 && (this.pages[set >>> this.pageShift][at + 1] & DIRTY) !== 0)
        this.writeBackWay(this.writable(set), at);
    } else {
      for (let set = this.numSets - 1; set >= 0; set--) {
        const i = set >>> this.pageShift;
        if (this.pages[i][this.ownerAt] === PRISTINE) {
          set = i << this.pageShift; // nothing held in the page's other sets either
          continue;
        }
        const base = this.baseOf(set);
        for (let at = base + this.setSpan - 2; at >= base; at -= 2) {
          if ((this.pages[i][at + 1] & (VALID | DIRTY)) === (VALID | DIRTY))
            this.writeBackWay(this.writable(set), at);
        }
      }
    }
    this.next.copyBack(addr, wholeCache);
  }

  /** Writes back every dirty line down the hierarchy (Dinero's end-of-run copy-back). */
  flush(): void {
    this.copyBack(0, true);
  }

  private writeBackWay(p: Int32Array, at: number): void {
    p[at + 1] &= ~DIRTY;
    this.counters[CacheCounter.BytesWritten] += this.lineSize;
    this.next.access((p[at] << this.lg2Line) >>> 0, 1, this.lineSize);
  }

  /**
   * Drops lines without writing them back, then passes the invalidation on. Like Dinero, a
   * single-line invalidation also leaves the 3C fully associative shadow but not the record of
   * blocks ever seen; a whole-cache invalidation clears both.
   */
  invalidate(addr: number, wholeCache: boolean): void {
    if (wholeCache) {
      // Tags and stack order stay, as in Dinero: only the pages ever written have lines to drop.
      for (let i = 0; i < this.pages.length; i++) {
        if (this.pages[i][this.ownerAt] === PRISTINE) continue;
        const p = this.pages[i][this.ownerAt] === this.owner ? this.pages[i] : this.own(i);
        for (let j = 1; j < this.ownerAt; j += 2) p[j] &= ~(VALID | DIRTY);
      }
      this.shadow?.clear();
      this.seen?.clear();
    } else {
      const set = this.setOf(addr);
      const at = this.find(this.pages[set >>> this.pageShift], set, addr);
      if (at >= 0) {
        const p = this.writable(set);
        p[at + 1] &= ~(VALID | DIRTY);
        moveToBottom(p, this.baseOf(set) + this.setSpan - 2, at);
      }
      this.shadow?.remove((addr >>> 0) >>> this.lg2Line);
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
   * The state, sharing its pages and their directory with this cache: nothing is copied. The
   * cache takes a new owner id, so it copies a page (and the directory) before writing again.
   */
  snapshot(): CacheSnapshot {
    if (!this.pagesShared) {
      this.pagesShared = true;
      this.owner = newOwner();
    }
    return {
      numSets: this.numSets,
      assoc: this.assoc,
      pages: this.pages,
      counters: this.counters.slice(),
      rngState: this.rng === null ? null : this.rng.state,
      shadow: this.shadow === null ? null : this.shadow.snapshot(),
      seen: this.seen === null ? null : this.seen.snapshot(),
    };
  }

  /** Restores a snapshot taken from a cache with the same configuration (sharing its pages). */
  restore(s: CacheSnapshot): void {
    if (
      s.numSets !== this.numSets ||
      s.assoc !== this.assoc ||
      s.pages.length !== this.pages.length ||
      (s.shadow === null) !== (this.shadow === null)
    ) {
      throw new Error(`cache ${JSON.stringify(this.config.name)}: snapshot of another geometry`);
    }
    // Never written while shared: own() copies the directory first.
    this.pages = s.pages as Int32Array[];
    this.pagesShared = true;
    this.owner = newOwner();
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
