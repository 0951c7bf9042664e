// Turns `simtop lab cache` flags into validated cache configurations, Dinero IV style.
import { type CacheConfig, MAX_ASSOC, type Replacement } from "../../sim/cpu/cache.js";
import { UsageError } from "../errors.js";

export interface CacheLabFlags {
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
}

/** One simulated cache and where it sits, named as dineroIV names it (`l1-dcache`, ...). */
export interface LabLevel {
  level: number;
  role: "u" | "i" | "d";
  config: CacheConfig;
}

const SPEC_HELP = "expected SIZE:ASSOC:LINE[:lru|fifo|random], e.g. 32k:8:64";
/** Dinero keeps a reference's size in 16 bits, so it caps lines (sub-blocks) at 32 KiB. */
const MAX_LINE = 32 * 1024;
const MAX_SIZE = 1024 * 1024 * 1024;

/** "64", "8k", "1M", "2g" → bytes; null if malformed (Dinero's scaled-integer syntax). */
export function parseSize(text: string): number | null {
  const m = /^(\d+)([kKmMgG]?)$/.exec(text);
  if (m === null) return null;
  const scale = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase()] ?? 1;
  const n = Number(m[1]) * scale;
  return Number.isSafeInteger(n) ? n : null;
}

const isPow2 = (n: number): boolean => n > 0 && (n & (n - 1)) === 0 && n <= 2 ** 31;

/** Parses one `--l1`-style value; every error names the flag and the value. */
export function parseLevelSpec(
  flag: string,
  text: string,
): Pick<CacheConfig, "size" | "assoc" | "lineSize" | "replacement"> {
  const bad = (why: string): UsageError =>
    new UsageError(`${flag} ${JSON.stringify(text)}: ${why}`);
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

/**
 * The caches to simulate, in dineroIV's report order (level 1 u, i, d; then level 2 ...).
 * `--write-through` and `--no-write-allocate` apply to the first level's data side only, as
 * the rest keep dineroIV's defaults (write-back, write-allocate).
 */
export function buildLabLevels(flags: CacheLabFlags): LabLevel[] {
  if (flags.l1 !== undefined && (flags.l1i !== undefined || flags.l1d !== undefined)) {
    throw new UsageError("--l1 describes a unified L1: use either --l1 or --l1i/--l1d, not both");
  }
  if (flags.l1 === undefined && flags.l1i === undefined && flags.l1d === undefined) {
    throw new UsageError("no level-1 cache: give --l1 SIZE:ASSOC:LINE (or --l1i and --l1d)");
  }
  if (flags.l3 !== undefined && flags.l2 === undefined) {
    throw new UsageError("--l3 needs an --l2 above it");
  }
  const threeC = flags["3c"] === true;
  const make = (level: number, role: LabLevel["role"], flag: string, text: string): LabLevel => {
    const first = level === 1 && role !== "i";
    return {
      level,
      role,
      config: {
        name: `l${level}-${role}cache`,
        ...parseLevelSpec(flag, text),
        writePolicy: first && flags.writeThrough === true ? "write-through" : "write-back",
        writeAllocate: !(first && flags.writeAllocate === false),
        latency: 0,
        classify3C: threeC,
      },
    };
  };
  const out: LabLevel[] = [];
  if (flags.l1 !== undefined) out.push(make(1, "u", "--l1", flags.l1));
  if (flags.l1i !== undefined) out.push(make(1, "i", "--l1i", flags.l1i));
  if (flags.l1d !== undefined) out.push(make(1, "d", "--l1d", flags.l1d));
  if (flags.l2 !== undefined) out.push(make(2, "u", "--l2", flags.l2));
  if (flags.l3 !== undefined) out.push(make(3, "u", "--l3", flags.l3));
  return out;
}
