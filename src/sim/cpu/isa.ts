// The instruction set simtop's programs compile to: a small MIPS-like RISC with a syscall.

/** Opcodes. Numbers are stable: they are stored in the code arrays of assembled programs. */
export const Op = {
  NOP: 0,
  ADD: 1,
  ADDU: 2,
  SUB: 3,
  SUBU: 4,
  AND: 5,
  OR: 6,
  XOR: 7,
  NOR: 8,
  SLT: 9,
  MUL: 10,
  DIV: 11,
  REM: 12,
  SLLV: 13,
  SRLV: 14,
  ADDI: 15,
  ADDIU: 16,
  ANDI: 17,
  ORI: 18,
  XORI: 19,
  SLTI: 20,
  SLL: 21,
  SRL: 22,
  SRA: 23,
  LUI: 24,
  LW: 25,
  SW: 26,
  BEQ: 27,
  BNE: 28,
  BLT: 29,
  BGE: 30,
  J: 31,
  JAL: 32,
  JR: 33,
  SYSCALL: 34,
} as const;
export type Op = (typeof Op)[keyof typeof Op];

export const OP_COUNT = 35;

/** Mnemonic per opcode, for disassembly and the pipeline panel. */
export const MNEMONIC: readonly string[] = [
  "nop",
  "add",
  "addu",
  "sub",
  "subu",
  "and",
  "or",
  "xor",
  "nor",
  "slt",
  "mul",
  "div",
  "rem",
  "sllv",
  "srlv",
  "addi",
  "addiu",
  "andi",
  "ori",
  "xori",
  "slti",
  "sll",
  "srl",
  "sra",
  "lui",
  "lw",
  "sw",
  "beq",
  "bne",
  "blt",
  "bge",
  "j",
  "jal",
  "jr",
  "syscall",
];

/** Instruction classes the pipeline needs: what it reads, writes and whether it touches memory. */
export const OpClass = {
  Alu: 0,
  AluImm: 1,
  Load: 2,
  Store: 3,
  Branch: 4,
  Jump: 5,
  Syscall: 6,
  Nop: 7,
} as const;
export type OpClass = (typeof OpClass)[keyof typeof OpClass];

export function opClass(op: number): OpClass {
  if (op === Op.NOP) return OpClass.Nop;
  if (op <= Op.SRLV) return OpClass.Alu;
  if (op <= Op.LUI) return OpClass.AluImm;
  if (op === Op.LW) return OpClass.Load;
  if (op === Op.SW) return OpClass.Store;
  if (op <= Op.BGE) return OpClass.Branch;
  if (op === Op.SYSCALL) return OpClass.Syscall;
  return OpClass.Jump;
}

/**
 * Encoded form: each instruction is INSN_WORDS consecutive Int32 slots in a code array:
 * op, rd, rs, rt, imm. rd is the destination (rt for I-type in MIPS is normalised to rd here),
 * rs and rt are sources; imm is an immediate, a byte offset, or an absolute instruction index
 * for branch and jump targets.
 */
export const INSN_WORDS = 5;
export const F_OP = 0;
export const F_RD = 1;
export const F_RS = 2;
export const F_RT = 3;
export const F_IMM = 4;

/** Register numbers by MIPS name. */
export const REG_NAMES: readonly string[] = [
  "zero",
  "at",
  "v0",
  "v1",
  "a0",
  "a1",
  "a2",
  "a3",
  "t0",
  "t1",
  "t2",
  "t3",
  "t4",
  "t5",
  "t6",
  "t7",
  "s0",
  "s1",
  "s2",
  "s3",
  "s4",
  "s5",
  "s6",
  "s7",
  "t8",
  "t9",
  "k0",
  "k1",
  "gp",
  "sp",
  "fp",
  "ra",
];
export const REG_COUNT = 32;
export const Reg = { ZERO: 0, V0: 2, V1: 3, A0: 4, A1: 5, A2: 6, A3: 7, SP: 29, RA: 31 } as const;

/** Parses `$t0`, `$8`, `t0` into a register number, or -1. */
export function parseRegister(text: string): number {
  const name = text.startsWith("$") ? text.slice(1) : text;
  if (/^\d+$/.test(name)) {
    const n = Number(name);
    return n < REG_COUNT ? n : -1;
  }
  const i = REG_NAMES.indexOf(name);
  if (i >= 0) return i;
  return name === "s8" ? 30 : -1;
}

/** The syscall numbers a program puts in $v0 before `syscall`. Arguments in $a0..$a2. */
export const Sys = {
  EXIT: 1,
  FORK: 2,
  EXEC: 3,
  WAIT: 4,
  WAITPID: 5,
  KILL: 6,
  GETPID: 7,
  GETPPID: 8,
  SBRK: 9,
  IO: 10,
  SLEEP: 11,
  YIELD: 12,
  SIGNAL: 13,
  SIGRETURN: 14,
  PAUSE: 15,
  /** A uniform random integer in [0, $a0) from the kernel's seeded generator. */
  RAND: 16,
  /** read(fd 0, buf, max): a line from the terminal, one character per word; 0 at end of file. */
  READ: 17,
  /** write(fd 1 or 2, buf, n): n characters, one per word, to the terminal. */
  WRITE: 18,
  SETPGID: 19,
  GETPGID: 20,
  SETSID: 21,
  TCSETPGRP: 22,
  TCGETPGRP: 23,
  /** exec by name: $a0 = the program's name, one character per word, NUL-terminated. */
  EXECVP: 24,
  /** waitpid(pid, options): WNOHANG 1, WUNTRACED 2. */
  WAIT4: 25,
} as const;
export type Sys = (typeof Sys)[keyof typeof Sys];

export const SYS_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(Sys).map(([k, v]) => [v, k.toLowerCase()]),
);

/** Dispositions passed to the SIGNAL syscall in $a1 when not a handler address. */
export const SIG_DFL = 0;
export const SIG_IGN = 1;

/** Address-space layout every process gets (bytes). */
export const Layout = {
  PAGE_SIZE: 4096,
  PAGE_SHIFT: 12,
  /** Page 0 is never mapped, so null dereferences fault. */
  TEXT_BASE: 0x1000,
  /** Top of the virtual address space; the stack grows down from here. */
  VA_SIZE: 0x400000,
  /** Maximum stack size, also the gap the heap may not grow into. */
  STACK_MAX: 0x40000,
} as const;

/** Disassembles one encoded instruction for display. */
export function disassemble(code: Int32Array, index: number): string {
  const b = index * INSN_WORDS;
  const op = code[b + F_OP];
  const rd = `$${REG_NAMES[code[b + F_RD]]}`;
  const rs = `$${REG_NAMES[code[b + F_RS]]}`;
  const rt = `$${REG_NAMES[code[b + F_RT]]}`;
  const imm = code[b + F_IMM];
  const m = MNEMONIC[op];
  switch (opClass(op)) {
    case OpClass.Nop:
    case OpClass.Syscall:
      return m;
    case OpClass.Alu:
      return `${m} ${rd},${rs},${rt}`;
    case OpClass.AluImm:
      return op === Op.LUI ? `${m} ${rd},${imm}` : `${m} ${rd},${rs},${imm}`;
    case OpClass.Load:
      return `${m} ${rd},${imm}(${rs})`;
    case OpClass.Store:
      return `${m} ${rt},${imm}(${rs})`;
    case OpClass.Branch:
      return `${m} ${rs},${rt},@${imm}`;
    default:
      return op === Op.JR ? `${m} ${rs}` : `${m} @${imm}`;
  }
}
