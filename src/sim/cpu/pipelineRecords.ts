// The pipeline's in-flight instruction records: struct-of-arrays slots, reused without allocating.
import { Trap } from "./exec.js";
import { F_OP, F_RD, F_RS, F_RT, Op, OpClass, opClass } from "./isa.js";
import { STAGE_COUNT } from "./pipelineDefs.js";

/**
 * Slots per core. A core holds at most 5 live records and, being in order, they are always the
 * 5 most recently claimed, so claiming round-robin from 8 never overwrites a live one.
 */
export const POOL = 8;

/** What a record is. */
export const Kind = {
  /** A correct-path instruction, already executed architecturally. */
  Real: 1,
  /** A fall-through instruction fetched behind a taken branch; never executed. */
  Wrong: 2,
  /** A wrong-path instruction squashed when its branch resolved. */
  Flushed: 3,
} as const;

export class InstrPool {
  readonly kind: Uint8Array;
  /** Instruction index in `code` (-1 for a bad pc). */
  readonly index: Int32Array;
  readonly pc: Int32Array;
  readonly pid: Int32Array;
  /** Register written (0: none) and registers read, as the hazard unit sees them. */
  readonly dst: Uint8Array;
  readonly src1: Uint8Array;
  readonly src2: Uint8Array;
  /** 1 for a load: its value exists only at the end of MEM. */
  readonly load: Uint8Array;
  /** 1 when it compares registers in ID (a branch or jr with branches resolved in ID). */
  readonly idCmp: Uint8Array;
  /** Stage whose exit redirects fetch (a taken branch or jump), or -1. */
  readonly resolve: Int8Array;
  readonly trap: Uint8Array;
  /** Physical address of its load/store (-1: none) and whether it writes. */
  readonly memPhys: Float64Array;
  readonly memWrite: Uint8Array;
  /** Extra cycles still to spend in the current stage (memory latency). */
  readonly wait: Int32Array;
  readonly seq: Float64Array;
  /** The code array it came from, for disassembly in views. */
  code: (Int32Array | null)[];
  /** Recorder only: first and last cycle in each stage, STAGE_COUNT per record. */
  readonly first: Float64Array;
  readonly last: Float64Array;
  private readonly next: Uint32Array;

  constructor(cores: number) {
    const n = cores * POOL;
    this.kind = new Uint8Array(n);
    this.index = new Int32Array(n);
    this.pc = new Int32Array(n);
    this.pid = new Int32Array(n);
    this.dst = new Uint8Array(n);
    this.src1 = new Uint8Array(n);
    this.src2 = new Uint8Array(n);
    this.load = new Uint8Array(n);
    this.idCmp = new Uint8Array(n);
    this.resolve = new Int8Array(n);
    this.trap = new Uint8Array(n);
    this.memPhys = new Float64Array(n);
    this.memWrite = new Uint8Array(n);
    this.wait = new Int32Array(n);
    this.seq = new Float64Array(n);
    this.code = new Array<Int32Array | null>(n).fill(null);
    this.first = new Float64Array(n * STAGE_COUNT);
    this.last = new Float64Array(n * STAGE_COUNT);
    this.next = new Uint32Array(cores);
  }

  /**
   * Claims the next slot of `core`, cleared to an instruction that reads and writes nothing;
   * its stage cycles are cleared only when `timed` (a recorder is listening).
   */
  claim(
    core: number,
    kind: number,
    pc: number,
    pid: number,
    code: Int32Array,
    seq: number,
    timed: boolean,
  ): number {
    const r = core * POOL + (this.next[core]++ & (POOL - 1));
    this.kind[r] = kind;
    this.pc[r] = pc;
    this.pid[r] = pid;
    this.code[r] = code;
    this.seq[r] = seq;
    this.index[r] = -1;
    this.dst[r] = 0;
    this.src1[r] = 0;
    this.src2[r] = 0;
    this.load[r] = 0;
    this.idCmp[r] = 0;
    this.resolve[r] = -1;
    this.trap[r] = Trap.None;
    this.memPhys[r] = -1;
    this.memWrite[r] = 0;
    this.wait[r] = 0;
    if (timed) {
      const b = r * STAGE_COUNT;
      this.first.fill(0, b, b + STAGE_COUNT);
      this.last.fill(0, b, b + STAGE_COUNT);
    }
    return r;
  }

  /** Fills a record's register use from its encoding (at `b` in `code`). */
  decode(r: number, code: Int32Array, b: number, branchInId: boolean): void {
    const op = code[b + F_OP];
    const rd = code[b + F_RD];
    const rs = code[b + F_RS];
    const rt = code[b + F_RT];
    switch (opClass(op)) {
      case OpClass.Alu:
        this.dst[r] = rd;
        this.src1[r] = rs;
        this.src2[r] = rt;
        break;
      case OpClass.AluImm:
        this.dst[r] = rd;
        if (op !== Op.LUI) this.src1[r] = rs;
        break;
      case OpClass.Load:
        this.dst[r] = rd;
        this.src1[r] = rs;
        this.load[r] = 1;
        break;
      case OpClass.Store:
        // Both sources: the hazard unit checks the store data too (P&H).
        this.src1[r] = rs;
        this.src2[r] = rt;
        break;
      case OpClass.Branch:
        this.src1[r] = rs;
        this.src2[r] = rt;
        this.idCmp[r] = branchInId ? 1 : 0;
        break;
      case OpClass.Jump:
        if (op === Op.JAL) this.dst[r] = rd;
        else if (op === Op.JR) {
          this.src1[r] = rs;
          this.idCmp[r] = branchInId ? 1 : 0;
        }
        break;
      default:
        // nop and syscall read nothing here: a syscall runs only once the pipeline drained.
        break;
    }
  }

  copyFrom(o: InstrPool): void {
    this.kind.set(o.kind);
    this.index.set(o.index);
    this.pc.set(o.pc);
    this.pid.set(o.pid);
    this.dst.set(o.dst);
    this.src1.set(o.src1);
    this.src2.set(o.src2);
    this.load.set(o.load);
    this.idCmp.set(o.idCmp);
    this.resolve.set(o.resolve);
    this.trap.set(o.trap);
    this.memPhys.set(o.memPhys);
    this.memWrite.set(o.memWrite);
    this.wait.set(o.wait);
    this.seq.set(o.seq);
    this.code = o.code.slice();
    this.first.set(o.first);
    this.last.set(o.last);
    this.next.set(o.next);
  }
}
