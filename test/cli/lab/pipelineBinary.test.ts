// `simtop lab pipeline` through the real binary: stdin, JSON on stdout, one-line errors, exit 2.
import { describe, expect, it } from "vitest";
import { simtop } from "../../e2e/cliRun.js";

describe("simtop lab pipeline (binary)", () => {
  it("reads a listing from stdin and prints JSON", () => {
    const r = simtop(
      ["lab", "pipeline", "-", "--json", "--reg", "$s1=12", "--mem", "4=30"],
      {},
      "lw $t0, 4($0)   # x\nadd $t1, $t0, $s1\n",
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      cycles: 7,
      dataStalls: 1,
      flushCycles: 0,
      instructions: [
        { text: "lw $t0, 4($0)", IF: 1, ID: 2, EX: 3, MEM: 4, WB: 5 },
        { text: "add $t1, $t0, $s1", IF: 2, ID: 4, EX: 5, MEM: 6, WB: 7 },
      ],
      registers: { $t0: 30, $0: 0, $t1: 42, $s1: 12 },
      memory: { 4: 30 },
    });
  });

  it("prints the table by default", () => {
    const r = simtop(["lab", "pipeline", "-", "--forwarding", "off"], {}, "add $t0,$s0,$s1\n");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^add \$t0,\$s0,\$s1 +IF {2}ID {2}EX {2}MEM WB$/m);
  });

  it.each([
    [["--branch", "x"], 'simtop: --branch: expected id, ex or mem, got "x"\n', "nop\n"],
    [[], 'simtop: line 2: unknown instruction "foo"\n', "nop\nfoo $t0\n"],
  ])("bad input %j exits 2 with one line", (extra, message, input) => {
    const r = simtop(["lab", "pipeline", "-", ...extra], {}, input);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(message);
    expect(r.stdout).toBe("");
  });

  it("a binary file exits 2 with one line and no byte of it", () => {
    const r = simtop(["lab", "pipeline", process.execPath]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `simtop: ${process.execPath}: not a listing: it holds NUL bytes (a binary file?)\n`,
    );
  });

  it("a missing file exits 2 with one line", () => {
    const r = simtop(["lab", "pipeline", "/nonexistent/listing.s"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("simtop: /nonexistent/listing.s: no such file\n");
  });
});
