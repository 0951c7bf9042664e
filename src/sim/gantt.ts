// The Gantt history: which process (or idle, or a context switch) held each core, and from when.

/** Gantt occupant codes besides a pid. */
export const GANTT_IDLE = -1;
export const GANTT_SWITCH = -2;

/** Ring buffer of (occupant, start tick) segments per core. */
export class GanttHistory {
  readonly length: number;
  readonly who: Int32Array;
  readonly start: Float64Array;
  /** Segments written so far (the ring holds the last `length`). */
  count = 0;
  /** The occupant of the newest segment (read every tick, so kept apart from the ring). */
  private last = GANTT_IDLE - 100;

  constructor(length: number) {
    this.length = length;
    this.who = new Int32Array(length);
    this.start = new Float64Array(length);
  }

  current(): number {
    return this.last;
  }

  push(who: number, tick: number): void {
    const i = this.count % this.length;
    this.who[i] = who;
    this.start[i] = tick;
    this.count++;
    this.last = who;
  }

  /** Segments overlapping [from, to), oldest first. */
  segments(from: number, to: number): { who: number; start: number; end: number }[] {
    const out: { who: number; start: number; end: number }[] = [];
    const first = Math.max(0, this.count - this.length);
    for (let k = first; k < this.count; k++) {
      const i = k % this.length;
      const s = this.start[i];
      const e = k + 1 < this.count ? this.start[(k + 1) % this.length] : to;
      if (e > from && s < to)
        out.push({ who: this.who[i], start: Math.max(s, from), end: Math.min(e, to) });
    }
    return out;
  }

  clone(): GanttHistory {
    const g = new GanttHistory(this.length);
    g.who.set(this.who);
    g.start.set(this.start);
    g.count = this.count;
    g.last = this.last;
    return g;
  }
}
