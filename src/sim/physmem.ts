// Physical memory: a fixed pool of page frames with reference counts (shared after fork).
import { Layout } from "./cpu/isa.js";

const WORDS_PER_FRAME = Layout.PAGE_SIZE >> 2;

export class PhysicalMemory {
  readonly frameCount: number;
  /** Every frame's words, frame f at [f*1024, (f+1)*1024). Lazily zeroed by the OS, so cheap. */
  readonly words: Int32Array;
  /** Page-table entries referring to each frame; 0 = free. */
  readonly refs: Uint16Array;
  /**
   * 1 where a frame's words changed since the last snapshot. Whoever writes `words` sets it;
   * a clean frame's copy is shared with the previous snapshot instead of copied again.
   */
  readonly dirty: Uint8Array;
  /** Free frames as a stack, lowest frame on top, so allocation order is deterministic. */
  private readonly free: Int32Array;
  private freeTop: number;
  /** Per frame, its words as of the last snapshot (valid while the frame is clean). */
  private readonly saved: (Int32Array | undefined)[];
  /**
   * Called when no frame is free: the kernel OOM-kills a process (freeing frames) and returns
   * true, or returns false if nothing can be freed.
   */
  onExhausted: (() => boolean) | null = null;
  /** Set on a frozen copy (a store snapshot): the frames in use, compactly, and no words. */
  private frozenAs: PhysicalMemorySnapshot | null = null;

  constructor(frameCount: number, frozen: PhysicalMemorySnapshot | null = null) {
    this.frameCount = frameCount;
    if (frozen !== null) {
      // Shares the snapshot's arrays: a frozen memory never changes.
      this.words = new Int32Array(0);
      this.refs = frozen.refs;
      this.dirty = new Uint8Array(0);
      this.free = frozen.free;
      this.freeTop = frozen.free.length;
      this.saved = [];
      this.frozenAs = frozen;
      return;
    }
    this.words = new Int32Array(frameCount * WORDS_PER_FRAME);
    this.refs = new Uint16Array(frameCount);
    this.dirty = new Uint8Array(frameCount).fill(1);
    this.free = new Int32Array(frameCount);
    for (let i = 0; i < frameCount; i++) this.free[i] = frameCount - 1 - i;
    this.freeTop = frameCount;
    this.saved = new Array<Int32Array | undefined>(frameCount);
  }

  /**
   * A copy that keeps only the frames in use (a snapshot costs what is resident, not the whole
   * RAM). It can be snapshotted again, to restore a runnable copy, but must not run itself.
   */
  static frozen(s: PhysicalMemorySnapshot): PhysicalMemory {
    return new PhysicalMemory(s.frameCount, s);
  }

  get used(): number {
    return this.frameCount - this.freeTop;
  }

  /** A zeroed frame with one reference, or -1 if memory is exhausted even after an OOM kill. */
  alloc(): number {
    while (this.freeTop === 0) {
      if (this.onExhausted === null || !this.onExhausted()) return -1;
    }
    const f = this.free[--this.freeTop];
    this.refs[f] = 1;
    this.words.fill(0, f * WORDS_PER_FRAME, (f + 1) * WORDS_PER_FRAME);
    this.dirty[f] = 1;
    return f;
  }

  share(f: number): void {
    this.refs[f]++;
  }

  release(f: number): void {
    if (--this.refs[f] === 0) this.free[this.freeTop++] = f;
  }

  copyFrame(from: number, to: number): void {
    this.words.copyWithin(
      to * WORDS_PER_FRAME,
      from * WORDS_PER_FRAME,
      (from + 1) * WORDS_PER_FRAME,
    );
    this.dirty[to] = 1;
  }

  /**
   * Snapshot: only frames in use, and only those written since the last snapshot are copied;
   * the others share that snapshot's (never modified) copy.
   */
  snapshot(): PhysicalMemorySnapshot {
    if (this.frozenAs !== null) return this.frozenAs;
    const { refs, dirty, saved } = this;
    const used = new Int32Array(this.used);
    const frames = new Array<Int32Array>(used.length);
    let n = 0;
    for (let f = 0; f < this.frameCount; f++) {
      if (refs[f] === 0) continue;
      let copy = saved[f];
      // One array per frame, so a kept copy holds no other frame's memory alive.
      if (dirty[f] !== 0 || copy === undefined) {
        copy = this.words.slice(f * WORDS_PER_FRAME, (f + 1) * WORDS_PER_FRAME);
        saved[f] = copy;
      }
      used[n] = f;
      frames[n++] = copy;
    }
    dirty.fill(0);
    return {
      frameCount: this.frameCount,
      refs: refs.slice(),
      free: this.free.slice(0, this.freeTop),
      used,
      frames,
    };
  }

  static restore(s: PhysicalMemorySnapshot): PhysicalMemory {
    const m = new PhysicalMemory(s.frameCount);
    m.refs.set(s.refs);
    m.free.set(s.free);
    m.freeTop = s.free.length;
    for (let i = 0; i < s.used.length; i++) m.words.set(s.frames[i], s.used[i] * WORDS_PER_FRAME);
    return m;
  }
}

export interface PhysicalMemorySnapshot {
  frameCount: number;
  refs: Uint16Array;
  free: Int32Array;
  /** The frames in use, ascending, and each one's words (shared between snapshots, never written). */
  used: Int32Array;
  frames: Int32Array[];
}
