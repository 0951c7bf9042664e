// The Gantt chart's data: per core, who held it in each column of the current page of time.
import { GANTT_IDLE, GANTT_SWITCH } from "../../sim/gantt.js";
import type { Kernel } from "../../sim/kernel.js";

const SYMBOLS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * A stable letter per process, so a process keeps its letter (and colour) while the chart
 * scrolls. Letters of processes that are gone are reused, so the map never grows past 62.
 */
export class GanttLegend {
  private readonly byPid = new Map<number, number>();

  /** Letter index of `pid`, assigning the lowest free one; -1 if all are taken. */
  slot(pid: number): number {
    const have = this.byPid.get(pid);
    if (have !== undefined) return have;
    const used = new Set(this.byPid.values());
    for (let i = 0; i < SYMBOLS.length; i++) {
      if (!used.has(i)) {
        this.byPid.set(pid, i);
        return i;
      }
    }
    return -1;
  }

  /** Forgets processes that no longer exist. */
  prune(alive: (pid: number) => boolean): void {
    for (const pid of [...this.byPid.keys()]) if (!alive(pid)) this.byPid.delete(pid);
  }

  get size(): number {
    return this.byPid.size;
  }
}

export interface GanttCell {
  /** A process letter, "·" idle, "~" context switch, " " before history starts or after now. */
  symbol: string;
  /** Colour slot of the process, -1 for idle/switch/unknown. */
  slot: number;
  kind: "process" | "idle" | "switch" | "none";
}

export interface GanttModel {
  ticksPerColumn: number;
  /** Tick at the left edge and the right edge (exclusive) of the page, and the present. */
  from: number;
  to: number;
  now: number;
  cores: GanttCell[][];
  /** Processes shown in the window, by letter. */
  legend: { symbol: string; pid: number; name: string; slot: number }[];
}

/**
 * `columns` cells per core, `ticksPerColumn` ticks each, on the page of time holding k.now:
 * columns are fixed to absolute time (page p covers ticks [p·span, (p+1)·span)), so the chart
 * fills left to right and turns the page when full instead of shifting every frame. A cell
 * shows whoever held the core for most of its ticks up to now (ties to the earlier one).
 */
export function selectGantt(
  k: Kernel,
  legend: GanttLegend,
  columns: number,
  ticksPerColumn: number,
): GanttModel {
  const now = k.now;
  const span = columns * ticksPerColumn;
  const from = Math.floor(now / span) * span;
  const to = from + span;
  const seen = new Map<number, number>();
  const cores: GanttCell[][] = [];
  for (const g of k.gantt) {
    const segs = g.segments(from, now);
    const cells: GanttCell[] = [];
    let si = 0;
    for (let col = 0; col < columns; col++) {
      const a = from + col * ticksPerColumn;
      const b = Math.min(now, a + ticksPerColumn);
      if (b <= a || (segs.length > 0 && b <= segs[0].start) || segs.length === 0) {
        cells.push({ symbol: " ", slot: -1, kind: "none" });
        continue;
      }
      while (si < segs.length && segs[si].end <= a) si++;
      let best = GANTT_IDLE - 100;
      let bestTicks = 0;
      for (let j = si; j < segs.length && segs[j].start < b; j++) {
        const t = Math.min(b, segs[j].end) - Math.max(a, segs[j].start);
        if (t > bestTicks) {
          bestTicks = t;
          best = segs[j].who;
        }
      }
      if (best === GANTT_IDLE) cells.push({ symbol: "·", slot: -1, kind: "idle" });
      else if (best === GANTT_SWITCH) cells.push({ symbol: "~", slot: -1, kind: "switch" });
      else if (best < 0) cells.push({ symbol: " ", slot: -1, kind: "none" });
      else {
        const slot = legend.slot(best);
        seen.set(best, slot);
        cells.push({ symbol: slot >= 0 ? SYMBOLS[slot] : "?", slot, kind: "process" });
      }
    }
    cores.push(cells);
  }
  const names = [...seen.entries()]
    .sort((a, b) => a[1] - b[1])
    .map(([pid, slot]) => ({
      symbol: slot >= 0 ? SYMBOLS[slot] : "?",
      pid,
      name: k.procs.get(pid)?.name ?? "(gone)",
      slot,
    }));
  return { ticksPerColumn, from, to, now, cores, legend: names };
}
