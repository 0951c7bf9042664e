// The pipelined CPU model: per core an in-order IF ID EX MEM WB pipeline timing real execution.
import { Executor, Trap } from "./exec.js";
import { disassemble, F_OP, INSN_WORDS, Layout, Op } from "./isa.js";
import type { CpuModel, Hart } from "./model.js";
import {
  type BranchStage,
  CAUSE_NAMES,
  Cause,
  CTR_STRIDE,
  Ctr,
  MAX_CORES,
  MEM_LEVELS,
  MemAccess,
  type MemoryTiming,
  type PipelineOptions,
  Slot,
  STAGE_COUNT,
  STAGE_CTRS,
  Stage,
  StageCtr,
} from "./pipelineDefs.js";
import { PipelineHistory, type RecentCycles } from "./pipelineHistory.js";
import { InstrPool, Kind } from "./pipelineRecords.js";
import { type PipelineStats, readStats, type StageView } from "./pipelineStats.js";
import type { PipelineRecorder } from "./pipelineTrace.js";

/*
 * How it works. Architecture and timing are kept apart so they cannot disagree: an
 * instruction is executed by the shared Executor, in program order, at the moment it is
 * fetched (so the model knows the real branch outcome and data address), and the pipeline then
 * only decides *when* it moves through the stages. The kernel only looks at or changes a hart
 * when the core is drained, so it never sees that execution ran a few cycles ahead of WB.
 *
 * Timing conventions (Patterson & Hennessy):
 * - Forwarding on: EX/MEM and MEM/WB feed EX, so only a load followed by a user of its result
 *   stalls (1 cycle). The hazard unit compares both source fields, so a load feeding the next
 *   store's data also stalls 1. Forwarding off: the register file is written in the first half
 *   of a cycle and read in the second, so a consumer may decode in its producer's WB cycle.
 * - Branches are predicted not taken and resolve in ID, EX or MEM (branchStage); a taken one
 *   squashes the 1, 2 or 3 fall-through instructions fetched behind it. Resolved in ID, a branch
 *   compares forwarded operands there: 1 stall after an ALU producer right before it, 2 after a
 *   load right before it, 1 after a load two before it. `jr` is treated as a branch. `j` and
 *   `jal` know their target once decoded, so they always resolve in ID (1 squashed slot).
 *   A "taken" branch whose target is the next instruction squashes nothing.
 * - A fetch goes through L1I, a load/store through L1D when it enters MEM; the stage is held
 *   for the latency the memory returns minus the stage's own cycle (so a 1-cycle L1 hit costs
 *   nothing), and everything behind it waits. Wrong-path fetches are not sent to memory (they
 *   are squashed before they could matter).
 * - A syscall, a fault or a bad pc stops fetch behind it; cycle() returns its Trap in the
 *   cycle it is in WB, when nothing younger is in flight.
 */

const K_REAL = Kind.Real;
const K_WRONG = Kind.Wrong;
const K_FLUSHED = Kind.Flushed;
const B_DATA = -1 - Cause.Data;
const B_MEMORY = -1 - Cause.Memory;
const B_SWITCH = -1 - Cause.Switch;
const B_TRAP = -1 - Cause.Trap;
const B_IDLE = -1 - Cause.Idle;
const BRANCH_STAGE_NUM: Record<BranchStage, number> = {
  id: Stage.ID,
  ex: Stage.EX,
  mem: Stage.MEM,
};

export class PipelinedCpu implements CpuModel {
  readonly kind = "pipeline" as const;
  readonly cores: number;
  /** Forwarding on or off; may be switched at any time. */
  forwarding: boolean;
  /** Where branches resolve; a change applies to branches fetched afterwards. */
  branchStage: BranchStage;
  /** Timing of memory accesses (null: perfect memory, not asked). */
  memory: MemoryTiming | null;
  /** Per-instruction timing for the lab; null (the default) costs nothing. */
  recorder: PipelineRecorder | null = null;

  private readonly ex = new Executor();
  // Per core: what each stage holds (a record id, or a bubble as -1 - cause).
  private readonly stage: Int32Array;
  // Per core and stage: the cause a record was held by in the last cycle, or -1.
  private readonly held: Int8Array;
  private readonly wrongPath: Uint8Array;
  private readonly wpPc: Int32Array;
  private readonly blocked: Uint8Array;
  private readonly seq: Float64Array;
  private readonly cycleNo: Float64Array;
  private readonly owner: (Hart | null)[];
  private readonly ctr: Float64Array;
  private readonly mark: Float64Array;
  // In-flight instruction records.
  private readonly rec: InstrPool;
  // The last cycles of each core, for the dashboard's pipeline diagram: kept only once a view
  // asks (keepHistory), as recording costs a fifth of a cycle's time that batch runs need not pay.
  private history: PipelineHistory | null = null;

  constructor(opts: PipelineOptions) {
    const n = opts.cores;
    if (!Number.isInteger(n) || n < 1 || n > MAX_CORES)
      throw new RangeError(`cores must be an integer from 1 to ${MAX_CORES}, got ${n}`);
    this.cores = n;
    this.forwarding = opts.forwarding ?? true;
    this.branchStage = opts.branchStage ?? "ex";
    this.memory = opts.memory ?? null;
    this.stage = new Int32Array(n * STAGE_COUNT).fill(B_IDLE);
    this.held = new Int8Array(n * STAGE_COUNT).fill(-1);
    this.wrongPath = new Uint8Array(n);
    this.wpPc = new Int32Array(n);
    this.blocked = new Uint8Array(n);
    this.seq = new Float64Array(n);
    this.cycleNo = new Float64Array(n);
    this.owner = new Array<Hart | null>(n).fill(null);
    this.ctr = new Float64Array(n * CTR_STRIDE);
    this.mark = new Float64Array(n * CTR_STRIDE);
    this.rec = new InstrPool(n);
  }

  /** Keeps each core's last cycles from now on (clones keep them too), for recentCycles. */
  keepHistory(): void {
    this.history ??= new PipelineHistory(this.cores);
  }

  cycle(core: number, hart: Hart | null, fetch: boolean): Trap {
    if (hart !== null) this.adopt(core, hart);
    const st = this.stage;
    const o = core * STAGE_COUNT;
    const c = this.ctr;
    const cb = core * CTR_STRIDE;
    const wait = this.rec.wait;
    const kind = this.rec.kind;
    const cyc = ++this.cycleNo[core];
    c[cb + Ctr.CYCLES]++;

    const sIF = st[o];
    const sID = st[o + 1];
    const sEX = st[o + 2];
    const sMEM = st[o + 3];

    // Who may move, oldest first: a held stage freezes everything behind it.
    let memHold = false;
    if (sMEM >= 0 && wait[sMEM] > 0) {
      wait[sMEM]--;
      memHold = true;
    }
    let ifHold = false;
    if (sIF >= 0 && wait[sIF] > 0) {
      wait[sIF]--;
      ifHold = true;
    }
    const dataHold = !memHold && sID >= 0 && kind[sID] === K_REAL && this.hazard(sID, sEX, sMEM);
    const advEX = !memHold;
    const advID = advEX && !dataHold;
    const advIF = advID && !ifHold;

    // A taken branch or jump redirects fetch as it leaves the stage that resolves it.
    if (advEX && sMEM >= 0 && this.rec.resolve[sMEM] === Stage.MEM) this.squash(core, Stage.EX);
    else if (advEX && sEX >= 0 && this.rec.resolve[sEX] === Stage.EX) this.squash(core, Stage.ID);
    else if (advID && sID >= 0 && this.rec.resolve[sID] === Stage.ID) this.squash(core, Stage.IF);

    const nWB = advEX ? sMEM : B_MEMORY;
    const nMEM = advEX ? sEX : sMEM;
    const nEX = advEX ? (advID ? sID : B_DATA) : sEX;
    const nID = advID ? (advIF ? sIF : B_MEMORY) : sID;
    const nIF = advIF || sIF < 0 ? this.fetchInto(core, hart, fetch) : sIF;
    st[o] = nIF;
    st[o + 1] = nID;
    st[o + 2] = nEX;
    st[o + 3] = nMEM;
    st[o + 4] = nWB;

    // Which records stayed put, and why.
    const h = this.held;
    const stallCause = memHold ? Cause.Memory : Cause.Data;
    h[o] = !advIF && sIF >= 0 ? (ifHold ? Cause.Memory : stallCause) : -1;
    h[o + 1] = !advID && sID >= 0 ? stallCause : -1;
    h[o + 2] = memHold && sEX >= 0 ? Cause.Memory : -1;
    h[o + 3] = memHold ? Cause.Memory : -1;
    h[o + 4] = -1;
    if (dataHold) c[cb + Ctr.STALL_DATA]++;
    if (memHold || ifHold) c[cb + Ctr.STALL_MEMORY]++;
    if (dataHold || memHold || ifHold) {
      c[cb + Ctr.STALL_CYCLES]++;
      const ow = this.owner[core];
      if (ow !== null) ow.acct.stallCycles++;
    }

    if (advEX && nMEM >= 0 && kind[nMEM] === K_REAL && this.rec.memPhys[nMEM] >= 0)
      this.memAccess(core, nMEM);

    for (let s = 0; s < STAGE_COUNT; s++) {
      const v = st[o + s];
      const sb = cb + Ctr.STAGE + s * STAGE_CTRS;
      if (v < 0) c[sb + StageCtr.BUBBLE]++;
      else if (kind[v] === K_REAL) {
        c[sb + StageCtr.BUSY]++;
        if (h[o + s] >= 0) c[sb + StageCtr.HELD]++;
      } else c[sb + StageCtr.WRONG]++;
    }
    if (this.recorder !== null) this.stamp(o, cyc);
    if (this.history !== null) this.history.record(core, cyc, st, o, this.rec);

    return this.writeBack(core, nWB);
  }

  /**
   * What `core` did in its last `count` cycles (at most HISTORY_CYCLES), per instruction; none
   * unless keepHistory() was called before them.
   */
  recentCycles(core: number, count: number): RecentCycles {
    return this.history === null ? { from: 1, to: 0, rows: [] } : this.history.recent(core, count);
  }

  drained(core: number): boolean {
    const st = this.stage;
    const o = core * STAGE_COUNT;
    for (let s = Stage.IF; s < Stage.WB; s++) {
      const v = st[o + s];
      if (v >= 0 && this.rec.kind[v] !== K_FLUSHED) return false;
    }
    return true;
  }

  flush(core: number): void {
    const o = core * STAGE_COUNT;
    for (let s = 0; s < STAGE_COUNT; s++) {
      this.stage[o + s] = B_SWITCH;
      this.held[o + s] = -1;
    }
    this.wrongPath[core] = 0;
    this.blocked[core] = 0;
  }

  /**
   * A deep copy for snapshots. Harts are kept by reference and rebound by pid on the next
   * cycle() (the copy's kernel passes its own copies); the recorder is not carried over.
   */
  clone(memory: MemoryTiming | null = this.memory): PipelinedCpu {
    const p = new PipelinedCpu({
      cores: this.cores,
      forwarding: this.forwarding,
      branchStage: this.branchStage,
      memory,
    });
    p.stage.set(this.stage);
    p.held.set(this.held);
    p.wrongPath.set(this.wrongPath);
    p.wpPc.set(this.wpPc);
    p.blocked.set(this.blocked);
    p.seq.set(this.seq);
    p.cycleNo.set(this.cycleNo);
    for (let i = 0; i < this.cores; i++) p.owner[i] = this.owner[i];
    p.ctr.set(this.ctr);
    p.mark.set(this.mark);
    p.rec.copyFrom(this.rec);
    if (this.history !== null) {
      const h = new PipelineHistory(this.cores);
      h.copyFrom(this.history);
      p.history = h;
    }
    return p;
  }

  /** Counters of `core` since construction, or since the last resetWindow() if `window`. */
  coreStats(core: number, window = false): PipelineStats {
    return readStats(this.ctr, core * CTR_STRIDE, window ? this.mark : null);
  }

  /** Starts a new window ("the last frame") for coreStats(core, true), on every core. */
  resetWindow(): void {
    this.mark.set(this.ctr);
  }

  /** Cycles simulated on `core` (the number of the last cycle). */
  cycles(core: number): number {
    return this.cycleNo[core];
  }

  /** Fills `out` with what each stage of `core` held in the last cycle. Allocates nothing. */
  stageView(core: number, out: StageView): void {
    const o = core * STAGE_COUNT;
    for (let s = 0; s < STAGE_COUNT; s++) {
      const v = this.stage[o + s];
      if (v < 0) {
        out.slot[s] = Slot.Bubble;
        out.cause[s] = -1 - v;
        out.pid[s] = -1;
        out.index[s] = -1;
        continue;
      }
      const k = this.rec.kind[v];
      const hc = this.held[o + s];
      out.slot[s] =
        k === K_FLUSHED
          ? Slot.Flushed
          : k === K_WRONG
            ? Slot.WrongPath
            : hc >= 0
              ? Slot.Stalled
              : Slot.Busy;
      out.cause[s] = k === K_FLUSHED ? Cause.Branch : k === K_REAL ? hc : -1;
      out.pid[s] = this.rec.pid[v];
      out.index[s] = this.rec.index[v];
    }
  }

  /** A short text for one stage of `core`, e.g. "lw $t0,4($s0)" or "(bubble: data)". For UIs. */
  stageText(core: number, stage: number): string {
    const v = this.stage[core * STAGE_COUNT + stage];
    if (v < 0) return `(bubble: ${CAUSE_NAMES[-1 - v]})`;
    const code = this.rec.code[v];
    const i = this.rec.index[v];
    const text =
      code !== null && i >= 0 && (i + 1) * INSN_WORDS <= code.length
        ? disassemble(code, i)
        : `? pc 0x${this.rec.pc[v].toString(16)}`;
    const k = this.rec.kind[v];
    if (k === K_FLUSHED) return `(flushed) ${text}`;
    if (k === K_WRONG) return `(wrong path) ${text}`;
    const hc = this.held[core * STAGE_COUNT + stage];
    return hc >= 0 ? `${text} (stall: ${CAUSE_NAMES[hc]})` : text;
  }

  /** The hart now on `core`: a different process may only take a drained core. */
  private adopt(core: number, hart: Hart): void {
    const cur = this.owner[core];
    if (cur === hart) return;
    if (cur !== null && cur.pid !== hart.pid && !this.drained(core)) this.flush(core);
    this.owner[core] = hart;
  }

  /** Whether the instruction in ID must wait for a value still being produced. */
  private hazard(r: number, sEX: number, sMEM: number): boolean {
    const a = this.rec.src1[r];
    const b = this.rec.src2[r];
    if ((a | b) === 0) return false;
    const fwd = this.forwarding;
    const idCmp = this.rec.idCmp[r] === 1;
    if (sEX >= 0 && this.rec.kind[sEX] === K_REAL) {
      const d = this.rec.dst[sEX];
      // ALU results reach EX next cycle through EX/MEM, but not a comparison done in ID.
      if (d !== 0 && (d === a || d === b) && (!fwd || idCmp || this.rec.load[sEX] === 1))
        return true;
    }
    if (sMEM >= 0 && this.rec.kind[sMEM] === K_REAL) {
      const d = this.rec.dst[sMEM];
      // Without forwarding the value is readable only in the producer's WB cycle; with it,
      // only a load's value is still missing, and only for a comparison done in ID.
      if (d !== 0 && (d === a || d === b) && (!fwd || (idCmp && this.rec.load[sMEM] === 1)))
        return true;
    }
    return false;
  }

  /** Squashes the wrong-path instructions in stages IF..upTo and ends wrong-path fetching. */
  private squash(core: number, upTo: number): void {
    const o = core * STAGE_COUNT;
    for (let s = upTo; s >= 0; s--) {
      const v = this.stage[o + s];
      if (v < 0 || this.rec.kind[v] !== K_WRONG) continue;
      this.rec.kind[v] = K_FLUSHED;
      this.ctr[core * CTR_STRIDE + Ctr.FLUSHED]++;
      this.history?.squashed(core, this.rec.seq[v]);
      if (this.recorder !== null) this.emit(core, v);
    }
    this.wrongPath[core] = 0;
  }

  /** What enters IF this cycle: a new record, or a bubble saying why not. */
  private fetchInto(core: number, hart: Hart | null, fetch: boolean): number {
    if (hart === null) return B_IDLE;
    if (!fetch) return B_SWITCH;
    if (this.blocked[core] === 1) return B_TRAP;
    const rec = this.rec;
    const seq = this.seq[core]++;
    const timed = this.recorder !== null;
    if (this.wrongPath[core] === 1) {
      // Predicted not taken: fall-through instructions, never executed, squashed on resolve.
      const pc = this.wpPc[core];
      this.wpPc[core] = pc + 4;
      const r = rec.claim(core, K_WRONG, pc, hart.pid, hart.code, seq, timed);
      rec.index[r] = (pc - Layout.TEXT_BASE) >> 2;
      return r;
    }

    const pc = hart.pc;
    const ex = this.ex;
    ex.run(hart.code, Layout.TEXT_BASE, hart.regs, pc, hart.mem);
    const r = rec.claim(core, K_REAL, pc, hart.pid, hart.code, seq, timed);
    if (ex.trap === Trap.BadPc) {
      rec.trap[r] = Trap.BadPc;
      this.blocked[core] = 1;
      return r;
    }
    const index = ex.index;
    rec.index[r] = index;
    rec.decode(r, hart.code, index * INSN_WORDS, this.branchStage === "id");
    if (this.memory !== null) {
      const phys = hart.mem.phys(pc);
      if (phys >= 0) rec.wait[r] = this.timed(core, phys, MemAccess.Fetch);
    }
    if (ex.trap === Trap.Fault) {
      rec.trap[r] = Trap.Fault;
      this.blocked[core] = 1;
      return r;
    }
    hart.pc = ex.nextPc;
    if (ex.trap === Trap.Syscall) {
      rec.trap[r] = Trap.Syscall;
      this.blocked[core] = 1;
    }
    if (ex.memAddr >= 0) {
      rec.memPhys[r] = hart.mem.phys(ex.memAddr);
      rec.memWrite[r] = ex.memWrite ? 1 : 0;
    }
    if (ex.taken) {
      this.wrongPath[core] = 1;
      this.wpPc[core] = pc + 4;
      const op = hart.code[index * INSN_WORDS + F_OP];
      rec.resolve[r] = op === Op.J || op === Op.JAL ? Stage.ID : BRANCH_STAGE_NUM[this.branchStage];
    }
    return r;
  }

  /** A load or store entering MEM asks L1D and holds MEM for the answer. */
  private memAccess(core: number, r: number): void {
    if (this.memory === null) return;
    const k = this.rec.memWrite[r] === 1 ? MemAccess.Write : MemAccess.Read;
    this.rec.wait[r] = this.timed(core, this.rec.memPhys[r], k);
  }

  /** One access through the memory timing, counted per core and per process. */
  private timed(core: number, phys: number, k: number): number {
    const m = this.memory as MemoryTiming;
    const latency = m.access(core, phys, k);
    let level = m.lastLevel;
    if (level >= MEM_LEVELS) level = MEM_LEVELS - 1;
    const c = this.ctr;
    const cb = core * CTR_STRIDE;
    const ow = this.owner[core];
    for (let l = 0; l <= level; l++) c[cb + Ctr.CACHE_ACCESS + l]++;
    c[cb + Ctr.CACHE_HIT + level]++;
    if (ow !== null) {
      const a = ow.acct;
      for (let l = 0; l <= level; l++) a.cacheAccesses[l]++;
      a.cacheHits[level]++;
      if (k !== MemAccess.Fetch) {
        a.dataAccesses++;
        if (level === 0) a.dataL1Hits++;
      }
      const cls = m.lastMiss3C;
      if (cls > 0) a.l1Miss3C[(k === MemAccess.Fetch ? 0 : 3) + cls - 1]++;
    }
    // The stage's own cycle covers the first cycle of the access.
    return latency > 1 ? latency - 1 : 0;
  }

  /** Retires (or reports the trap of) what reached WB, or charges the empty slot to its cause. */
  private writeBack(core: number, v: number): Trap {
    const c = this.ctr;
    const cb = core * CTR_STRIDE;
    if (v < 0) {
      c[cb + Ctr.LOST - 1 - v]++;
      return Trap.None;
    }
    if (this.rec.kind[v] !== K_REAL) {
      c[cb + Ctr.LOST + Cause.Branch]++;
      return Trap.None;
    }
    const trap = this.rec.trap[v] as Trap;
    if (trap === Trap.None || trap === Trap.Syscall) {
      c[cb + Ctr.RETIRED]++;
      const ow = this.owner[core];
      if (ow !== null) ow.acct.instructions++;
    } else c[cb + Ctr.LOST + Cause.Trap]++;
    if (trap !== Trap.None) this.blocked[core] = 0;
    if (this.recorder !== null) this.emit(core, v);
    return trap;
  }

  /** Notes the cycle in each stage for every live record (recorder only). */
  private stamp(o: number, cyc: number): void {
    for (let s = 0; s < STAGE_COUNT; s++) {
      const v = this.stage[o + s];
      if (v < 0 || this.rec.kind[v] === K_FLUSHED) continue;
      const i = v * STAGE_COUNT + s;
      if (this.rec.first[i] === 0) this.rec.first[i] = cyc;
      this.rec.last[i] = cyc;
    }
  }

  private emit(core: number, v: number): void {
    const rec = this.recorder;
    if (rec === null) return;
    const b = v * STAGE_COUNT;
    rec.record({
      seq: this.rec.seq[v],
      core,
      pid: this.rec.pid[v],
      index: this.rec.index[v],
      pc: this.rec.pc[v],
      flushed: this.rec.kind[v] === K_FLUSHED,
      trap: this.rec.trap[v] as Trap,
      first: Array.from(this.rec.first.subarray(b, b + STAGE_COUNT)),
      last: Array.from(this.rec.last.subarray(b, b + STAGE_COUNT)),
    });
  }
}
