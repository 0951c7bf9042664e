// Shadow structures that classify cache misses into compulsory, capacity and conflict (3C).
import type { Rng } from "../rng.js";

/** Replacement policies shared by a cache and its fully associative shadow. */
export type Replacement = "lru" | "fifo" | "random";

/** Copyable state of a {@link FullyAssocShadow}: arrays as long as the slots in use need. */
export interface ShadowSnapshot {
  keys: Float64Array;
  prev: Int32Array;
  next: Int32Array;
  table: Int32Array;
  free: Int32Array;
  freeTop: number;
  used: number;
  head: number;
  tail: number;
}

/** Slots allocated at first: the arrays grow (doubling) with the blocks actually held. */
const FIRST_SLOTS = 64;

/**
 * A fully associative cache of `capacity` blocks with the same replacement policy as the cache
 * it shadows (Dinero IV simulates its 3C "fully associative cache" with the cache's own policy).
 * Blocks live in slots; a doubly linked list orders them (head = most recent / newest) and an
 * open-addressing table maps block number → slot, so a lookup costs O(1) whatever the capacity.
 * Slots are numbered in the order first used, and the arrays grow with the slots in use, so a
 * large shadow costs what its trace touches, not its capacity.
 */
export class FullyAssocShadow {
  readonly capacity: number;
  private readonly policy: Replacement;
  private readonly rng: Rng | null;
  /** Block number held by each slot, -1 when the slot is free. */
  private keys: Float64Array;
  private prev: Int32Array;
  private next: Int32Array;
  /** Hash table of slot + 1 (0 = empty), linear probing, at least twice the slots. */
  private table: Int32Array;
  private tableMask = 0;
  private tableShift = 0;
  /** Stack of freed slots, used before fresh ones. */
  private free: Int32Array;
  private freeTop = 0;
  /** Slots ever handed out since the last clear: 0 … used-1. */
  private used = 0;
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
    const slots = Math.min(capacity, FIRST_SLOTS);
    this.keys = new Float64Array(slots).fill(-1);
    this.prev = new Int32Array(slots).fill(-1);
    this.next = new Int32Array(slots).fill(-1);
    this.free = new Int32Array(slots);
    this.table = this.newTable(slots);
  }

  /** An empty table for `slots` slots (sets the mask and shift). */
  private newTable(slots: number): Int32Array {
    let bits = 1;
    while (1 << bits < slots * 2) bits++;
    this.tableMask = (1 << bits) - 1;
    this.tableShift = 32 - bits;
    return new Int32Array(1 << bits);
  }

  /** Doubles the slot arrays (up to the capacity) and rebuilds the table. */
  private grow(): void {
    const slots = Math.min(this.capacity, this.keys.length * 2);
    const widen = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(slots);
      b.set(a);
      return b;
    };
    this.keys = widen(this.keys, (n) => new Float64Array(n).fill(-1));
    this.prev = widen(this.prev, (n) => new Int32Array(n).fill(-1));
    this.next = widen(this.next, (n) => new Int32Array(n).fill(-1));
    this.free = widen(this.free, (n) => new Int32Array(n));
    this.table = this.newTable(slots);
    for (let s = 0; s < this.used; s++) if (this.keys[s] !== -1) this.tableInsert(this.keys[s], s);
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
    } else if (this.used < this.capacity) {
      if (this.used === this.keys.length) this.grow();
      s = this.used++;
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

  /** Empties the shadow, giving back the memory of its grown arrays. */
  clear(): void {
    const slots = Math.min(this.capacity, FIRST_SLOTS);
    this.keys = new Float64Array(slots).fill(-1);
    this.prev = new Int32Array(slots).fill(-1);
    this.next = new Int32Array(slots).fill(-1);
    this.free = new Int32Array(slots);
    this.table = this.newTable(slots);
    this.freeTop = 0;
    this.used = 0;
    this.head = -1;
    this.tail = -1;
  }

  snapshot(): ShadowSnapshot {
    return {
      keys: this.keys.slice(),
      prev: this.prev.slice(),
      next: this.next.slice(),
      table: this.table.slice(),
      free: this.free.slice(),
      freeTop: this.freeTop,
      used: this.used,
      head: this.head,
      tail: this.tail,
    };
  }

  restore(s: ShadowSnapshot): void {
    this.keys = s.keys.slice();
    this.prev = s.prev.slice();
    this.next = s.next.slice();
    this.free = s.free.slice();
    this.table = this.newTable(s.keys.length);
    this.table.set(s.table);
    this.freeTop = s.freeTop;
    this.used = s.used;
    this.head = s.head;
    this.tail = s.tail;
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

/** 2^16 blocks per bitmap chunk: small enough that sparse traces stay cheap. */
const CHUNK_BITS = 16;

/**
 * The "infinite cache" of the 3C classification: which block numbers were ever referenced.
 * A lazily allocated chunked bitmap over the 32-bit block space (allocation happens only the
 * first time a 64 Ki-block region is touched, so the hot path stays allocation-free).
 */
export class SeenBlocks {
  private chunks: (Uint8Array | undefined)[] = [];

  /** Marks `block` as seen; returns whether it had been seen before. */
  testAndSet(block: number): boolean {
    const hi = block >>> CHUNK_BITS;
    let chunk = this.chunks[hi];
    if (chunk === undefined) {
      chunk = new Uint8Array(1 << (CHUNK_BITS - 3));
      this.chunks[hi] = chunk;
    }
    const lo = block & ((1 << CHUNK_BITS) - 1);
    const byte = lo >>> 3;
    const bit = 1 << (lo & 7);
    const was = (chunk[byte] & bit) !== 0;
    chunk[byte] |= bit;
    return was;
  }

  /** Whether `block` was seen, without marking it. */
  has(block: number): boolean {
    const chunk = this.chunks[block >>> CHUNK_BITS];
    if (chunk === undefined) return false;
    const lo = block & ((1 << CHUNK_BITS) - 1);
    return (chunk[lo >>> 3] & (1 << (lo & 7))) !== 0;
  }

  /** Forgets `block` (Dinero forgets blocks it invalidates one at a time). */
  forget(block: number): void {
    const chunk = this.chunks[block >>> CHUNK_BITS];
    if (chunk === undefined) return;
    const lo = block & ((1 << CHUNK_BITS) - 1);
    chunk[lo >>> 3] &= ~(1 << (lo & 7));
  }

  clear(): void {
    this.chunks = [];
  }

  snapshot(): Map<number, Uint8Array> {
    const out = new Map<number, Uint8Array>();
    this.chunks.forEach((c, i) => {
      if (c !== undefined) out.set(i, c.slice());
    });
    return out;
  }

  restore(s: Map<number, Uint8Array>): void {
    this.chunks = [];
    for (const [i, c] of s) this.chunks[i] = c.slice();
  }
}
