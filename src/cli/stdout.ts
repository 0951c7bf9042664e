// Writing to stdout synchronously, so batch output keeps pace with the simulation and a closed pipe stops it.
import { writeSync } from "node:fs";

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `text` to file descriptor 1. Returns false once the reader has gone (EPIPE, as
 * with `simtop --batch | head`): the caller stops quietly, as top -b does.
 */
export function writeStdout(text: string): boolean {
  const buf = Buffer.from(text, "utf8");
  let done = 0;
  while (done < buf.length) {
    try {
      done += writeSync(1, buf, done);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EPIPE") return false;
      // A non-blocking pipe that is full: wait for the reader a moment, then go on.
      if (code === "EAGAIN") Atomics.wait(pause, 0, 0, 2);
      else throw e;
    }
  }
  return true;
}
