// Parses Dinero IV's extended din trace format (`-informat D`): `TYPE HEXADDR HEXSIZE` a line.
//
// As dineroIV's xdinfmt.c reads it: TYPE is one letter, r read, w write, i instruction fetch,
// m misc, c copy-back, v invalidate (either case); the address and the size are hex (an
// optional 0x is allowed); anything after further blanks is a comment. Addresses are not
// aligned; a copy-back or invalidate of size 0 applies to the whole cache. dineroIV keeps
// sizes in 16 bits, so larger ones are refused, as is a reference of size 0.
import { UsageError } from "../errors.js";
import type { DinSink } from "./cacheTrace.js";

const TYPES: Record<string, number> = { r: 0, w: 1, i: 2, m: 3, c: 4, v: 5 };
export const XDIN_TYPES = "r read, w write, i instruction fetch, m misc, c copy-back, v invalidate";
const MAX_SIZE = 0xffff;
/** Longest line kept across a chunk boundary; a longer one is not a trace record. */
const MAX_CARRY = 64 * 1024;
const HEX_FIELD = /^(?:0[xX])?([0-9a-fA-F]+)$/;

export class XdinParser {
  /** Records (non-blank lines) parsed so far. */
  records = 0;
  private line = 0;
  private carry = "";
  private readonly sink: DinSink;
  private readonly source: string;

  constructor(sink: DinSink, source: string) {
    this.sink = sink;
    this.source = source;
  }

  feed(chunk: Uint8Array): void {
    const text =
      this.carry + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).toString("latin1");
    let start = 0;
    for (;;) {
      const nl = text.indexOf("\n", start);
      if (nl < 0) break;
      this.parseLine(text.slice(start, nl));
      start = nl + 1;
    }
    this.carry = text.slice(start);
    if (this.carry.length > MAX_CARRY)
      this.fail(this.line + 1, `line longer than ${MAX_CARRY} bytes: not a trace`);
  }

  /** The last line may lack its newline. */
  end(): void {
    if (this.carry !== "") this.parseLine(this.carry);
    this.carry = "";
  }

  private fail(line: number, why: string): never {
    throw new UsageError(`${this.source} line ${line}: ${why}`);
  }

  private parseLine(raw: string): void {
    const line = ++this.line;
    const text = raw.replace(/\r$/, "");
    const fields = text.trim().split(/[ \t]+/);
    if (fields[0] === "") return;
    const shown = JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
    const type = fields[0].length === 1 ? TYPES[fields[0].toLowerCase()] : undefined;
    if (type === undefined)
      this.fail(line, `bad type in ${shown} (extended din types: ${XDIN_TYPES})`);
    if (fields.length < 2) this.fail(line, `missing address in ${shown}`);
    const addr = HEX_FIELD.exec(fields[1]);
    if (addr === null) this.fail(line, `bad address in ${shown} (expected "TYPE HEXADDR HEXSIZE")`);
    if (fields.length < 3) this.fail(line, `missing size in ${shown}`);
    const sizeMatch = HEX_FIELD.exec(fields[2]);
    if (sizeMatch === null) this.fail(line, `bad size in ${shown} (a hex number)`);
    const size =
      sizeMatch[1].length > 5 ? Number.POSITIVE_INFINITY : Number.parseInt(sizeMatch[1], 16);
    const min = type >= 4 ? 0 : 1;
    if (size < min || size > MAX_SIZE)
      this.fail(line, `size ${fields[2]} in ${shown} is not from ${min} to ffff (hex)`);
    let a = 0;
    for (const ch of addr[1]) a = ((a << 4) | Number.parseInt(ch, 16)) >>> 0;
    this.records++;
    this.sink.ref(type, a, size);
  }
}
