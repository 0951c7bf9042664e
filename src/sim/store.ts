// The event-sourced store: seed + config + command log, bounded snapshots and an event ring.
import type { Command, StampedCommand } from "./commands.js";
import type { KernelConfig } from "./config.js";
import type { KernelEvent } from "./events.js";
import { Kernel } from "./kernel.js";

export interface StoreOptions {
  /** Ticks between snapshots at the start; doubles as history grows. */
  snapshotEvery?: number;
  /** Snapshots kept at most. */
  maxSnapshots?: number;
  /**
   * Least ticks between two snapshots per live process (default 64): a snapshot copies every
   * process, so with many of them they are spaced out and stay a small share of the run.
   */
  snapshotGapPerProcess?: number;
  /** Events kept in the ring. */
  eventCapacity?: number;
  /** Builds the kernel (e.g. with a pipelined CPU); defaults to `new Kernel(config)`. */
  makeKernel?: (config: KernelConfig) => Kernel;
}

const MAX_INTERVAL = 1 << 20;

export class Store {
  readonly config: KernelConfig;
  kernel: Kernel;
  /** Every command ever applied, in order: with the config, the whole session. */
  readonly log: StampedCommand[] = [];
  /** Commands to apply at later ticks (a replayed session's future). */
  private scheduled: StampedCommand[] = [];
  private scheduledAt = 0;
  private snapshots: { tick: number; kernel: Kernel }[] = [];
  private snapshotEvery: number;
  private readonly maxSnapshots: number;
  private readonly gapPerProcess: number;
  private readonly ring: KernelEvent[];
  private ringNext = 0;
  private ringCount = 0;
  private readonly makeKernel: (config: KernelConfig) => Kernel;
  /** Told of each command as it is logged (a session file writer appends it at once). */
  onCommand: ((c: StampedCommand) => void) | null = null;

  constructor(config: KernelConfig, opts: StoreOptions = {}) {
    this.config = config;
    this.makeKernel = opts.makeKernel ?? ((c) => new Kernel(c));
    this.kernel = this.makeKernel(config);
    this.snapshotEvery = opts.snapshotEvery ?? 4096;
    this.maxSnapshots = opts.maxSnapshots ?? 32;
    this.gapPerProcess = opts.snapshotGapPerProcess ?? 64;
    this.ring = new Array<KernelEvent>(opts.eventCapacity ?? 2048);
    this.collectEvents();
  }

  get now(): number {
    return this.kernel.now;
  }

  /** Queues a command for the current tick: it applies at the start of the next step. */
  submit(command: Command): StampedCommand {
    const sc = { tick: this.kernel.now, command };
    // After every pending command due by now, so commands of one tick apply in submission order.
    let i = this.scheduledAt;
    while (i < this.scheduled.length && this.scheduled[i].tick <= sc.tick) i++;
    this.scheduled.splice(i, 0, sc);
    return sc;
  }

  /** Loads a saved session's commands to apply as time reaches them. */
  schedule(commands: readonly StampedCommand[]): void {
    const rest = this.scheduled.slice(this.scheduledAt);
    this.scheduled = [...rest, ...commands].sort((a, b) => a.tick - b.tick);
    this.scheduledAt = 0;
  }

  /** Advances the live kernel `n` ticks. */
  advance(n: number): void {
    const k = this.kernel;
    const end = k.now + n;
    while (k.now < end) {
      const now = k.now;
      if (now % this.snapshotEvery === 0) this.takeSnapshot();
      let cmds: Command[] | undefined;
      while (
        this.scheduledAt < this.scheduled.length &&
        this.scheduled[this.scheduledAt].tick <= now
      ) {
        const sc = this.scheduled[this.scheduledAt++];
        const stamped = { tick: now, command: sc.command };
        this.log.push(stamped);
        this.onCommand?.(stamped);
        (cmds ??= []).push(sc.command);
      }
      if (this.scheduledAt > 256 && this.scheduledAt === this.scheduled.length) {
        this.scheduled = [];
        this.scheduledAt = 0;
      }
      k.step(cmds);
      if (k.events.length > 0) this.collectEvents();
      // Up to the next snapshot or scheduled command the loop is the kernel's alone.
      const every = this.snapshotEvery;
      const next =
        this.scheduledAt < this.scheduled.length ? this.scheduled[this.scheduledAt].tick : end;
      const stop = Math.min(end, next, Math.ceil(k.now / every) * every);
      while (k.now < stop) {
        k.step();
        if (k.events.length > 0) this.collectEvents();
      }
    }
  }

  /** Moves the kernel's new events into the ring (reusing the kernel's array: no garbage per tick). */
  private collectEvents(): void {
    const events = this.kernel.events;
    const cap = this.ring.length;
    for (let i = 0; i < events.length; i++) {
      this.ring[this.ringNext] = events[i];
      this.ringNext = (this.ringNext + 1) % cap;
      if (this.ringCount < cap) this.ringCount++;
    }
    events.length = 0;
  }

  /** The most recent events (oldest first), at most `n`, optionally only up to `tick`. */
  recentEvents(
    n: number,
    upToTick = Number.POSITIVE_INFINITY,
    keep?: (e: KernelEvent) => boolean,
  ): KernelEvent[] {
    const cap = this.ring.length;
    const out: KernelEvent[] = [];
    for (let i = 1; i <= this.ringCount && out.length < n; i++) {
      const e = this.ring[(this.ringNext - i + cap) % cap];
      if (e.tick <= upToTick && (keep === undefined || keep(e))) out.push(e);
    }
    return out.reverse();
  }

  private takeSnapshot(): void {
    const k = this.kernel;
    const last =
      this.snapshots.length > 0 ? this.snapshots[this.snapshots.length - 1].tick : -Infinity;
    if (k.now - last < Math.max(1, this.gapPerProcess * k.procs.size)) return;
    // Frozen: the copy holds only the frames in use; seek clones it again into a runnable kernel.
    this.snapshots.push({ tick: k.now, kernel: k.clone(true) });
    if (this.snapshots.length > this.maxSnapshots) {
      if (this.snapshotEvery < MAX_INTERVAL) {
        // Thin out: keep every other snapshot and take them half as often from now on.
        this.snapshotEvery *= 2;
        this.snapshots = this.snapshots.filter((s) => s.tick % this.snapshotEvery === 0);
      } else {
        this.snapshots.shift();
      }
    }
  }

  /** The earliest tick `seek` can reach. */
  get oldestTick(): number {
    return this.snapshots.length > 0 ? this.snapshots[0].tick : this.kernel.now;
  }

  /**
   * The state at `tick` (oldestTick ≤ tick ≤ now) as a separate kernel: the nearest earlier
   * snapshot replayed with the logged commands. The live kernel is untouched.
   */
  seek(tick: number): Kernel {
    const t = Math.max(this.oldestTick, Math.min(tick, this.kernel.now));
    if (t === this.kernel.now) return this.kernel.clone();
    let snap = this.snapshots[0];
    for (const s of this.snapshots) if (s.tick <= t) snap = s;
    const k = snap.kernel.clone();
    k.recordEvents = false;
    let i = lowerBound(this.log, snap.tick);
    while (k.now < t) {
      let cmds: Command[] | undefined;
      while (i < this.log.length && this.log[i].tick === k.now)
        (cmds ??= []).push(this.log[i++].command);
      k.step(cmds);
    }
    k.recordEvents = true;
    return k;
  }
}

function lowerBound(log: readonly StampedCommand[], tick: number): number {
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (log[mid].tick < tick) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
