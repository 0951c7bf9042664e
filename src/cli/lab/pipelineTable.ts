// Renders the pipeline lab's answer as the classic multi-cycle diagram plus totals.
import { diagramLines } from "../../sim/cpu/pipelineDiagram.js";
import { visible } from "../../sim/visible.js";
import type { LabRow, PipelineLabReport } from "./pipelineRun.js";

export interface TableOptions {
  forwarding: boolean;
  branch: string;
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
  let lastCycle = report.cycles;
  for (const r of rows) for (const c of r.entry.last) lastCycle = Math.max(lastCycle, c);
  const diagram = rows.map((r, i) => ({
    label: labels[i],
    first: r.entry.first,
    last: r.entry.last,
  }));
  out.push(...diagramLines(diagram, 1, lastCycle));
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
