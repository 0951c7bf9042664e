// Benchmarks the cache engine (an L1 + L2 pair) and `simtop lab cache` end to end.
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { AccessKind, Cache, type CacheConfig } from "../src/sim/cpu/cache.js";
import { MainMemory } from "../src/sim/cpu/cacheMemory.js";
import { Rng } from "../src/sim/rng.js";

const level = (name: string, size: number, assoc: number): CacheConfig => ({
  name,
  size,
  assoc,
  lineSize: 64,
  replacement: "lru",
  writePolicy: "write-back",
  writeAllocate: true,
  latency: 0,
});

/** Which blend of access streams a synthetic trace draws from (percentages). */
interface Mix {
  fetch: number;
  sequential: number;
  strided: number;
  hot: number;
  column: number;
}

/**
 * "typical": 30% instruction fetches looping over 16 KiB of code, 40% a sequential word walk
 * over 1 MiB, 15% a 256 B stride over 128 KiB, 10% random words in a 16 KiB hot set (stack),
 * 5% a column walk (stride 4 KiB + 64) over 16 MiB. L1 hit rate about 78%.
 */
const TYPICAL: Mix = { fetch: 30, sequential: 40, strided: 15, hot: 10, column: 5 };
/** "miss-heavy": a quarter column walk, a fifth random over 64 KiB; L1 hit rate about 55%. */
const MISS_HEAVY: Mix = { fetch: 15, sequential: 40, strided: 0, hot: 20, column: 25 };

/**
 * A synthetic trace from `mix`, generated up front from a seeded Rng so generation is not
 * timed. About a quarter of the data accesses are writes.
 */
function syntheticTrace(
  n: number,
  seed: number,
  mix: Mix,
): { addrs: Uint32Array; kinds: Uint8Array } {
  const rng = new Rng(seed);
  const addrs = new Uint32Array(n);
  const kinds = new Uint8Array(n);
  const hotBytes = mix === MISS_HEAVY ? 64 * 1024 : 16 * 1024;
  let seq = 0x1000_0000;
  let stride = 0x1800_0000;
  let col = 0x2000_0000;
  let pc = 0x0040_0000;
  for (let i = 0; i < n; i++) {
    let r = rng.below(100);
    let kind: AccessKind = rng.below(4) === 0 ? AccessKind.Write : AccessKind.Read;
    let a: number;
    if ((r -= mix.fetch) < 0) {
      pc = pc + 4 >= 0x0040_4000 ? 0x0040_0000 : pc + 4;
      a = pc;
      kind = AccessKind.Fetch;
    } else if ((r -= mix.sequential) < 0) {
      seq = seq + 4 >= 0x1010_0000 ? 0x1000_0000 : seq + 4;
      a = seq;
    } else if ((r -= mix.strided) < 0) {
      stride = stride + 256 >= 0x1802_0000 ? 0x1800_0000 + ((stride + 4) & 255) : stride + 256;
      a = stride;
    } else if ((r -= mix.hot) < 0) {
      a = 0x3000_0000 + rng.below(hotBytes / 4) * 4;
    } else {
      col = col + 4160 >= 0x2100_0000 ? 0x2000_0000 + ((col + 4) & 4095) : col + 4160;
      a = col;
    }
    addrs[i] = a;
    kinds[i] = kind;
  }
  return { addrs, kinds };
}

/** Accesses per second through a 32 KiB 8-way L1 in front of a 256 KiB 8-way L2. */
function benchPair(n: number, mix: Mix): { rate: number; l1HitRate: number } {
  const { addrs, kinds } = syntheticTrace(n, 42, mix);
  let best = Number.POSITIVE_INFINITY;
  let hitRate = 0;
  for (let rep = 0; rep < 6; rep++) {
    const l2 = new Cache(level("L2", 256 * 1024, 8), new MainMemory());
    const l1 = new Cache(level("L1", 32 * 1024, 8), l2);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) l1.access(addrs[i], kinds[i] as AccessKind, 4);
    const ms = performance.now() - t0;
    if (rep > 0) best = Math.min(best, ms); // the first run warms the JIT up
    hitRate = l1.stats().hitRate;
  }
  return { rate: n / (best / 1000), l1HitRate: hitRate };
}

/** Writes an n-line din trace of the same workload mix to `path`. */
function writeDinTrace(path: string, n: number, mix: Mix): void {
  const fd = openSync(path, "w");
  const buf = Buffer.alloc(1 << 22);
  let p = 0;
  const block = 1 << 20;
  for (let done = 0; done < n; done += block) {
    const { addrs, kinds } = syntheticTrace(Math.min(block, n - done), 7 + done, mix);
    for (let i = 0; i < addrs.length; i++) {
      p += buf.write(`${kinds[i]} ${addrs[i].toString(16)}\n`, p, "latin1");
      if (p > buf.length - 64) {
        writeSync(fd, buf, 0, p);
        p = 0;
      }
    }
  }
  writeSync(fd, buf, 0, p);
  closeSync(fd);
}

interface LabRun {
  records: number;
  ms: number;
  maxRssMiB: number;
}

/** Runs the lab's trace path in a fresh Node process so its peak RSS is its own. */
function runLab(trace: string): LabRun {
  const runModule = pathToFileURL(
    fileURLToPath(new URL("../src/cli/lab/cacheRun.js", import.meta.url)),
  );
  const argsModule = pathToFileURL(
    fileURLToPath(new URL("../src/cli/lab/cacheArgs.js", import.meta.url)),
  );
  const script = `
    const { runTrace } = await import(${JSON.stringify(runModule.href)});
    const { buildLabLevels } = await import(${JSON.stringify(argsModule.href)});
    const levels = buildLabLevels({ l1: "32k:8:64", l2: "256k:8:64" });
    const t0 = performance.now();
    const r = await runTrace(${JSON.stringify(trace)}, levels);
    const ms = performance.now() - t0;
    process.stdout.write(JSON.stringify({ records: r.records, ms, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
  `;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
  });
  if (child.status !== 0) throw new Error(`lab run failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as LabRun;
}

/** Wall time of the real binary, start-up and JSON output included. */
function runBinary(trace: string): number {
  const bin = fileURLToPath(new URL("../../bin/simtop.js", import.meta.url));
  const t0 = performance.now();
  const child = spawnSync(
    process.execPath,
    [bin, "lab", "cache", trace, "--l1", "32k:8:64", "--l2", "256k:8:64", "--json"],
    { encoding: "utf8" },
  );
  if (child.status !== 0) throw new Error(`simtop lab cache failed: ${child.stderr}`);
  return performance.now() - t0;
}

export async function benchCache(): Promise<Record<string, number | string>> {
  const pair = benchPair(1_000_000, TYPICAL);
  const pairHeavy = benchPair(1_000_000, MISS_HEAVY);
  const dir = mkdtempSync(join(tmpdir(), "simtop-bench-cache-"));
  try {
    const big = join(dir, "10m.din");
    const small = join(dir, "1m.din");
    const heavy = join(dir, "10m-heavy.din");
    writeDinTrace(big, 10_000_000, TYPICAL);
    writeDinTrace(small, 1_000_000, TYPICAL);
    writeDinTrace(heavy, 10_000_000, MISS_HEAVY);
    const lab10 = runLab(big);
    const lab1 = runLab(small);
    const labHeavy = runLab(heavy);
    const binMs = runBinary(big);
    return {
      "cache pair accesses/s (L1 32K/8 + L2 256K/8, 1M typical accesses)": Math.round(pair.rate),
      "cache pair L1 hit rate (typical)": Number(pair.l1HitRate.toFixed(4)),
      "cache pair accesses/s (1M miss-heavy accesses)": Math.round(pairHeavy.rate),
      "cache pair L1 hit rate (miss-heavy)": Number(pairHeavy.l1HitRate.toFixed(4)),
      "lab cache accesses/s (10M-line typical trace, L1+L2)": Math.round(
        lab10.records / (lab10.ms / 1000),
      ),
      "lab cache peak RSS MiB (10M-line trace)": Number(lab10.maxRssMiB.toFixed(1)),
      "lab cache accesses/s (1M-line trace)": Math.round(lab1.records / (lab1.ms / 1000)),
      "lab cache peak RSS MiB (1M-line trace)": Number(lab1.maxRssMiB.toFixed(1)),
      "lab cache accesses/s (10M-line miss-heavy trace)": Math.round(
        labHeavy.records / (labHeavy.ms / 1000),
      ),
      "simtop lab cache wall time incl. start-up, 10M lines (ms)": Math.round(binMs),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await benchCache();
  for (const [k, v] of Object.entries(results)) console.log(`${k}: ${v}`);
}
