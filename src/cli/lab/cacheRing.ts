// A single-producer single-consumer ring of din records in shared memory (parser → simulator).
//
// The parser (main thread) and the simulator (a worker) run in parallel; records travel as
// (label | size << 8, address) int32 pairs (a size fits in 16 bits). Indices only grow (wrapping as int32); a record's slot is
// `index & mask`. The producer publishes every BATCH records, so the consumer wakes rarely.
import type { DinSink } from "./cacheTrace.js";

/** Header slots (Int32) before the record area. */
const WRITE = 0;
const READ = 1;
/** 1 once the producer has published its last record. */
const DONE = 2;
/** 1 if either side gave up: the other stops waiting. */
const FAILED = 3;
const HEADER = 4;
/** Records per ring (a power of two): 1 Mi records of 8 bytes, an 8 MiB buffer. */
const RING_RECORDS = 1 << 20;
const BATCH = 1 << 14;
/** Upper bound on one wait, so the waiting side re-checks for a failed peer. */
const WAIT_MS = 1000;
/** The parser gives up if the simulator makes no progress at all for this long. */
const STALL_MS = 60_000;

/** Thrown on one side when the other side of the ring gave up. */
export class RingPeerFailed extends Error {}

export function createRingBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(4 * (HEADER + 2 * RING_RECORDS));
}

/** Tells the parser side that the simulator failed. */
export function markFailed(sab: SharedArrayBuffer): void {
  const header = new Int32Array(sab, 0, HEADER);
  Atomics.store(header, FAILED, 1);
  Atomics.notify(header, READ);
  Atomics.notify(header, WRITE);
}

export class RingWriter implements DinSink {
  private readonly header: Int32Array;
  private readonly data: Int32Array;
  private readonly mask = RING_RECORDS - 1;
  private write = 0;
  private published = 0;

  constructor(sab: SharedArrayBuffer) {
    this.header = new Int32Array(sab, 0, HEADER);
    this.data = new Int32Array(sab, 4 * HEADER);
  }

  ref(label: number, addr: number, size = 4): void {
    if (this.write - this.published >= BATCH) this.publish();
    const i = (this.write & this.mask) << 1;
    this.data[i] = label | (size << 8);
    this.data[i + 1] = addr | 0;
    this.write++;
  }

  /** Makes everything written visible, then waits until the ring has room for a batch more. */
  publish(): void {
    const header = this.header;
    Atomics.store(header, WRITE, this.write | 0);
    Atomics.notify(header, WRITE);
    this.published = this.write;
    // Shared indices are int32, so they wrap; differences taken with `| 0` stay right.
    let stalled = 0;
    for (;;) {
      if (Atomics.load(header, FAILED) === 1) {
        throw new RingPeerFailed("cache simulator thread failed");
      }
      const read = Atomics.load(header, READ);
      if ((((this.write | 0) - read) | 0) + BATCH <= RING_RECORDS) return;
      if (Atomics.wait(header, READ, read, WAIT_MS) === "timed-out") {
        stalled += WAIT_MS;
        if (stalled >= STALL_MS) {
          throw new RingPeerFailed("cache simulator thread stopped responding");
        }
      } else {
        stalled = 0;
      }
    }
  }

  /** No more records. */
  close(): void {
    this.publish();
    Atomics.store(this.header, DONE, 1);
    Atomics.notify(this.header, WRITE);
  }

  /** The parser failed: the simulator stops. */
  abort(): void {
    Atomics.store(this.header, FAILED, 1);
    Atomics.notify(this.header, WRITE);
  }
}

/** Feeds every record to `sink` until the writer closes the ring (returns) or aborts (throws). */
export function drainRing(sab: SharedArrayBuffer, sink: DinSink): void {
  const header = new Int32Array(sab, 0, HEADER);
  const data = new Int32Array(sab, 4 * HEADER);
  const mask = RING_RECORDS - 1;
  let read = 0;
  for (;;) {
    const write = Atomics.load(header, WRITE);
    if (write === (read | 0)) {
      if (Atomics.load(header, FAILED) === 1) throw new RingPeerFailed("trace reading stopped");
      // DONE is set after the last publish, so WRITE is final once DONE is seen.
      if (Atomics.load(header, DONE) === 1 && Atomics.load(header, WRITE) === (read | 0)) return;
      Atomics.wait(header, WRITE, write, WAIT_MS);
      continue;
    }
    while ((read | 0) !== write) {
      const i = (read & mask) << 1;
      const word = data[i];
      sink.ref(word & 0xff, data[i + 1] >>> 0, word >>> 8);
      read++;
    }
    Atomics.store(header, READ, read | 0);
    Atomics.notify(header, READ);
  }
}
