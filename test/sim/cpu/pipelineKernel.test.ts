// PipelinedCpu as the kernel drives it: traps at WB, drains, flushes, accounting, views.
import { describe, expect, it } from "vitest";
import { Trap } from "../../../src/sim/cpu/exec.js";
import { defaultHierarchyConfig, Hierarchy } from "../../../src/sim/cpu/hierarchy.js";
import { IdealCpu } from "../../../src/sim/cpu/ideal.js";
import { PipelinedCpu } from "../../../src/sim/cpu/pipeline.js";
import { Cause, PerfectMemory, Slot, Stage } from "../../../src/sim/cpu/pipelineDefs.js";
import { StageView } from "../../../src/sim/cpu/pipelineStats.js";
import { FixedTiming, FlatMemory, HashTiming, makeHart, runToEnd } from "./pipelineHelpers.js";

describe("traps", () => {
  it("a syscall stops fetch behind it and returns Trap.Syscall in its WB cycle, drained", () => {
    const cpu = new PipelinedCpu({ cores: 1 });
    const hart = makeHart("li $v0, 7\nsyscall\naddi $t0,$t0,1\naddi $t0,$t0,1");
    const traps: number[] = [];
    for (let i = 0; i < 6; i++) traps.push(cpu.cycle(0, hart, true));
    // li IF1..WB5, syscall IF2..WB6.
    expect(traps).toEqual([0, 0, 0, 0, 0, Trap.Syscall]);
    expect(cpu.drained(0)).toBe(true);
    expect(hart.pc).toBe(0x1000 + 8);
    expect(hart.regs[8]).toBe(0);
    expect(hart.regs[2]).toBe(7);
    expect(hart.acct.instructions).toBe(2);
    // The kernel's result lands; execution continues after the syscall.
    hart.regs[8] = 40;
    expect(runToEnd(cpu, hart)).toBeGreaterThan(0);
    expect(hart.regs[8]).toBe(42);
    expect(cpu.coreStats(0).bubbles.trap).toBeGreaterThan(0);
  });

  it("a faulting load returns Trap.Fault at WB with pc at it and nothing younger executed", () => {
    const mem = new FlatMemory(64);
    const hart = makeHart("addi $t1,$0,5\nlw $t0,100($0)\naddi $t2,$0,9", { mem });
    const cpu = new PipelinedCpu({ cores: 1 });
    let n = 0;
    let t: number = Trap.None;
    while (t === Trap.None) {
      t = cpu.cycle(0, hart, true);
      n++;
    }
    expect(t).toBe(Trap.Fault);
    expect(n).toBe(6);
    expect(hart.pc).toBe(0x1004);
    expect(hart.regs[9]).toBe(5);
    expect(hart.regs[10]).toBe(0);
    expect(cpu.drained(0)).toBe(true);
    expect(hart.acct.instructions).toBe(1);
  });

  it("running off the code returns Trap.BadPc at WB with pc left there", () => {
    const cpu = new PipelinedCpu({ cores: 1 });
    const hart = makeHart("nop\nnop");
    expect(runToEnd(cpu, hart)).toBe(7);
    expect(hart.pc).toBe(0x1008);
    expect(cpu.drained(0)).toBe(true);
  });
});

describe("draining and flushing", () => {
  const busy = "loop: addi $t0,$t0,1\nlw $t1,0($0)\nadd $t2,$t1,$t0\nj loop";

  it("fetch=false drains the core within 5 cycles, counted as switch bubbles", () => {
    const cpu = new PipelinedCpu({ cores: 1 });
    const hart = makeHart(busy);
    for (let i = 0; i < 20; i++) cpu.cycle(0, hart, true);
    expect(cpu.drained(0)).toBe(false);
    let n = 0;
    while (!cpu.drained(0)) {
      cpu.cycle(0, hart, false);
      n++;
    }
    expect(n).toBeLessThanOrEqual(5);
    // Five more cycles flush the last real instruction out; their WB slots are switch bubbles.
    const before = cpu.coreStats(0).bubbles.switch;
    for (let i = 0; i < 5; i++) cpu.cycle(0, hart, false);
    expect(cpu.coreStats(0).bubbles.switch).toBeGreaterThan(before);
    // Architectural state then matches an ideal machine that ran the retired instructions.
    const ideal = makeHart(busy);
    const ref = new IdealCpu();
    while (ideal.acct.instructions < hart.acct.instructions) ref.cycle(0, ideal, true);
    expect(ideal.acct.instructions).toBe(hart.acct.instructions);
    expect(Array.from(ideal.regs)).toEqual(Array.from(hart.regs));
    expect(ideal.pc).toBe(hart.pc);
  });

  it("a switch to another process after a drain starts it cleanly", () => {
    const cpu = new PipelinedCpu({ cores: 1 });
    const a = makeHart(busy, { pid: 1 });
    const b = makeHart("addi $t5,$0,3\naddi $t6,$t5,4", { pid: 2 });
    for (let i = 0; i < 9; i++) cpu.cycle(0, a, true);
    while (!cpu.drained(0)) cpu.cycle(0, a, false);
    runToEnd(cpu, b);
    expect(b.regs[14]).toBe(7);
    expect(b.acct.instructions).toBe(2);
  });

  it("flush discards everything in flight", () => {
    const cpu = new PipelinedCpu({ cores: 1 });
    const hart = makeHart(busy);
    for (let i = 0; i < 7; i++) cpu.cycle(0, hart, true);
    const retired = hart.acct.instructions;
    cpu.flush(0);
    expect(cpu.drained(0)).toBe(true);
    for (let i = 0; i < 5; i++) cpu.cycle(0, null, false);
    expect(hart.acct.instructions).toBe(retired);
    const v = new StageView();
    cpu.stageView(0, v);
    expect(Array.from(v.slot)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe("accounting", () => {
  it("per-process counters add up to the core's, and cycles = retired + bubbles", () => {
    // (CPU time, acct.cycles, is the kernel's to charge: see test/sim/invariants.ts.)
    const cpu = new PipelinedCpu({ cores: 2, memory: new HashTiming() });
    const progs = [
      "loop: lw $t1,0($t0)\naddi $t0,$t0,4\nsw $t1,64($t0)\nbne $t0,$s0,loop",
      "loop: addi $t0,$t0,1\nadd $t1,$t1,$t0\nbeq $t0,$s0,out\nj loop\nout:",
    ];
    const harts = [1, 2, 3, 4].map((pid) =>
      makeHart(progs[pid % 2], { pid, regs: { 16: 40 + pid * 8 } }),
    );
    // Round robin on each core: pids 1,3 on core 0, pids 2,4 on core 1, quantum 37 cycles.
    for (let slice = 0; slice < 12; slice++) {
      for (let core = 0; core < 2; core++) {
        const h = harts[core + 2 * (slice % 2)];
        for (let i = 0; i < 37; i++) cpu.cycle(core, h, true);
        while (!cpu.drained(core)) cpu.cycle(core, h, false);
      }
    }
    for (let core = 0; core < 2; core++) {
      const s = cpu.coreStats(core);
      const mine = harts.filter((_, i) => i % 2 === core).map((h) => h.acct);
      const sum = (f: (a: (typeof mine)[0]) => number) => mine.reduce((x, a) => x + f(a), 0);
      expect(s.retired).toBe(sum((a) => a.instructions));
      expect(s.stallCycles).toBe(sum((a) => a.stallCycles));
      for (let l = 0; l < 4; l++) {
        expect(s.cacheAccesses[l]).toBe(sum((a) => a.cacheAccesses[l]));
        expect(s.cacheHits[l]).toBe(sum((a) => a.cacheHits[l]));
      }
      const b = s.bubbles;
      expect(s.retired + b.data + b.memory + b.branch + b.switch + b.trap + b.idle).toBe(s.cycles);
      expect(s.stalls.memory).toBeGreaterThan(0);
      expect(s.bubbles.switch).toBeGreaterThan(0);
      for (const st of s.stages) expect(st.busy + st.bubble + st.wrong).toBe(s.cycles);
      expect(s.ipc).toBeCloseTo(s.retired / s.cycles);
      expect(s.cpi).toBeCloseTo(s.cycles / s.retired);
    }
  });

  it("counts cache levels from lastLevel: levels below missed, lastLevel hit", () => {
    const mem = new FixedTiming({}, 2);
    const cpu = new PipelinedCpu({ cores: 1, memory: mem });
    const hart = makeHart("lw $t0,0($0)\nnop");
    runToEnd(cpu, hart);
    // 2 fetches + 1 load (the bad-pc fetch does not go to memory).
    expect(Array.from(hart.acct.cacheAccesses)).toEqual([3, 3, 3, 0]);
    expect(Array.from(hart.acct.cacheHits)).toEqual([0, 0, 3, 0]);
  });

  it("with the real cache hierarchy, only misses stall: a warm loop runs at perfect speed", () => {
    const loop = "loop: lw $t1,0($t0)\naddi $t0,$t0,4\nsw $t1,64($t0)\nbne $t0,$s0,loop";
    const run = (memory: Hierarchy | null) => {
      const cpu = new PipelinedCpu({ cores: 1, memory });
      const hart = makeHart(`${loop}\nli $t0,0\n${loop.replace(/loop/g, "again")}`, {
        regs: { 16: 32 },
      });
      return { cycles: runToEnd(cpu, hart), cpu, hart };
    };
    const cold = run(new Hierarchy(defaultHierarchyConfig(1)));
    const perfect = run(null);
    const s = cold.cpu.coreStats(0);
    expect(s.stalls.memory).toBeGreaterThan(0);
    expect(cold.cycles - perfect.cycles).toBe(s.stalls.memory);
    expect(s.cacheAccesses[0]).toBe(cold.hart.acct.cacheAccesses[0]);
    // Every fetch and data access reaches L1; the misses go further down.
    expect(s.cacheAccesses[0]).toBe(s.cacheHits.reduce((x, y) => x + y, 0));
    expect(s.cacheHits[0]).toBeGreaterThan(s.cacheAccesses[1]);
  });

  it("a window counts only what happened since resetWindow", () => {
    const cpu = new PipelinedCpu({ cores: 1, memory: new PerfectMemory() });
    const hart = makeHart("loop: addi $t0,$t0,1\nj loop");
    for (let i = 0; i < 100; i++) cpu.cycle(0, hart, true);
    cpu.resetWindow();
    // Each iteration: 2 instructions and 1 slot flushed by the jump, so 3 cycles.
    for (let i = 0; i < 30; i++) cpu.cycle(0, hart, true);
    const w = cpu.coreStats(0, true);
    expect(w.cycles).toBe(30);
    expect(w.retired).toBe(20);
    expect(w.flushed).toBe(10);
    expect(w.ipc).toBeCloseTo(2 / 3);
    expect(cpu.coreStats(0).cycles).toBe(130);
    expect(cpu.cycles(0)).toBe(130);
  });
});

describe("views", () => {
  it("shows a load-use stall: ID held (data), a data bubble in EX", () => {
    const cpu = new PipelinedCpu({ cores: 1 });
    const hart = makeHart("lw $t0,4($0)\nadd $t1,$t0,$s1\nsub $t2,$s2,$s3", { pid: 7 });
    for (let i = 0; i < 4; i++) cpu.cycle(0, hart, true);
    const v = new StageView();
    cpu.stageView(0, v);
    expect(v.slot[Stage.MEM]).toBe(Slot.Busy);
    expect(v.index[Stage.MEM]).toBe(0);
    expect(v.slot[Stage.EX]).toBe(Slot.Bubble);
    expect(v.cause[Stage.EX]).toBe(Cause.Data);
    expect(v.slot[Stage.ID]).toBe(Slot.Stalled);
    expect(v.cause[Stage.ID]).toBe(Cause.Data);
    expect(v.index[Stage.ID]).toBe(1);
    expect(v.pid[Stage.ID]).toBe(7);
    expect(v.slot[Stage.IF]).toBe(Slot.Stalled);
    expect(cpu.stageText(0, Stage.MEM)).toBe("lw $t0,4($zero)");
    expect(cpu.stageText(0, Stage.EX)).toBe("(bubble: data)");
    expect(cpu.stageText(0, Stage.ID)).toBe("add $t1,$t0,$s1 (stall: data)");
  });

  it("shows wrong-path then flushed instructions after a taken branch", () => {
    const cpu = new PipelinedCpu({ cores: 1, branchStage: "mem" });
    const hart = makeHart("beq $0,$0,t\nadd $t0,$s0,$s1\nsub $t1,$s0,$s1\nor $t2,$s0,$s1\nt: nop");
    const v = new StageView();
    for (let i = 0; i < 4; i++) cpu.cycle(0, hart, true);
    cpu.stageView(0, v);
    expect(Array.from(v.slot)).toEqual([Slot.WrongPath, Slot.WrongPath, Slot.WrongPath, 1, 0]);
    cpu.cycle(0, hart, true);
    cpu.stageView(0, v);
    expect(Array.from(v.slot)).toEqual([Slot.Busy, Slot.Flushed, Slot.Flushed, Slot.Flushed, 1]);
    expect(Array.from(v.index)).toEqual([4, 3, 2, 1, 0]);
    expect(cpu.stageText(0, Stage.EX)).toBe("(flushed) sub $t1,$s0,$s1");
    const occ = cpu.coreStats(0).stages;
    expect(occ[Stage.IF].wrong).toBe(3);
  });
});

describe("multiple cores and clones", () => {
  it("cores are independent", () => {
    const cpu = new PipelinedCpu({ cores: 3 });
    const hs = [0, 1, 2].map((i) => makeHart(`addi $t0,$0,${i + 1}\nadd $t1,$t0,$t0`));
    for (let i = 0; i < 7; i++) for (let c = 0; c < 3; c++) cpu.cycle(c, hs[c], true);
    expect(hs.map((h) => h.regs[9])).toEqual([2, 4, 6]);
    expect(() => new PipelinedCpu({ cores: 0 })).toThrow(RangeError);
    expect(() => new PipelinedCpu({ cores: 65 })).toThrow(RangeError);
  });

  it("a clone continues exactly like the original", () => {
    const src = "loop: lw $t1,0($t0)\naddi $t0,$t0,4\nsw $t1,64($t0)\nbne $t0,$s0,loop";
    const a = makeHart(src, { regs: { 16: 200 } });
    const cpu = new PipelinedCpu({ cores: 1, forwarding: false, memory: new HashTiming() });
    for (let i = 0; i < 23; i++) cpu.cycle(0, a, true);
    const copy = cpu.clone();
    const b = makeHart(src, { regs: { 16: 200 } });
    b.regs.set(a.regs);
    b.pc = a.pc;
    for (const [k, v] of a.mem.words) b.mem.words.set(k, v);
    const na = runToEnd(cpu, a);
    const nb = runToEnd(copy, b);
    expect(nb).toBe(na);
    expect(copy.coreStats(0)).toEqual(cpu.coreStats(0));
    expect(Array.from(b.regs)).toEqual(Array.from(a.regs));
  });
});
