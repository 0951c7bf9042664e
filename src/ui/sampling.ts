// Refresh-interval rates: cumulative kernel counters turned into "over the last refresh" figures and histories.
import type { Kernel } from "../sim/kernel.js";
import { RateSampler } from "../sim/view.js";
import {
  type CacheSample,
  type LevelCounters,
  readMachineCaches,
  readProcessCaches,
  windowOf,
} from "./selectors/caches.js";
import { type PipelineCounters, readPipelineCounters } from "./selectors/pipeline.js";

/** A fixed-capacity ring of samples, oldest first when read. */
export class Ring<T> {
  private readonly items: T[] = [];
  private next = 0;
  /** Samples pushed since the last clear (sparklines page by it). */
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

/** Samples of cache history kept (wider than any sparkline drawn). */
const HISTORY_SAMPLES = 200;

/**
 * Everything measured between two samples (the dashboard takes one each refresh interval, as
 * top does). Readings in between describe the window that ended at the last sample.
 */
export class FrameSampler {
  readonly rates = new RateSampler();
  /** Tick of the last sample and the length of the window that ended there. */
  tick = -1;
  span = 0;
  /** Pipeline counters at the start and the end of the last window (before null: since the start). */
  pipelineBefore: PipelineCounters | null = null;
  pipelineLast: PipelineCounters | null = null;
  private machineLast: LevelCounters | null = null;
  readonly machineHistory = new Ring<CacheSample>(HISTORY_SAMPLES);
  /** The process whose cache history is kept (the selected one), -1 for none. */
  private processPid = -1;
  private processLast: { accesses: number[]; hits: number[] } | null = null;
  readonly processHistory = new Ring<CacheSample>(HISTORY_SAMPLES);

  /**
   * A sampler for a moment of the past: rates over [before, after], with the cache history
   * of `live` up to `before` so the sparklines end at the moment shown.
   */
  static between(
    before: Kernel,
    after: Kernel,
    selectedPid: number,
    live: FrameSampler,
  ): FrameSampler {
    const s = new FrameSampler();
    s.sample(before, selectedPid);
    s.machineHistory.clear();
    for (const e of live.machineHistory.toArray())
      if (e.tick <= before.now) s.machineHistory.push(e);
    if (live.processPid === selectedPid)
      for (const e of live.processHistory.toArray())
        if (e.tick <= before.now) s.processHistory.push(e);
    s.sample(after, selectedPid);
    return s;
  }

  sample(k: Kernel, selectedPid: number): void {
    this.span = this.tick < 0 ? k.now : k.now - this.tick;
    this.tick = k.now;
    this.rates.sample(k);
    this.pipelineBefore = this.pipelineLast;
    this.pipelineLast = readPipelineCounters(k);
    const machine = readMachineCaches(k);
    if (machine !== null) {
      this.machineHistory.push(windowOf(k.now, machine, this.machineLast));
      this.machineLast = machine;
    }
    const p = k.procs.get(selectedPid);
    if (selectedPid !== this.processPid) {
      this.processPid = selectedPid;
      this.processHistory.clear();
      this.processLast = p ? readProcessCaches(p) : null;
    } else if (p && k.hierarchy !== null) {
      const now = readProcessCaches(p);
      this.processHistory.push(windowOf(k.now, now, this.processLast));
      this.processLast = now;
    }
  }
}
