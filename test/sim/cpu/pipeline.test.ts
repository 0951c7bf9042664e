// Hand-worked pipeline timings (Patterson & Hennessy conventions) for PipelinedCpu.
import { describe, expect, it } from "vitest";
import { Stage } from "../../../src/sim/cpu/pipelineDefs.js";
import { FixedTiming, timeline } from "./pipelineHelpers.js";

const { IF, ID, EX, WB } = Stage;
const stalls = (t: ReturnType<typeof timeline>) => t.cpu.coreStats(0).stalls.data;
const flushes = (t: ReturnType<typeof timeline>) => t.cpu.coreStats(0).flushed;

describe("straight-line code", () => {
  it.each([1, 2, 5, 12])("%i independent ALU instructions take N+4 cycles", (n) => {
    const src = Array.from({ length: n }, (_, i) => `add $t${i % 8},$s0,$s1`).join("\n");
    const t = timeline(src);
    expect(t.cycles).toBe(n + 4);
    t.rows.forEach((r, i) => {
      expect(r.last).toEqual([i + 1, i + 2, i + 3, i + 4, i + 5]);
    });
    expect(stalls(t)).toBe(0);
  });

  const chain = "add $t0,$s0,$s1\nadd $t1,$t0,$s2\nadd $t2,$t1,$s3";
  it("a dependent add chain needs no stall with forwarding", () => {
    const t = timeline(chain, { forwarding: true });
    expect(t.cycles).toBe(7);
    expect(stalls(t)).toBe(0);
  });

  it("without forwarding each dependent pair stalls 2 (write first half, read second half)", () => {
    const t = timeline(chain, { forwarding: false });
    expect(stalls(t)).toBe(4);
    expect(t.cycles).toBe(11);
    // The consumer decodes in its producer's WB cycle.
    expect(t.rows[1].last[ID]).toBe(t.rows[0].last[WB]);
    expect(t.rows[2].last[ID]).toBe(t.rows[1].last[WB]);
    // It entered ID right after IF and was held there.
    expect(t.rows[1].first[ID]).toBe(3);
    expect(t.rows[1].last[IF]).toBe(2);
  });

  it("a producer two instructions back needs 1 stall without forwarding, 0 with", () => {
    const src = "add $t0,$s0,$s1\nadd $t5,$s2,$s3\nadd $t1,$t0,$s2";
    expect(stalls(timeline(src, { forwarding: false }))).toBe(1);
    expect(stalls(timeline(src, { forwarding: true }))).toBe(0);
  });

  it("load-use stalls 1 cycle with forwarding and 2 without", () => {
    const src = "lw $t0,4($0)\nadd $t1,$t0,$s1";
    const on = timeline(src, { forwarding: true });
    expect(stalls(on)).toBe(1);
    expect(on.cycles).toBe(7);
    expect(on.rows[1].last[EX]).toBe(on.rows[0].last[Stage.MEM] + 1);
    const off = timeline(src, { forwarding: false });
    expect(stalls(off)).toBe(2);
    expect(off.cycles).toBe(8);
  });

  it("a load feeding the next store's data stalls 1 with forwarding (both sources checked)", () => {
    const t = timeline("lw $t0,4($0)\nsw $t0,8($0)", { forwarding: true }, {});
    expect(stalls(t)).toBe(1);
    expect(t.cycles).toBe(7);
  });

  it("a load two instructions before its user needs no stall with forwarding", () => {
    const t = timeline("lw $t0,4($0)\nadd $t3,$s0,$s1\nadd $t1,$t0,$s1");
    expect(stalls(t)).toBe(0);
    expect(t.cycles).toBe(7);
  });

  it("the instruction behind a stalled one waits in IF", () => {
    const t = timeline("lw $t0,4($0)\nadd $t1,$t0,$s1\nsub $t2,$s2,$s3");
    expect(t.rows[2].first[IF]).toBe(3);
    expect(t.rows[2].last[IF]).toBe(4);
    expect(t.rows[2].last[ID]).toBe(5);
    expect(t.cycles).toBe(8);
  });

  it("$zero never causes a hazard", () => {
    const t = timeline("lw $0,4($0)\nadd $t1,$0,$0", { forwarding: false });
    expect(stalls(t)).toBe(0);
  });
});

describe("branches", () => {
  const src = [
    "beq $s0,$s1,skip",
    "add $t0,$t0,$t0",
    "add $t1,$t1,$t1",
    "add $t2,$t2,$t2",
    "skip: add $t3,$s0,$s1",
  ].join("\n");

  it.each([
    ["id", 1, 7],
    ["ex", 2, 8],
    ["mem", 3, 9],
  ] as const)("taken, resolved in %s: flushes %i, %i cycles", (stage, flushed, cycles) => {
    const t = timeline(src, { branchStage: stage });
    expect(flushes(t)).toBe(flushed);
    expect(t.cycles).toBe(cycles);
    expect(t.rows.map((r) => r.index)).toEqual([0, 4]);
    // The wrong-path instructions are the fall-through ones.
    expect(t.flushed.map((e) => e.index)).toEqual([1, 2, 3].slice(0, flushed));
    // The target is fetched the cycle after the branch leaves its resolving stage.
    expect(t.rows[1].last[IF]).toBe(1 + flushed + 1);
    expect(t.hart.regs[8]).toBe(0);
  });

  it.each(["id", "ex", "mem"] as const)("not taken, resolved in %s: no flush", (stage) => {
    const t = timeline(src, { branchStage: stage }, { 16: 1 });
    expect(flushes(t)).toBe(0);
    expect(t.cycles).toBe(9);
    expect(t.rows).toHaveLength(5);
  });

  it("resolved in ID with forwarding: 1 stall after an ALU producer right before it", () => {
    const t = timeline("add $t0,$s0,$s1\nbeq $t0,$zero,end\nnop\nend:", { branchStage: "id" });
    expect(stalls(t)).toBe(1);
    expect(flushes(t)).toBe(1);
    expect(t.rows[1].last[ID]).toBe(4);
  });

  it("resolved in ID with forwarding: 2 stalls after a load right before it", () => {
    const t = timeline("lw $t0,4($0)\nbeq $t0,$zero,end\nnop\nend:", { branchStage: "id" });
    expect(stalls(t)).toBe(2);
    expect(t.rows[1].last[ID]).toBe(5);
  });

  it("resolved in ID with forwarding: 1 stall after a load two before it, 0 after an ALU", () => {
    const load = timeline("lw $t0,4($0)\nnop\nbeq $t0,$zero,end\nnop\nend:", { branchStage: "id" });
    expect(stalls(load)).toBe(1);
    const alu = timeline("add $t0,$s0,$s1\nnop\nbeq $t0,$zero,end\nnop\nend:", {
      branchStage: "id",
    });
    expect(stalls(alu)).toBe(0);
  });

  it("resolved in ID without forwarding: nothing is forwarded, 2 stalls after an ALU", () => {
    const t = timeline("add $t0,$s0,$s1\nbeq $t0,$zero,end\nnop\nend:", {
      branchStage: "id",
      forwarding: false,
    });
    expect(stalls(t)).toBe(2);
  });

  it("resolved in EX, an ALU producer right before the branch is forwarded", () => {
    const t = timeline("add $t0,$s0,$s1\nbeq $t0,$zero,end\nnop\nend:", { branchStage: "ex" });
    expect(stalls(t)).toBe(0);
    expect(flushes(t)).toBe(2);
  });

  it("j resolves in ID whatever the branch stage: 1 flushed slot", () => {
    for (const stage of ["id", "ex", "mem"] as const) {
      const t = timeline("j end\nadd $t0,$s0,$s1\nend: add $t1,$s0,$s1", { branchStage: stage });
      expect(flushes(t)).toBe(1);
      expect(t.cycles).toBe(7);
    }
  });

  it("jr resolves where branches do", () => {
    // $ra holds the byte address of `end` (TEXT_BASE + 3*4).
    const src = "jr $ra\nnop\nnop\nend: add $t1,$s0,$s1";
    expect(flushes(timeline(src, { branchStage: "mem" }, { 31: 0x1000 + 12 }))).toBe(3);
    expect(flushes(timeline(src, { branchStage: "ex" }, { 31: 0x1000 + 12 }))).toBe(2);
    expect(flushes(timeline(src, { branchStage: "id" }, { 31: 0x1000 + 12 }))).toBe(1);
  });
});

describe("a small loop", () => {
  const loop = [
    "      addi $t0, $zero, 3",
    "loop: addi $t0, $t0, -1",
    "      bne $t0, $zero, loop",
    "      sw $t0, 0($0)",
  ].join("\n");

  it("forwarding on, branch in EX: 8 instructions, 2 flushed per taken bne, 16 cycles", () => {
    const t = timeline(loop);
    expect(t.rows.map((r) => r.index)).toEqual([0, 1, 2, 1, 2, 1, 2, 3]);
    expect(flushes(t)).toBe(4);
    expect(stalls(t)).toBe(0);
    expect(t.cycles).toBe(16);
  });

  it("forwarding on, branch in ID: a stall per iteration, 1 flush per taken bne, 17 cycles", () => {
    const t = timeline(loop, { branchStage: "id" });
    expect(stalls(t)).toBe(3);
    expect(flushes(t)).toBe(2);
    expect(t.cycles).toBe(17);
  });

  it("forwarding off, branch in EX: 24 cycles", () => {
    const t = timeline(loop, { forwarding: false });
    expect(stalls(t)).toBe(8);
    expect(flushes(t)).toBe(4);
    expect(t.cycles).toBe(24);
    expect(t.rows.map((r) => r.last[IF])).toEqual([1, 2, 5, 10, 11, 16, 17, 20]);
  });
});

describe("memory stalls", () => {
  it("a 1-cycle L1 hit (or a 0-latency perfect memory) costs nothing", () => {
    for (const l of [0, 1]) {
      const t = timeline("lw $t0,4($0)\nsw $t1,8($0)\nadd $t2,$s0,$s1", {
        memory: new FixedTiming({ read: l, write: l, fetch: l }),
      });
      expect(t.cycles).toBe(7);
      expect(t.cpu.coreStats(0).stalls.memory).toBe(0);
    }
  });

  it("a load waits in MEM for the latency, and everything behind it waits too", () => {
    // Latency 11 (an L2 hit behind a 1-cycle L1): MEM's own cycle plus 10 stall cycles.
    const mem = new FixedTiming({ read: 11, write: 1, fetch: 1 });
    const t = timeline("lw $t0,4($0)\nadd $t1,$s0,$s1", { memory: mem });
    expect(t.rows[0].first[Stage.MEM]).toBe(4);
    expect(t.rows[0].last[Stage.MEM]).toBe(14);
    expect(t.rows[1].last[EX]).toBe(14);
    expect(t.cycles).toBe(16);
    const s = t.cpu.coreStats(0);
    expect(s.stalls.memory).toBe(10);
    expect(s.bubbles.memory).toBe(10);
    expect(mem.calls.filter((c) => c[2] === 0)).toEqual([[0, 4, 0]]);
  });

  it("a store waits for its write latency", () => {
    const t = timeline("sw $t0,4($0)\nnop", { memory: new FixedTiming({ write: 4 }) });
    expect(t.cycles).toBe(6 + 3);
  });

  it("fetch latency holds IF: N instructions with fetch latency 3 take 3N+4 cycles", () => {
    const mem = new FixedTiming({ fetch: 3 });
    const t = timeline("add $t0,$s0,$s1\nadd $t1,$s0,$s1\nadd $t2,$s0,$s1", { memory: mem });
    expect(t.cycles).toBe(13);
    expect(t.rows[1].first[IF]).toBe(4);
    expect(mem.calls.map((c) => c[1])).toEqual([0x1000, 0x1004, 0x1008]);
  });

  it("a load-use stall overlaps nothing extra after a memory wait", () => {
    const t = timeline("lw $t0,4($0)\nadd $t1,$t0,$s1", { memory: new FixedTiming({ read: 6 }) });
    // lw MEM 4..9, WB 10; add stalled in ID by the hazard once (cycle 3), then frozen.
    expect(t.cycles).toBe(7 + 5);
  });
});
