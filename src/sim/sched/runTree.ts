// A red-black tree of runnable processes ordered by a key (CFS's vruntime, stride's pass): O(log n).
import type { Pcb } from "../process.js";
import { allowedOn } from "./affinity.js";

/**
 * A process's place in a tree. Like Linux's sched_entity.run_node it lives with the process
 * (Pcb.runNode), so queueing and dequeueing allocate nothing; a process is in one tree at most.
 */
export class RunNode {
  key = 0;
  /** Orders equal keys: smaller first (stride: the pid; CFS: the insertion sequence, FIFO). */
  tie = 0;
  red = false;
  /** The tree the node is in (null: none), so a stale node is never taken for a member. */
  owner: RunTree | null = null;
  left: RunNode;
  right: RunNode;
  parent: RunNode;
  readonly p: Pcb | null;
  constructor(p: Pcb | null) {
    this.p = p;
    this.left = this;
    this.right = this;
    this.parent = this;
  }
}

function nodeOf(p: Pcb): RunNode {
  if (p.runNode === null) p.runNode = new RunNode(p);
  return p.runNode;
}

/** CLRS's red-black tree with a sentinel, caching the leftmost node (Linux's rb_root_cached). */
export class RunTree {
  private readonly nil = new RunNode(null);
  private root: RunNode = this.nil;
  private leftmost: RunNode = this.nil;
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(p: Pcb): boolean {
    return p.runNode !== null && p.runNode.owner === this;
  }

  /** The process with the smallest key, or null. */
  min(): Pcb | null {
    return this.leftmost.p;
  }

  /** The smallest-keyed process allowed on `core`, walking in order from the left (usually the first). */
  firstFor(core: number): Pcb | null {
    for (let n = this.leftmost; n !== this.nil; n = this.next(n))
      if (allowedOn(n.p!, core)) return n.p;
    return null;
  }

  /** Processes in key order. */
  toArray(): Pcb[] {
    const out: Pcb[] = [];
    for (let n = this.leftmost; n !== this.nil; n = this.next(n)) out.push(n.p!);
    return out;
  }

  insert(p: Pcb, key: number, tie: number): void {
    const z = nodeOf(p);
    const nil = this.nil;
    z.key = key;
    z.tie = tie;
    z.left = nil;
    z.right = nil;
    z.red = true;
    let y = nil;
    let x = this.root;
    let leftmost = true;
    while (x !== nil) {
      y = x;
      if (this.before(z, x)) x = x.left;
      else {
        x = x.right;
        leftmost = false;
      }
    }
    z.parent = y;
    if (y === nil) this.root = z;
    else if (this.before(z, y)) y.left = z;
    else y.right = z;
    if (leftmost) this.leftmost = z;
    z.owner = this;
    this.count++;
    this.insertFixup(z);
  }

  remove(p: Pcb): boolean {
    if (!this.has(p)) return false;
    const z = nodeOf(p);
    z.owner = null;
    this.count--;
    const nil = this.nil;
    if (this.leftmost === z) this.leftmost = this.next(z);
    let y = z;
    let yRed = y.red;
    let x: RunNode;
    if (z.left === nil) {
      x = z.right;
      this.transplant(z, z.right);
    } else if (z.right === nil) {
      x = z.left;
      this.transplant(z, z.left);
    } else {
      y = z.right;
      while (y.left !== nil) y = y.left;
      yRed = y.red;
      x = y.right;
      if (y.parent === z) x.parent = y;
      else {
        this.transplant(y, y.right);
        y.right = z.right;
        y.right.parent = y;
      }
      this.transplant(z, y);
      y.left = z.left;
      y.left.parent = y;
      y.red = z.red;
    }
    if (!yRed) this.deleteFixup(x);
    nil.parent = nil;
    return true;
  }

  /** Black height if the red-black rules hold, else -1 (for tests). */
  check(): number {
    const walk = (n: RunNode): number => {
      if (n === this.nil) return 1;
      if (n.red && (n.left.red || n.right.red)) return -1;
      if (n.left !== this.nil && this.before(n, n.left)) return -1;
      if (n.right !== this.nil && this.before(n.right, n)) return -1;
      const l = walk(n.left);
      const r = walk(n.right);
      if (l < 0 || l !== r) return -1;
      return l + (n.red ? 0 : 1);
    };
    return this.root.red ? -1 : walk(this.root);
  }

  private before(a: RunNode, b: RunNode): boolean {
    return a.key < b.key || (a.key === b.key && a.tie < b.tie);
  }

  private next(n: RunNode): RunNode {
    const nil = this.nil;
    if (n.right !== nil) {
      let m = n.right;
      while (m.left !== nil) m = m.left;
      return m;
    }
    let m = n;
    let up = n.parent;
    while (up !== nil && m === up.right) {
      m = up;
      up = up.parent;
    }
    return up;
  }

  private rotateLeft(x: RunNode): void {
    const y = x.right;
    x.right = y.left;
    if (y.left !== this.nil) y.left.parent = x;
    y.parent = x.parent;
    if (x.parent === this.nil) this.root = y;
    else if (x === x.parent.left) x.parent.left = y;
    else x.parent.right = y;
    y.left = x;
    x.parent = y;
  }

  private rotateRight(x: RunNode): void {
    const y = x.left;
    x.left = y.right;
    if (y.right !== this.nil) y.right.parent = x;
    y.parent = x.parent;
    if (x.parent === this.nil) this.root = y;
    else if (x === x.parent.right) x.parent.right = y;
    else x.parent.left = y;
    y.right = x;
    x.parent = y;
  }

  private insertFixup(z: RunNode): void {
    while (z.parent.red) {
      const gp = z.parent.parent;
      if (z.parent === gp.left) {
        const y = gp.right;
        if (y.red) {
          z.parent.red = false;
          y.red = false;
          gp.red = true;
          z = gp;
        } else {
          if (z === z.parent.right) {
            z = z.parent;
            this.rotateLeft(z);
          }
          z.parent.red = false;
          z.parent.parent.red = true;
          this.rotateRight(z.parent.parent);
        }
      } else {
        const y = gp.left;
        if (y.red) {
          z.parent.red = false;
          y.red = false;
          gp.red = true;
          z = gp;
        } else {
          if (z === z.parent.left) {
            z = z.parent;
            this.rotateRight(z);
          }
          z.parent.red = false;
          z.parent.parent.red = true;
          this.rotateLeft(z.parent.parent);
        }
      }
    }
    this.root.red = false;
  }

  private transplant(u: RunNode, v: RunNode): void {
    if (u.parent === this.nil) this.root = v;
    else if (u === u.parent.left) u.parent.left = v;
    else u.parent.right = v;
    v.parent = u.parent;
  }

  private deleteFixup(x: RunNode): void {
    while (x !== this.root && !x.red) {
      const p = x.parent;
      if (x === p.left) {
        let w = p.right;
        if (w.red) {
          w.red = false;
          p.red = true;
          this.rotateLeft(p);
          w = p.right;
        }
        if (!w.left.red && !w.right.red) {
          w.red = true;
          x = p;
        } else {
          if (!w.right.red) {
            w.left.red = false;
            w.red = true;
            this.rotateRight(w);
            w = p.right;
          }
          w.red = p.red;
          p.red = false;
          w.right.red = false;
          this.rotateLeft(p);
          x = this.root;
        }
      } else {
        let w = p.left;
        if (w.red) {
          w.red = false;
          p.red = true;
          this.rotateRight(p);
          w = p.left;
        }
        if (!w.right.red && !w.left.red) {
          w.red = true;
          x = p;
        } else {
          if (!w.left.red) {
            w.right.red = false;
            w.red = true;
            this.rotateLeft(w);
            w = p.left;
          }
          w.red = p.red;
          p.red = false;
          w.left.red = false;
          this.rotateRight(p);
          x = this.root;
        }
      }
    }
    x.red = false;
  }
}
