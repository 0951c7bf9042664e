// The dashboard's rate window: readings kept at recent frames, and the cache history the caches panel pages through.
import type { Kernel } from "../sim/kernel.js";
import { hitRate, PROCESS_LEVELS, RateWindow, Reading } from "../sim/window.js";

/** A fixed-capacity ring, oldest first when read. */
export class Ring<T> {
  private readonly items: T[] = [];
  private next = 0;
  /** Items pushed since the last clear (sparklines page by it). */
  total = 0;
  constructor(readonly capacity: number) {}

  push(x: T): void {
    if (this.items.length < this.capacity) this.items.push(x);
    else this.items[this.next] = x;
    this.next = (this.next + 1) % this.capacity;
    this.total++;
  }

  toArray(): T[] {
    if (this.items.length < this.capacity) return this.items.slice();
    return [...this.items.slice(this.next), ...this.items.slice(0, this.next)];
  }

  clear(): void {
    this.items.length = 0;
    this.next = 0;
    this.total = 0;
  }

  get length(): number {
    return this.items.length;
  }
}

/** Hit rates per level in one past window (NaN where a level had no accesses). */
export interface HistoryPoint {
  tick: number;
  rates: number[];
}

/** The machine over one past window: each core's busy share, memory in use, the load average. */
export interface SystemPoint {
  tick: number;
  cores: number[];
  /** Share of RAM frames in use at the window's end. */
  memory: number;
  /** One-minute load average at the window's end, per core (1 = as many runnable as cores). */
  load: number;
}

/** A history as a frame shows it: the points up to its tick, and how many were ever taken. */
export interface SystemHistory {
  points: readonly SystemPoint[];
  total: number;
}

/** Points of cache history kept (wider than any sparkline drawn). */
const HISTORY_POINTS = 200;
/** Readings kept at most (stepping tick by tick while paused would otherwise add one a tick). */
const MAX_READINGS = 512;

/** Hit rates of the machine's levels (Reading.levels order) over `w`. */
function machineRates(w: RateWindow): number[] {
  const out: number[] = [];
  const n = w.to.levels?.length ?? 0;
  for (let i = 0; i < n; i++) out.push(hitRate(w.machineLevel(i)!));
  return out;
}

/** Hit rates of a process's levels (PROCESS_LEVELS order) over `w`. */
function processRates(w: RateWindow, pid: number): number[] {
  return PROCESS_LEVELS.map((lv) => hitRate(w.processLevel(pid, lv)));
}

/**
 * Readings of the live kernel at the frames shown, so that every frame's rates cover the same
 * number of ticks ending at its own tick; and, a point per window length, the history of hit
 * rates the caches panel draws (machine, and the selected process).
 */
export class RateTracker {
  private readings: Reading[] = [];
  readonly machineHistory = new Ring<HistoryPoint>(HISTORY_POINTS);
  readonly processHistory = new Ring<HistoryPoint>(HISTORY_POINTS);
  readonly systemHistory = new Ring<SystemPoint>(HISTORY_POINTS);
  private machineMark: Reading | null = null;
  private processMark: Reading | null = null;
  private processPid = -1;

  /**
   * Reads the kernel at its current tick (once per shown frame) and returns the window of
   * `ticks` ending there: from the newest earlier reading at least that far back (or the
   * oldest kept, when the run is younger than the window).
   */
  read(k: Kernel, ticks: number, selectedPid: number): RateWindow {
    const now = Reading.of(k);
    const list = this.readings;
    if (list.length > 0 && list[list.length - 1].tick >= now.tick) list.pop();
    list.push(now);
    // Drop readings no window of this length can start from.
    while (list.length > 2 && list[1].tick <= now.tick - ticks) list.shift();
    if (list.length > MAX_READINGS) list.splice(1, list.length - MAX_READINGS);
    const w = new RateWindow(list[0], now);
    this.history(k, now, ticks, selectedPid);
    return w;
  }

  private history(k: Kernel, now: Reading, ticks: number, pid: number): void {
    if (this.machineMark === null) this.machineMark = now;
    else if (now.tick - this.machineMark.tick >= ticks) {
      const w = new RateWindow(this.machineMark, now);
      this.machineHistory.push({ tick: now.tick, rates: machineRates(w) });
      const cores = k.running.map((_, c) => w.coreUtilisation(c));
      this.systemHistory.push({
        tick: now.tick,
        cores,
        memory: k.ram.frameCount > 0 ? k.ram.used / k.ram.frameCount : 0,
        load: k.loadAvg[0] / Math.max(1, cores.length),
      });
      this.machineMark = now;
    }
    if (pid !== this.processPid) {
      this.processPid = pid;
      this.processHistory.clear();
      this.processMark = now;
    } else if (this.processMark !== null && now.tick - this.processMark.tick >= ticks) {
      const w = new RateWindow(this.processMark, now);
      this.processHistory.push({ tick: now.tick, rates: processRates(w, pid) });
      this.processMark = now;
    }
  }

  /** The process whose history is kept. */
  get historyPid(): number {
    return this.processPid;
  }
}

/** The rates of a moment of the past: the window of `ticks` ending at `at`, read from two kernels. */
export function pastWindow(before: Kernel, at: Kernel): RateWindow {
  return new RateWindow(Reading.of(before), Reading.of(at));
}
