// The architectural semantics of one instruction, shared by the ideal CPU and the pipeline.
import { F_IMM, F_OP, F_RD, F_RS, F_RT, INSN_WORDS, Op } from "./isa.js";

/** Word-addressed data memory as seen by one process. Faults are reported through `fault`. */
export interface DataMemory {
  /** Set by read/write when the access is not allowed (unmapped, read-only, misaligned). */
  fault: boolean;
  read(addr: number): number;
  write(addr: number, value: number): void;
  /** Physical byte address backing `addr` (what caches index), or -1 if unmapped. */
  phys(addr: number): number;
}

/** Why execution stopped short of a plain next instruction. */
export const Trap = { None: 0, Syscall: 1, Fault: 2, BadPc: 3 } as const;
export type Trap = (typeof Trap)[keyof typeof Trap];

/**
 * Executes one instruction and reports what happened in its fields (reused, so the per-cycle
 * loop allocates nothing). Registers are an Int32Array of 32; $zero stays 0.
 */
export class Executor {
  nextPc = 0;
  trap: Trap = Trap.None;
  /** Byte address of the data access, or -1 if the instruction did not touch memory. */
  memAddr = -1;
  memWrite = false;
  /** Whether a branch or jump changed the flow. */
  taken = false;
  /** Index of the executed instruction in the code array (valid when trap !== BadPc). */
  index = 0;

  run(code: Int32Array, textBase: number, regs: Int32Array, pc: number, mem: DataMemory): void {
    this.memAddr = -1;
    this.memWrite = false;
    this.taken = false;
    this.trap = Trap.None;
    const index = (pc - textBase) >> 2;
    if (pc < textBase || (pc & 3) !== 0 || index * INSN_WORDS >= code.length) {
      this.trap = Trap.BadPc;
      this.nextPc = pc;
      return;
    }
    this.index = index;
    const b = index * INSN_WORDS;
    const op = code[b + F_OP];
    const rd = code[b + F_RD];
    const a = regs[code[b + F_RS]];
    const c = regs[code[b + F_RT]];
    const imm = code[b + F_IMM];
    let next = pc + 4;
    let value = 0;
    let writes = true;
    switch (op) {
      case Op.NOP:
        writes = false;
        break;
      case Op.ADD:
      case Op.ADDU:
        value = (a + c) | 0;
        break;
      case Op.SUB:
      case Op.SUBU:
        value = (a - c) | 0;
        break;
      case Op.AND:
        value = a & c;
        break;
      case Op.OR:
        value = a | c;
        break;
      case Op.XOR:
        value = a ^ c;
        break;
      case Op.NOR:
        value = ~(a | c);
        break;
      case Op.SLT:
        value = a < c ? 1 : 0;
        break;
      case Op.MUL:
        value = Math.imul(a, c);
        break;
      case Op.DIV:
        value = c === 0 ? 0 : (a / c) | 0;
        break;
      case Op.REM:
        value = c === 0 ? 0 : (a % c) | 0;
        break;
      case Op.SLLV:
        value = a << (c & 31);
        break;
      case Op.SRLV:
        value = a >>> (c & 31);
        break;
      case Op.ADDI:
      case Op.ADDIU:
        value = (a + imm) | 0;
        break;
      case Op.ANDI:
        value = a & imm;
        break;
      case Op.ORI:
        value = a | imm;
        break;
      case Op.XORI:
        value = a ^ imm;
        break;
      case Op.SLTI:
        value = a < imm ? 1 : 0;
        break;
      case Op.SLL:
        value = a << (imm & 31);
        break;
      case Op.SRL:
        value = a >>> (imm & 31);
        break;
      case Op.SRA:
        value = a >> (imm & 31);
        break;
      case Op.LUI:
        value = imm << 16;
        break;
      case Op.LW: {
        const addr = (a + imm) | 0;
        this.memAddr = addr;
        value = mem.read(addr);
        if (mem.fault) {
          this.trap = Trap.Fault;
          this.nextPc = pc;
          return;
        }
        break;
      }
      case Op.SW: {
        const addr = (a + imm) | 0;
        this.memAddr = addr;
        this.memWrite = true;
        mem.write(addr, c);
        if (mem.fault) {
          this.trap = Trap.Fault;
          this.nextPc = pc;
          return;
        }
        writes = false;
        break;
      }
      case Op.BEQ:
        writes = false;
        if (a === c) next = textBase + imm * 4;
        break;
      case Op.BNE:
        writes = false;
        if (a !== c) next = textBase + imm * 4;
        break;
      case Op.BLT:
        writes = false;
        if (a < c) next = textBase + imm * 4;
        break;
      case Op.BGE:
        writes = false;
        if (a >= c) next = textBase + imm * 4;
        break;
      case Op.J:
        writes = false;
        next = textBase + imm * 4;
        break;
      case Op.JAL:
        value = pc + 4;
        next = textBase + imm * 4;
        break;
      case Op.JR:
        writes = false;
        next = a;
        break;
      case Op.SYSCALL:
        // The kernel performs it; pc moves past it first so a blocked call resumes after it.
        writes = false;
        this.trap = Trap.Syscall;
        break;
      default:
        this.trap = Trap.BadPc;
        this.nextPc = pc;
        return;
    }
    if (writes && rd !== 0) regs[rd] = value;
    this.taken = next !== pc + 4;
    this.nextPc = next;
  }
}
