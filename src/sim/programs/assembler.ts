// Assembles simtop's op language (MIPS-like assembly plus syscall pseudo-ops) into a Program.
import { INSN_WORDS, Layout, Op, parseRegister, Reg, SIG_DFL, SIG_IGN, Sys } from "../cpu/isa.js";
import { parseSignal } from "../signals.js";
import type { Program } from "./program.js";

export class AssembleError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = "AssembleError";
    this.line = line;
  }
}

export interface AssembleOptions {
  name: string;
  description?: string;
  /** Maps a program name used by `exec` to its id; undefined means unknown. */
  resolveProgram?: (name: string) => number | undefined;
}

/** An instruction whose immediate may still name a label or constant. */
interface Pending {
  op: number;
  rd: number;
  rs: number;
  rt: number;
  imm: number | string;
  line: number;
}

const R3: Record<string, number> = {
  add: Op.ADD,
  addu: Op.ADDU,
  sub: Op.SUB,
  subu: Op.SUBU,
  and: Op.AND,
  or: Op.OR,
  xor: Op.XOR,
  nor: Op.NOR,
  slt: Op.SLT,
  mul: Op.MUL,
  div: Op.DIV,
  rem: Op.REM,
  sllv: Op.SLLV,
  srlv: Op.SRLV,
};
const I2: Record<string, number> = {
  addi: Op.ADDI,
  addiu: Op.ADDIU,
  andi: Op.ANDI,
  ori: Op.ORI,
  xori: Op.XORI,
  slti: Op.SLTI,
  sll: Op.SLL,
  srl: Op.SRL,
  sra: Op.SRA,
};
const BR: Record<string, number> = { beq: Op.BEQ, bne: Op.BNE, blt: Op.BLT, bge: Op.BGE };

/** Ops the assembler handles one by one (see emit): machine ops with their own syntax, and pseudo-ops. */
const SPECIAL_OPS = [
  "nop",
  "lui",
  "li",
  "la",
  "move",
  "lw",
  "sw",
  "beqz",
  "bnez",
  "b",
  "j",
  "jal",
  "jr",
  "syscall",
  "exit",
  "fork",
  "exec",
  "wait",
  "reap",
  "waitpid",
  "kill",
  "getpid",
  "getppid",
  "yield",
  "pause",
  "sigreturn",
  "sbrk",
  "io",
  "sleep",
  "rand",
  "signal",
  "read",
  "write",
  "setpgid",
  "getpgid",
  "setsid",
  "tcsetpgrp",
  "tcgetpgrp",
  "execvp",
] as const;

/** Every mnemonic the assembler accepts, for the op reference (docs/ops.md) and its test. */
export const ASSEMBLER_OPS: readonly string[] = [
  ...Object.keys(R3),
  ...Object.keys(I2),
  ...Object.keys(BR),
  ...SPECIAL_OPS,
];

/** Every directive the assembler accepts. */
export const ASSEMBLER_DIRECTIVES: readonly string[] = [
  ".text",
  ".data",
  ".globl",
  ".global",
  ".equ",
  ".set",
  ".word",
  ".space",
  ".asciiz",
];

function splitOperands(rest: string): string[] {
  if (rest.trim() === "") return [];
  return rest.split(",").map((s) => s.trim());
}

/** One source line without its comment, split into its labels and the statement after them. */
export function splitLine(line: string): { labels: string[]; statement: string } {
  const i = commentStart(line);
  let s = (i >= 0 ? line.slice(0, i) : line).trim();
  const labels: string[] = [];
  for (;;) {
    const m = /^([A-Za-z_.][\w.]*)\s*:(.*)$/.exec(s);
    if (!m) break;
    labels.push(m[1]);
    s = m[2].trim();
  }
  return { labels, statement: s };
}

/** Where a line's comment starts (# or ;, outside a quoted string), or -1. */
function commentStart(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === "\\") i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "#" || c === ";")) return i;
  }
  return -1;
}

/** The characters of a double-quoted string with \n, \t, \" and \\ escapes, or null. */
function parseQuoted(t: string): number[] | null {
  const m = /^"((?:[^"\\]|\\.)*)"$/.exec(t.trim());
  if (!m) return null;
  const out: number[] = [];
  const body = m[1];
  for (let i = 0; i < body.length; i++) {
    let c = body[i];
    if (c === "\\") {
      const e = body[++i];
      c = e === "n" ? "\n" : e === "t" ? "\t" : e;
    }
    out.push(c.charCodeAt(0));
  }
  return out;
}

/** Assembles `source`; throws AssembleError naming the line on any mistake. */
export function assemble(source: string, opts: AssembleOptions): Program {
  const text: Pending[] = [];
  const dataWords: number[] = [];
  let dataSize = 0;
  const textLabels = new Map<string, number>();
  const dataLabels = new Map<string, number>();
  const constants = new Map<string, number>();
  let section: "text" | "data" = "text";

  const lines = source.split(/\r?\n/);
  for (let ln = 1; ln <= lines.length; ln++) {
    // Labels, possibly several, possibly followed by a statement.
    const { labels, statement: s } = splitLine(lines[ln - 1]);
    for (const label of labels) {
      if (textLabels.has(label) || dataLabels.has(label))
        throw new AssembleError(ln, `label "${label}" defined twice`);
      if (section === "text") textLabels.set(label, text.length);
      else dataLabels.set(label, dataSize);
    }
    if (s === "") continue;
    const sp = s.search(/\s/);
    const mnemonic = (sp < 0 ? s : s.slice(0, sp)).toLowerCase();
    const rest = sp < 0 ? "" : s.slice(sp + 1).trim();
    const ops = splitOperands(rest);

    if (mnemonic.startsWith(".")) {
      switch (mnemonic) {
        case ".text":
          section = "text";
          break;
        case ".data":
          section = "data";
          break;
        case ".globl":
        case ".global":
          break;
        case ".equ":
        case ".set": {
          if (ops.length !== 2) throw new AssembleError(ln, `${mnemonic} needs NAME, VALUE`);
          constants.set(ops[0], number(ops[1], ln, constants));
          break;
        }
        case ".word": {
          if (section !== "data") throw new AssembleError(ln, ".word outside .data");
          if (ops.length === 0) throw new AssembleError(ln, ".word needs at least one value");
          alignData();
          for (const o of ops) {
            setWord(dataSize, number(o, ln, constants));
            dataSize += 4;
          }
          break;
        }
        case ".asciiz": {
          // One character per word (the machine loads and stores words), then a 0.
          if (section !== "data") throw new AssembleError(ln, ".asciiz outside .data");
          const chars = parseQuoted(rest);
          if (chars === null) throw new AssembleError(ln, '.asciiz needs one "quoted string"');
          alignData();
          for (const c of [...chars, 0]) {
            setWord(dataSize, c);
            dataSize += 4;
          }
          break;
        }
        case ".space": {
          if (section !== "data") throw new AssembleError(ln, ".space outside .data");
          const n = number(ops[0] ?? "", ln, constants);
          if (n < 0) throw new AssembleError(ln, ".space needs a non-negative size");
          dataSize += n;
          break;
        }
        default:
          throw new AssembleError(ln, `unknown directive "${mnemonic}"`);
      }
      continue;
    }
    if (section !== "text") throw new AssembleError(ln, `instruction "${mnemonic}" in .data`);
    emit(mnemonic, ops, ln);
  }

  function alignData(): void {
    dataSize = (dataSize + 3) & ~3;
  }
  function setWord(byteOffset: number, v: number): void {
    const w = byteOffset >> 2;
    while (dataWords.length <= w) dataWords.push(0);
    dataWords[w] = v | 0;
  }

  function reg(t: string | undefined, ln: number): number {
    if (t === undefined) throw new AssembleError(ln, "missing register operand");
    const r = parseRegister(t);
    if (r < 0) throw new AssembleError(ln, `bad register "${t}"`);
    return r;
  }
  function push(op: number, rd: number, rs: number, rt: number, imm: number | string, ln: number) {
    text.push({ op, rd, rs, rt, imm, line: ln });
  }
  /** `li $r, value` where value may be a label or constant resolved later. */
  function loadImm(rd: number, v: number | string, ln: number): void {
    push(Op.ADDI, rd, 0, 0, v, ln);
  }
  /** An operand that is a register or an immediate: loads it into `into`. */
  function argInto(into: number, t: string | undefined, ln: number, dflt?: number): void {
    if (t === undefined) {
      if (dflt === undefined) throw new AssembleError(ln, "missing operand");
      loadImm(into, dflt, ln);
    } else if (t.startsWith("$")) {
      push(Op.ADDU, into, reg(t, ln), 0, 0, ln);
    } else {
      loadImm(into, immOrSymbol(t, ln), ln);
    }
  }
  function sys(n: number, ln: number): void {
    loadImm(Reg.V0, n, ln);
    push(Op.SYSCALL, 0, 0, 0, 0, ln);
  }
  function expect(ops: string[], n: number, mnemonic: string, ln: number): void {
    if (ops.length !== n)
      throw new AssembleError(ln, `${mnemonic} takes ${n} operand${n === 1 ? "" : "s"}`);
  }

  function emit(m: string, ops: string[], ln: number): void {
    if (m in R3) {
      expect(ops, 3, m, ln);
      push(R3[m], reg(ops[0], ln), reg(ops[1], ln), reg(ops[2], ln), 0, ln);
      return;
    }
    if (m in I2) {
      expect(ops, 3, m, ln);
      push(I2[m], reg(ops[0], ln), reg(ops[1], ln), 0, immOrSymbol(ops[2], ln), ln);
      return;
    }
    if (m in BR) {
      expect(ops, 3, m, ln);
      push(BR[m], 0, reg(ops[0], ln), reg(ops[1], ln), target(ops[2], ln), ln);
      return;
    }
    switch (m) {
      case "nop":
        expect(ops, 0, m, ln);
        push(Op.NOP, 0, 0, 0, 0, ln);
        return;
      case "lui":
        expect(ops, 2, m, ln);
        push(Op.LUI, reg(ops[0], ln), 0, 0, immOrSymbol(ops[1], ln), ln);
        return;
      case "li":
      case "la":
        expect(ops, 2, m, ln);
        loadImm(reg(ops[0], ln), immOrSymbol(ops[1], ln), ln);
        return;
      case "move":
        expect(ops, 2, m, ln);
        push(Op.ADDU, reg(ops[0], ln), reg(ops[1], ln), 0, 0, ln);
        return;
      case "lw":
      case "sw": {
        expect(ops, 2, m, ln);
        const r = reg(ops[0], ln);
        const { base, offset } = memOperand(ops[1], ln);
        if (m === "lw") push(Op.LW, r, base, 0, offset, ln);
        else push(Op.SW, 0, base, r, offset, ln);
        return;
      }
      case "beqz":
      case "bnez":
        expect(ops, 2, m, ln);
        push(m === "beqz" ? Op.BEQ : Op.BNE, 0, reg(ops[0], ln), 0, target(ops[1], ln), ln);
        return;
      case "b":
        expect(ops, 1, m, ln);
        push(Op.BEQ, 0, 0, 0, target(ops[0], ln), ln);
        return;
      case "j":
      case "jal":
        expect(ops, 1, m, ln);
        push(m === "j" ? Op.J : Op.JAL, m === "jal" ? Reg.RA : 0, 0, 0, target(ops[0], ln), ln);
        return;
      case "jr":
        expect(ops, 1, m, ln);
        push(Op.JR, 0, reg(ops[0], ln), 0, 0, ln);
        return;
      case "syscall":
        expect(ops, 0, m, ln);
        push(Op.SYSCALL, 0, 0, 0, 0, ln);
        return;
      // Syscall pseudo-ops: arguments into $a0.., number into $v0, then `syscall`.
      case "exit":
        argInto(Reg.A0, ops[0], ln, 0);
        sys(Sys.EXIT, ln);
        return;
      case "fork":
        expect(ops, 0, m, ln);
        sys(Sys.FORK, ln);
        return;
      case "exec": {
        expect(ops, 1, m, ln);
        const id = opts.resolveProgram?.(ops[0]);
        if (id === undefined) throw new AssembleError(ln, `exec: unknown program "${ops[0]}"`);
        loadImm(Reg.A0, id, ln);
        sys(Sys.EXEC, ln);
        return;
      }
      case "wait":
      case "reap":
        // $a0 = 1 makes wait block even with no children yet: init's reaping loop.
        expect(ops, 0, m, ln);
        loadImm(Reg.A0, m === "reap" ? 1 : 0, ln);
        sys(Sys.WAIT, ln);
        return;
      case "waitpid":
        // waitpid pid: no options (the original call); waitpid pid, options: WNOHANG 1, WUNTRACED 2.
        if (ops.length !== 1 && ops.length !== 2)
          throw new AssembleError(ln, "waitpid takes a pid and optional options");
        argInto(Reg.A0, ops[0], ln);
        if (ops.length === 2) argInto(Reg.A1, ops[1], ln);
        sys(ops.length === 2 ? Sys.WAIT4 : Sys.WAITPID, ln);
        return;
      case "kill": {
        expect(ops, 2, m, ln);
        argInto(Reg.A0, ops[0], ln);
        if (ops[1].startsWith("$")) argInto(Reg.A1, ops[1], ln);
        else loadImm(Reg.A1, signal(ops[1], ln), ln);
        sys(Sys.KILL, ln);
        return;
      }
      case "read":
      case "write":
        expect(ops, 3, m, ln);
        argInto(Reg.A0, ops[0], ln);
        argInto(Reg.A1, ops[1], ln);
        argInto(Reg.A2, ops[2], ln);
        sys(m === "read" ? Sys.READ : Sys.WRITE, ln);
        return;
      case "setpgid":
      case "tcsetpgrp":
        expect(ops, 2, m, ln);
        argInto(Reg.A0, ops[0], ln);
        argInto(Reg.A1, ops[1], ln);
        sys(m === "setpgid" ? Sys.SETPGID : Sys.TCSETPGRP, ln);
        return;
      case "getpgid":
      case "tcgetpgrp":
        expect(ops, 1, m, ln);
        argInto(Reg.A0, ops[0], ln);
        sys(m === "getpgid" ? Sys.GETPGID : Sys.TCGETPGRP, ln);
        return;
      case "execvp":
        if (ops.length !== 1 && ops.length !== 2)
          throw new AssembleError(ln, "execvp takes a name and an optional argv");
        argInto(Reg.A0, ops[0], ln);
        argInto(Reg.A1, ops[1], ln, 0);
        sys(Sys.EXECVP, ln);
        return;
      case "setsid":
        expect(ops, 0, m, ln);
        sys(Sys.SETSID, ln);
        return;
      case "getpid":
      case "getppid":
      case "yield":
      case "pause":
      case "sigreturn":
        expect(ops, 0, m, ln);
        sys(
          { getpid: Sys.GETPID, getppid: Sys.GETPPID, yield: Sys.YIELD, pause: Sys.PAUSE }[
            m as "getpid"
          ] ?? Sys.SIGRETURN,
          ln,
        );
        return;
      case "sbrk":
      case "io":
      case "sleep":
      case "rand":
        expect(ops, 1, m, ln);
        argInto(Reg.A0, ops[0], ln);
        sys({ sbrk: Sys.SBRK, io: Sys.IO, sleep: Sys.SLEEP }[m as "sbrk"] ?? Sys.RAND, ln);
        return;
      case "signal": {
        expect(ops, 2, m, ln);
        loadImm(Reg.A0, signal(ops[0], ln), ln);
        const how = ops[1].toLowerCase();
        if (how === "default") loadImm(Reg.A1, SIG_DFL, ln);
        else if (how === "ignore") loadImm(Reg.A1, SIG_IGN, ln);
        else loadImm(Reg.A1, `@text:${ops[1]}`, ln);
        sys(Sys.SIGNAL, ln);
        return;
      }
      default:
        throw new AssembleError(ln, `unknown instruction "${m}"`);
    }
  }

  function signal(t: string, ln: number): number {
    const s = parseSignal(t);
    if (s === undefined) throw new AssembleError(ln, `unknown signal "${t}"`);
    return s;
  }
  function target(t: string, ln: number): string {
    if (!/^[A-Za-z_.][\w.]*$/.test(t)) throw new AssembleError(ln, `bad branch target "${t}"`);
    return `@index:${t}`;
  }
  function immOrSymbol(t: string, ln: number): number | string {
    if (/^[-+]?(0x[0-9a-f]+|\d+)$/i.test(t)) return number(t, ln, constants);
    if (/^[A-Za-z_.][\w.]*$/.test(t)) return t;
    throw new AssembleError(ln, `bad immediate "${t}"`);
  }
  function memOperand(t: string, ln: number): { base: number; offset: number | string } {
    const m = /^(.*?)\(\s*(\$\w+)\s*\)$/.exec(t);
    if (m) {
      const off = m[1].trim();
      return { base: reg(m[2], ln), offset: off === "" ? 0 : immOrSymbol(off, ln) };
    }
    return { base: 0, offset: immOrSymbol(t, ln) };
  }

  // Pass 2: data goes on the first page boundary after the text; resolve every symbol.
  const codeBytes = text.length * 4;
  const dataBase =
    Layout.TEXT_BASE + Math.ceil(Math.max(codeBytes, 1) / Layout.PAGE_SIZE) * Layout.PAGE_SIZE;
  function resolve(sym: string, ln: number): number {
    if (sym.startsWith("@index:") || sym.startsWith("@text:")) {
      const name = sym.slice(sym.indexOf(":") + 1);
      const i = textLabels.get(name);
      if (i === undefined) throw new AssembleError(ln, `unknown label "${name}"`);
      return sym.startsWith("@index:") ? i : Layout.TEXT_BASE + i * 4;
    }
    const c = constants.get(sym);
    if (c !== undefined) return c;
    const d = dataLabels.get(sym);
    if (d !== undefined) return dataBase + d;
    const t = textLabels.get(sym);
    if (t !== undefined) return Layout.TEXT_BASE + t * 4;
    throw new AssembleError(ln, `unknown symbol "${sym}"`);
  }

  if (text.length === 0) throw new AssembleError(lines.length, "program has no instructions");
  const code = new Int32Array(text.length * INSN_WORDS);
  const lineOf = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const p = text[i];
    const b = i * INSN_WORDS;
    code[b] = p.op;
    code[b + 1] = p.rd;
    code[b + 2] = p.rs;
    code[b + 3] = p.rt;
    code[b + 4] = typeof p.imm === "number" ? p.imm : resolve(p.imm, p.line);
    lineOf[i] = p.line;
  }
  alignData();
  if (dataBase + dataSize > Layout.VA_SIZE - 2 * Layout.STACK_MAX)
    throw new AssembleError(lines.length, `static data of ${dataSize} bytes does not fit`);
  return {
    name: opts.name,
    description: opts.description ?? "",
    code,
    lines: lineOf,
    data: Int32Array.from(dataWords),
    dataSize,
    dataBase,
    entry: textLabels.get("main") ?? 0,
    source,
  };
}

function number(t: string, ln: number, constants: Map<string, number>): number {
  const c = constants.get(t);
  if (c !== undefined) return c;
  if (!/^[-+]?(0x[0-9a-f]+|\d+)$/i.test(t)) throw new AssembleError(ln, `bad number "${t}"`);
  const neg = t.startsWith("-");
  const body = t.replace(/^[-+]/, "");
  const v = body.toLowerCase().startsWith("0x") ? Number.parseInt(body, 16) : Number(body);
  return (neg ? -v : v) | 0;
}
