// The last cycles of each core's pipeline, kept always in fixed rings so a view can draw them.
import { INSN_WORDS } from "./isa.js";
import { STAGE_COUNT } from "./pipelineDefs.js";
import { type InstrPool, Kind } from "./pipelineRecords.js";

/** Cycles kept per core (a power of two). */
export const HISTORY_CYCLES = 64;
/**
 * Fetches kept per core: at most one a cycle enters IF, and the oldest instruction still shown
 * was fetched at most a few cycles before the oldest cycle kept, so twice the cycles is ample.
 */
const FETCHES = 2 * HISTORY_CYCLES;
const NONE = -1;
const K_FLUSHED = Kind.Flushed;
const K_REAL = Kind.Real;
// Ring positions by bit mask, not %: a mask of a double is ToInt32 then AND, far cheaper than
// fmod, and right for any integer below 2^53 (ToInt32 keeps it mod 2^32).
const CYCLE_MASK = HISTORY_CYCLES - 1;
const FETCH_MASK = FETCHES - 1;

/** One dynamic instruction over the cycles asked for, in the lab's TimingEntry terms. */
export interface HistoryRow {
  /** Fetch order on the core. */
  readonly seq: number;
  readonly pid: number;
  /** Instruction index in `code` (-1: a fetch from a bad pc). */
  readonly index: number;
  readonly code: Int32Array | null;
  /** A wrong-path instruction: squashed (or to be) when the branch before it resolves. */
  readonly flushed: boolean;
  /** Core cycle it entered and last was in each stage (0: not within the cycles asked for). */
  readonly first: number[];
  readonly last: number[];
}

export interface RecentCycles {
  /** The first and last core cycle covered (from > to: none yet). */
  readonly from: number;
  readonly to: number;
  /** In fetch order. */
  readonly rows: HistoryRow[];
}

export class PipelineHistory {
  /** Per core, cycle slot and stage: the fetch seq of the instruction there, or NONE. */
  private readonly slot: Float64Array;
  /** Per core: the newest cycle recorded (0: none). */
  private readonly newest: Float64Array;
  // Per core and fetch slot (seq mod FETCHES): who the instruction is.
  private readonly fetchSeq: Float64Array;
  private readonly fetchPid: Int32Array;
  private readonly fetchIndex: Int32Array;
  private readonly fetchKind: Uint8Array;
  private fetchCode: (Int32Array | null)[];

  constructor(readonly cores: number) {
    this.slot = new Float64Array(cores * HISTORY_CYCLES * STAGE_COUNT).fill(NONE);
    this.newest = new Float64Array(cores);
    this.fetchSeq = new Float64Array(cores * FETCHES).fill(NONE);
    this.fetchPid = new Int32Array(cores * FETCHES);
    this.fetchIndex = new Int32Array(cores * FETCHES);
    this.fetchKind = new Uint8Array(cores * FETCHES);
    this.fetchCode = new Array<Int32Array | null>(cores * FETCHES).fill(null);
  }

  /**
   * Notes what the stages of `core` hold at the end of cycle `cyc` (per cycle: allocates
   * nothing). Squashed records count as empty, as in the lab's recorder.
   */
  record(core: number, cyc: number, stage: Int32Array, o: number, rec: InstrPool): void {
    this.newest[core] = cyc;
    const b = (core * HISTORY_CYCLES + (cyc & CYCLE_MASK)) * STAGE_COUNT;
    const kind = rec.kind;
    const seq = rec.seq;
    const slot = this.slot;
    for (let s = 0; s < STAGE_COUNT; s++) {
      const v = stage[o + s];
      slot[b + s] = v < 0 || kind[v] === K_FLUSHED ? NONE : seq[v];
    }
    // What is in IF was fetched this cycle or is held there: note who it is once.
    const v = stage[o];
    if (v < 0) return;
    const q = seq[v];
    const f = core * FETCHES + (q & FETCH_MASK);
    if (this.fetchSeq[f] === q) return;
    this.fetchSeq[f] = q;
    this.fetchPid[f] = rec.pid[v];
    this.fetchIndex[f] = rec.index[v];
    this.fetchKind[f] = kind[v];
    this.fetchCode[f] = rec.code[v];
  }

  /** A wrong-path instruction was squashed. */
  squashed(core: number, seq: number): void {
    const f = core * FETCHES + (seq & FETCH_MASK);
    if (this.fetchSeq[f] === seq) this.fetchKind[f] = K_FLUSHED;
  }

  /** The last `count` cycles of `core` (at most HISTORY_CYCLES), as rows per instruction. */
  recent(core: number, count: number): RecentCycles {
    const to = this.newest[core];
    const n = Math.min(count, HISTORY_CYCLES, to);
    const from = to - n + 1;
    const bySeq = new Map<number, HistoryRow>();
    for (let c = from; c <= to; c++) {
      const b = (core * HISTORY_CYCLES + (c & CYCLE_MASK)) * STAGE_COUNT;
      for (let s = 0; s < STAGE_COUNT; s++) {
        const seq = this.slot[b + s];
        if (seq === NONE) continue;
        let row = bySeq.get(seq);
        if (row === undefined) {
          const f = core * FETCHES + (seq & FETCH_MASK);
          const known = this.fetchSeq[f] === seq;
          row = {
            seq,
            pid: known ? this.fetchPid[f] : -1,
            index: known ? this.fetchIndex[f] : -1,
            code: known ? this.fetchCode[f] : null,
            flushed: known && this.fetchKind[f] !== K_REAL,
            first: new Array<number>(STAGE_COUNT).fill(0),
            last: new Array<number>(STAGE_COUNT).fill(0),
          };
          bySeq.set(seq, row);
        }
        if (row.first[s] === 0) row.first[s] = c;
        row.last[s] = c;
      }
    }
    const rows = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    return { from, to, rows };
  }

  copyFrom(o: PipelineHistory): void {
    this.slot.set(o.slot);
    this.newest.set(o.newest);
    this.fetchSeq.set(o.fetchSeq);
    this.fetchPid.set(o.fetchPid);
    this.fetchIndex.set(o.fetchIndex);
    this.fetchKind.set(o.fetchKind);
    this.fetchCode = o.fetchCode.slice();
  }
}

/** Whether `row` names a real instruction of its code (not a bad pc). */
export function hasInstruction(row: HistoryRow): boolean {
  return row.code !== null && row.index >= 0 && row.index * INSN_WORDS < row.code.length;
}
