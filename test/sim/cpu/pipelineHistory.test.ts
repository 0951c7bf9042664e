// The pipeline's ring of recent cycles agrees with the lab's recorder and survives cloning.
import { describe, expect, it } from "vitest";
import { PipelinedCpu } from "../../../src/sim/cpu/pipeline.js";
import { HISTORY_CYCLES } from "../../../src/sim/cpu/pipelineHistory.js";
import { TimingLog } from "../../../src/sim/cpu/pipelineTrace.js";
import { makeHart, runToEnd } from "./pipelineHelpers.js";

// A load feeding the next instruction (a stall) and a taken branch (flushed fetches), five times.
const LOOP = `
main:   li $t0, 5
loop:   lw $t1, 0($zero)
        add $t2, $t1, $t1
        addi $t0, $t0, -1
        bnez $t0, loop
        nop
`;

function run(branchStage: "id" | "ex" | "mem", forwarding: boolean) {
  const cpu = new PipelinedCpu({ cores: 1, branchStage, forwarding });
  cpu.keepHistory();
  const log = new TimingLog();
  cpu.recorder = log;
  const cycles = runToEnd(cpu, makeHart(LOOP));
  return { cpu, log, cycles };
}

describe("recent cycles of a core", () => {
  for (const stage of ["id", "ex", "mem"] as const)
    for (const fwd of [true, false])
      it(`equal the recorder's entries within the window (branches in ${stage}, forwarding ${fwd})`, () => {
        const { cpu, log, cycles } = run(stage, fwd);
        const recent = cpu.recentCycles(0, 40);
        expect(recent.to).toBe(cycles);
        expect(recent.from).toBe(cycles - 39);
        const bySeq = new Map(log.entries.map((e) => [e.seq, e]));
        let compared = 0;
        let flushed = 0;
        for (const r of recent.rows) {
          const e = bySeq.get(r.seq);
          // The last fetch (from past the end of the code) never leaves the pipeline.
          if (e === undefined) continue;
          expect(r.flushed, `seq ${r.seq}`).toBe(e.flushed);
          expect(r.index).toBe(e.index);
          expect(r.pid).toBe(e.pid);
          if (e.first[0] < recent.from) continue; // fetched before the window: cut at its edge
          expect(r.first, `seq ${r.seq}`).toEqual(e.first);
          expect(r.last, `seq ${r.seq}`).toEqual(e.last);
          compared++;
          if (r.flushed) flushed++;
        }
        expect(compared).toBeGreaterThan(10);
        expect(flushed).toBeGreaterThan(0);
      });

  it("keeps at most HISTORY_CYCLES cycles", () => {
    const { cpu, cycles } = run("ex", true);
    const r = cpu.recentCycles(0, 1000);
    expect(r.to - r.from + 1).toBe(Math.min(HISTORY_CYCLES, cycles));
  });

  it("is kept only once asked for: a batch run's CPU records nothing", () => {
    const cpu = new PipelinedCpu({ cores: 1 });
    const hart = makeHart(LOOP);
    for (let i = 0; i < 20; i++) cpu.cycle(0, hart, true);
    expect(cpu.recentCycles(0, 20).rows).toEqual([]);
    cpu.keepHistory();
    for (let i = 0; i < 5; i++) cpu.cycle(0, hart, true);
    const r = cpu.recentCycles(0, 20);
    expect(r.to).toBe(25);
    // Only the cycles after keepHistory() hold instructions.
    const seen = r.rows.flatMap((row) => row.first.filter((c) => c > 0));
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(21);
  });

  it("is copied by clone, and the copy goes on on its own", () => {
    const cpu = new PipelinedCpu({ cores: 1 });
    cpu.keepHistory();
    const hart = makeHart(LOOP);
    for (let i = 0; i < 20; i++) cpu.cycle(0, hart, true);
    const copy = cpu.clone();
    expect(copy.recentCycles(0, 20)).toEqual(cpu.recentCycles(0, 20));
    cpu.cycle(0, hart, true);
    expect(copy.recentCycles(0, 20).to).toBe(20);
    expect(cpu.recentCycles(0, 20).to).toBe(21);
  });
});
