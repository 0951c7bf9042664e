// Main memory as the last "level" behind the caches: it always hits and only counts traffic.
import type { AccessKind, NextLevel } from "./cache.js";

/** Indices into {@link MainMemory.counters}. */
export const MemoryCounter = { Reads: 0, Writes: 1, BytesRead: 2, BytesWritten: 3 } as const;

export class MainMemory implements NextLevel {
  /** reads, writes, bytes read, bytes written (see {@link MemoryCounter}). */
  readonly counters = new Float64Array(4);

  access(_addr: number, kind: AccessKind, size: number): number {
    const c = this.counters;
    if (kind === 1) {
      c[1]++;
      c[3] += size;
    } else {
      c[0]++;
      c[2] += size;
    }
    return 0;
  }

  /** Memory holds nothing dirty: nothing to copy back. */
  copyBack(_addr: number, _wholeCache: boolean): void {}

  /** Memory is never invalidated. */
  invalidate(_addr: number, _wholeCache: boolean): void {}

  resetStats(): void {
    this.counters.fill(0);
  }
}
