// The din trace parser and `lab cache` flag parsing, in process.
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/cli/errors.js";
import { buildLabLevels, parseLevelSpec, parseSize } from "../../../src/cli/lab/cacheArgs.js";
import { DinParser } from "../../../src/cli/lab/cacheTrace.js";

/** Parses `text` fed in chunks of `chunk` bytes; returns "label:hexaddr" per record. */
function parse(text: string, chunk = 1 << 20): string[] {
  const out: string[] = [];
  const p = new DinParser({ ref: (l, a) => out.push(`${l}:${a.toString(16)}`) }, "t.din");
  const bytes = Buffer.from(text, "latin1");
  for (let i = 0; i < bytes.length; i += chunk) p.feed(bytes.subarray(i, i + chunk));
  p.end();
  return out;
}

function parseError(text: string): string {
  try {
    parse(text);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error("no error");
}

describe("din parser", () => {
  const text = "0 1000\n1 0x2004  a comment\n2\t400abc\r\n\n   3 0X10\n4 ff\n5 7ffc0001";
  const expected = ["0:1000", "1:2004", "2:400abc", "3:10", "4:ff", "5:7ffc0001"];

  it("reads labels, hex addresses, 0x prefixes, comments, CRLF, blank lines, no final newline", () => {
    expect(parse(text)).toEqual(expected);
  });

  it("gives the same records whatever the chunk boundaries", () => {
    for (const size of [1, 2, 3, 5, 7, 16]) expect(parse(text, size)).toEqual(expected);
  });

  it("keeps addresses modulo 2^32, like dineroIV's 32-bit d4addr", () => {
    expect(parse("0 7fff5fbff8a4\n0 123456789abcdef0\n")).toEqual(["0:5fbff8a4", "0:9abcdef0"]);
  });

  it("names the line of an unknown label", () => {
    expect(parseError("0 10\n0 20\n6 30\n")).toMatch(
      /^t\.din line 3: unknown label 6 \(din labels: 0 read/,
    );
  });

  it("names the line of a bad address or a missing one", () => {
    expect(parseError("0 10\n0 zz\n")).toBe(
      't.din line 2: bad address in "0 zz" (expected "LABEL HEXADDR")',
    );
    expect(parseError("0 10\n1\n")).toBe("t.din line 2: missing address after the label");
    expect(parseError("r 10\n")).toMatch(/^t\.din line 1: bad label in "r 10"/);
  });

  it("counts blank lines in line numbers", () => {
    expect(parseError("0 10\n\n0 1g\n")).toMatch(/^t\.din line 3: bad address/);
  });
});

describe("lab cache flags", () => {
  it("reads sizes like dineroIV: plain, k, m, g", () => {
    expect([parseSize("64"), parseSize("8k"), parseSize("1M"), parseSize("2g")]).toEqual([
      64, 8192, 1048576, 2147483648,
    ]);
    expect(parseSize("8kb")).toBeNull();
    expect(parseSize("-8")).toBeNull();
  });

  it("parses SIZE:ASSOC:LINE[:policy] with LRU by default", () => {
    expect(parseLevelSpec("--l1", "32k:8:64")).toEqual({
      size: 32768,
      assoc: 8,
      lineSize: 64,
      replacement: "lru",
    });
    expect(parseLevelSpec("--l2", "1m:16:128:FIFO").replacement).toBe("fifo");
  });

  it.each([
    ["8k:2", /^--l1: expected SIZE:ASSOC:LINE\[:lru\|fifo\|random\] such as 32k:8:64, got "8k:2"$/],
    ["8x:2:64", /bad size "8x"/],
    ["12k:2:64", /^--l1: size 12k must be a power of two up to 1g, got "12k:2:64"$/],
    ["8k:0:64", /bad associativity "0"/],
    ["8k:2:48", /line size 48 must be a power of two/],
    ["64:4:32", /size 64 is smaller than line size × associativity \(32 × 4\)/],
    ["8k:2:64:plru", /replacement "plru" is not lru, fifo or random/],
  ])("rejects --l1 %s", (spec, message) => {
    expect(() => parseLevelSpec("--l1", spec)).toThrow(message);
    expect(() => parseLevelSpec("--l1", spec)).toThrow(UsageError);
  });

  it("applies --write-through and --no-write-allocate to the first level's data side only", () => {
    const levels = buildLabLevels({
      l1i: "1k:1:16",
      l1d: "1k:1:16",
      l2: "8k:2:32",
      writeThrough: true,
      writeAllocate: false,
      "3c": true,
    });
    expect(
      levels.map((l) => [l.config.name, l.config.writePolicy, l.config.writeAllocate]),
    ).toEqual([
      ["l1-icache", "write-back", true],
      ["l1-dcache", "write-through", false],
      ["l2-ucache", "write-back", true],
    ]);
    expect(levels.every((l) => l.config.classify3C)).toBe(true);
  });

  it.each([
    [{ l1: "1k:1:16", l1d: "1k:1:16" }, /either --l1 or --l1i\/--l1d/],
    [{ l1: "1k:1:16", l3: "8k:1:16" }, /--l3 needs an --l2/],
  ])("rejects the combination %o", (flags, message) => {
    expect(() => buildLabLevels(flags)).toThrow(message);
  });
});
