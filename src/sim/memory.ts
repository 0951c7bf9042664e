// A process's address space: text, data, heap and stack regions over demand-paged, COW frames.
import type { DataMemory } from "./cpu/exec.js";
import { Layout } from "./cpu/isa.js";
import type { PhysicalMemory } from "./physmem.js";
import type { Program } from "./programs/program.js";

const PAGES = Layout.VA_SIZE / Layout.PAGE_SIZE;
const SHIFT = Layout.PAGE_SHIFT;
const STACK_FLOOR = Layout.VA_SIZE - Layout.STACK_MAX;

export type RegionKind = "text" | "data" | "heap" | "stack";

export interface Region {
  kind: RegionKind;
  start: number;
  /** Exclusive end. */
  end: number;
  /** Pages of the region backed by a frame. */
  resident: number;
  /** Resident pages whose frame another process also maps (copy-on-write after fork). */
  shared: number;
}

/** What the kernel wants to hear about from the memory system (for events and OOM). */
export interface MemoryListener {
  stackGrew(space: AddressSpace, bytes: number): void;
  cowCopied(space: AddressSpace, vpn: number): void;
}

/** What a frozen copy has in place of page tables (it never runs). */
const NO_TABLE = new Int32Array(0);
const NO_FLAGS = new Uint8Array(0);
/** Scratch for listing mappings: at most every page, three numbers each. */
const SCRATCH = new Int32Array(PAGES * 3);

function pageAlign(n: number): number {
  return Math.ceil(n / Layout.PAGE_SIZE) * Layout.PAGE_SIZE;
}

export class AddressSpace implements DataMemory {
  fault = false;
  /** Set with `fault` when the access could not be served for lack of memory (OOM victim). */
  outOfMemory = false;
  readonly pt: Int32Array;
  /** 1 where the page is read-only (text). */
  readonly ro: Uint8Array;
  textEnd: number = Layout.TEXT_BASE;
  dataBase: number = Layout.TEXT_BASE;
  dataEnd: number = Layout.TEXT_BASE;
  heapBase: number = Layout.TEXT_BASE;
  brk: number = Layout.TEXT_BASE;
  stackLow: number = Layout.VA_SIZE;
  resident = 0;
  listener: MemoryListener | null = null;
  readonly ram: PhysicalMemory;
  /** Set once the frames are released (exit or OOM kill); an access in flight must not map more. */
  released = false;
  readonly pid: number;

  /** A frozen copy's mappings, (vpn, frame, read-only) per mapped page, instead of the tables. */
  private mapped: Int32Array | null = null;

  constructor(phys: PhysicalMemory, pid: number, tables = true) {
    this.ram = phys;
    this.pid = pid;
    this.pt = tables ? new Int32Array(PAGES).fill(-1) : NO_TABLE;
    this.ro = tables ? new Uint8Array(PAGES) : NO_FLAGS;
  }

  read(addr: number): number {
    if ((addr & 3) !== 0 || addr < 0 || addr >= Layout.VA_SIZE) return this.segv();
    let f = this.pt[addr >>> SHIFT];
    if (f < 0) {
      f = this.pageFault(addr >>> SHIFT);
      if (f < 0) return 0;
    }
    this.fault = false;
    return this.ram.words[(f << 10) | ((addr & 4095) >>> 2)];
  }

  write(addr: number, value: number): void {
    if ((addr & 3) !== 0 || addr < 0 || addr >= Layout.VA_SIZE) {
      this.segv();
      return;
    }
    const vpn = addr >>> SHIFT;
    let f = this.pt[vpn];
    if (f < 0) {
      f = this.pageFault(vpn);
      if (f < 0) return;
    }
    if (this.ro[vpn] !== 0) {
      this.segv();
      return;
    }
    if (this.ram.refs[f] > 1) {
      f = this.breakCow(vpn, f);
      if (f < 0) return;
    }
    this.fault = false;
    this.ram.words[(f << 10) | ((addr & 4095) >>> 2)] = value;
    this.ram.dirty[f] = 1;
  }

  phys(addr: number): number {
    if (addr < 0 || addr >= Layout.VA_SIZE) return -1;
    const f = this.pt[addr >>> SHIFT];
    return f < 0 ? -1 : f * Layout.PAGE_SIZE + (addr & 4095);
  }

  private segv(): number {
    this.fault = true;
    this.outOfMemory = false;
    return 0;
  }

  private oom(): number {
    this.fault = true;
    this.outOfMemory = true;
    return -1;
  }

  /** Demand paging: maps a frame if `vpn` lies in a region (growing the stack if near it). */
  private pageFault(vpn: number): number {
    const addr = vpn << SHIFT;
    const inHeap = addr >= this.heapBase && addr < this.brk;
    const inData = addr >= this.dataBase && addr < this.dataEnd;
    const inStack = addr >= this.stackLow;
    const growsStack = !inStack && addr >= STACK_FLOOR && addr >= this.brk;
    if (!inHeap && !inData && !inStack && !growsStack) {
      this.segv();
      return -1;
    }
    const f = this.ram.alloc();
    if (f < 0) return this.oom();
    // The OOM killer may have chosen this very process to make room.
    if (this.released) {
      this.ram.release(f);
      return this.oom();
    }
    this.pt[vpn] = f;
    this.resident++;
    if (growsStack) {
      const grown = this.stackLow - addr;
      this.stackLow = addr;
      this.listener?.stackGrew(this, grown);
    }
    return f;
  }

  private breakCow(vpn: number, f: number): number {
    const g = this.ram.alloc();
    if (g < 0) return this.oom();
    if (this.released) {
      this.ram.release(g);
      return this.oom();
    }
    this.ram.copyFrame(f, g);
    this.ram.release(f);
    this.pt[vpn] = g;
    this.listener?.cowCopied(this, vpn);
    return g;
  }

  private mapNew(vpn: number, readOnly: boolean): number {
    const f = this.ram.alloc();
    if (f < 0) return -1;
    // The OOM killer may have chosen this very process while it loads (exec): map nothing more.
    if (this.released) {
      this.ram.release(f);
      return -1;
    }
    this.pt[vpn] = f;
    this.ro[vpn] = readOnly ? 1 : 0;
    this.resident++;
    return f;
  }

  /**
   * Loads a program image: text pages (read-only), static data with its initial words, and the
   * first stack page. Returns false if memory ran out.
   */
  load(program: Program): boolean {
    this.released = false;
    const textBytes = (program.code.length / 5) * 4;
    this.textEnd = Layout.TEXT_BASE + textBytes;
    this.dataBase = program.dataBase;
    this.dataEnd = program.dataBase + program.dataSize;
    this.heapBase = pageAlign(Math.max(this.dataEnd, this.dataBase));
    this.brk = this.heapBase;
    this.stackLow = Layout.VA_SIZE - Layout.PAGE_SIZE;
    for (let a = Layout.TEXT_BASE; a < this.textEnd; a += Layout.PAGE_SIZE) {
      if (this.mapNew(a >>> SHIFT, true) < 0) return false;
    }
    // Initialised data is loaded now; the rest of the region (.space) is paged in on demand.
    for (let i = 0; i < program.data.length; i += 1024) {
      const vpn = (program.dataBase + i * 4) >>> SHIFT;
      const f = this.pt[vpn] >= 0 ? this.pt[vpn] : this.mapNew(vpn, false);
      if (f < 0) return false;
      this.ram.words.set(program.data.subarray(i, i + 1024), f << 10);
      this.ram.dirty[f] = 1;
    }
    return this.mapNew(this.stackLow >>> SHIFT, false) >= 0;
  }

  /** fork: the child maps every frame of the parent; either side's first write copies. */
  copyFrom(parent: AddressSpace): void {
    for (let v = 0; v < PAGES; v++) {
      const f = parent.pt[v];
      if (f >= 0) {
        this.pt[v] = f;
        this.ram.share(f);
      }
    }
    this.ro.set(parent.ro);
    this.resident = parent.resident;
    this.textEnd = parent.textEnd;
    this.dataBase = parent.dataBase;
    this.dataEnd = parent.dataEnd;
    this.heapBase = parent.heapBase;
    this.brk = parent.brk;
    this.stackLow = parent.stackLow;
  }

  /** Unmaps everything (exit, exec, OOM kill). */
  release(): void {
    for (let v = 0; v < PAGES; v++) {
      const f = this.pt[v];
      if (f >= 0) {
        this.ram.release(f);
        this.pt[v] = -1;
      }
    }
    this.ro.fill(0);
    this.resident = 0;
    this.released = true;
  }

  /** Moves the program break by `delta` bytes; returns the old break, or -1 if it won't fit. */
  sbrk(delta: number): number {
    const old = this.brk;
    const next = old + delta;
    if (next < this.heapBase || next > Math.min(STACK_FLOOR, this.stackLow)) return -1;
    // Shrinking unmaps whole pages above the new break.
    for (let a = pageAlign(next); a < pageAlign(old); a += Layout.PAGE_SIZE) {
      const v = a >>> SHIFT;
      if (this.pt[v] >= 0) {
        this.ram.release(this.pt[v]);
        this.pt[v] = -1;
        this.resident--;
      }
    }
    this.brk = next;
    return old;
  }

  sharedPages(): number {
    let n = 0;
    for (let v = 0; v < PAGES; v++) {
      const f = this.pt[v];
      if (f >= 0 && this.ram.refs[f] > 1) n++;
    }
    return n;
  }

  regions(): Region[] {
    const count = (start: number, end: number): [number, number] => {
      let r = 0;
      let s = 0;
      for (let a = start - (start % Layout.PAGE_SIZE); a < end; a += Layout.PAGE_SIZE) {
        const f = this.pt[a >>> SHIFT];
        if (f >= 0) {
          r++;
          if (this.ram.refs[f] > 1) s++;
        }
      }
      return [r, s];
    };
    const mk = (kind: RegionKind, start: number, end: number): Region => {
      const [resident, shared] = count(start, end);
      return { kind, start, end, resident, shared };
    };
    return [
      mk("text", Layout.TEXT_BASE, this.textEnd),
      mk("data", this.dataBase, this.dataEnd),
      mk("heap", this.heapBase, this.brk),
      mk("stack", this.stackLow, Layout.VA_SIZE),
    ];
  }

  /**
   * A copy over another physical memory (the snapshot's), same frame numbers. A `frozen` copy
   * (for the store's snapshots) lists only the mapped pages; cloning it again restores the tables.
   */
  cloneOnto(phys: PhysicalMemory, frozen = false): AddressSpace {
    const c = new AddressSpace(phys, this.pid, !frozen);
    const m = this.mapped;
    if (frozen) c.mapped = this.mappings();
    else if (m !== null) {
      for (let i = 0; i < m.length; i += 3) {
        c.pt[m[i]] = m[i + 1];
        c.ro[m[i]] = m[i + 2];
      }
    } else {
      c.pt.set(this.pt);
      c.ro.set(this.ro);
    }
    c.textEnd = this.textEnd;
    c.dataBase = this.dataBase;
    c.dataEnd = this.dataEnd;
    c.heapBase = this.heapBase;
    c.brk = this.brk;
    c.stackLow = this.stackLow;
    c.resident = this.resident;
    c.released = this.released;
    return c;
  }

  private mappings(): Int32Array {
    if (this.mapped !== null) return this.mapped;
    const pt = this.pt;
    let i = 0;
    for (let v = 0; v < PAGES; v++) {
      const f = pt[v];
      if (f < 0) continue;
      SCRATCH[i++] = v;
      SCRATCH[i++] = f;
      SCRATCH[i++] = this.ro[v];
    }
    return SCRATCH.slice(0, i);
  }
}
