// Locality through the whole machine: the same matrix scanned row- and column-major, counted by hand.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/sim/config.js";
import { defaultHierarchyConfig } from "../../../src/sim/cpu/hierarchy.js";
import { Kernel } from "../../../src/sim/kernel.js";

/** One pass over an 8×8 matrix of 8-byte elements (loads only), then sleep for ever. */
function scan(index: string): string {
  return `
.data
m:      .space 512
.text
main:   la $s2, m
        li $t3, 8
        li $s0, 0               # outer loop variable
outer:  li $s1, 0               # inner loop variable
inner:  ${index}
        sll $t0, $t0, 3         # 8 bytes per element
        add $t0, $t0, $s2
        lw $t2, 0($t0)
        addi $s1, $s1, 1
        bne $s1, $t3, inner
        addi $s0, $s0, 1
        bne $s0, $t3, outer
done:   pause
        b done
`;
}

function run(program: "row" | "col") {
  const caches = defaultHierarchyConfig(1);
  // L1D: 256 B, 2-way, 32-byte lines = 4 sets of 2 lines; a line holds 4 elements.
  caches.l1d = { ...caches.l1d, size: 256, assoc: 2, lineSize: 32 };
  const k = new Kernel(
    defaultConfig({
      cpu: "pipeline",
      cores: 1,
      caches,
      programs: [
        // row-major: element (i, j) = i*8 + j with i outer; column-major: j outer, i inner.
        { name: "row", source: scan("sll $t0, $s0, 3\n        add $t0, $t0, $s1") },
        { name: "col", source: scan("sll $t0, $s1, 3\n        add $t0, $t0, $s0") },
      ],
    }),
  );
  k.apply({ type: "spawn", program });
  k.run(40_000);
  const p = [...k.procs.values()].find((q) => q.name === program)!;
  expect(p.state).toBe("blocked"); // the pass is over and it pauses
  return p.acct;
}

describe("row-major vs column-major through L1D", () => {
  it("row-major: 64 loads, one miss per 32-byte line: 16 misses, 48 hits", () => {
    // Addresses are consecutive 8-byte elements: 512 B = 16 lines, each missed once (compulsory),
    // then the next 3 elements of the line hit. Nothing is touched twice.
    const a = run("row");
    expect(a.dataAccesses).toBe(64);
    expect(a.dataL1Hits).toBe(48);
  });

  it("column-major: 64 loads, every one a miss (conflicts in 2 of the 4 sets)", () => {
    // Element (i, j) is in line 2i + j/4 (64-byte rows, 32-byte lines), in set (2i + j/4) mod 4.
    // A column visits 8 lines, all in one set pair: for j < 4 lines 0,2,…,14 → sets 0 and 2, four
    // lines each, round-robin through 2 ways under LRU: every access evicts the line the next
    // column needs. So each of the 8 columns misses 8 times: 64 misses, 0 hits.
    const a = run("col");
    expect(a.dataAccesses).toBe(64);
    expect(a.dataL1Hits).toBe(0);
  });
});
