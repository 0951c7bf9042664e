// multi.py's model of a CPU cache: a job's working set turns warm after it has run there a while.

/** A cache with room for less than nothing: multi.py evicts past its last entry (an IndexError). */
export class NegativeCacheError extends Error {}

const COLD = 0;
const WARMING = 1;
const WARM = 2;

/**
 * One CPU's cache as multi.py keeps it: a job that arrives starts warming and is warm after
 * `warmupTime` ticks of running there (at once if that is 0); warm working sets must fit in
 * `size`, so the one warmed last pushes out the ones warmed earliest, which start warming again.
 * Warming progress survives the job leaving the CPU.
 */
export class WarmupCache {
  private readonly state: Uint8Array;
  /** Ticks each warming job still has to run here. */
  private readonly counter: Float64Array;
  /** Warm jobs, the one warmed last first (multi.py inserts at the front, evicts from the end). */
  private readonly warm: number[] = [];

  constructor(
    private readonly workingSets: readonly number[],
    private readonly size: number,
    private readonly warmupTime: number,
  ) {
    this.state = new Uint8Array(workingSets.length);
    this.counter = new Float64Array(workingSets.length);
  }

  isWarm(job: number): boolean {
    return this.state[job] === WARM;
  }

  /** A job starts running here (multi.py's new_job). */
  arrive(job: number): void {
    if (this.state[job] !== COLD) return;
    if (this.warmupTime === 0) {
      this.makeWarm(job);
    } else {
      this.state[job] = WARMING;
      this.counter[job] = this.warmupTime;
    }
  }

  /** The job ran a tick here (multi.py's update_warming). */
  ranTick(job: number): void {
    if (this.state[job] !== WARMING) return;
    this.counter[job]--;
    if (this.counter[job] <= 0) this.makeWarm(job);
  }

  private makeWarm(job: number): void {
    this.state[job] = WARM;
    this.warm.unshift(job);
    let total = 0;
    for (const j of this.warm) total += this.workingSets[j];
    while (total > this.size) {
      const gone = this.warm.pop();
      if (gone === undefined) throw new NegativeCacheError(`a cache of size ${this.size}`);
      this.state[gone] = WARMING;
      this.counter[gone] = this.warmupTime;
      total -= this.workingSets[gone];
    }
  }
}
