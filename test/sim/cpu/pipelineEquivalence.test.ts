// Property: whatever the timing options, the pipeline computes exactly what the ideal CPU does.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdealCpu } from "../../../src/sim/cpu/ideal.js";
import { PipelinedCpu } from "../../../src/sim/cpu/pipeline.js";
import type { MemoryTiming } from "../../../src/sim/cpu/pipelineDefs.js";
import { FixedTiming, HashTiming, makeHart, runToEnd, timeline } from "./pipelineHelpers.js";

const reg = fc.integer({ min: 8, max: 15 }).map((r) => `$${r}`);
const src = fc.oneof(reg, reg, reg, fc.constant("$0"));
const offset = fc.integer({ min: 0, max: 15 }).map((w) => w * 4);

/** One instruction; `at` is its position, so branches and jumps only go forward. */
const insn = (at: number, n: number) =>
  fc.oneof(
    fc
      .tuple(fc.constantFrom("add", "sub", "and", "or", "xor", "slt", "addu"), reg, src, src)
      .map(([m, d, a, b]) => `${m} ${d},${a},${b}`),
    fc
      .tuple(reg, src, fc.integer({ min: -50, max: 50 }))
      .map(([d, a, imm]) => `addi ${d},${a},${imm}`),
    fc.tuple(reg, offset).map(([d, o]) => `lw ${d},${o}($0)`),
    fc.tuple(src, offset).map(([s, o]) => `sw ${s},${o}($0)`),
    fc
      .tuple(fc.constantFrom("beq", "bne"), src, src, fc.integer({ min: at + 1, max: n }))
      .map(([m, a, b, t]) => `${m} ${a},${b},L${t}`),
    fc.integer({ min: at + 1, max: n }).map((t) => `j L${t}`),
    fc.constant("nop"),
  );

const program = fc
  .integer({ min: 1, max: 24 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => insn(i, n))))
  .map((lines) => [...lines.map((l, i) => `L${i}: ${l}`), `L${lines.length}:`].join("\n"));

const initial = fc.record({
  regs: fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 8, maxLength: 8 }),
  words: fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 16, maxLength: 16 }),
});

const config = fc.record({
  forwarding: fc.boolean(),
  branchStage: fc.constantFrom("id" as const, "ex" as const, "mem" as const),
  memory: fc.constantFrom<() => MemoryTiming | null>(
    () => null,
    () => new HashTiming(),
    () => new FixedTiming({ read: 3, write: 1, fetch: 2 }, 1),
  ),
});

function prepare(source: string, init: { regs: number[]; words: number[] }) {
  const hart = makeHart(source);
  init.regs.forEach((v, i) => {
    hart.regs[8 + i] = v;
  });
  init.words.forEach((v, i) => {
    hart.mem.words.set(i * 4, v);
  });
  return hart;
}

describe("PipelinedCpu vs IdealCpu", () => {
  it("same registers, pc, memory and instruction count on random programs", () => {
    fc.assert(
      fc.property(program, initial, config, (source, init, cfg) => {
        const a = prepare(source, init);
        runToEnd(new IdealCpu(), a);
        const b = prepare(source, init);
        const cpu = new PipelinedCpu({
          cores: 1,
          forwarding: cfg.forwarding,
          branchStage: cfg.branchStage,
          memory: cfg.memory(),
        });
        const cycles = runToEnd(cpu, b);
        expect(Array.from(b.regs)).toEqual(Array.from(a.regs));
        expect(b.pc).toBe(a.pc);
        expect(b.mem.snapshot()).toEqual(a.mem.snapshot());
        expect(b.acct.instructions).toBe(a.acct.instructions);
        const s = cpu.coreStats(0);
        const lost = Object.values(s.bubbles).reduce((x, y) => x + y, 0);
        expect(s.retired + lost).toBe(s.cycles);
        expect(s.cycles).toBe(cycles);
        // Never faster than one instruction per cycle plus the fill (the bad-pc fetch is last).
        expect(cycles).toBeGreaterThanOrEqual(s.retired + 5);
      }),
      { numRuns: 400, seed: 20240607 },
    );
  });

  it("forwarding never makes a program slower", () => {
    fc.assert(
      fc.property(program, initial, (source, init) => {
        const run = (forwarding: boolean) =>
          runToEnd(new PipelinedCpu({ cores: 1, forwarding }), prepare(source, init));
        expect(run(true)).toBeLessThanOrEqual(run(false));
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

/** Straight-line code: ALU, addi, lw, sw, nop (no branches, so timing has a closed form). */
const straight = fc
  .array(
    fc.oneof(
      fc.tuple(reg, src, src).map(([d, a, b]) => `add ${d},${a},${b}`),
      fc.tuple(reg, src).map(([d, a]) => `addi ${d},${a},1`),
      fc.tuple(reg, offset).map(([d, o]) => `lw ${d},${o}($0)`),
      fc.tuple(src, offset).map(([s, o]) => `sw ${s},${o}($0)`),
      fc.constant("nop"),
    ),
    { minLength: 1, maxLength: 20 },
  )
  .map((lines) => lines.join("\n"));

/**
 * An independent oracle: the cycle each instruction decodes (ID), from the textbook rules.
 * With forwarding only a load right before a user costs (D ≥ D_load + 2); without it a user
 * decodes no earlier than its producer's WB (D ≥ D_p + 3).
 */
function oracle(source: string, forwarding: boolean): number[] {
  const lastWriter = new Map<string, { d: number; load: boolean }>();
  const ids: number[] = [];
  for (const line of source.split("\n")) {
    const [m, ...ops] = line.replace(/\(.*\)/, "").split(/[\s,]+/);
    let dst = "";
    let srcs: string[] = [];
    if (m === "add") [dst, ...srcs] = ops;
    else if (m === "addi") [dst, srcs] = [ops[0], [ops[1]]];
    else if (m === "lw") dst = ops[0];
    else if (m === "sw") srcs = [ops[0]];
    let d = ids.length === 0 ? 2 : ids[ids.length - 1] + 1;
    for (const s of srcs) {
      const p = lastWriter.get(s);
      if (s === "$0" || p === undefined) continue;
      if (!forwarding) d = Math.max(d, p.d + 3);
      else if (p.load) d = Math.max(d, p.d + 2);
    }
    ids.push(d);
    if (dst !== "" && dst !== "$0") lastWriter.set(dst, { d, load: m === "lw" });
  }
  return ids;
}

describe("timing oracle", () => {
  it("straight-line code decodes exactly when the textbook rules say", () => {
    fc.assert(
      fc.property(straight, fc.boolean(), (source, forwarding) => {
        const t = timeline(source, { forwarding });
        const want = oracle(source, forwarding);
        expect(t.rows.map((r) => r.last[1])).toEqual(want);
        expect(t.cycles).toBe(want[want.length - 1] + 3);
        const stallsByHand = want.reduce((x, d, i) => x + (i === 0 ? 0 : d - want[i - 1] - 1), 0);
        expect(t.cpu.coreStats(0).stalls.data).toBe(stallsByHand);
      }),
      { numRuns: 500, seed: 99 },
    );
  });
});
