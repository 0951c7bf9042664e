// A cache level with Dinero IV's sub-blocks, prefetch policies and write-policy variants.
//
// The plain engine (cache.ts) covers whole-line caches with demand fetch, which is all the
// dashboard's machine needs, and stays lean for it. This class follows Dinero IV's `d4ref`
// (d4-7 ref.c, misc.c) for the options that need per-sub-block state:
// - a block holds up to 32 sub-blocks, each with its own valid, dirty and referenced bit; a
//   reference misses when any sub-block it touches is not valid ("block miss" when the block
//   itself is absent); a miss fetches just the sub-blocks touched;
// - prefetch on demand reads and instruction fetches only: `always`, `miss` (on a miss),
//   `tagged` (on a miss or the first touch of a prefetched sub-block), `load-forward` (not past
//   the block's end) and `sub-block` (wrapping within the block), `distance` sub-blocks ahead;
//   a prefetch is itself a reference to this level, counted apart, and a prefetch that misses
//   fetches from below as a plain read;
// - write allocate and write back `always`, `never` or `nofetch` (only whole sub-blocks);
// - references to send down wait on a stack and leave in Dinero's order (last pushed first):
//   the miss fetch, the write-through, the victim's write-backs, the prefetch, the remainder
//   of a reference crossing blocks;
// - 3C as Dinero counts it, per sub-block, with a fully associative shadow of the same policy.
// Each set is Dinero's priority stack: a circular list of assoc + 1 nodes, the one below the
// bottom valid node always free. Lookups go through a hash table of valid blocks, so a large
// (fully associative) set costs no scan. State lives in typed arrays sized up front: a
// reference allocates nothing.
import type { Rng } from "../rng.js";
import type { AccessKind, NextLevel, Replacement } from "./cache.js";
import { SeenBlocks } from "./cache3c.js";

export type PrefetchPolicy = "demand" | "always" | "miss" | "tagged" | "load-forward" | "sub-block";
/** Dinero's `a`, `n` and `f`: always, never, or only when no fetch is needed. */
export type WriteChoice = "always" | "never" | "nofetch";

export interface SubblockCacheConfig {
  name: string;
  size: number;
  assoc: number;
  lineSize: number;
  /** Sub-block size in bytes (a power of two, at most the line, at least 1/32 of it). */
  subblockSize: number;
  replacement: Replacement;
  prefetch: PrefetchPolicy;
  /** Prefetch distance in sub-blocks. */
  prefetchDistance: number;
  /** Percentage (0-100) of prefetches thrown away. */
  prefetchAbort: number;
  writeAllocate: WriteChoice;
  writeBack: WriteChoice;
  classify3C: boolean;
}

/** Prefetch references carry this bit on top of their kind (Dinero's D4PREFETCH). */
export const PREFETCH = 4;
/** A reference's remainder past a block boundary (Dinero's D4_MULTIBLOCK). */
const MULTIBLOCK = 8;
const COPY_BACK = 16;
const INVALIDATE = 32;

/**
 * Offsets into {@link SubblockCache.counters}. Each block of 8 is indexed by kind, + 4 for
 * prefetch references (read 0, write 1, instruction 2, misc 3).
 */
export const SubblockCounter = {
  Fetches: 0,
  Misses: 8,
  BlockMisses: 16,
  Compulsory: 24,
  Capacity: 32,
  Conflict: 40,
  CompulsoryBlock: 48,
  CapacityBlock: 56,
  ConflictBlock: 64,
  BytesRead: 72,
  BytesWritten: 73,
  MultiBlock: 74,
} as const;
const COUNTERS = 75;

const lowMask = (bits: number): number => (bits >= 32 ? -1 : (1 << bits) - 1);

/** Most lines simulated with sub-blocks or prefetch (64 MiB of 64 B lines): state is eager. */
export const MAX_SUBBLOCK_LINES = 2 ** 20;

/** One priority stack per set (and one more, fully associative, for 3C). */
class Stacks {
  readonly block: Int32Array;
  readonly valid: Int32Array;
  readonly dirty: Int32Array;
  readonly referenced: Int32Array;
  /** Towards the bottom; the bottom's `down` is the top. */
  readonly down: Int32Array;
  /** Towards the top; the top's `up` is the bottom. */
  readonly up: Int32Array;
  readonly top: Int32Array;
  readonly ways: number;
  /** Open-addressing table of valid nodes + 1 (0 empty), keyed by their block address. */
  private readonly table: Int32Array;
  private readonly tableMask: number;
  private readonly tableShift: number;

  constructor(sets: number, ways: number) {
    const n = sets * (ways + 1);
    this.ways = ways;
    let bits = 1;
    while (1 << bits < 2 * sets * ways) bits++;
    this.table = new Int32Array(1 << bits);
    this.tableMask = (1 << bits) - 1;
    this.tableShift = 32 - bits;
    this.block = new Int32Array(n);
    this.valid = new Int32Array(n);
    this.dirty = new Int32Array(n);
    this.referenced = new Int32Array(n);
    this.down = new Int32Array(n);
    this.up = new Int32Array(n);
    this.top = new Int32Array(sets);
    for (let s = 0; s < sets; s++) {
      const base = s * (ways + 1);
      this.top[s] = base;
      for (let i = 0; i <= ways; i++) {
        this.down[base + i] = base + ((i + 1) % (ways + 1));
        this.up[base + i] = base + ((i + ways) % (ways + 1));
      }
    }
  }

  private home(block: number): number {
    return Math.imul(block | 0, 0x9e3779b1) >>> this.tableShift;
  }

  /** The valid node holding `block`, or -1. */
  find(block: number): number {
    const t = this.table;
    let i = this.home(block);
    for (let e = t[i]; e !== 0; e = t[i]) {
      if (this.block[e - 1] === (block | 0)) return e - 1;
      i = (i + 1) & this.tableMask;
    }
    return -1;
  }

  /** Records that node `p` (its block already set) is valid. */
  insert(p: number): void {
    const t = this.table;
    let i = this.home(this.block[p]);
    while (t[i] !== 0) i = (i + 1) & this.tableMask;
    t[i] = p + 1;
  }

  /** Forgets node `p`'s entry; backward-shift deletion keeps linear probing tombstone-free. */
  remove(p: number): void {
    const t = this.table;
    const mask = this.tableMask;
    let i = this.home(this.block[p]);
    while (t[i] !== p + 1) i = (i + 1) & mask;
    let j = i;
    for (;;) {
      t[i] = 0;
      for (;;) {
        j = (j + 1) & mask;
        if (t[j] === 0) return;
        const k = this.home(this.block[t[j] - 1]);
        const stays = i <= j ? i < k && k <= j : i < k || k <= j;
        if (!stays) break;
      }
      t[i] = t[j];
      i = j;
    }
  }

  private unlink(p: number): void {
    this.down[this.up[p]] = this.down[p];
    this.up[this.down[p]] = this.up[p];
  }

  /** Puts `p` just above `t` (which stays where it is). */
  private linkAbove(p: number, t: number): void {
    const u = this.up[t];
    this.up[p] = u;
    this.down[p] = t;
    this.down[u] = p;
    this.up[t] = p;
  }

  moveToTop(set: number, p: number): void {
    const t = this.top[set];
    if (p === t) return;
    this.unlink(p);
    this.linkAbove(p, t);
    this.top[set] = p;
  }

  moveToBottom(set: number, p: number): void {
    const t = this.top[set];
    if (this.up[t] === p) return;
    if (p === t) {
      this.top[set] = this.down[p];
      return;
    }
    this.unlink(p);
    this.linkAbove(p, t);
  }

  /** The `n`th node from the top (1 = top). */
  nth(set: number, n: number): number {
    let p = this.top[set];
    for (let i = 1; i < n; i++) p = this.down[p];
    return p;
  }

  invalidate(set: number, p: number): void {
    this.remove(p);
    this.valid[p] = 0;
    this.moveToBottom(set, p);
  }
}

export class SubblockCache implements NextLevel {
  readonly config: Readonly<SubblockCacheConfig>;
  readonly numSets: number;
  /** All figures, laid out as {@link SubblockCounter}. */
  readonly counters = new Float64Array(COUNTERS);
  readonly next: NextLevel;

  private readonly lg2Block: number;
  private readonly lg2Sub: number;
  private readonly blockSize: number;
  private readonly subSize: number;
  private readonly distance: number;
  private readonly stacks: Stacks;
  private readonly full: Stacks | null;
  /** Sub-blocks ever referenced (Dinero's "infinite cache" for 3C), by sub-block number. */
  private readonly seen: SeenBlocks | null;
  private readonly rng: Rng | null;
  /** Pending references: kind (with flags), address, size; a stack. */
  private pendKind = new Int32Array(16);
  private pendAddr = new Float64Array(16);
  private pendSize = new Float64Array(16);
  private pending = 0;

  constructor(config: SubblockCacheConfig, next: NextLevel, rng: Rng | null) {
    if ((config.replacement === "random" || config.prefetchAbort > 0) && rng === null) {
      throw new Error(`cache ${JSON.stringify(config.name)}: random choices need an Rng`);
    }
    const ratio = config.lineSize / config.subblockSize;
    if (!Number.isInteger(ratio) || ratio < 1 || ratio > 32) {
      throw new Error(`cache ${JSON.stringify(config.name)}: 1 to 32 sub-blocks a line`);
    }
    this.config = { ...config };
    this.next = next;
    this.rng = rng;
    this.blockSize = config.lineSize;
    this.subSize = config.subblockSize;
    this.lg2Block = Math.log2(config.lineSize);
    this.lg2Sub = Math.log2(config.subblockSize);
    this.distance = config.prefetchDistance * config.subblockSize;
    this.numSets = Math.floor(config.size / (config.lineSize * config.assoc));
    if (this.numSets * config.assoc > MAX_SUBBLOCK_LINES) {
      throw new Error(
        `cache ${JSON.stringify(config.name)}: more than ${MAX_SUBBLOCK_LINES} lines with sub-blocks or prefetch`,
      );
    }
    this.stacks = new Stacks(this.numSets, config.assoc);
    this.full = config.classify3C ? new Stacks(1, this.numSets * config.assoc) : null;
    this.seen = config.classify3C ? new SeenBlocks() : null;
  }

  access(addr: number, kind: AccessKind, size = 4): number {
    this.ref(addr >>> 0, kind, size);
    this.drain();
    return 0;
  }

  copyBack(addr: number, wholeCache: boolean): void {
    this.push(COPY_BACK, addr >>> 0, wholeCache ? 0 : 1);
    const s = this.stacks;
    if (!wholeCache) {
      const p = s.find(this.blockOf(addr >>> 0));
      if (p >= 0 && (s.dirty[p] & s.valid[p]) !== 0) this.writeBackBlock(p);
    } else {
      for (let set = 0; set < this.numSets; set++) {
        const top = s.top[set];
        for (let p = top; s.down[p] !== top; p = s.down[p]) {
          if ((s.dirty[p] & s.valid[p]) !== 0) this.writeBackBlock(p);
        }
      }
    }
    this.drain();
  }

  invalidate(addr: number, wholeCache: boolean): void {
    this.push(INVALIDATE, addr >>> 0, wholeCache ? 0 : 1);
    const stacks = this.full === null ? [this.stacks] : [this.stacks, this.full];
    if (!wholeCache) {
      const block = this.blockOf(addr >>> 0);
      const p = this.stacks.find(block);
      if (p >= 0) this.stacks.invalidate(this.setOf(block), p);
      const q = this.full?.find(block) ?? -1;
      if (q >= 0) this.full!.invalidate(0, q);
      // As Dinero does, this clears lg2(sub-blocks a block) bits of the block's record.
      if (this.seen !== null) {
        const first = block >>> this.lg2Sub;
        for (let i = 0; i < this.lg2Block - this.lg2Sub; i++) this.seen.forget(first + i);
      }
    } else {
      for (const s of stacks) {
        for (let set = 0; set < s.top.length; set++) {
          for (let i = 0; i <= s.ways; i++) {
            const p = s.top[set];
            if (s.valid[p] === 0) break;
            s.invalidate(set, p);
          }
        }
      }
      this.seen?.clear();
    }
    this.drain();
  }

  private blockOf(addr: number): number {
    return (addr & ~(this.blockSize - 1)) >>> 0;
  }

  private setOf(block: number): number {
    return (block >>> this.lg2Block) % this.numSets;
  }

  private push(kind: number, addr: number, size: number): void {
    if (this.pending === this.pendKind.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => {
        b.set(a);
        return b;
      };
      const n = this.pending * 2;
      this.pendKind = grow(this.pendKind, new Int32Array(n));
      this.pendAddr = grow(this.pendAddr, new Float64Array(n));
      this.pendSize = grow(this.pendSize, new Float64Array(n));
    }
    this.pendKind[this.pending] = kind;
    this.pendAddr[this.pending] = addr;
    this.pendSize[this.pending] = size;
    this.pending++;
  }

  /** Dinero's `d4_dopending`: own prefetches and remainders here, the rest to the next level. */
  private drain(): void {
    const c = this.counters;
    while (this.pending > 0) {
      this.pending--;
      const kind = this.pendKind[this.pending];
      const addr = this.pendAddr[this.pending];
      const size = this.pendSize[this.pending];
      if ((kind & PREFETCH) !== 0) this.ref(addr, kind, size);
      else if ((kind & MULTIBLOCK) !== 0) this.ref(addr, kind & ~MULTIBLOCK, size);
      else if (kind === COPY_BACK) this.next.copyBack(addr, size === 0);
      else if (kind === INVALIDATE) this.next.invalidate(addr, size === 0);
      else {
        if (kind === 1) c[SubblockCounter.BytesWritten] += size;
        else c[SubblockCounter.BytesRead] += size;
        this.next.access(addr, kind as AccessKind, size);
      }
    }
  }

  /** Dinero's `d4_wbblock`: each run of dirty valid sub-blocks becomes one write. */
  private writeBackBlock(p: number): void {
    const s = this.stacks;
    let bits = s.valid[p] & s.dirty[p];
    let a = s.block[p] >>> 0;
    let b = 1;
    do {
      for (; (bits & b) === 0; b <<= 1) a += this.subSize;
      const start = a;
      for (; (bits & b) !== 0; b <<= 1) {
        a += this.subSize;
        bits &= ~b;
      }
      this.push(1, start >>> 0, a - start);
    } while (bits !== 0);
    s.dirty[p] = 0;
  }

  /** Dinero's replacement step: a hit may move up; a miss takes the free node below the bottom. */
  private place(s: Stacks, set: number, block: number, p: number): number {
    const lru = this.config.replacement === "lru";
    if (p >= 0) {
      if (lru) s.moveToTop(set, p);
      return p;
    }
    const t = s.top[set];
    const node = s.up[t];
    s.block[node] = block | 0;
    s.insert(node);
    s.top[set] = node;
    if (this.config.replacement === "random" && s.valid[s.up[node]] !== 0) {
      s.moveToBottom(set, s.nth(set, 2 + this.rng!.below(s.ways)));
    }
    return node;
  }

  /** The free node below the bottom after a fill: a valid block there is the victim. */
  private evict(s: Stacks, set: number, writeBack: boolean): void {
    const r = s.up[s.top[set]];
    if (s.valid[r] === 0) return;
    if (writeBack && (s.valid[r] & s.dirty[r]) !== 0) this.writeBackBlock(r);
    s.remove(r);
    s.valid[r] = 0;
  }

  private prefetchAddress(addr: number, miss: boolean, bits: number, p: number): number {
    const cfg = this.config;
    const target = (((addr + this.distance) >>> 0) & ~(this.subSize - 1)) >>> 0;
    switch (cfg.prefetch) {
      case "demand":
        return -1;
      case "always":
        return target;
      case "miss":
        return miss ? target : -1;
      case "tagged":
        return !miss && (bits & this.stacks.referenced[p]) !== 0 ? -1 : target;
      case "load-forward":
        return this.blockOf(target) === this.blockOf(addr) ? target : -1;
      case "sub-block":
        return this.blockOf(target) === this.blockOf(addr)
          ? target
          : (target - this.blockSize) >>> 0;
    }
  }

  /** Dinero's `d4ref` for one reference; what it sends on waits on the pending stack. */
  private ref(addr: number, kind: number, sizeIn: number): void {
    const c = this.counters;
    const s = this.stacks;
    const block = this.blockOf(addr);
    let size = sizeIn;
    if (block !== this.blockOf((addr + size - 1) >>> 0)) {
      const first = this.blockSize - (addr & (this.blockSize - 1));
      this.push(kind | MULTIBLOCK, (block + this.blockSize) >>> 0, size - first);
      c[SubblockCounter.MultiBlock]++;
      size = first;
    }
    const basic = kind & 3;
    const isWrite = basic === 1;
    const set = this.setOf(block);
    const firstSub = addr >>> this.lg2Sub;
    const nsb = (((addr + size - 1) >>> 0) >>> this.lg2Sub) - firstSub + 1;
    const wholeSubs = size === nsb << this.lg2Sub;
    const bits = lowMask(nsb) << ((addr - block) >>> this.lg2Sub);
    const walloc =
      isWrite &&
      (this.config.writeAllocate === "always" ||
        (this.config.writeAllocate === "nofetch" && wholeSubs));

    let p = s.find(block);
    const blockMiss = p < 0;
    const miss = blockMiss || (bits & s.valid[p]) !== bits;

    if (kind === 0 || kind === 2) {
      const target = this.prefetchAddress(addr, miss, bits, p);
      if (target >= 0) {
        const aborted =
          this.config.prefetchAbort > 0 && this.rng!.below(100) < this.config.prefetchAbort;
        if (!aborted) this.push(kind | PREFETCH, target, this.subSize);
      }
    }

    let wback = false;
    if (!isWrite || !blockMiss || walloc) {
      p = this.place(s, set, block, p);
      if (blockMiss) {
        s.referenced[p] = 0;
        s.dirty[p] = 0;
      }
      s.valid[p] |= bits;
      if ((kind & PREFETCH) === 0) s.referenced[p] |= bits;
      const wb = this.config.writeBack;
      // Dinero asks `nofetch` after marking the sub-blocks valid, so it always writes back.
      wback =
        isWrite &&
        (wb === "always" || (wb === "nofetch" && ((bits & ~s.valid[p]) === 0 || wholeSubs)));
      if (wback) s.dirty[p] |= bits;
      if (blockMiss) this.evict(s, set, true);
    }

    if (isWrite && !wback) this.push(1, addr, size);
    if (miss && (!isWrite || (walloc && !wholeSubs))) {
      this.push(isWrite ? 0 : basic, (addr & ~(this.subSize - 1)) >>> 0, nsb << this.lg2Sub);
    }

    if (this.full !== null)
      this.classify(block, kind, bits, isWrite, walloc, miss, blockMiss, addr, size);

    c[SubblockCounter.Fetches + kind]++;
    if (miss) {
      c[SubblockCounter.Misses + kind]++;
      if (blockMiss) c[SubblockCounter.BlockMisses + kind]++;
    }
  }

  private classify(
    block: number,
    kind: number,
    bits: number,
    isWrite: boolean,
    walloc: boolean,
    miss: boolean,
    blockMiss: boolean,
    addr: number,
    size: number,
  ): void {
    const f = this.full!;
    const c = this.counters;
    let p = f.find(block);
    const fullBlockMiss = p < 0;
    const fullMiss = fullBlockMiss || (bits & f.valid[p]) !== bits;
    if (!isWrite || !fullBlockMiss || walloc) {
      p = this.place(f, 0, block, p);
      f.valid[p] |= bits;
    }
    if (miss) {
      let inf = 0;
      if (!fullMiss) c[SubblockCounter.Conflict + kind]++;
      else {
        inf = this.firstTouch(addr, size, block);
        c[(inf !== 0 ? SubblockCounter.Compulsory : SubblockCounter.Capacity) + kind]++;
      }
      if (blockMiss) {
        if (!fullBlockMiss) c[SubblockCounter.ConflictBlock + kind]++;
        else if (inf === 1) c[SubblockCounter.CompulsoryBlock + kind]++;
        else c[SubblockCounter.CapacityBlock + kind]++;
      }
    }
    if (fullBlockMiss) this.evict(f, 0, false);
  }

  /**
   * Dinero's `d4infcache`: 0 if every sub-block touched was seen before, 1 if none of the
   * block's (or, touching them all, none of these) was, -1 otherwise; then marks them seen.
   */
  private firstTouch(addr: number, size: number, block: number): number {
    const seen = this.seen!;
    const first = addr >>> this.lg2Sub;
    const nsb = (((addr + size - 1) >>> 0) >>> this.lg2Sub) - first + 1;
    let nb = 0;
    for (let b = 0; b < nsb; b++) if (seen.has(first + b)) nb++;
    if (nb === nsb) return 0;
    const perBlock = 1 << (this.lg2Block - this.lg2Sub);
    if (perBlock !== 1 && nsb !== perBlock) {
      const b0 = block >>> this.lg2Sub;
      nb = 0;
      for (let b = 0; b < perBlock; b++) if (seen.has(b0 + b)) nb++;
    }
    for (let b = 0; b < nsb; b++) seen.testAndSet(first + b);
    return nb === 0 ? 1 : -1;
  }
}
