// `simtop lab cache`: dineroIV's figures on small din traces, through the real binary and in process.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { buildLabLevels } from "../../../src/cli/lab/cacheArgs.js";
import { formatJson } from "../../../src/cli/lab/cacheReport.js";
import { runTrace } from "../../../src/cli/lab/cacheRun.js";
import { simtop } from "../../e2e/cliRun.js";

const dir = mkdtempSync(join(tmpdir(), "simtop-cache-lab-"));
let files = 0;
function trace(text: string | Buffer, ext = ".din"): string {
  const p = join(dir, `t${files++}${ext}`);
  writeFileSync(p, text);
  return p;
}

function json(args: string[], input = ""): unknown {
  const r = simtop([...args, "--json"], {}, input);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

const level = (
  name: string,
  fetches: [number, number, number, number],
  misses: [number, number, number, number],
  bytes: [number, number],
  ccc: [number, number, number] = [0, 0, 0],
) => ({
  name,
  fetches: { total: fetches[0], read: fetches[1], write: fetches[2], instrn: fetches[3] },
  misses: { total: misses[0], read: misses[1], write: misses[2], instrn: misses[3] },
  bytesFromMemory: bytes[0],
  bytesToMemory: bytes[1],
  compulsory: ccc[0],
  capacity: ccc[1],
  conflict: ccc[2],
});

/**
 * T1, unified L1 of 64 B, 2-way, 16 B lines (2 sets; 0x0, 0x20 and 0x100 all map to set 0):
 *   0 0     read miss (compulsory), fetch 16
 *   1 4     write hit: line 0 dirty
 *   2 100   ifetch miss (compulsory), fetch 16; set 0 = [100 0]
 *   0 20    read miss (compulsory): evicts dirty 0 → fetch 16, write back 16; set 0 = [20 100]
 *   0 8     read miss: evicts 100, fetch 16. The 4-line fully associative shadow still
 *           holds line 0, so it is a conflict miss.
 * Fetches 5 (3 read, 1 write, 1 instrn), misses 4 (3 read, 1 instrn); 64 bytes in, 16 out
 * (nothing dirty is left for the end-of-run copy-back). Dinero IV agrees.
 */
const T1 = "0 0\n1 4\n2 100\n0 20\n0 8\n";
const T1_JSON = {
  levels: [level("l1-ucache", [5, 3, 1, 1], [4, 3, 0, 1], [64, 16], [3, 0, 1])],
};

/**
 * T2, split L1 (I and D: 32 B direct-mapped, 16 B lines, 2 sets) over a unified L2 (256 B,
 * 2-way, 32 B lines, 4 sets):
 *   2 0    L1I miss → L2 instrn 0x0/16, L2 miss → 32 from memory
 *   0 40   L1D miss (set 0) → L2 read 0x40/16, L2 miss (set 2) → 32 from memory
 *   1 44   L1D write hit: line 0x40 dirty
 *   2 8    L1I hit
 *   0 60   L1D miss (set 0): fetch 0x60 (L2 miss, set 3), then write back 0x40/16 (L2 write
 *          hit, now dirty in L2)
 * End of run: L1D has nothing dirty; L2 copies back line 0x40 → 32 bytes to memory.
 */
const T2 = "2 0\n0 40\n1 44\n2 8\n0 60\n";
const T2_ARGS = ["--l1i", "32:1:16", "--l1d", "32:1:16", "--l2", "256:2:32"];
const T2_JSON = {
  levels: [
    level("l1-icache", [2, 0, 0, 2], [1, 0, 0, 1], [16, 0]),
    level("l1-dcache", [3, 2, 1, 0], [2, 2, 0, 0], [32, 16]),
    level("l2-ucache", [4, 2, 1, 1], [3, 2, 0, 1], [96, 32]),
  ],
};

/**
 * T3, the other din labels, L1 64 B 2-way 16 B lines over L2 256 B 4-way 32 B lines:
 *   1 0    write miss: L1 fetches 0x0/16 (L2 read miss, 32 from memory); dirty in L1
 *   4 0    copy back line 0: L1 writes 0x0/16 to L2 (write hit, dirty), L2 writes 32 out
 *   3 10   misc (read-like) miss: L2 misc read 0x10/16 hits
 *   5 0    invalidate line 0 in L1 and L2 (both clean by now)
 *   0 0    read miss in L1 and L2
 * L1: fetches 3 (read 1, write 1, misc 1; total counts misc), misses 3; 48 in, 16 out.
 * L2: fetches 4 (read 2, write 1, misc 1), misses 2 (read); 64 in, 32 out.
 */
const T3 = "1 0\n4 0\n3 10\n5 0\n0 0\n";
const T3_JSON = {
  levels: [
    level("l1-ucache", [3, 1, 1, 0], [3, 1, 1, 0], [48, 16]),
    level("l2-ucache", [4, 2, 1, 0], [2, 2, 0, 0], [64, 32]),
  ],
};

/** A deterministic 6000-line trace: code loop, sequential data, random words, a few misc. */
function goldenTrace(n: number): string {
  let s = 12345;
  const next = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s;
  };
  const lines: string[] = [];
  let seq = 0x10000;
  let pc = 0x400000;
  for (let i = 0; i < n; i++) {
    const r = next() % 100;
    if (r < 30) {
      pc = pc + 4 >= 0x401800 ? 0x400000 : pc + 4;
      lines.push(`2 ${pc.toString(16)}`);
    } else if (r < 60) {
      seq = (seq + 4) & 0x1ffff;
      lines.push(`${next() % 4 === 0 ? 1 : 0} ${(0x10000 + seq).toString(16)}`);
    } else if (r < 97) {
      lines.push(`${next() % 3 === 0 ? 1 : 0} ${(0x80000 + (next() % 2048) * 4).toString(16)}`);
    } else {
      lines.push(`3 ${(0x90000 + (next() % 64) * 16).toString(16)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Figures printed by Dinero IV (d4-7, built from its sources) for goldenTrace(6000):
 *   dineroIV -l1-isize 1k -l1-iassoc 2 -l1-ibsize 32 -l1-dsize 1k -l1-dassoc 4 -l1-dbsize 16
 *            -l1-drepl f -l2-usize 8k -l2-uassoc 4 -l2-ubsize 64 -l1-iccc -l1-dccc -l2-uccc
 * and
 *   dineroIV -l1-usize 2k -l1-ubsize 32 -l1-uwback n -l1-uwalloc n -l2-usize 16k -l2-uassoc 2
 *            -l2-ubsize 64 -l2-urepl f -l1-uccc -l2-uccc
 */
const GOLDEN = [
  {
    args: ["--l1i", "1k:2:32", "--l1d", "1k:4:16:fifo", "--l2", "8k:4:64", "--3c"],
    levels: [
      level("l1-icache", [1754, 0, 0, 1754], [220, 0, 0, 220], [7040, 0], [192, 28, 0]),
      level(
        "l1-dcache",
        [4246, 2875, 1209, 0],
        [2681, 1729, 804, 0],
        [42896, 16800],
        [1014, 1632, 35],
      ),
      level(
        "l2-ucache",
        [3951, 2533, 1050, 220],
        [939, 692, 46, 110],
        [60096, 32320],
        [355, 364, 220],
      ),
    ],
  },
  {
    args: [
      "--l1",
      "2k:1:32",
      "--l2",
      "16k:2:64:fifo",
      "--write-through",
      "--no-write-allocate",
      "--3c",
    ],
    levels: [
      level(
        "l1-ucache",
        [6000, 2875, 1209, 1754],
        [2708, 1543, 724, 308],
        [63488, 4836],
        [710, 1696, 302],
      ),
      level(
        "l2-ucache",
        [3193, 1543, 1209, 308],
        [487, 238, 107, 112],
        [31168, 20544],
        [355, 23, 109],
      ),
    ],
  },
];

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("simtop lab cache (binary)", () => {
  it("unified L1 with the 3C split", () => {
    expect(json(["lab", "cache", trace(T1), "--l1", "64:2:16", "--3c"])).toEqual(T1_JSON);
  });

  it("split I and D caches over an L2, with the end-of-run copy-back", () => {
    expect(json(["lab", "cache", trace(T2), ...T2_ARGS])).toEqual(T2_JSON);
  });

  it("labels 3 (misc), 4 (copy back) and 5 (invalidate)", () => {
    expect(json(["lab", "cache", trace(T3), "--l1", "64:2:16", "--l2", "256:4:32"])).toEqual(
      T3_JSON,
    );
  });

  it("reads a .gz trace", () => {
    expect(json(["lab", "cache", trace(gzipSync(T2), ".din.gz"), ...T2_ARGS])).toEqual(T2_JSON);
  });

  it("reads stdin with -", () => {
    expect(json(["lab", "cache", "-", "--l1", "64:2:16", "--3c"], T1)).toEqual(T1_JSON);
  });

  it("reads gzip data on stdin too", () => {
    const r = simtop(["lab", "cache", "-", "--l1", "64:2:16", "--3c", "--json"], {}, gzipSync(T1));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(T1_JSON);
  });

  it.each(GOLDEN.map((g, i) => [i, g] as const))(
    "matches Dinero IV on a 6000-line trace (%i)",
    (_, g) => {
      expect(json(["lab", "cache", trace(goldenTrace(6000)), ...g.args])).toEqual({
        levels: g.levels,
      });
    },
  );

  it("prints a readable table by default", () => {
    const r = simtop(["lab", "cache", trace(T1), "--l1", "64:2:16", "--3c"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^l1-ucache {2}\(64 B, 2-way, 16 B lines, LRU, write-back, write-allocate\)$/m,
    );
    expect(r.stdout).toMatch(/^ Demand fetches +5 +1 +4 +3 +1 +0$/m);
    expect(r.stdout).toMatch(/^ {3}Conflict misses +1 /m);
    expect(r.stdout).toMatch(/^ Bytes to memory +16$/m);
  });

  it.each([
    [
      ["lab", "cache", "TRACE", "--l1", "8k:3"],
      /^simtop: --l1: expected SIZE:ASSOC:LINE.*, got "8k:3"$/m,
    ],
    [
      ["lab", "cache", "TRACE", "--l1", "12k:2:64"],
      /--l1: size 12k must be a power of two up to 1g, got "12k:2:64"/,
    ],
    [["lab", "cache", "TRACE", "--l3", "8k:2:64"], /--l3 needs an --l2 above it/],
    [["lab", "cache", "TRACE", "--l1", "8k:2:64:mru"], /replacement "mru"/],
    [
      ["lab", "cache", "/nonexistent/t.din", "--l1", "8k:2:64"],
      /cannot read trace "\/nonexistent\/t\.din": no such file/,
    ],
    [["lab", "cache", "BADLABEL", "--l1", "8k:2:64"], /line 2: unknown label 7/],
    [["lab", "cache", "BADGZ", "--l1", "8k:2:64"], /cannot gunzip trace/],
    [["lab", "cache", "TRACE", "--l1", "8k:2:64", "--frobnicate"], /unknown option '--frobnicate'/],
    [["lab", "cache"], /missing required argument 'trace'/],
  ])("rejects %j with one line and exit 2", (args, message) => {
    const files: Record<string, string> = {
      TRACE: trace(T1),
      BADLABEL: trace("0 10\n7 20\n"),
      BADGZ: trace(Buffer.concat([gzipSync(T1).subarray(0, 12)]), ".gz"),
    };
    const r = simtop(args.map((a) => files[a] ?? a));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

describe("lab cache in process", () => {
  it("simulates in the calling thread with the same figures", async () => {
    const r = await runTrace(
      trace(T2),
      buildLabLevels({ l1i: "32:1:16", l1d: "32:1:16", l2: "256:2:32" }),
      {
        worker: false,
      },
    );
    expect(r.records).toBe(5);
    expect(JSON.parse(formatJson(r.details))).toEqual(T2_JSON);
  });

  it("matches Dinero IV on the golden trace in process too", async () => {
    const file = trace(goldenTrace(6000));
    const flags = { l1i: "1k:2:32", l1d: "1k:4:16:fifo", l2: "8k:4:64", "3c": true };
    const r = await runTrace(file, buildLabLevels(flags), { worker: false });
    expect(JSON.parse(formatJson(r.details))).toEqual({ levels: GOLDEN[0].levels });
  });
});
