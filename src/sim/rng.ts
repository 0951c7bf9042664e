// Seeded pseudo-random numbers for the simulation (mulberry32): deterministic and snapshot-able.

export class Rng {
  /** The whole generator state: copying it copies the future sequence. */
  state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Next unsigned 32-bit integer. */
  nextU32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    return this.nextU32() % n;
  }

  clone(): Rng {
    const r = new Rng(0);
    r.state = this.state;
    return r;
  }
}
