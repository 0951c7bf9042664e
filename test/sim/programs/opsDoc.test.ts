// docs/ops.md documents every op and directive the assembler accepts, and each example assembles.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MNEMONIC } from "../../../src/sim/cpu/isa.js";
import {
  ASSEMBLER_DIRECTIVES,
  ASSEMBLER_OPS,
  assemble,
} from "../../../src/sim/programs/assembler.js";

const ROOT = join(import.meta.dirname, "../../../");
const doc = readFileSync(join(ROOT, "docs/ops.md"), "utf8");
const assemblerSource = readFileSync(join(ROOT, "src/sim/programs/assembler.ts"), "utf8");

/** The rows of the doc's tables: the op of the first cell and the example of the last. */
function documented(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of doc.split("\n")) {
    const m = /^\|\s*`([.\w]+)`\s*\|/.exec(line);
    if (!m) continue;
    const cells = line.split("|").map((c) => c.trim());
    const example = /^`(.*)`$/.exec(cells[cells.length - 2]);
    rows.set(m[1], example ? example[1] : "");
  }
  return rows;
}

describe("docs/ops.md", () => {
  const rows = documented();

  it("has a row for every op and directive the assembler accepts, and no other", () => {
    const accepted = [...ASSEMBLER_OPS, ...ASSEMBLER_DIRECTIVES].sort();
    expect([...rows.keys()].sort()).toEqual(accepted);
  });

  it("covers every machine instruction of the ISA", () => {
    for (const m of MNEMONIC) expect(ASSEMBLER_OPS, m).toContain(m);
  });

  it("the exported op list matches what the assembler's code handles", () => {
    // Ops handled case by case in emit() must all be in the exported list, so the doc test sees them.
    const emit = assemblerSource.slice(assemblerSource.indexOf("function emit("));
    const body = emit.slice(0, emit.indexOf("function signal("));
    const cases = [...body.matchAll(/case "([a-z]+)":/g)].map((m) => m[1]);
    expect(cases.length).toBeGreaterThan(20);
    for (const c of cases) expect(ASSEMBLER_OPS, c).toContain(c);
    for (const op of ASSEMBLER_OPS) {
      const r = () => assemble(`main: ${op}\n`, { name: "t" });
      // An op the assembler knows fails, if at all, on its operands, never as unknown.
      try {
        r();
      } catch (e) {
        expect(String(e), op).not.toMatch(/unknown instruction/);
      }
    }
  });

  it("gives an example for every op, and each example assembles", () => {
    for (const op of ASSEMBLER_OPS) {
      const example = rows.get(op) ?? "";
      expect(example.startsWith(op), `${op}: ${example}`).toBe(true);
      const source = `.equ N, 10\n.data\ncount: .word 0\n.text\nmain: ${example}\nloop: nop\nhandler: sigreturn\n`;
      expect(() =>
        assemble(source, { name: "t", resolveProgram: (n) => (n === "query" ? 0 : undefined) }),
      ).not.toThrow();
    }
  });

  it("rejects what it does not document", () => {
    expect(() => assemble("main: frob $t0\n", { name: "t" })).toThrow(/unknown instruction "frob"/);
  });

  it("is linked from the README", () => {
    expect(readFileSync(join(ROOT, "README.md"), "utf8")).toContain("(docs/ops.md)");
  });
});
