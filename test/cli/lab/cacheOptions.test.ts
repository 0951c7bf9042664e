// `simtop lab cache`'s Dinero IV options: each on a hand-worked tiny trace. Every expected
// figure below was also produced by dineroIV (d4-7, built from its source) with the same options.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildLabLevels, type CacheLabFlags } from "../../../src/cli/lab/cacheArgs.js";
import type { LabLevelDetail } from "../../../src/cli/lab/cacheDinero.js";
import { runTrace, type TraceRunOptions } from "../../../src/cli/lab/cacheRun.js";
import { ROOT, simtop } from "../../e2e/cliRun.js";

const dir = mkdtempSync(join(tmpdir(), "simtop-cache-options-"));
let files = 0;
function trace(text: string): string {
  const p = join(dir, `t${files++}.din`);
  writeFileSync(p, text);
  return p;
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(text: string, flags: CacheLabFlags, options: TraceRunOptions = {}) {
  return runTrace(trace(text), buildLabLevels(flags), { worker: false, ...options });
}

/** [total, read, write, instrn] of a per-kind [read, write, instrn, misc] figure. */
const kinds = (k: number[]): number[] => [k[0] + k[1] + k[2] + k[3], k[0], k[1], k[2]];
const bytes = (d: LabLevelDetail): number[] => [d.result.bytesFromMemory, d.result.bytesToMemory];

describe("sub-blocks (--lN-sbsize, dineroIV -lN-Tsbsize)", () => {
  /*
   * L1 64 B direct-mapped, 16 B lines (4 sets), 4 B sub-blocks; 0x0 and 0x40 share set 0.
   *   0 0   block miss: fetch sub-block 0 (4 B)
   *   0 4   block there, sub-block 1 not: a miss (not a block miss), fetch 4 B
   *   0 0   hit
   *   1 8   sub-block 2 not valid: a write miss; the write covers the sub-block, so no fetch;
   *         it is now valid and dirty
   *   0 8   hit
   *   0 40  block miss: evicts block 0, writing back its dirty sub-block (4 B); fetch 4 B
   * Fetches 6 (5 read, 1 write); misses 4 (3 read, 1 write), 2 of them block misses;
   * 12 B in, 4 B out. Whole 16 B lines would give 2 misses, 32 B in and 16 B out.
   */
  const T = "0 0\n0 4\n0 0\n1 8\n0 8\n0 40\n";

  it("fetches and writes back only the sub-blocks touched", async () => {
    const [d] = (await run(T, { l1: "64:1:16", l1Sbsize: 4 })).details;
    expect(kinds(d.perKind.fetches)).toEqual([6, 5, 1, 0]);
    expect(kinds(d.perKind.misses)).toEqual([4, 3, 1, 0]);
    expect(kinds(d.block!.misses)).toEqual([2, 2, 0, 0]);
    expect(bytes(d)).toEqual([12, 4]);
    const [whole] = (await run(T, { l1: "64:1:16" })).details;
    expect(kinds(whole.perKind.misses)).toEqual([2, 2, 0, 0]);
    expect(bytes(whole)).toEqual([32, 16]);
  });
});

describe("prefetch (--lN-fetch, --lN-pfdist, dineroIV -lN-Tfetch, -lN-Tpfdist)", () => {
  /*
   * L1 64 B direct-mapped, 16 B lines, distance 1 sub-block (= 1 line here).
   *   always:  0 0 miss, prefetches 0x10 (miss, 16 B); 0 4 hit, prefetches 0x10 (hit);
   *            0 10 hit, prefetches 0x20 (miss). Prefetch 3 fetches, 2 misses; 48 B in.
   *   miss:    only 0 0 misses: 1 prefetch (0x10, a miss); 32 B in.
   *   tagged:  0 0 misses → prefetch 0x10; 0 4 hits a line already referenced → none;
   *            0 10 is the first use of the prefetched line → prefetch 0x20 (miss). 2/2; 48 B.
   * Demand: 3 fetches, 1 miss in every case.
   */
  const T = "0 0\n0 4\n0 10\n";
  it.each([
    ["always", 3, 2, 48],
    ["miss", 1, 1, 32],
    ["tagged", 2, 2, 48],
  ] as const)("%s", async (fetch, pfFetches, pfMisses, bytesIn) => {
    const [d] = (await run(T, { l1: "64:1:16", l1Fetch: fetch })).details;
    expect(kinds(d.perKind.fetches)).toEqual([3, 3, 0, 0]);
    expect(kinds(d.perKind.misses)).toEqual([1, 1, 0, 0]);
    expect(kinds(d.prefetch!.fetches)).toEqual([pfFetches, pfFetches, 0, 0]);
    expect(kinds(d.prefetch!.misses)).toEqual([pfMisses, pfMisses, 0, 0]);
    expect(bytes(d)).toEqual([bytesIn, 0]);
  });

  /*
   * 4 B sub-blocks of 16 B lines, distance 1 sub-block.
   *   0 0  block miss (fetch 4 B); the next sub-block 0x4 is in the same line → prefetched
   *        (a miss, 4 B)
   *   0 c  sub-block 3 missing: a miss (4 B); the next sub-block 0x10 is past the line:
   *        load-forward prefetches nothing, sub-block wraps to 0x0 (a hit).
   * Demand 2 fetches, 2 misses; prefetch 1/1 (load-forward) or 2/1 (sub-block); 12 B in.
   */
  it.each([
    ["load-forward", 1],
    ["sub-block", 2],
  ] as const)("%s stays in the line", async (fetch, pfFetches) => {
    const [d] = (await run("0 0\n0 c\n", { l1: "64:1:16", l1Sbsize: 4, l1Fetch: fetch })).details;
    expect(kinds(d.perKind.misses)).toEqual([2, 2, 0, 0]);
    expect(kinds(d.prefetch!.fetches)).toEqual([pfFetches, pfFetches, 0, 0]);
    expect(kinds(d.prefetch!.misses)).toEqual([1, 1, 0, 0]);
    expect(bytes(d)).toEqual([12, 0]);
  });

  /* miss prefetch, distance 3 lines: 0 0 misses and prefetches 0x30, so 0 30 hits. */
  it("prefetches --lN-pfdist sub-blocks ahead", async () => {
    const [d] = (await run("0 0\n0 30\n", { l1: "64:1:16", l1Fetch: "miss", l1Pfdist: 3 })).details;
    expect(kinds(d.perKind.misses)).toEqual([1, 1, 0, 0]);
    expect(kinds(d.prefetch!.misses)).toEqual([1, 1, 0, 0]);
    expect(bytes(d)).toEqual([32, 0]);
  });

  it("throws every prefetch away at --lN-pfabort 100", async () => {
    const [d] = (await run(T, { l1: "64:1:16", l1Fetch: "always", l1Pfabort: 100 })).details;
    // As with demand fetch alone: 0 and 0x10 miss.
    expect(kinds(d.prefetch!.fetches)).toEqual([0, 0, 0, 0]);
    expect(kinds(d.perKind.misses)).toEqual([2, 2, 0, 0]);
    expect(bytes(d)).toEqual([32, 0]);
  });
});

describe("write policies at any level (--lN-wback, --lN-walloc)", () => {
  /*
   * L1 32 B direct-mapped (2 sets), L2 64 B direct-mapped (4 sets), 16 B lines.
   *   1 0   L1 write miss: fetch line 0 from L2 (a read; L2 miss, 16 B in); L1 line dirty
   *   0 40  L1 miss: read 0x40 from L2 (L2 set 0: miss, evicts line 0; 16 B in); then L1
   *         writes dirty line 0 back to L2: an L2 write miss
   *           walloc never: not allocated, the 16 B go on to memory
   *           walloc always: allocated (evicting 0x40; a whole-line write fetches nothing)
   *   0 20  L1 miss (evicts 0x40); L2 miss, 16 B in
   *   0 0   L1 miss; L2 has line 0 only if it allocated it: never → a miss, 16 B in
   * With wback never the write is sent on at once either way; nothing is left dirty.
   * L2: never/never: fetches 5 (4 read, 1 write), misses 5, 64 B in, 16 B out.
   *     wback never only: fetches 5, misses 4 (3 read, 1 write), 48 B in, 16 B out.
   */
  const T = "1 0\n0 40\n0 20\n0 0\n";
  it("no write allocate and write through on an L2", async () => {
    const r = await run(T, { l1: "32:1:16", l2: "64:1:16", l2Wback: "never", l2Walloc: "never" });
    const l2 = r.details[1];
    expect(l2.level.config).toMatchObject({ writePolicy: "write-through", writeAllocate: false });
    expect(kinds(l2.perKind.fetches)).toEqual([5, 4, 1, 0]);
    expect(kinds(l2.perKind.misses)).toEqual([5, 4, 1, 0]);
    expect(bytes(l2)).toEqual([64, 16]);
  });

  it("write through alone on an L2", async () => {
    const l2 = (await run(T, { l1: "32:1:16", l2: "64:1:16", l2Wback: "never" })).details[1];
    expect(kinds(l2.perKind.misses)).toEqual([4, 3, 1, 0]);
    expect(bytes(l2)).toEqual([48, 16]);
  });

  /*
   * nofetch allocation (L1 64 B direct-mapped, 16 B lines, 4 B sub-blocks): a write of a
   * whole sub-block allocates (1 8: miss, no fetch, dirty); a 2-byte write would not. At the
   * end the dirty sub-block is copied back: 4 B out.
   */
  it("nofetch allocation allocates whole sub-block writes", async () => {
    const [d] = (await run("1 8\n0 8\n", { l1: "64:1:16", l1Sbsize: 4, l1Walloc: "nofetch" }))
      .details;
    expect(kinds(d.perKind.misses)).toEqual([1, 0, 1, 0]);
    expect(bytes(d)).toEqual([0, 4]);
  });
});

describe("3C on chosen levels (--lN-ccc)", () => {
  /*
   * The trace above with the default policies: L2 misses on 0 (compulsory), 0x40
   * (compulsory), the write-back of 0 (the 4-line fully associative shadow still holds it:
   * conflict) and 0x20 (compulsory); 0 then hits. L1 is not classified.
   */
  it("classifies only the level asked for", async () => {
    const flags = { l1: "32:1:16", l2: "64:1:16", l2Ccc: true };
    const r = await run("1 0\n0 40\n0 20\n0 0\n", flags);
    expect(r.details.map((d) => d.level.config.classify3C)).toEqual([false, true]);
    const l2 = r.details[1].result;
    expect([l2.compulsory, l2.capacity, l2.conflict]).toEqual([3, 0, 1]);
    const out = simtop([
      "lab",
      "cache",
      "--l1",
      "32:1:16",
      "--l2",
      "64:1:16",
      "--l2-ccc",
      trace("1 0\n0 40\n0 20\n0 0\n"),
    ]);
    expect(out.stdout.match(/Compulsory misses/g)).toHaveLength(1);
    expect(out.stdout).toMatch(/l2-ucache[\s\S]*Compulsory misses +3 +0 +3 +3 +0/);
  });
});

describe("counting options", () => {
  /*
   * L1 64 B direct-mapped, 16 B lines: 0x0, 0x100 and 0x200 all map to set 0.
   * --skipcount 1 --maxcount 2 simulates only "0 100" and "0 0": 2 fetches, 2 misses
   * (all four would be 4 misses).
   */
  it("--skipcount and --maxcount", async () => {
    const r = await run(
      "0 0\n0 100\n0 0\n0 200\n",
      { l1: "64:1:16" },
      { window: { skip: 1, max: 2 } },
    );
    expect(r.simulated).toBe(2);
    expect(kinds(r.details[0].perKind.misses)).toEqual([2, 2, 0, 0]);
    const out = simtop([
      "lab",
      "cache",
      "--l1",
      "64:1:16",
      "--skipcount",
      "1",
      "--maxcount",
      "2",
      trace("0 0\n0 100\n0 0\n0 200\n"),
    ]);
    expect(out.stdout.split("\n")[0]).toBe(
      `simtop lab cache: 2 references from ${join(dir, `t${files - 1}.din`)} (1 skipped first, stopped at --maxcount)`,
    );
  });

  /*
   * --flushcount 1: after "1 0" (a write miss: fetch 16 B, dirty) the flush copies line 0
   * back (16 B) and invalidates it, so the second "1 0" misses again (16 B in) and the
   * end-of-run copy-back writes it (16 B out): 2 misses, 32 B each way. Without: 1 miss.
   */
  it("--flushcount", async () => {
    const r = await run("1 0\n1 0\n", { l1: "64:1:16" }, { window: { flush: 1 } });
    expect(kinds(r.details[0].perKind.misses)).toEqual([2, 0, 2, 0]);
    expect(bytes(r.details[0])).toEqual([32, 32]);
  });

  /*
   * --stat-interval 1 on "1 0" "1 0": after 1 reference 1 fetch, 1 miss, 16 B in, nothing out
   * yet (dineroIV reports before its end-of-run copy-back); after 2: 2 fetches, 1 miss; then
   * the final report with the 16 B copied back.
   */
  it("--stat-interval", async () => {
    const seen: number[][] = [];
    const r = await run(
      "1 0\n1 0\n",
      { l1: "64:1:16" },
      {
        window: { interval: 1 },
        onInterval: (n, d) =>
          seen.push([n, d[0].result.fetches.total, d[0].result.misses.total, ...bytes(d[0])]),
      },
    );
    expect(seen).toEqual([
      [1, 1, 1, 16, 0],
      [2, 2, 1, 16, 0],
    ]);
    expect(bytes(r.details[0])).toEqual([16, 16]);
    const out = simtop([
      "lab",
      "cache",
      "--l1",
      "64:1:16",
      "--stat-interval",
      "1",
      trace("1 0\n1 0\n"),
    ]);
    expect(out.stdout.match(/^simtop lab cache: statistics after \d+ references$/gm)).toEqual([
      "simtop lab cache: statistics after 1 references",
      "simtop lab cache: statistics after 2 references",
    ]);
  });
});

describe("a trace shorter than --skipcount", () => {
  it("simulates nothing and says so on stderr, as dineroIV warns", () => {
    const r = simtop(["lab", "cache", "--l1", "1k:1:16", "--skipcount", "3", trace("0 0\n0 4\n")]);
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/: 0 references from .* \(2 skipped first\)$/);
    expect(r.stderr).toBe("simtop: note: the trace ended before --skipcount 3 was reached\n");
  });
});

describe("extended din (--informat D)", () => {
  /*
   * L1 64 B, 2-way, 16 B lines (2 sets); addresses are used as given, not word-aligned.
   *   r 2 4     read miss, fetch 16 B
   *   w 1e 4    crosses 0x20: split into 0x1e (2 B, line 0x10) and 0x20 (2 B): two write
   *             misses, each fetching its 16 B line (a partial write), both dirty
   *   i 100 8   instruction miss in set 0 ([0x20, 0x0] → evicts 0x0, clean), 16 B in
   *   c 0 0     size 0: copy back the whole cache: lines 0x10 and 0x20, 32 B out
   * Fetches 4 (1 read, 2 write, 1 instrn), misses 4, 64 B in, 32 B out.
   */
  it("reads TYPE ADDR SIZE records", async () => {
    const r = await run("r 2 4\nw 1e 4\ni 100 8\nc 0 0\n", { l1: "64:2:16" }, { informat: "D" });
    const d = r.details[0];
    expect(kinds(d.perKind.fetches)).toEqual([4, 1, 2, 1]);
    expect(kinds(d.perKind.misses)).toEqual([4, 1, 2, 1]);
    expect(bytes(d)).toEqual([64, 32]);
  });

  it("reads it from stdin in the real binary, with prefetch figures in the JSON", () => {
    // The trace above with miss prefetch: r 2 misses and prefetches 0x10 (a miss), so the
    // write's first part (0x1e) hits; its second part (0x20) misses but writes never
    // prefetch; i 100 misses and prefetches 0x110 (a miss). Demand misses 3, prefetch 2/2.
    // dineroIV -l1-usize 64 -l1-ubsize 16 -l1-uassoc 2 -l1-ufetch m -informat D agrees.
    const r = simtop(
      ["lab", "cache", "--l1", "64:2:16", "--l1-fetch", "miss", "--informat", "D", "--json", "-"],
      {},
      "r 2 4\nw 1e 4\ni 100 8\nc 0 0\n",
    );
    expect(r.stderr).toBe("");
    const level = JSON.parse(r.stdout).levels[0];
    expect(level).toMatchObject({
      fetches: { total: 4, read: 1, write: 2, instrn: 1 },
      misses: { total: 3, read: 1, write: 1, instrn: 1 },
      prefetchFetches: 2,
      prefetchMisses: 2,
    });
  });

  it("takes 0x prefixes, either case and trailing comments, as dineroIV does", async () => {
    const r = await run(
      "R 0x2 0x4 the first read\nw 1E 4\n\ni 100 8\nc 0 0\n",
      { l1: "64:2:16" },
      {
        informat: "D",
      },
    );
    expect(r.records).toBe(4);
    expect(bytes(r.details[0])).toEqual([64, 32]);
  });

  it.each([
    ["x 0 4\n", /line 1: bad type in "x 0 4"/],
    ["r 0\n", /line 1: missing size in "r 0"/],
    ["r 0 0\n", /line 1: size 0 in "r 0 0" is not from 1 to ffff/],
    [
      "w 0 10000\n",
      /line 1: size 10000 in "w 0 10000" is not from 0 to ffff|is not from 1 to ffff/,
    ],
    ["r zz 4\n", /line 1: bad address in "r zz 4"/],
  ])("refuses %j in one line", (text, message) => {
    const r = simtop(["lab", "cache", "--l1", "1k:1:16", "--informat", "D", trace(text)]);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

describe("the default L1", () => {
  it("simulates 32k:8:64 when no L1 is given, and says so on stderr", () => {
    const file = trace("0 0\n1 4\n2 1000\n0 8000\n");
    const implicit = simtop(["lab", "cache", file]);
    const explicit = simtop(["lab", "cache", "--l1", "32k:8:64", file]);
    expect(implicit.status).toBe(0);
    expect(implicit.stdout).toBe(explicit.stdout);
    expect(implicit.stdout).toContain("l1-ucache  (32 KiB, 8-way, 64 B lines, LRU");
    expect(implicit.stderr).toBe(
      "simtop: note: no L1 given: simulating --l1 32k:8:64 (32 KiB, 8-way, 64 B lines, LRU)\n",
    );
    expect(explicit.stderr).toBe("");
  });

  it("takes the per-cache options of --l1 and an --l2 below it", () => {
    const levels = buildLabLevels({ l2: "256k:8:64", l1Sbsize: 16 });
    expect(levels.map((l) => l.config.name)).toEqual(["l1-ucache", "l2-ucache"]);
    expect(levels[0].subblock?.subblockSize).toBe(16);
  });
});

describe("bad values: one line, exit 2", () => {
  it.each([
    [["--l1-sbsize", "12"], /^simtop: --l1-sbsize: expected a power of two from 1 to 32768/],
    [
      ["--l1", "1k:1:16", "--l1-sbsize", "32"],
      /--l1-sbsize: sub-block size 32 is larger than the line size 16/,
    ],
    [["--l1", "1k:1:64", "--l1-sbsize", "1"], /at most 32 sub-blocks a line/],
    [
      ["--l1-fetch", "sometimes"],
      /--l1-fetch: expected demand, always, miss, tagged, load-forward or sub-block, got "sometimes"/,
    ],
    [["--l2-wback", "x"], /--l2-wback: expected always, never or nofetch/],
    [["--l1-pfdist", "0"], /--l1-pfdist: expected an integer from 1 to/],
    [["--l1-pfabort", "101"], /--l1-pfabort: expected an integer from 0 to 100/],
    [["--l1-pfdist", "2"], /--l1-pfdist needs a prefetching --l1-fetch/],
    [
      ["--l1", "1k:1:16", "--l1-sbsize", "4", "--l1-fetch", "load-forward", "--l1-pfdist", "5"],
      /--l1-pfdist: 5 sub-blocks is past the line/,
    ],
    [["--l2-ccc"], /--l2-ccc needs a --l2 cache to apply to/],
    [
      ["--l1", "1g:1:64", "--l1-sbsize", "16"],
      /--l1: 16777216 lines is more than simtop simulates/,
    ],
    [["--l1", "8k:3"], /^simtop: --l1: expected SIZE:ASSOC:LINE.*, got "8k:3"$/m],
    [
      ["--l1i", "1k:1:16", "--l1i-wback", "never"],
      /--l1i-wback: an instruction cache is never written|unknown option/,
    ],
    [["--write-through", "--l1-wback", "never"], /--write-through and --l1-wback both set/],
    [["--skipcount", "-1"], /--skipcount: expected an integer of 0 or more, got "-1"/],
    [["--maxcount", "many"], /--maxcount: expected an integer of 0 or more/],
    [["--informat", "p"], /--informat: expected d or D, got "p"/],
  ])("%j", (args, message) => {
    const r = simtop(["lab", "cache", ...args, trace("0 0\n")]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

/**
 * A deterministic mixed trace: loops of instructions, a sequential walk, scattered reads,
 * writes and misc references over 4 KiB, and 3% copy-backs and invalidations; in extended
 * din with sizes from 1 to 16 bytes (a quarter of the copy-backs/invalidations whole-cache).
 */
function mixedTrace(n: number, extended: boolean): string {
  let s = 777;
  const next = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s >>> 8;
  };
  const lines: string[] = [];
  let pc = 0x400000;
  let seq = 0x20000;
  for (let i = 0; i < n; i++) {
    const r = next() % 100;
    let type: number;
    let addr: number;
    if (r < 30) {
      pc = pc + 4 >= 0x401000 ? 0x400000 : pc + 4;
      type = 2;
      addr = pc;
    } else if (r < 70) {
      seq = seq + 4 >= 0x22000 ? 0x20000 : seq + 4;
      type = next() % 4 === 0 ? 1 : 0;
      addr = seq;
    } else if (r < 97) {
      type = next() % 3 === 0 ? 1 : next() % 5 === 0 ? 3 : 0;
      addr = 0x30000 + (next() % 0x1000);
    } else {
      type = 4 + (next() % 2);
      addr = 0x30000 + (next() % 0x1000);
    }
    if (!extended) lines.push(`${type} ${addr.toString(16)}`);
    else {
      const size = type >= 4 ? (next() % 4 === 0 ? 0 : 4) : [1, 2, 4, 4, 8, 16][next() % 6];
      lines.push(`${"rwimcv"[type]} ${addr.toString(16)} ${size.toString(16)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

const sum = (k: number[]): number => k[0] + k[1] + k[2] + k[3];

/** [demand fetches, demand misses, prefetch fetches, prefetch misses, block misses,
 *  compulsory, capacity, conflict, bytes from memory, bytes to memory] of a level. */
function figures(d: LabLevelDetail): number[] {
  return [
    sum(d.perKind.fetches),
    sum(d.perKind.misses),
    d.prefetch === null ? 0 : sum(d.prefetch.fetches),
    d.prefetch === null ? 0 : sum(d.prefetch.misses),
    d.block === null ? 0 : sum(d.block.misses),
    sum(d.perKind.compulsory),
    sum(d.perKind.capacity),
    sum(d.perKind.conflict),
    ...bytes(d),
  ];
}

describe("every option together, against dineroIV", () => {
  /*
   * Figures printed by dineroIV (d4-7) for mixedTrace(6000, false) with
   *   -l1-isize 1k -l1-iassoc 2 -l1-ibsize 32 -l1-isbsize 8 -l1-ifetch l -l1-dsize 1k
   *   -l1-dassoc 4 -l1-dbsize 32 -l1-drepl f -l1-dsbsize 8 -l1-dfetch t -l1-dpfdist 2
   *   -l1-dwalloc f -l1-dccc -l2-usize 8k -l2-uassoc 4 -l2-ubsize 64 -l2-uwback n
   *   -l2-ufetch a -l2-uccc -flushcount 2500
   * and for mixedTrace(6000, true) with -informat D
   *   -l1-usize 2k -l1-uassoc 2 -l1-ubsize 32 -l1-usbsize 4 -l1-ufetch s -l1-uwback f
   *   -l2-usize 16k -l2-uassoc 8 -l2-ubsize 64 -l2-usbsize 16 -l2-uwalloc n -l2-ufetch m
   *   -l2-uccc -skipcount 100 -maxcount 5000
   */
  it("din, split L1 with sub-blocks, load-forward and tagged prefetch, write-through L2", async () => {
    const r = await run(
      mixedTrace(6000, false),
      {
        l1i: "1k:2:32",
        l1iSbsize: 8,
        l1iFetch: "load-forward",
        l1d: "1k:4:32:fifo",
        l1dSbsize: 8,
        l1dFetch: "tagged",
        l1dPfdist: 2,
        l1dWalloc: "nofetch",
        l1dCcc: true,
        l2: "8k:4:64",
        l2Wback: "never",
        l2Fetch: "always",
        l2Ccc: true,
      },
      { window: { flush: 2500 } },
    );
    expect(r.details.map(figures)).toEqual([
      [1801, 228, 1351, 677, 228, 0, 0, 0, 7240, 0],
      [4038, 1815, 1758, 1725, 1353, 1112, 682, 21, 23880, 6880],
      [4786, 176, 3685, 363, 0, 132, 42, 2, 34496, 6880],
    ]);
  });

  it("extended din, sub-block prefetch, nofetch write-back, no-allocate L2, skip and max", async () => {
    const r = await run(
      mixedTrace(6000, true),
      {
        l1: "2k:2:32",
        l1Sbsize: 4,
        l1Fetch: "sub-block",
        l1Wback: "nofetch",
        l2: "16k:8:64",
        l2Sbsize: 16,
        l2Walloc: "never",
        l2Fetch: "miss",
        l2Ccc: true,
      },
      { informat: "D", window: { skip: 100, max: 5000 } },
    );
    expect(r.simulated).toBe(5000);
    expect(r.details.map(figures)).toEqual([
      [5323, 2824, 4095, 1642, 1603, 0, 0, 0, 29140, 4244],
      [4774, 1531, 1330, 988, 861, 1517, 14, 0, 42784, 6520],
    ]);
  });
});

describe("README", () => {
  it("names every option of lab cache --help in its lab cache table", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(
      readme.indexOf("### `lab cache`"),
      readme.indexOf("## Development"),
    );
    const help = simtop(["lab", "cache", "--help"]).stdout;
    const flags = new Set([...help.matchAll(/^ {2}(--[\w-]+)/gm)].map((m) => m[1]));
    expect(flags.size).toBeGreaterThan(30);
    for (const flag of flags) {
      if (flag === "--help") continue;
      const generic = flag.replace(/^--(l1|l1i|l1d|l2|l3)-/, "--CACHE-");
      expect(section, flag).toContain(`\`${generic}`);
    }
  });
});
