// Reading an input file whole (scenario, session, demo script, program): regular files of bounded size only.
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

/** Scenario files, demo scripts and program listings: far more than any real one needs. */
export const MAX_TEXT_FILE_BYTES = 1024 * 1024;
/** Saved sessions: a header and one short line per command (about 300,000 commands). */
export const MAX_SESSION_FILE_BYTES = 16 * 1024 * 1024;

/** Why an input file cannot be read; `code` is the system's (ENOENT, EISDIR, ...) or simtop's. */
export class InputFileError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "InputFileError";
    this.code = code;
  }
}

function mib(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

function kindOf(st: import("node:fs").Stats): string {
  if (st.isDirectory()) return "a directory";
  if (st.isFIFO()) return "a pipe (FIFO)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

/**
 * The UTF-8 text of the regular file at `path` (a leading byte-order mark dropped). Devices,
 * pipes and directories are refused without reading (a FIFO would block, /dev/zero never ends),
 * and so is a file above `maxBytes`, also one that grows past it while being read.
 */
export function readInputFile(path: string, maxBytes = MAX_TEXT_FILE_BYTES): string {
  let fd: number;
  try {
    // Non-blocking, so opening a FIFO with no writer returns at once and fstat can refuse it.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "EIO";
    if (code === "ENOENT") throw new InputFileError(code, "no such file");
    if (code === "EISDIR") throw new InputFileError(code, "is a directory, not a file");
    if (code === "EACCES") throw new InputFileError(code, "permission denied");
    if (code === "ENAMETOOLONG") throw new InputFileError(code, "file name too long");
    throw new InputFileError(code, `cannot read: ${code}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      const code = st.isDirectory() ? "EISDIR" : "ENOTREG";
      throw new InputFileError(code, `is ${kindOf(st)}, not a regular file`);
    }
    if (st.size > maxBytes)
      throw new InputFileError(
        "EFBIG",
        `is larger than ${mib(maxBytes)} (the limit for this file)`,
      );
    // Sized from fstat, grown if the file grows while read, never beyond the limit plus one byte.
    let buf = Buffer.alloc(Math.min(maxBytes + 1, st.size + 4096));
    let used = 0;
    for (;;) {
      if (used === buf.length) {
        const bigger = Buffer.alloc(Math.min(maxBytes + 1, buf.length * 2));
        buf.copy(bigger, 0, 0, used);
        buf = bigger;
      }
      let n: number;
      try {
        n = readSync(fd, buf, used, buf.length - used, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? "EIO";
        throw new InputFileError(code, `cannot read: ${code}`);
      }
      if (n === 0) break;
      used += n;
      if (used > maxBytes)
        throw new InputFileError(
          "EFBIG",
          `is larger than ${mib(maxBytes)} (the limit for this file)`,
        );
    }
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(buf.subarray(0, used));
    } catch {
      throw new InputFileError("EILSEQ", "is not UTF-8 text");
    }
    return text;
  } finally {
    closeSync(fd);
  }
}
