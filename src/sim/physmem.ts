// Physical memory: a fixed pool of page frames with reference counts (shared after fork).
import { Layout } from "./cpu/isa.js";

const WORDS_PER_FRAME = Layout.PAGE_SIZE >> 2;

export class PhysicalMemory {
  readonly frameCount: number;
  /** Every frame's words, frame f at [f*1024, (f+1)*1024). Lazily zeroed by the OS, so cheap. */
  readonly words: Int32Array;
  /** Page-table entries referring to each frame; 0 = free. */
  readonly refs: Uint16Array;
  /** Free frames as a stack, lowest frame on top, so allocation order is deterministic. */
  private readonly free: Int32Array;
  private freeTop: number;
  /**
   * Called when no frame is free: the kernel OOM-kills a process (freeing frames) and returns
   * true, or returns false if nothing can be freed.
   */
  onExhausted: (() => boolean) | null = null;

  constructor(frameCount: number) {
    this.frameCount = frameCount;
    this.words = new Int32Array(frameCount * WORDS_PER_FRAME);
    this.refs = new Uint16Array(frameCount);
    this.free = new Int32Array(frameCount);
    for (let i = 0; i < frameCount; i++) this.free[i] = frameCount - 1 - i;
    this.freeTop = frameCount;
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
    return f;
  }

  share(f: number): void {
    this.refs[f]++;
  }

  release(f: number): void {
    if (--this.refs[f] === 0) this.free[this.freeTop++] = f;
  }

  copyFrame(from: number, to: number): void {
    this.words.copyWithin(to * WORDS_PER_FRAME, from * WORDS_PER_FRAME, (from + 1) * WORDS_PER_FRAME);
  }

  /** Snapshot: only frames in use are copied, so it costs what is resident, not the whole RAM. */
  snapshot(): PhysicalMemorySnapshot {
    const used: number[] = [];
    for (let f = 0; f < this.frameCount; f++) if (this.refs[f] > 0) used.push(f);
    const data = new Int32Array(used.length * WORDS_PER_FRAME);
    used.forEach((f, i) =>
      data.set(this.words.subarray(f * WORDS_PER_FRAME, (f + 1) * WORDS_PER_FRAME), i * WORDS_PER_FRAME),
    );
    return {
      frameCount: this.frameCount,
      refs: this.refs.slice(),
      free: this.free.slice(0, this.freeTop),
      used: Int32Array.from(used),
      data,
    };
  }

  static restore(s: PhysicalMemorySnapshot): PhysicalMemory {
    const m = new PhysicalMemory(s.frameCount);
    m.refs.set(s.refs);
    m.free.set(s.free);
    m.freeTop = s.free.length;
    for (let i = 0; i < s.used.length; i++) {
      const f = s.used[i];
      m.words.set(s.data.subarray(i * WORDS_PER_FRAME, (i + 1) * WORDS_PER_FRAME), f * WORDS_PER_FRAME);
    }
    return m;
  }
}

export interface PhysicalMemorySnapshot {
  frameCount: number;
  refs: Uint16Array;
  free: Int32Array;
  used: Int32Array;
  data: Int32Array;
}
