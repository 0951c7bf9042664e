// An insertion-ordered queue of processes with O(1) push/shift and removal by identity.
import type { Pcb } from "../process.js";
import { allowedOn } from "./affinity.js";

export class FifoQueue {
  private items: (Pcb | null)[] = [];
  private head = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(p: Pcb): void {
    this.items.push(p);
    this.count++;
  }

  unshift(p: Pcb): void {
    if (this.head > 0) this.items[--this.head] = p;
    else this.items.unshift(p);
    this.count++;
  }

  shift(): Pcb | null {
    while (this.head < this.items.length) {
      const p = this.items[this.head++];
      if (p !== null) {
        this.count--;
        this.compact();
        return p;
      }
    }
    return null;
  }

  /** Removes and returns the first process allowed on `core` (the head, unless affinity says no). */
  shiftFor(core: number): Pcb | null {
    for (let i = this.head; i < this.items.length; i++) {
      const p = this.items[i];
      if (p === null || !allowedOn(p, core)) continue;
      if (i === this.head) return this.shift();
      this.items[i] = null;
      this.count--;
      this.compact();
      return p;
    }
    return null;
  }

  /** The same queue over the processes `re` maps these to. */
  clone(re: (p: Pcb) => Pcb): FifoQueue {
    const q = new FifoQueue();
    for (const p of this.toArray()) q.push(re(p));
    return q;
  }

  peek(): Pcb | null {
    for (let i = this.head; i < this.items.length; i++)
      if (this.items[i] !== null) return this.items[i];
    return null;
  }

  remove(p: Pcb): boolean {
    const i = this.items.indexOf(p, this.head);
    if (i < 0) return false;
    this.items[i] = null;
    this.count--;
    this.compact();
    return true;
  }

  toArray(): Pcb[] {
    const out: Pcb[] = [];
    for (let i = this.head; i < this.items.length; i++) {
      const p = this.items[i];
      if (p !== null) out.push(p);
    }
    return out;
  }

  /** Keeps the backing array from growing without bound as items pass through. */
  private compact(): void {
    if (this.head > 64 && this.head * 2 > this.items.length) {
      this.items = this.toArray();
      this.head = 0;
    } else if (this.count === 0) {
      this.items.length = 0;
      this.head = 0;
    }
  }
}
