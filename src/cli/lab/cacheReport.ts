// Prints `lab cache` results: dineroIV-like tables for people, one JSON object for machines.
import type { LabLevel } from "./cacheArgs.js";
import type { LabLevelDetail, PerKind } from "./cacheDinero.js";

export function formatJson(details: readonly LabLevelDetail[]): string {
  return `${JSON.stringify({ levels: details.map((d) => d.result) })}\n`;
}

function bytes(n: number): string {
  if (n >= 1024 ** 3 && n % 1024 ** 3 === 0) return `${n / 1024 ** 3} GiB`;
  if (n >= 1024 ** 2 && n % 1024 ** 2 === 0) return `${n / 1024 ** 2} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} B`;
}

function describeConfig(level: LabLevel): string {
  const c = level.config;
  const sb = level.subblock;
  const ways = c.size === c.lineSize * c.assoc ? "fully associative" : `${c.assoc}-way`;
  const assocText = c.assoc === 1 ? "direct-mapped" : ways;
  const policy = sb?.writeBack === "nofetch" ? "write-back (nofetch)" : c.writePolicy;
  const alloc =
    sb?.writeAllocate === "nofetch"
      ? "write-allocate (nofetch)"
      : c.writeAllocate
        ? "write-allocate"
        : "no-write-allocate";
  const writes = c.name.includes("icache") ? "" : `, ${policy}, ${alloc}`;
  const subText =
    sb !== null && sb.subblockSize !== c.lineSize ? `, ${sb.subblockSize} B sub-blocks` : "";
  let fetch = "";
  if (sb !== null && sb.prefetch !== "demand") {
    const abort = sb.prefetchAbort > 0 ? `, ${sb.prefetchAbort}% aborted` : "";
    fetch = `, ${sb.prefetch} prefetch (distance ${sb.prefetchDistance}${abort})`;
  }
  return `${bytes(c.size)}, ${assocText}, ${c.lineSize} B lines${subText}, ${c.replacement.toUpperCase()}${writes}${fetch}`;
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
const plus = (a: PerKind, b: PerKind): PerKind => a.map((x, i) => x + b[i]);

/** The per-level tables (no header line, no closing note). */
function levelTables(details: readonly LabLevelDetail[]): string[] {
  const out: string[] = [];
  for (const d of details) {
    const k = d.perKind;
    const r = d.result;
    const pf = d.prefetch;
    const threeC = d.level.config.classify3C === true;
    out.push("");
    out.push(`${r.name}  (${describeConfig(d.level)})`);
    out.push(` ${"Metrics".padEnd(LABEL_WIDTH)}${COLS.map((c) => c.padStart(COL_WIDTH)).join("")}`);
    out.push(
      ` ${"-".repeat(LABEL_WIDTH - 2).padEnd(LABEL_WIDTH)}${COLS.map(() => "------".padStart(COL_WIDTH)).join("")}`,
    );
    out.push(row("Demand fetches", k.fetches, count));
    if (pf !== null) {
      out.push(row("Prefetch fetches", pf.fetches, count));
      out.push(row("Total fetches", plus(k.fetches, pf.fetches), count));
    }
    out.push(row("Demand misses", k.misses, count));
    out.push(rateRow(" Demand miss rate", k.misses, k.fetches));
    if (threeC) {
      out.push(row("  Compulsory misses", k.compulsory, count));
      out.push(row("  Capacity misses", k.capacity, count));
      out.push(row("  Conflict misses", k.conflict, count));
    }
    if (pf !== null) {
      out.push(row("Prefetch misses", pf.misses, count));
      out.push(rateRow(" Prefetch miss rate", pf.misses, pf.fetches));
      if (threeC) {
        out.push(row("  PF compulsory misses", pf.compulsory, count));
        out.push(row("  PF capacity misses", pf.capacity, count));
        out.push(row("  PF conflict misses", pf.conflict, count));
      }
      const total = plus(k.misses, pf.misses);
      out.push(row("Total misses", total, count));
      out.push(rateRow(" Total miss rate", total, plus(k.fetches, pf.fetches)));
    }
    if (d.block !== null) {
      const b = d.block;
      out.push(row("Demand block misses", b.misses, count));
      out.push(rateRow(" Block miss rate", b.misses, k.fetches));
      if (threeC) {
        out.push(row("  Compulsory blk", b.compulsory, count));
        out.push(row("  Capacity blk", b.capacity, count));
        out.push(row("  Conflict blk", b.conflict, count));
      }
    }
    out.push("");
    out.push(
      ` ${"Bytes from memory".padEnd(LABEL_WIDTH)}${count(r.bytesFromMemory).padStart(COL_WIDTH)}`,
    );
    out.push(
      ` ${"Bytes to memory".padEnd(LABEL_WIDTH)}${count(r.bytesToMemory).padStart(COL_WIDTH)}`,
    );
  }
  return out;
}

/** The figures so far, printed every --stat-interval references (no end-of-run copy-back yet). */
export function formatInterval(details: readonly LabLevelDetail[], simulated: number): string {
  const out = [`simtop lab cache: statistics after ${count(simulated)} references`];
  out.push(...levelTables(details));
  return `${out.join("\n")}\n\n`;
}

/** One JSON line per --stat-interval, before the final object. */
export function formatIntervalJson(details: readonly LabLevelDetail[], simulated: number): string {
  return `${JSON.stringify({ after: simulated, levels: details.map((d) => d.result) })}\n`;
}

/** What the header says beyond the count: references skipped, a stop at --maxcount. */
export interface RunNotes {
  skipped?: number;
  stoppedAtMax?: boolean;
}

export function formatTable(
  details: readonly LabLevelDetail[],
  records: number,
  source: string,
  notes: RunNotes = {},
): string {
  const out: string[] = [];
  const extra = [
    notes.skipped ? `${count(notes.skipped)} skipped first` : "",
    notes.stoppedAtMax ? "stopped at --maxcount" : "",
  ].filter((t) => t !== "");
  out.push(
    `simtop lab cache: ${count(records)} references from ${source}${extra.length > 0 ? ` (${extra.join(", ")})` : ""}`,
  );
  out.push(...levelTables(details));
  out.push("");
  out.push(
    '("memory" is the next level down; dirty lines are copied back at the end, as dineroIV does)',
  );
  return `${out.join("\n")}\n`;
}
