// Large caches cost what a trace touches: a 1 GiB cache of 1-byte lines on a small trace, and
// the limits that remain refused up front with one line and exit 2.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildLabLevels } from "../../../src/cli/lab/cacheArgs.js";
import { runTrace } from "../../../src/cli/lab/cacheRun.js";
import { Rng } from "../../../src/sim/rng.js";
import { simtop } from "../../e2e/cliRun.js";

const dir = mkdtempSync(join(tmpdir(), "simtop-cache-large-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 200 references (reads, writes, fetches) spread over the whole 32-bit space. */
function smallTrace(): string {
  const rng = new Rng(5);
  const lines: string[] = [];
  for (let i = 0; i < 200; i++) lines.push(`${i % 3} ${rng.below(2 ** 31).toString(16)}`);
  const p = join(dir, "small.din");
  writeFileSync(p, `${lines.join("\n")}\n`);
  return p;
}

describe("lab cache with a 1 GiB cache of 1-byte lines", () => {
  it("runs a small trace through the binary, with the 3C split", () => {
    const r = simtop(["lab", "cache", smallTrace(), "--l1", "1g:1:1", "--3c", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      levels: { fetches: { total: number }; misses: { total: number } }[];
    };
    // A reference is 4 bytes: 4 lines of 1 byte, every one new (the addresses are far apart).
    expect(out.levels[0].fetches.total).toBe(800);
    expect(out.levels[0].misses.total).toBe(800);
  });

  it("allocates a few MiB, not the cache's nominal state", async () => {
    const trace = smallTrace();
    const before = process.memoryUsage().arrayBuffers;
    const levels = buildLabLevels({ l1i: "1g:1:1", l1d: "1g:1:1", l2: "1g:2:1", "3c": true });
    const r = await runTrace(trace, levels, { worker: false });
    expect(r.records).toBe(200);
    // Before paging, these three caches' arrays alone took tens of GiB.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 2 ** 20);
  });

  it("refuses an associativity over 2^20 ways with one line and exit 2", () => {
    const r = simtop(["lab", "cache", smallTrace(), "--l1", "1g:2097152:1"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      'simtop: --l1: associativity 2097152 is over 1048576 ways, got "1g:2097152:1"\n',
    );
  });
});
