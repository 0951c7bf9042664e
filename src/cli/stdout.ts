// Writing to stdout synchronously, so batch output keeps pace with the simulation and a closed pipe stops it.
import { writeSync } from "node:fs";

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `buf` to file descriptor `fd`, waiting on a full non-blocking pipe (EAGAIN)
 * until its reader catches up. Any other error (EPIPE, ENOSPC, ...) is thrown.
 */
export function writeAll(fd: number, buf: Uint8Array): void {
  let done = 0;
  // A reader usually empties the pipe long before 2 ms: wait briefly first, then longer.
  let wait = 0.05;
  while (done < buf.length) {
    try {
      done += writeSync(fd, buf, done);
      wait = 0.05;
    } catch (e) {
      // A non-blocking pipe that is full: wait for the reader a moment, then go on.
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
      Atomics.wait(pause, 0, 0, wait);
      wait = Math.min(2, wait * 2);
    }
  }
}

/**
 * Writes all of `text` to file descriptor 1. Returns false once the reader has gone (EPIPE, as
 * with `simtop --batch | head`, or EIO from a terminal that was closed): the caller stops
 * quietly, as top -b does.
 */
export function writeStdout(text: string): boolean {
  try {
    writeAll(1, Buffer.from(text, "utf8"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EPIPE" || code === "EIO") return false;
    throw e;
  }
  return true;
}
