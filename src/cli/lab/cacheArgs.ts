// Turns `simtop lab cache` flags into validated cache configurations, Dinero IV style.
import { type CacheConfig, MAX_ASSOC, type Replacement } from "../../sim/cpu/cache.js";
import {
  MAX_SUBBLOCK_LINES,
  type PrefetchPolicy,
  type SubblockCacheConfig,
  type WriteChoice,
} from "../../sim/cpu/cacheSubblock.js";
import { quoted } from "../../sim/visible.js";
import { UsageError } from "../errors.js";
import { parseScaledSize } from "../options.js";

/** The caches the lab can simulate, by the flag that describes each. */
export const CACHE_KEYS = ["l1", "l1i", "l1d", "l2", "l3"] as const;
export type CacheKey = (typeof CACHE_KEYS)[number];

export const PREFETCH_POLICIES: readonly PrefetchPolicy[] = [
  "demand",
  "always",
  "miss",
  "tagged",
  "load-forward",
  "sub-block",
];
export const WRITE_CHOICES: readonly WriteChoice[] = ["always", "never", "nofetch"];

/** Dinero IV's per-cache options (`-lN-Tsbsize` ...), as commander names them (`l1dSbsize`). */
export type PerCacheFlags = { [K in CacheKey as `${K}Sbsize`]?: number } & {
  [K in CacheKey as `${K}Fetch`]?: PrefetchPolicy;
} & { [K in CacheKey as `${K}Pfdist`]?: number } & {
  [K in CacheKey as `${K}Pfabort`]?: number;
} & { [K in CacheKey as `${K}Walloc`]?: WriteChoice } & {
  [K in CacheKey as `${K}Wback`]?: WriteChoice;
} & { [K in CacheKey as `${K}Ccc`]?: boolean };

export type CacheLabFlags = PerCacheFlags & {
  l1?: string;
  l1i?: string;
  l1d?: string;
  l2?: string;
  l3?: string;
  writeThrough?: boolean;
  /** Commander's `--no-write-allocate` leaves this false. */
  writeAllocate?: boolean;
  /** `--3c` */
  "3c"?: boolean;
  json?: boolean;
  skipcount?: number;
  maxcount?: number;
  flushcount?: number;
  statInterval?: number;
  informat?: "d" | "D";
};

/** One simulated cache and where it sits, named as dineroIV names it (`l1-dcache`, ...). */
export interface LabLevel {
  level: number;
  role: "u" | "i" | "d";
  config: CacheConfig;
  /**
   * Set when the cache needs Dinero's per-sub-block model (sub-blocks, prefetch, `nofetch`
   * write policies); null when the plain engine simulates it.
   */
  subblock: SubblockCacheConfig | null;
}

/** The L1 simulated when no L1 is given. */
export const DEFAULT_L1 = "32k:8:64";

const SPEC_HELP = "expected SIZE:ASSOC:LINE[:lru|fifo|random] such as 32k:8:64";
/** Dinero keeps a reference's size in 16 bits, so it caps lines (sub-blocks) at 32 KiB. */
export const MAX_LINE = 32 * 1024;
const MAX_SIZE = 1024 * 1024 * 1024;

/** "64", "8k", "1M", "2g" → bytes; null if malformed (Dinero's scaled-integer syntax). */
export const parseSize = parseScaledSize;

const isPow2 = (n: number): boolean => n > 0 && (n & (n - 1)) === 0 && n <= 2 ** 31;

/**
 * Parses one `--l1`-style value; every error names the flag and quotes the value, in the
 * style of the other flags' parsers (`--l1: why, got "value"`).
 */
export function parseLevelSpec(
  flag: string,
  text: string,
): Pick<CacheConfig, "size" | "assoc" | "lineSize" | "replacement"> {
  const bad = (why: string): UsageError => new UsageError(`${flag}: ${why}, got ${quoted(text)}`);
  const parts = text.split(":");
  if (parts.length < 3 || parts.length > 4) throw bad(SPEC_HELP);
  const [sizeText, assocText, lineText, replText = "lru"] = parts;
  const size = parseSize(sizeText);
  if (size === null)
    throw bad(`bad size ${JSON.stringify(sizeText)} (a number, optionally k, m or g)`);
  if (!isPow2(size) || size > MAX_SIZE)
    throw bad(`size ${sizeText} must be a power of two up to 1g`);
  if (!/^\d+$/.test(assocText) || Number(assocText) < 1) {
    throw bad(`bad associativity ${JSON.stringify(assocText)} (a positive whole number)`);
  }
  const assoc = Number(assocText);
  if (assoc > MAX_ASSOC) throw bad(`associativity ${assocText} is over ${MAX_ASSOC} ways`);
  const lineSize = parseSize(lineText);
  if (lineSize === null) throw bad(`bad line size ${JSON.stringify(lineText)}`);
  if (!isPow2(lineSize) || lineSize > MAX_LINE) {
    throw bad(`line size ${lineText} must be a power of two up to 32k`);
  }
  if (lineSize * assoc > size) {
    throw bad(`size ${size} is smaller than line size × associativity (${lineSize} × ${assoc})`);
  }
  const replacement = replText.toLowerCase();
  if (replacement !== "lru" && replacement !== "fifo" && replacement !== "random") {
    throw bad(`replacement ${JSON.stringify(replText)} is not lru, fifo or random`);
  }
  return { size, assoc, lineSize, replacement: replacement as Replacement };
}

/** Commander argParser for `--l1` ...: checks the value when the flag is read, keeps its text. */
export function levelSpecOption(flag: string): (value: string) => string {
  return (value) => {
    parseLevelSpec(flag, value);
    return value;
  };
}

/** Whether no L1 was given, so {@link buildLabLevels} simulates {@link DEFAULT_L1}. */
export function usesDefaultL1(flags: CacheLabFlags): boolean {
  return flags.l1 === undefined && flags.l1i === undefined && flags.l1d === undefined;
}

/** The per-cache options of `key`, or a usage error when they are given without its cache. */
function perCache(flags: CacheLabFlags, key: CacheKey) {
  return {
    sbsize: flags[`${key}Sbsize`],
    fetch: flags[`${key}Fetch`],
    pfdist: flags[`${key}Pfdist`],
    pfabort: flags[`${key}Pfabort`],
    walloc: flags[`${key}Walloc`],
    wback: flags[`${key}Wback`],
    ccc: flags[`${key}Ccc`],
  };
}

function checkStray(flags: CacheLabFlags, key: CacheKey, present: boolean): void {
  if (present) return;
  const o = perCache(flags, key);
  const given = Object.entries(o).find(([, v]) => v !== undefined);
  if (given !== undefined)
    throw new UsageError(`--${key}-${given[0]} needs a --${key} cache to apply to`);
}

/**
 * The caches to simulate, in dineroIV's report order (level 1 u, i, d; then level 2 ...).
 * `--write-through` and `--no-write-allocate` apply to the first level's data side, as
 * dineroIV's old `-w`/`-A` did; `--lN-wback`/`--lN-walloc` set any data or unified cache.
 */
export function buildLabLevels(flags: CacheLabFlags): LabLevel[] {
  if (flags.l1 !== undefined && (flags.l1i !== undefined || flags.l1d !== undefined)) {
    throw new UsageError("--l1 describes a unified L1: use either --l1 or --l1i/--l1d, not both");
  }
  const l1 = usesDefaultL1(flags) ? DEFAULT_L1 : flags.l1;
  if (flags.l3 !== undefined && flags.l2 === undefined) {
    throw new UsageError("--l3 needs an --l2 above it");
  }
  const specs: Record<CacheKey, string | undefined> = {
    l1,
    l1i: flags.l1i,
    l1d: flags.l1d,
    l2: flags.l2,
    l3: flags.l3,
  };
  for (const key of CACHE_KEYS) checkStray(flags, key, specs[key] !== undefined);
  const threeC = flags["3c"] === true;
  const make = (level: number, role: LabLevel["role"], key: CacheKey, text: string): LabLevel => {
    const first = level === 1 && role !== "i";
    const o = perCache(flags, key);
    const geometry = parseLevelSpec(`--${key}`, text);
    if (role === "i" && (o.walloc !== undefined || o.wback !== undefined)) {
      throw new UsageError(
        `--${key}-${o.walloc !== undefined ? "walloc" : "wback"}: an instruction cache is never written`,
      );
    }
    if (first && flags.writeThrough === true && o.wback !== undefined)
      throw new UsageError(`--write-through and --${key}-wback both set the ${key} write policy`);
    if (first && flags.writeAllocate === false && o.walloc !== undefined)
      throw new UsageError(`--no-write-allocate and --${key}-walloc both set the ${key} policy`);
    const wback: WriteChoice =
      o.wback ?? (first && flags.writeThrough === true ? "never" : "always");
    const walloc: WriteChoice =
      o.walloc ?? (first && flags.writeAllocate === false ? "never" : "always");
    const sub = o.sbsize ?? geometry.lineSize;
    if (sub > geometry.lineSize)
      throw new UsageError(
        `--${key}-sbsize: sub-block size ${sub} is larger than the line size ${geometry.lineSize}`,
      );
    if (geometry.lineSize / sub > 32)
      throw new UsageError(
        `--${key}-sbsize: at most 32 sub-blocks a line (line ${geometry.lineSize}, sub-block ${sub})`,
      );
    const fetch = o.fetch ?? "demand";
    const pfdist = o.pfdist ?? 1;
    const pfabort = o.pfabort ?? 0;
    if (fetch === "demand" && (o.pfdist !== undefined || pfabort !== 0))
      throw new UsageError(
        `--${key}-${o.pfdist !== undefined ? "pfdist" : "pfabort"} needs a prefetching --${key}-fetch`,
      );
    if ((fetch === "load-forward" || fetch === "sub-block") && pfdist > geometry.lineSize / sub)
      throw new UsageError(
        `--${key}-pfdist: ${pfdist} sub-blocks is past the line (${geometry.lineSize / sub} sub-blocks) for ${fetch} prefetch`,
      );
    const classify3C = threeC || o.ccc === true;
    const name = `l${level}-${role}cache`;
    const config: CacheConfig = {
      name,
      ...geometry,
      writePolicy: wback === "never" ? "write-through" : "write-back",
      writeAllocate: walloc !== "never",
      latency: 0,
      classify3C,
    };
    const needsSubblocks =
      sub !== geometry.lineSize ||
      fetch !== "demand" ||
      wback === "nofetch" ||
      walloc === "nofetch";
    const lines = Math.floor(geometry.size / (geometry.lineSize * geometry.assoc)) * geometry.assoc;
    if (needsSubblocks && lines > MAX_SUBBLOCK_LINES)
      throw new UsageError(
        `--${key}: ${lines} lines is more than simtop simulates with sub-blocks, prefetch or nofetch (${MAX_SUBBLOCK_LINES})`,
      );
    const subblock: SubblockCacheConfig | null = needsSubblocks
      ? {
          name,
          size: geometry.size,
          assoc: geometry.assoc,
          lineSize: geometry.lineSize,
          subblockSize: sub,
          replacement: geometry.replacement,
          prefetch: fetch,
          prefetchDistance: pfdist,
          prefetchAbort: pfabort,
          writeAllocate: walloc,
          writeBack: wback,
          classify3C,
        }
      : null;
    return { level, role, config, subblock };
  };
  const out: LabLevel[] = [];
  if (l1 !== undefined) out.push(make(1, "u", "l1", l1));
  if (flags.l1i !== undefined) out.push(make(1, "i", "l1i", flags.l1i));
  if (flags.l1d !== undefined) out.push(make(1, "d", "l1d", flags.l1d));
  if (flags.l2 !== undefined) out.push(make(2, "u", "l2", flags.l2));
  if (flags.l3 !== undefined) out.push(make(3, "u", "l3", flags.l3));
  return out;
}
