// Renders the pipeline lab's answer as the classic multi-cycle diagram plus totals.
import { STAGE_COUNT, STAGE_NAMES } from "../../sim/cpu/pipelineDefs.js";
import { visible } from "../../sim/visible.js";
import type { LabRow, PipelineLabReport } from "./pipelineRun.js";

export interface TableOptions {
  forwarding: boolean;
  branch: string;
}

/**
 * The stage an instruction occupied in `cycle`, or "". UPPERCASE marks the cycle it was last in
 * that stage (the number --json reports; for ID, the cycle it finally read its operands);
 * lowercase marks earlier cycles it spent held there by a stall.
 */
function cell(row: LabRow, cycle: number): string {
  const { first, last } = row.entry;
  for (let s = 0; s < STAGE_COUNT; s++) {
    if (first[s] === 0 || cycle < first[s] || cycle > last[s]) continue;
    return cycle === last[s] ? STAGE_NAMES[s] : STAGE_NAMES[s].toLowerCase();
  }
  return "";
}

export function renderPipelineTable(
  report: PipelineLabReport,
  rows: LabRow[],
  opts: TableOptions,
): string {
  const out: string[] = [];
  out.push(
    `forwarding ${opts.forwarding ? "on" : "off"}, branches resolved in ${opts.branch.toUpperCase()}, predicted not taken`,
    "",
  );
  const labels = rows.map((r) => {
    // The listing's own text: its control characters are shown, not obeyed.
    const t = visible(r.text.replace(/\s+/g, " "));
    return r.flushed ? `${t}  (flushed)` : t;
  });
  const w = Math.max("instruction".length, ...labels.map((l) => l.length)) + 2;
  let lastCycle = report.cycles;
  for (const r of rows) for (const c of r.entry.last) lastCycle = Math.max(lastCycle, c);
  const cw = Math.max(4, String(lastCycle).length + 1);
  let header = "instruction".padEnd(w);
  for (let c = 1; c <= lastCycle; c++) header += String(c).padEnd(cw);
  out.push(header.trimEnd());
  rows.forEach((r, i) => {
    let line = labels[i].padEnd(w);
    for (let c = 1; c <= lastCycle; c++) line += cell(r, c).padEnd(cw);
    out.push(line.trimEnd());
  });
  out.push(
    "",
    `total cycles   ${report.cycles}  (the cycle of the last WB; the first IF is cycle 1)`,
    `data stalls    ${report.dataStalls}  (cycles an instruction was held in ID by a data hazard)`,
    `flush cycles   ${report.flushCycles}  (wrong-path instructions squashed by taken branches and jumps)`,
    `instructions   ${report.instructions.length} executed`,
    "",
    "registers",
  );
  const regs = Object.entries(report.registers);
  if (regs.length === 0) out.push("  (none named)");
  for (const [k, v] of regs) out.push(`  ${k.padEnd(8)}${v}`);
  out.push("", "memory (non-zero words by byte address)");
  const mem = Object.entries(report.memory);
  if (mem.length === 0) out.push("  (all zero)");
  for (const [a, v] of mem) out.push(`  ${a.padEnd(8)}${v}`);
  out.push(
    "",
    "UPPERCASE: the cycle an instruction is last in a stage and moves on (what --json reports;",
    "for ID, the cycle it finally reads its operands). lowercase: a cycle it was held there by",
    "a stall. (flushed): a fall-through instruction squashed when the branch before it was taken.",
  );
  return `${out.join("\n")}\n`;
}
