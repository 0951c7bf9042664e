// Memory, worked by hand: regions, sbrk, stack growth, frames and refcounts, and the OOM killer.
import { describe, expect, it } from "vitest";
import { Layout } from "../../src/sim/cpu/isa.js";
import { PhysicalMemory } from "../../src/sim/physmem.js";
import { collect, kernel, ofType, proc, runTo, spawn } from "./helpers.js";

const S0 = 16;
const S1 = 17;
const S2 = 18;

describe("regions", () => {
  it("text, data, heap and stack are laid out in order and sbrk moves the break", () => {
    const src = `
.data
tbl:    .word 1, 2, 3
        .space 5000
.text
main:   sbrk 10000
        move $s0, $v0
        sbrk -2000
        move $s1, $v0
        li $t0, 0x3c0000
        sbrk $t0                # would run into the stack's room: -1
        move $s2, $v0
        pause
`;
    // 15 instructions (sbrk is li/move, li, syscall) = 60 bytes of text; data at 0x2000, 12 + 5000 = 5012 bytes; the heap starts
    // on the next page, 0x2000 + 8192 = 0x4000.
    const k = kernel({}, { grow: src });
    runTo(k, 3);
    spawn(k, "grow");
    const events = collect(k, 30);
    const p = proc(k, 2);
    expect(p.regs[S0]).toBe(0x4000);
    expect(p.regs[S1]).toBe(0x4000 + 10000);
    expect(p.regs[S2]).toBe(-1);
    expect(p.mem.regions().map((r) => [r.kind, r.start, r.end])).toEqual([
      ["text", 0x1000, 0x1000 + 60],
      ["data", 0x2000, 0x2000 + 5012],
      ["heap", 0x4000, 0x4000 + 8000],
      ["stack", 0x3ff000, 0x400000],
    ]);
    expect(ofType(events, "HeapGrew")).toEqual([
      { tick: 5, type: "HeapGrew", pid: 2, bytes: 10000, brk: 0x4000 + 10000 },
    ]);
  });

  it("heap pages are mapped on first touch and unmapped when the break shrinks below them", () => {
    const src = `
main:   sbrk 8192               # two pages, none mapped yet
        move $s0, $v0
        sw $t0, 0($s0)          # maps the first
        sw $t0, 4096($s0)       # maps the second
        sbrk -4096              # the second page goes
        pause
`;
    const k = kernel({}, { toucher: src });
    runTo(k, 3);
    spawn(k, "toucher");
    runTo(k, 9); // both stores done (tick 8)
    const p = proc(k, 2);
    const heap = () => p.mem.regions()[2];
    expect(heap().resident).toBe(2);
    const used = k.ram.used;
    runTo(k, 20);
    expect(heap().resident).toBe(1);
    expect(k.ram.used).toBe(used - 1);
    expect(p.mem.pt[(p.mem.heapBase + 4096) >>> 12]).toBe(-1);
  });

  it("the stack grows down on a touch below it, with a StackGrew event", () => {
    // sp = 0x3ffff0; sp - 8192 = 0x3fdff0, in page 0x3fd000: the stack grows from 0x3ff000 by 8 KiB.
    const src = `
main:   addi $sp, $sp, -8192
        sw $t0, 0($sp)
        pause
`;
    const k = kernel({}, { deep: src });
    runTo(k, 3);
    spawn(k, "deep");
    const events = collect(k, 5);
    expect(ofType(events, "StackGrew")).toEqual([
      { tick: 4, type: "StackGrew", pid: 2, bytes: 8192 },
    ]);
    const p = proc(k, 2);
    expect(p.mem.stackLow).toBe(0x3fd000);
    // Only the touched page is mapped: the original one and 0x3fd000, not 0x3fe000.
    expect(p.mem.regions()[3].resident).toBe(2);
  });

  it("an access below the stack's maximum and above the break is a fault, not growth", () => {
    const k = kernel({}, { wild: "main: li $t0, 0x300000\n lw $t1, 0($t0)" });
    runTo(k, 3);
    spawn(k, "wild");
    const events = collect(k, 3);
    expect(ofType(events, "StackGrew")).toEqual([]);
    expect(ofType(events, "Exited")[0]).toMatchObject({ status: 139 });
    expect(Layout.VA_SIZE - Layout.STACK_MAX).toBe(0x3c0000);
  });
});

describe("out of memory", () => {
  it("kills the process with the most resident pages (never init) with an OomKilled event", () => {
    // 16 frames: init 2 (text, stack), sleeper 2, heap-grower 2 + one heap page per turn.
    // After 10 heap pages all 16 are in use; the 11th touch finds none and the OOM killer picks
    // heap-grower (12 pages) over sleeper (2).
    const k = kernel({ memoryFrames: 16 });
    runTo(k, 3);
    const sleeper = spawn(k, "sleeper");
    const grower = spawn(k, "heap-grower");
    const events = collect(k, 500);
    expect(ofType(events, "OomKilled")).toEqual([
      expect.objectContaining({ type: "OomKilled", pid: grower, name: "heap-grower", pages: 12 }),
    ]);
    expect(ofType(events, "Exited")).toEqual([
      expect.objectContaining({ pid: grower, status: 137, signal: 9 }),
    ]);
    expect(ofType(events, "Reaped")[0]).toMatchObject({ pid: grower, by: 1, status: 137 });
    expect(proc(k, sleeper).state).toBe("blocked");
    expect(k.ram.used).toBe(4);
    expect(ofType(events, "HeapGrew").filter((e) => e.pid === grower)).toHaveLength(11);
  });

  it("a spawn into full memory OOM-kills the first of the largest processes to make room", () => {
    // 16 frames: init 2 + 7 sleepers x 2 = 16. The 8th sleeper's first page finds none: every
    // sleeper has 2 pages (the newcomer none yet), so the first of them, pid 2, is killed.
    const k = kernel({ memoryFrames: 16 });
    runTo(k, 3);
    for (let i = 0; i < 8; i++) spawn(k, "sleeper");
    const events = k.drainEvents();
    expect(ofType(events, "OomKilled")).toEqual([expect.objectContaining({ pid: 2, pages: 2 })]);
    expect(proc(k, 9).mem.resident).toBe(2);
    expect(k.ram.used).toBe(16);
  });

  it("an exec that runs out of memory kills the exec'ing process and leaks no frame", () => {
    // fat: 1 text page + 14 pages of initialised data + 1 stack page = 16 > the 14 frames init
    // leaves. Loading it maps text and 13 data pages, then the OOM killer takes the loader itself
    // (14 pages): the frame it was getting must not land in the dead process's page table.
    const words = Array.from({ length: 14 }, (_, i) => `d${i}: .word ${i + 1}\n .space 4092`).join(
      "\n",
    );
    const fat = `.data\n${words}\n.text\nmain: pause`;
    const k = kernel({ memoryFrames: 16 }, { fat, loader: "main: exec fat" });
    runTo(k, 3);
    spawn(k, "loader");
    const events = collect(k, 20);
    expect(ofType(events, "OomKilled")).toEqual([
      expect.objectContaining({ pid: 2, name: "loader", pages: 14 }),
    ]);
    expect(ofType(events, "Exited")).toEqual([expect.objectContaining({ pid: 2, status: 137 })]);
    expect(k.procs.has(2)).toBe(false);
    expect(k.ram.used).toBe(2);
  });
});

describe("physical memory", () => {
  it("allocates the lowest free frame first, zeroed, and frees on the last release", () => {
    const m = new PhysicalMemory(16);
    expect([m.alloc(), m.alloc(), m.alloc()]).toEqual([0, 1, 2]);
    m.words[1024 + 5] = 99;
    m.share(1);
    m.release(1);
    expect(m.refs[1]).toBe(1);
    m.release(1);
    expect(m.refs[1]).toBe(0);
    expect(m.used).toBe(2);
    // Frame 1 comes back first, cleared.
    expect(m.alloc()).toBe(1);
    expect(m.words[1024 + 5]).toBe(0);
  });

  it("a snapshot restores frames, refcounts and the free list exactly", () => {
    const m = new PhysicalMemory(32);
    for (let i = 0; i < 5; i++) m.alloc();
    m.release(2);
    m.share(4);
    m.words[4 * 1024 + 7] = 1234;
    const r = PhysicalMemory.restore(m.snapshot());
    expect(Array.from(r.refs)).toEqual(Array.from(m.refs));
    expect(r.used).toBe(m.used);
    expect(r.words[4 * 1024 + 7]).toBe(1234);
    expect(r.alloc()).toBe(m.alloc());
  });

  it("a snapshot copies only frames written since the last one and shares the rest", () => {
    const m = new PhysicalMemory(16);
    const [a, b, c] = [m.alloc(), m.alloc(), m.alloc()];
    m.words[a * 1024] = 1;
    const s1 = m.snapshot();
    // Through an address space every write marks its frame dirty; here we write by hand.
    m.words[b * 1024] = 2;
    m.dirty[b] = 1;
    m.copyFrame(a, c);
    const s2 = m.snapshot();
    expect(Array.from(s2.used)).toEqual([a, b, c]);
    expect(s2.frames[0]).toBe(s1.frames[0]); // a: untouched, shared
    expect(s2.frames[1]).not.toBe(s1.frames[1]); // b: written
    expect(s2.frames[2]).not.toBe(s1.frames[2]); // c: copied into
    expect(s1.frames[1][0]).toBe(0); // the older snapshot keeps its values
    const r = PhysicalMemory.restore(s2);
    expect([r.words[a * 1024], r.words[b * 1024], r.words[c * 1024]]).toEqual([1, 2, 1]);
  });

  it("with nothing left to kill, alloc returns -1", () => {
    const m = new PhysicalMemory(16);
    for (let i = 0; i < 16; i++) m.alloc();
    expect(m.alloc()).toBe(-1);
    m.onExhausted = () => false;
    expect(m.alloc()).toBe(-1);
  });
});
