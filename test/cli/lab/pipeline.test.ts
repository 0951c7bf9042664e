// `simtop lab pipeline`: JSON answers for textbook listings and one-line errors, in process.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { UsageError } from "../../../src/cli/errors.js";
import { registerPipelineLab } from "../../../src/cli/lab/pipeline.js";

const dir = mkdtempSync(join(tmpdir(), "simtop-pipeline-lab-"));
let files = 0;
function listing(text: string): string {
  const p = join(dir, `l${files++}.s`);
  writeFileSync(p, text);
  return p;
}

async function lab(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerPipelineLab(program.command("lab"));
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => {
    out.push(String(s));
    return true;
  });
  try {
    await program.parseAsync(["node", "simtop", "lab", "pipeline", ...args]);
  } finally {
    spy.mockRestore();
  }
  return out.join("");
}

interface Report {
  cycles: number;
  dataStalls: number;
  flushCycles: number;
  instructions: { text: string; IF: number; ID: number; EX: number; MEM: number; WB: number }[];
  registers: Record<string, number>;
  memory: Record<string, number>;
}
async function json(text: string, ...args: string[]): Promise<Report> {
  return JSON.parse(await lab([listing(text), "--json", ...args])) as Report;
}

afterEach(() => vi.restoreAllMocks());

describe("lab pipeline --json", () => {
  it("runs P&H's Fig. 4.62 listing: numeric branch offsets, an unaligned lw noted", async () => {
    // beq $1,$3,7 at instruction 2 branches 7 instructions past PC+4, to the lw; $1 = $3 = 0,
    // so it is taken in EX and the two instructions fetched behind it are flushed.
    const text =
      "sub $10,$4,$8\nbeq $1,$3,7\nand $12,$2,$5\nor $13,$2,$6\nadd $14,$4,$2\n" +
      "slt $15,$6,$7\nnop\nnop\nnop\nlw $4,50($7)\n";
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const r = await json(text);
    expect(r.instructions.map((i) => [i.text, i.IF, i.WB])).toEqual([
      ["sub $10,$4,$8", 1, 5],
      ["beq $1,$3,7", 2, 6],
      ["lw $4,50($7)", 5, 9],
    ]);
    expect(r.flushCycles).toBe(2);
    expect(err).toHaveBeenCalledWith(
      "simtop: note: the listing accesses address 50, which is not a multiple of 4: a real MIPS would trap; here it is a word of its own and the timing is the same\n",
    );
  });

  it("an unaligned word is a word of its own: sw then lw at 2 reads it back", async () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const r = await json("sw $s0, 2($0)\nlw $t1, 2($0)\n", "--reg", "$s0=7");
    expect(r.registers.$t1).toBe(7);
    expect(r.memory).toEqual({ 2: 7 });
  });

  it("one instruction: the issue's shape", async () => {
    const r = await json("add $t0,$s0,$s1   # sum\n", "--reg", "$s0=2,$s1=3");
    expect(r).toEqual({
      cycles: 5,
      dataStalls: 0,
      flushCycles: 0,
      instructions: [{ text: "add $t0,$s0,$s1", IF: 1, ID: 2, EX: 3, MEM: 4, WB: 5 }],
      registers: { $t0: 5, $s0: 2, $s1: 3 },
      memory: {},
    });
    expect(Object.keys(r)).toEqual([
      "cycles",
      "dataStalls",
      "flushCycles",
      "instructions",
      "registers",
      "memory",
    ]);
  });

  it("load-use and a load feeding a store, with --reg and --mem", async () => {
    const src = "lw $t0, 4($0)\nadd $t1, $t0, $s1\nsw $t1, 8($0)\nlw $t2, 8($0)\nsw $t2, 12($0)\n";
    const r = await json(src, "--reg", "$s1=12", "--mem", "4=30,8=20");
    expect(r.cycles).toBe(11);
    expect(r.dataStalls).toBe(2);
    expect(r.instructions.map((i) => [i.text, i.IF, i.ID, i.EX, i.MEM, i.WB])).toEqual([
      ["lw $t0, 4($0)", 1, 2, 3, 4, 5],
      ["add $t1, $t0, $s1", 2, 4, 5, 6, 7],
      ["sw $t1, 8($0)", 4, 5, 6, 7, 8],
      ["lw $t2, 8($0)", 5, 6, 7, 8, 9],
      ["sw $t2, 12($0)", 6, 8, 9, 10, 11],
    ]);
    expect(r.registers).toEqual({ $t0: 30, $0: 0, $t1: 42, $s1: 12, $t2: 42 });
    expect(r.memory).toEqual({ 4: 30, 8: 42, 12: 42 });
  });

  it("the P&H load-use example: one stall with forwarding, 10 cycles", async () => {
    const src = [
      "lw  $2, 20($1)",
      "and $4, $2, $5",
      "or  $8, $2, $6",
      "add $9, $4, $2",
      "slt $1, $6, $7",
    ].join("\n");
    const on = await json(src);
    expect([on.cycles, on.dataStalls]).toEqual([10, 1]);
    // Without forwarding: and waits for lw's WB (2), add for and's WB (1 more).
    const off = await json(src, "--forwarding", "off");
    expect([off.cycles, off.dataStalls]).toEqual([12, 3]);
  });

  it("a dependent chain without forwarding decodes in the producer's WB cycle", async () => {
    const r = await json("add $t0,$s0,$s1\nsub $t1,$t0,$s2", "--forwarding", "off");
    expect(r.instructions[1]).toMatchObject({ IF: 2, ID: 5, EX: 6, WB: 8 });
    expect([r.cycles, r.dataStalls]).toEqual([8, 2]);
  });

  const branch =
    "beq $s0, $s1, done\nadd $t0, $s0, $s1\nsub $t1, $s0, $s1\nor $t2, $s0, $s1\ndone: and $t3, $s0, $s1\n";
  it.each([
    ["id", 1, 7],
    ["ex", 2, 8],
    ["mem", 3, 9],
  ])("a taken branch resolved in %s flushes %i, %i cycles", async (stage, flushes, cycles) => {
    const r = await json(branch, "--branch", stage);
    expect([r.cycles, r.flushCycles, r.dataStalls]).toEqual([cycles, flushes, 0]);
    expect(r.instructions.map((i) => i.text)).toEqual(["beq $s0, $s1, done", "and $t3, $s0, $s1"]);
    expect(r.instructions[1].IF).toBe(flushes + 2);
  });

  it("a not-taken branch flushes nothing", async () => {
    const r = await json(branch, "--branch", "mem", "--reg", "$s0=1");
    expect([r.cycles, r.flushCycles, r.instructions.length]).toEqual([9, 0, 5]);
    expect(r.registers).toMatchObject({ $t0: 1, $t1: 1, $t2: 1, $t3: 0 });
  });

  it("branch in ID: 1 stall after an ALU producer, 2 after a load", async () => {
    const alu = await json(
      "sub $t0,$s0,$s1\nbeq $t0,$zero,end\nadd $t1,$s0,$s0\nend:",
      "--branch",
      "id",
    );
    expect([alu.dataStalls, alu.flushCycles, alu.cycles]).toEqual([1, 1, 7]);
    expect(alu.instructions[1]).toMatchObject({ IF: 2, ID: 4, EX: 5 });
    const load = await json(
      "lw $t0,0($0)\nbeq $t0,$zero,end\nadd $t1,$s0,$s0\nend:",
      "--branch",
      "id",
    );
    expect([load.dataStalls, load.flushCycles, load.cycles]).toEqual([2, 1, 8]);
    const off = await json(
      "sub $t0,$s0,$s1\nbeq $t0,$zero,end\nadd $t1,$s0,$s0\nend:",
      "--branch",
      "id",
      "--forwarding",
      "off",
    );
    expect(off.dataStalls).toBe(2);
  });

  it("a loop's body appears once per iteration; registers keyed as written", async () => {
    const src = [
      "# sum the words at 0, 4, 8",
      "        addi $t0, $zero, 12   # bytes left",
      "        add  $s0, $zero, $zero",
      "loop:   addi $t0, $t0, -4",
      "        lw   $t1, 0($t0)",
      "        add  $s0, $s0, $t1",
      "        bne  $t0, $0, loop",
      "        sw   $16, 100($zero)",
    ].join("\n");
    const r = await json(src, "--mem", "0=1,4=2,8=3");
    const body = ["addi", "lw", "add", "bne"];
    expect(r.instructions.map((i) => i.text.split(/\s/)[0])).toEqual([
      "addi",
      "add",
      ...body,
      ...body,
      ...body,
      "sw",
    ]);
    expect(r.instructions).toHaveLength(2 + 3 * 4 + 1);
    // Per iteration: a load-use stall; 2 flushed slots per taken bne (2 taken).
    expect(r.dataStalls).toBe(3);
    expect(r.flushCycles).toBe(4);
    expect(r.cycles).toBe(15 + 4 + 3 + 4);
    expect(r.registers).toEqual({ $t0: 0, $zero: 0, $s0: 6, $t1: 1, $0: 0, $16: 6 });
    expect(r.memory).toEqual({ 0: 1, 4: 2, 8: 3, 100: 6 });
  });

  it("a j flushes one slot", async () => {
    const r = await json("j over\naddi $t0,$0,1\nover: addi $t1,$0,2", "--branch", "mem");
    expect([r.cycles, r.flushCycles]).toEqual([7, 1]);
    expect(r.registers).toEqual({ $t0: 0, $0: 0, $t1: 2 });
  });
});

describe("lab pipeline table", () => {
  it("prints the diagram with stalls in lowercase and flushed rows marked", async () => {
    const out = await lab([
      listing("lw $t0,0($0)\nadd $t1,$t0,$t0\nbeq $t1,$0,x\nnop\nx: nop"),
      "--branch",
      "ex",
    ]);
    const lines = out.split("\n");
    expect(lines[0]).toBe("forwarding on, branches resolved in EX, predicted not taken");
    expect(out).toMatch(/^add \$t1,\$t0,\$t0 +IF {2}id {2}ID {2}EX {2}MEM WB$/m);
    expect(out).toMatch(/^nop {2}\(flushed\) +IF {2}ID$/m);
    expect(out).toMatch(/total cycles +11/);
    expect(out).toMatch(/data stalls +1/);
    expect(out).toMatch(/flush cycles +2/);
    expect(out).toMatch(/\$t1 +0/);
  });
});

describe("lab pipeline errors", () => {
  const ok = () => listing("add $t0,$s0,$s1\n");
  it.each([
    [["--branch", "x"], '--branch: expected id, ex or mem, got "x"'],
    [["--forwarding", "yes"], '--forwarding: expected on or off, got "yes"'],
    [["--reg", "$t0"], '--reg: expected $reg=value, got "$t0"'],
    [["--reg", "$q9=1"], '--reg: unknown register "$q9"'],
    [["--reg", "$t0=abc"], '--reg: bad value "abc" for $t0'],
    [["--reg", "$zero=1"], "--reg: $zero is always 0"],
    [["--mem", "6=1"], "--mem: address 6 is not a multiple of 4 (a word address)"],
    [["--mem", "-4=1"], '--mem: address "-4" is not a non-negative decimal number'],
  ])("%j → %s", async (args, message) => {
    await expect(lab([ok(), ...args])).rejects.toThrow(new UsageError(message));
  });

  it("names the line of an unknown instruction", async () => {
    const p = listing("add $t0,$s0,$s1\n# fine\nfoo $t1\n");
    await expect(lab([p])).rejects.toThrow('line 3: unknown instruction "foo"');
  });

  it("names the line of an assembler error", async () => {
    await expect(lab([listing("add $t0,$s0\n")])).rejects.toThrow("line 1: add takes 3 operands");
    await expect(lab([listing("beq $t0,$s0,nowhere\n")])).rejects.toThrow(
      'line 1: unknown label "nowhere"',
    );
    await expect(lab([listing("add $t0,$s0,$x1\n")])).rejects.toThrow('line 1: bad register "$x1"');
  });

  it("rejects syscalls, directives, empty listings and missing files", async () => {
    await expect(lab([listing("syscall\n")])).rejects.toThrow(
      'line 1: unknown instruction "syscall"',
    );
    await expect(lab([listing(".data\n")])).rejects.toThrow("line 1: directives are not supported");
    await expect(lab([listing("# nothing\n\n")])).rejects.toThrow("no instructions");
    await expect(lab([join(dir, "missing.s")])).rejects.toThrow("missing.s: no such file");
  });

  it("reports an endless loop as an error", async () => {
    await expect(lab([listing("top: j top\n")])).rejects.toThrow(/more than 100000 instructions/);
  });

  it("a branch offset must land inside the listing", async () => {
    await expect(lab([listing("nop\nbeq $1,$2,5\n")])).rejects.toThrow(
      new UsageError("line 2: branch offset 5 leads to instruction 8, outside the listing's 2"),
    );
  });

  it("quotes a binary file's bytes with its control characters made visible", async () => {
    await expect(lab([listing("\u007fELF\u0002\u0001 x\n")])).rejects.toThrow(
      new UsageError('line 1: unknown instruction "\\x7fELF\\x02\\x01"'),
    );
    await expect(lab([listing(`${"z".repeat(500)}\n`)])).rejects.toThrow(
      new UsageError(`line 1: unknown instruction "${"z".repeat(200)}…"`),
    );
    await expect(lab([listing("nop\n\u0000\u0000")])).rejects.toThrow(/holds NUL bytes/);
  });
});
