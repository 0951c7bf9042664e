// One file simtop writes (--save, --record, --cast, --svg): opened harmlessly, then put in place or removed.
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { UsageError } from "./errors.js";
import { writeAll } from "./stdout.js";

/** Words for the error codes a write meets, so a message needs no lookup. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such directory",
  ENOTDIR: "a part of the path is not a directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "read-only file system",
  EISDIR: "is a directory",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EFBIG: "file too large",
  EPIPE: "the reader has gone (broken pipe)",
  EIO: "input/output error",
  EEXIST: "already exists (add --overwrite to replace it)",
};

/** Why an operation on a file failed, in words. */
export function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === undefined) return e instanceof Error ? e.message : String(e);
  return REASONS[code] ?? code;
}

/** A write that failed once the run had begun (disk full, broken pipe): exit 1, not a usage error. */
export class OutputWriteError extends UsageError {
  constructor(flag: string, path: string, why: string) {
    super(`${flag}: cannot write ${path}: ${why}`, 1);
    this.name = "OutputWriteError";
  }
}

/**
 * How the bytes reach the place the user named:
 * - "stream": straight into it, each write at once (a session or recording that must survive a
 *   crash up to its last line);
 * - "atomic": into a temporary file beside it, renamed over it when finished (a demo's files,
 *   known whole: the old file stays until the new one is complete).
 * Pipes and devices (/dev/stdout, a FIFO) are always written in place.
 */
export type WriteMode = "stream" | "atomic";

/** Where an output goes, as checked by outputs.ts before anything is opened. */
export interface OutputTarget {
  /** The option that names it, for messages ("--save"). */
  flag: string;
  /** As the user wrote it, for messages. */
  path: string;
  /** The path to write or rename onto: symbolic links resolved, so a link stays a link. */
  real: string;
  /** A regular file is there now (replacing it was allowed by --overwrite). */
  exists: boolean;
  /** Not a regular file: a pipe or a device, written in place and never removed. */
  special: boolean;
  /**
   * A descriptor simtop already holds on it (its own stdout, e.g. `--cast /dev/stdout`): written
   * through, so the shell's `>` or `>>` decides where the bytes go, and never closed.
   */
  fd?: number;
}

/**
 * An output being written. Opening changes nothing that exists (a file to replace is emptied at
 * the first write, a demo's goes to a temporary file); finish() puts it in place, discard()
 * removes what this run created. A failed write is kept and thrown by finish(), once.
 */
export class OutputFile {
  readonly flag: string;
  readonly path: string;
  private readonly real: string;
  private fd: number | null;
  /** The descriptor was lent (stdout): not ours to close. */
  private readonly borrowed: boolean;
  private finished = false;
  /** The temporary file of an atomic write, or null. */
  private readonly temp: string | null;
  /** This run made the file at `real` (a new stream): removed again if the run fails. */
  private readonly created: boolean;
  private readonly regular: boolean;
  /** Whether the existing file is emptied by begin() (a stream over a file under --overwrite). */
  private truncate: boolean;
  private failure: string | null = null;

  /** Opens (creates) the file without changing anything that exists; throws a UsageError. */
  constructor(t: OutputTarget, mode: WriteMode) {
    this.flag = t.flag;
    this.path = t.path;
    this.real = t.real;
    this.regular = !t.special && t.fd === undefined;
    this.borrowed = t.fd !== undefined;
    const atomic = mode === "atomic" && this.regular;
    this.temp = atomic
      ? join(dirname(t.real), `.${basename(t.real)}.${process.pid}.${Date.now().toString(36)}.tmp`)
      : null;
    this.created = !atomic && !t.exists && this.regular;
    // An existing file is opened without truncating it: emptied only once every output opened.
    this.truncate = !atomic && t.exists && this.regular;
    try {
      if (t.fd !== undefined) this.fd = t.fd;
      else if (this.temp !== null) this.fd = openSync(this.temp, "wx", 0o666);
      else if (t.special) this.fd = openSync(t.real, "w");
      else if (t.exists) this.fd = openSync(t.real, "r+");
      else this.fd = openSync(t.real, "wx", 0o666);
    } catch (e) {
      throw new UsageError(`${t.flag}: cannot write ${t.path}: ${reason(e)}`);
    }
    if (this.temp !== null && t.exists) {
      // The replacement keeps the permissions of the file it replaces.
      try {
        fchmodSync(this.fd, statSync(this.real).mode & 0o7777);
      } catch {
        // Permissions are a courtesy; the contents are what matter.
      }
    }
  }

  /** Empties a file being replaced in place; called once every output is open. */
  begin(): void {
    if (!this.truncate || this.fd === null) return;
    this.truncate = false;
    try {
      ftruncateSync(this.fd, 0);
    } catch (e) {
      this.fail(e);
    }
  }

  /** The open file descriptor (null once closed). */
  get descriptor(): number | null {
    return this.fd;
  }

  /** Whether a write failed (the file then takes no more). */
  get failed(): boolean {
    return this.failure !== null;
  }

  /** Writes all of `data`; a failure is kept and reported by finish(), and stops further writes. */
  write(data: string | Uint8Array): void {
    if (this.fd === null) return;
    this.begin();
    try {
      writeAll(this.fd, typeof data === "string" ? Buffer.from(data, "utf8") : data);
    } catch (e) {
      this.fail(e);
    }
  }

  /** Flushes to disk (a regular file; pipes and devices have nothing to flush). */
  sync(): void {
    if (this.fd === null || !this.regular) return;
    try {
      fsyncSync(this.fd);
    } catch (e) {
      this.fail(e);
    }
  }

  /**
   * Closes the file and puts it in place (an atomic write is renamed over its target). If a
   * write failed, removes what this run created and throws an OutputWriteError. Safe to call
   * twice.
   */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.begin();
    this.sync();
    this.closeFd();
    if (this.failure !== null) this.throwFailure();
    if (this.temp !== null) {
      try {
        renameSync(this.temp, this.real);
      } catch (e) {
        this.failure = reason(e);
        this.removeCreated();
        this.throwFailure();
      }
    }
  }

  /** Closes the file and removes what this run created: the run did not happen. */
  discard(): void {
    if (this.finished) return;
    this.finished = true;
    this.closeFd();
    this.removeCreated();
  }

  /** A write failed: nothing more goes in, and a file this run created is removed at once. */
  private fail(e: unknown): void {
    this.failure ??= reason(e);
    this.closeFd();
    this.removeCreated();
  }

  private closeFd(): void {
    if (this.fd === null) return;
    if (!this.borrowed) {
      try {
        closeSync(this.fd);
      } catch (e) {
        this.failure ??= reason(e);
      }
    }
    this.fd = null;
  }

  private removeCreated(): void {
    const file = this.temp ?? (this.created ? this.real : null);
    if (file === null) return;
    try {
      unlinkSync(file);
    } catch {
      // Already gone.
    }
  }

  private throwFailure(): never {
    throw new OutputWriteError(this.flag, this.path, this.failure ?? "unknown error");
  }
}
