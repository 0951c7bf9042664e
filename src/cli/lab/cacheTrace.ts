// Streams a Dinero "din" trace (`label hexaddr` per line) from a file, a .gz file or stdin.
//
// The din format as dineroIV reads it (dinfmt.c): one record per line, a hex label, blanks,
// a hex address (an optional 0x is allowed), anything after further blanks is a comment.
// Labels: 0 read, 1 write, 2 instruction fetch, 3 misc (read-like), 4 copy back the line,
// 5 invalidate the line. dineroIV keeps addresses in 32 bits, so they are taken modulo 2^32.
// Lines are parsed straight from the byte chunks (no per-line strings) to keep up with the
// simulator; memory stays constant whatever the trace length.
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { UsageError } from "../errors.js";

/**
 * Receives each record; labels are already checked to be 0..5. din records come without a
 * size (a word); extended din records carry theirs (0 for a whole-cache copy-back/invalidate).
 */
export interface DinSink {
  ref(label: number, addr: number, size?: number): void;
}

export const DIN_LABELS = "0 read, 1 write, 2 instruction fetch, 3 misc, 4 copy-back, 5 invalidate";

/** Hex digit value per byte, -1 for anything else. */
const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[65 + i] = 10 + i;
  HEX[97 + i] = 10 + i;
}
/** Value of two hex digits (first byte << 8 | second byte), -1 unless both are hex. */
const HEX_PAIR = new Int16Array(1 << 16).fill(-1);
for (let a = 0; a < 256; a++) {
  for (let b = 0; b < 256; b++) {
    if (HEX[a] >= 0 && HEX[b] >= 0) HEX_PAIR[(a << 8) | b] = HEX[a] * 16 + HEX[b];
  }
}
const NL = 10;
const CR = 13;
const SP = 32;
const TAB = 9;
const X_LOWER = 120;
const X_UPPER = 88;
/** Longest line kept across a chunk boundary; a longer one is not a din record. */
const MAX_CARRY = 64 * 1024;

export class DinParser {
  /** Records (non-blank lines) parsed so far. */
  records = 0;
  private line = 0;
  private readonly sink: DinSink;
  private readonly source: string;
  private carry = new Uint8Array(256);
  private carryLen = 0;

  /** `source` names the trace in error messages. */
  constructor(sink: DinSink, source: string) {
    this.sink = sink;
    this.source = source;
  }

  feed(chunk: Uint8Array): void {
    let pos = 0;
    const end = chunk.length;
    if (this.carryLen > 0) {
      const nl = chunk.indexOf(NL);
      if (nl < 0) {
        this.append(chunk, 0, end);
        return;
      }
      this.append(chunk, 0, nl + 1);
      this.parseLine(this.carry, 0, this.carryLen, false);
      this.carryLen = 0;
      pos = nl + 1;
    }
    const sink = this.sink;
    let fast = 0;
    while (pos < end) {
      // Fast path for the common shape "L HEX\n"; anything else takes the careful path.
      const label = chunk[pos] - 48;
      if (label >= 0 && label <= 5 && pos + 2 < end && chunk[pos + 1] === SP) {
        let j = pos + 2;
        let addr = 0;
        let d = 0;
        // Two hex digits per step through a 64 Ki-entry table, then a possible odd one.
        while (j + 1 < end && (d = HEX_PAIR[(chunk[j] << 8) | chunk[j + 1]]) >= 0) {
          addr = (addr << 8) | d;
          j += 2;
        }
        if (j < end && (d = HEX[chunk[j]]) >= 0) {
          addr = (addr << 4) | d;
          j++;
        }
        if (j > pos + 2) {
          if (j < end && chunk[j] === NL) {
            // Counted in bulk: the careful path and errors read `line` and `records`.
            fast++;
            sink.ref(label, addr >>> 0);
            pos = j + 1;
            continue;
          }
        }
      }
      this.line += fast;
      this.records += fast;
      fast = 0;
      const next = this.parseLine(chunk, pos, end, false);
      if (next < 0) {
        this.append(chunk, pos, end);
        return;
      }
      pos = next;
    }
    this.line += fast;
    this.records += fast;
  }

  /** The last line may lack its newline. */
  end(): void {
    if (this.carryLen > 0) this.parseLine(this.carry, 0, this.carryLen, true);
    this.carryLen = 0;
  }

  private append(src: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (this.carryLen + n > MAX_CARRY) {
      this.fail(this.line + 1, `line longer than ${MAX_CARRY} bytes: not a din trace`);
    }
    if (this.carryLen + n > this.carry.length) {
      const bigger = new Uint8Array(Math.max(this.carry.length * 2, this.carryLen + n));
      bigger.set(this.carry.subarray(0, this.carryLen));
      this.carry = bigger;
    }
    this.carry.set(src.subarray(from, to), this.carryLen);
    this.carryLen += n;
  }

  private fail(line: number, why: string): never {
    throw new UsageError(`${this.source} line ${line}: ${why}`);
  }

  /**
   * Parses one line starting at `pos`; returns the index after its newline, or -1 when the
   * chunk ends first (unless `final`, when the end of the buffer ends the line).
   */
  private parseLine(buf: Uint8Array, pos: number, end: number, final: boolean): number {
    let i = pos;
    let c = 0;
    while (i < end && ((c = buf[i]) === SP || c === TAB)) i++;
    if (i >= end) return final ? end : -1;
    const line = this.line + 1;
    if (c === NL || c === CR) {
      // Blank line: dineroIV would stop here; skipping it changes no result.
      while (i < end && buf[i] !== NL) i++;
      if (i >= end && !final) return -1;
      this.line = line;
      return i + 1;
    }
    // Label.
    let label = HEX[c];
    if (label < 0) return this.badByte(buf, i, end, final, line, "label");
    i++;
    if (i < end && label === 0 && ((c = buf[i]) === X_LOWER || c === X_UPPER)) i++;
    while (i < end && (c = HEX[buf[i]]) >= 0) {
      label = label < 0x10000 ? label * 16 + c : label;
      i++;
    }
    if (i >= end) return final ? this.fail(line, "missing address after the label") : -1;
    c = buf[i];
    if (c === NL || c === CR) this.fail(line, "missing address after the label");
    if (c !== SP && c !== TAB) return this.badByte(buf, i, end, final, line, "label");
    while (i < end && ((c = buf[i]) === SP || c === TAB)) i++;
    if (i >= end) return final ? this.fail(line, "missing address after the label") : -1;
    if (c === NL || c === CR) this.fail(line, "missing address after the label");
    // Address, modulo 2^32 like dineroIV's 32-bit d4addr.
    let addr = HEX[c];
    if (addr < 0) return this.badByte(buf, i, end, final, line, "address");
    i++;
    if (i < end && addr === 0 && ((c = buf[i]) === X_LOWER || c === X_UPPER)) {
      i++;
      if (i < end && HEX[buf[i]] < 0 && buf[i] !== NL && buf[i] !== CR && !isBlank(buf[i])) {
        return this.badByte(buf, i, end, final, line, "address");
      }
    }
    while (i < end && (c = HEX[buf[i]]) >= 0) {
      addr = ((addr << 4) | c) >>> 0;
      i++;
    }
    if (i < end) {
      c = buf[i];
      if (c !== NL && c !== CR && c !== SP && c !== TAB) {
        return this.badByte(buf, i, end, final, line, "address");
      }
      // The rest of the line is a comment.
      while (i < end && buf[i] !== NL) i++;
    }
    if (i >= end && !final) return -1;
    if (label > 5)
      this.fail(line, `unknown label ${label.toString(16)} (din labels: ${DIN_LABELS})`);
    this.line = line;
    this.records++;
    this.sink.ref(label, addr);
    return i + 1;
  }

  private badByte(
    buf: Uint8Array,
    i: number,
    end: number,
    final: boolean,
    line: number,
    what: string,
  ): number {
    // Only judge a line once it is complete, so the message can quote it.
    let e = i;
    while (e < end && buf[e] !== NL) e++;
    if (e >= end && !final) return -1;
    let start = i;
    while (start > 0 && buf[start - 1] !== NL) start--;
    const text = Buffer.from(buf.subarray(start, e)).toString("latin1").replace(/\r$/, "");
    const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
    return this.fail(line, `bad ${what} in ${JSON.stringify(shown)} (expected "LABEL HEXADDR")`);
  }
}

const isBlank = (c: number): boolean => c === SP || c === TAB;

export interface TraceInput {
  chunks: AsyncIterable<Uint8Array>;
  /** Size of the file on disk (compressed size for .gz); null for stdin. */
  totalBytes: number | null;
  /** Bytes of the file (or stdin) consumed so far. */
  bytesConsumed(): number;
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;
const READ_CHUNK = 1 << 20;

/** Opens `path` (or stdin for "-"), gunzipping when the data starts with gzip's magic. */
export async function openTrace(path: string): Promise<TraceInput> {
  if (path === "-") return openStdin();
  let size: number;
  let head: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new UsageError(`trace ${JSON.stringify(path)} is a directory`);
    size = info.size;
    const fh = await open(path, "r");
    try {
      head = new Uint8Array(2);
      await fh.read(head, 0, 2, 0);
    } finally {
      await fh.close();
    }
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot read trace ${JSON.stringify(path)}: ${describe(err)}`);
  }
  const file = createReadStream(path, { highWaterMark: READ_CHUNK });
  const gz = head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1;
  return {
    chunks: gz ? gunzipped(file, path) : guarded(file, path),
    totalBytes: size,
    bytesConsumed: () => file.bytesRead,
  };
}

function openStdin(): TraceInput {
  let consumed = 0;
  async function* source(): AsyncGenerator<Uint8Array> {
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
      consumed += chunk.length;
      yield chunk;
    }
  }
  async function* sniffed(): AsyncGenerator<Uint8Array> {
    const it = source();
    const first = await it.next();
    if (first.done === true) return;
    const rest = async function* (): AsyncGenerator<Uint8Array> {
      yield first.value;
      yield* it;
    };
    if (first.value[0] === GZIP_MAGIC_0 && first.value[1] === GZIP_MAGIC_1) {
      yield* gunzipped(Readable.from(rest()), "stdin");
    } else {
      yield* rest();
    }
  }
  return { chunks: sniffed(), totalBytes: null, bytesConsumed: () => consumed };
}

async function* guarded(stream: Readable, name: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } catch (err) {
    throw new UsageError(`cannot read trace ${JSON.stringify(name)}: ${describe(err)}`);
  }
}

async function* gunzipped(input: Readable, name: string): AsyncGenerator<Uint8Array> {
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  input.on("error", (err) => gunzip.destroy(err));
  input.pipe(gunzip);
  try {
    for await (const chunk of gunzip) yield chunk as Uint8Array;
  } catch (err) {
    throw new UsageError(`cannot gunzip trace ${JSON.stringify(name)}: ${describe(err)}`);
  } finally {
    input.destroy();
  }
}

function describe(err: unknown): string {
  if (typeof err === "object" && err !== null && "code" in err) {
    const code = (err as { code?: unknown }).code;
    if (code === "ENOENT") return "no such file";
    if (code === "EACCES") return "permission denied";
  }
  return err instanceof Error ? err.message : String(err);
}
