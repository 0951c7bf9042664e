// The Patterson & Hennessy multi-cycle pipeline diagram as text: instructions down, cycles across.
import { STAGE_COUNT, STAGE_NAMES } from "./pipelineDefs.js";

/** One instruction's row: its label and the cycles it spent in each stage (0: never). */
export interface DiagramRow {
  readonly label: string;
  readonly first: readonly number[];
  readonly last: readonly number[];
}

/**
 * The stage an instruction occupied in `cycle`, or "". UPPERCASE marks the cycle it was last in
 * that stage (for ID, the cycle it finally read its operands); lowercase marks earlier cycles it
 * spent held there by a stall.
 */
export function stageAt(first: readonly number[], last: readonly number[], cycle: number): string {
  for (let s = 0; s < STAGE_COUNT; s++) {
    if (first[s] === 0 || cycle < first[s] || cycle > last[s]) continue;
    return cycle === last[s] ? STAGE_NAMES[s] : STAGE_NAMES[s].toLowerCase();
  }
  return "";
}

/** Columns of the label column: the widest label (or the heading) and two spaces. */
export function diagramLabelWidth(rows: readonly DiagramRow[]): number {
  return Math.max("instruction".length, ...rows.map((r) => r.label.length)) + 2;
}

/** Columns per cycle for a diagram of `cycles` cycles. */
export function diagramCellWidth(cycles: number): number {
  return Math.max(4, String(cycles).length + 1);
}

/**
 * The diagram over cycles `from`..`to`, numbered from 1 at `from`: a heading line, then a line
 * per row, each trimmed at the end. Labels must already be safe to print.
 */
export function diagramLines(rows: readonly DiagramRow[], from: number, to: number): string[] {
  const w = diagramLabelWidth(rows);
  const cw = diagramCellWidth(to - from + 1);
  let header = "instruction".padEnd(w);
  for (let c = from; c <= to; c++) header += String(c - from + 1).padEnd(cw);
  const out = [header.trimEnd()];
  for (const r of rows) {
    let line = r.label.padEnd(w);
    for (let c = from; c <= to; c++) line += stageAt(r.first, r.last, c).padEnd(cw);
    out.push(line.trimEnd());
  }
  return out;
}
