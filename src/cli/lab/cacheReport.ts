// Prints `lab cache` results: dineroIV-like tables for people, one JSON object for machines.
import type { CacheConfig } from "../../sim/cpu/cache.js";
import type { LabLevelDetail } from "./cacheDinero.js";

export function formatJson(details: readonly LabLevelDetail[]): string {
  return `${JSON.stringify({ levels: details.map((d) => d.result) })}\n`;
}

function bytes(n: number): string {
  if (n >= 1024 ** 3 && n % 1024 ** 3 === 0) return `${n / 1024 ** 3} GiB`;
  if (n >= 1024 ** 2 && n % 1024 ** 2 === 0) return `${n / 1024 ** 2} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} B`;
}

function describeConfig(c: CacheConfig): string {
  const ways = c.size === c.lineSize * c.assoc ? "fully associative" : `${c.assoc}-way`;
  const assocText = c.assoc === 1 ? "direct-mapped" : ways;
  const writes = c.name.includes("icache")
    ? ""
    : `, ${c.writePolicy}, ${c.writeAllocate ? "write-allocate" : "no-write-allocate"}`;
  return `${bytes(c.size)}, ${assocText}, ${c.lineSize} B lines, ${c.replacement.toUpperCase()}${writes}`;
}

const COLS = ["Total", "Instrn", "Data", "Read", "Write", "Misc"];
const LABEL_WIDTH = 22;
const COL_WIDTH = 12;

/** Columns in dineroIV's order from per-kind figures [read, write, instrn, misc]. */
function row(label: string, k: readonly number[], fmt: (n: number) => string): string {
  const [read, write, instrn, misc] = k;
  const data = read + write + misc;
  const cells = [data + instrn, instrn, data, read, write, misc].map((n) =>
    fmt(n).padStart(COL_WIDTH),
  );
  return ` ${label.padEnd(LABEL_WIDTH)}${cells.join("")}`;
}

function rateRow(label: string, num: readonly number[], den: readonly number[]): string {
  const parts = (k: readonly number[]) => {
    const [r, w, i, m] = k;
    return [r + w + i + m, i, r + w + m, r, w, m];
  };
  const n = parts(num);
  const d = parts(den);
  const cells = n.map((x, j) => (d[j] === 0 ? 0 : x / d[j]).toFixed(4).padStart(COL_WIDTH));
  return ` ${label.padEnd(LABEL_WIDTH)}${cells.join("")}`;
}

const count = (n: number): string => n.toFixed(0);

export function formatTable(
  details: readonly LabLevelDetail[],
  records: number,
  source: string,
  threeC: boolean,
): string {
  const out: string[] = [];
  out.push(`simtop lab cache: ${count(records)} references from ${source}`);
  for (const d of details) {
    const k = d.perKind;
    const r = d.result;
    out.push("");
    out.push(`${r.name}  (${describeConfig(d.level.config)})`);
    out.push(` ${"Metrics".padEnd(LABEL_WIDTH)}${COLS.map((c) => c.padStart(COL_WIDTH)).join("")}`);
    out.push(
      ` ${"-".repeat(LABEL_WIDTH - 2).padEnd(LABEL_WIDTH)}${COLS.map(() => "------".padStart(COL_WIDTH)).join("")}`,
    );
    out.push(row("Demand fetches", k.fetches, count));
    out.push(row("Demand misses", k.misses, count));
    out.push(rateRow(" Demand miss rate", k.misses, k.fetches));
    if (threeC) {
      out.push(row("  Compulsory misses", k.compulsory, count));
      out.push(row("  Capacity misses", k.capacity, count));
      out.push(row("  Conflict misses", k.conflict, count));
    }
    out.push("");
    out.push(
      ` ${"Bytes from memory".padEnd(LABEL_WIDTH)}${count(r.bytesFromMemory).padStart(COL_WIDTH)}`,
    );
    out.push(
      ` ${"Bytes to memory".padEnd(LABEL_WIDTH)}${count(r.bytesToMemory).padStart(COL_WIDTH)}`,
    );
  }
  out.push("");
  out.push(
    '("memory" is the next level down; dirty lines are copied back at the end, as dineroIV does)',
  );
  return `${out.join("\n")}\n`;
}
