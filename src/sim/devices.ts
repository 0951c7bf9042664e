// Devices: a disk whose requests take time and finish with a completion interrupt.

export interface DiskRequest {
  pid: number;
  blocks: number;
  /** Tick the request completes (set when it starts being served). */
  until: number;
}

export class Disk {
  readonly latency: number;
  readonly perBlock: number;
  readonly channels: number;
  /** Requests being served, at most `channels`. */
  active: DiskRequest[] = [];
  /** Requests waiting for a free channel, in arrival order. */
  waiting: DiskRequest[] = [];
  /** Earliest completion among active requests (Infinity if idle), so ticks check one number. */
  nextCompletion = Number.POSITIVE_INFINITY;
  busyTicks = 0;
  private lastBusyCheck = 0;

  constructor(latency: number, perBlock: number, channels: number) {
    this.latency = latency;
    this.perBlock = perBlock;
    this.channels = channels;
  }

  serviceTime(blocks: number): number {
    return this.latency + this.perBlock * blocks;
  }

  /** Queues a request; returns it started (until set) or waiting (until = -1). */
  submit(pid: number, blocks: number, now: number): DiskRequest {
    this.account(now);
    const r: DiskRequest = { pid, blocks, until: -1 };
    if (this.active.length < this.channels) this.start(r, now);
    else this.waiting.push(r);
    return r;
  }

  private start(r: DiskRequest, now: number): void {
    r.until = now + this.serviceTime(r.blocks);
    this.active.push(r);
    if (r.until < this.nextCompletion) this.nextCompletion = r.until;
  }

  /** Completes every request due at `now`, starting queued ones; returns the completed. */
  complete(now: number): DiskRequest[] {
    this.account(now);
    const done: DiskRequest[] = [];
    this.active = this.active.filter((r) => {
      if (r.until <= now) {
        done.push(r);
        return false;
      }
      return true;
    });
    while (this.active.length < this.channels && this.waiting.length > 0) {
      this.start(this.waiting.shift()!, now);
    }
    this.recompute();
    return done;
  }

  /** Drops a dead process's requests (its completion would wake nobody). */
  cancel(pid: number, now: number): void {
    this.account(now);
    this.waiting = this.waiting.filter((r) => r.pid !== pid);
    const before = this.active.length;
    this.active = this.active.filter((r) => r.pid !== pid);
    if (this.active.length !== before) {
      while (this.active.length < this.channels && this.waiting.length > 0)
        this.start(this.waiting.shift()!, now);
    }
    this.recompute();
  }

  private recompute(): void {
    let m = Number.POSITIVE_INFINITY;
    for (const r of this.active) if (r.until < m) m = r.until;
    this.nextCompletion = m;
  }

  /** Busy time is accrued lazily at each state change, not per tick. */
  private account(now: number): void {
    if (this.active.length > 0) this.busyTicks += now - this.lastBusyCheck;
    this.lastBusyCheck = now;
  }

  clone(): Disk {
    const d = new Disk(this.latency, this.perBlock, this.channels);
    d.active = this.active.map((r) => ({ ...r }));
    d.waiting = this.waiting.map((r) => ({ ...r }));
    d.nextCompletion = this.nextCompletion;
    d.busyTicks = this.busyTicks;
    d.lastBusyCheck = this.lastBusyCheck;
    return d;
  }
}
