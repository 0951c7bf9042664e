// The terminal held as full-screen programs hold it (alternate screen, hidden cursor, raw keys), given back whole.
import { writeSync } from "node:fs";

/** Alternate screen on, cleared, cursor hidden. */
const ENTER = "\x1b[?1049h\x1b[H\x1b[2J\x1b[?25l";
/**
 * A frame's synchronized output ended, attributes reset, cursor shown, alternate screen off
 * (the shell's screen comes back). The dashboard turns on no other mode than these and the
 * mouse's (no bracketed paste).
 */
const LEAVE = "\x1b[?2026l\x1b[0m\x1b[?25h\x1b[?1049l";
/**
 * Mouse reporting: presses and releases (1000) in SGR form (1006: any column, no bytes that
 * could read as keys). Off again before anything else is given back.
 */
export const MOUSE_ON = "\x1b[?1000h\x1b[?1006h";
export const MOUSE_OFF = "\x1b[?1006l\x1b[?1000l";

/** Errors that mean the terminal itself is gone (its window closed, its connection dropped). */
const GONE = new Set(["EIO", "EPIPE", "ENXIO", "EBADF", "ENOTTY"]);

/** Whether an error from a terminal stream or call says the terminal is gone. */
export function terminalGone(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" && GONE.has(code);
}

/**
 * Every change the dashboard makes to the terminal goes through here, so it can always be
 * undone: on quit, on a crash, on a signal, and around a suspension (Ctrl+Z, SIGTSTP).
 */
export class FullScreen {
  /** The alternate screen and raw mode are ours. */
  private held = false;
  /** Given back for a suspension: take it again when the process is continued. */
  private suspended = false;
  /** The terminal is gone: nothing more is written to it or asked of it. */
  private lost = false;

  constructor(
    private readonly stdin: NodeJS.ReadStream,
    private readonly stdout: NodeJS.WriteStream,
    /** Told of every byte meant for the terminal (a recorder tees it to a file). */
    private readonly record?: (bytes: string) => void,
    /** Report the mouse while the terminal is held (clicks, the wheel). */
    private readonly mouse = false,
  ) {}

  get isLost(): boolean {
    return this.lost;
  }

  /** Raw keys (so keys typed while the dashboard loads are neither echoed nor lost), then the alternate screen. */
  take(): void {
    this.held = true;
    this.raw(true);
    this.put(ENTER);
    this.mouseMode(true);
  }

  /**
   * Frames; dropped while the terminal is given back. Through the stream, as all output: a
   * failure comes as the stream's 'error' event (see watchEnding).
   */
  write(bytes: string): void {
    if (!this.held) return;
    this.record?.(bytes);
    if (!this.lost) this.stdout.write(bytes);
  }

  /** The terminal as it was before take(); safe to call twice, and on a terminal that is gone. */
  giveBack(): void {
    this.suspended = false;
    if (!this.held) return;
    this.held = false;
    this.mouseMode(false);
    this.put(LEAVE);
    this.raw(false);
  }

  /** The terminal is gone (a write failed with EIO, input ended, SIGHUP). */
  markLost(): void {
    this.lost = true;
  }

  /**
   * Gives the terminal back and stops the process group (as vim does: a launcher or npm
   * waiting in the same group must stop too, or the shell never sees the job stop). Returns
   * once continued; resume() takes the terminal again on SIGCONT.
   */
  suspend(): void {
    if (!this.held) return;
    this.giveBack();
    this.suspended = true;
    process.kill(0, "SIGSTOP");
  }

  /**
   * On SIGCONT: takes the terminal again, after a suspension or after a plain SIGSTOP that
   * gave us no chance to give it back (the shell has set its own modes meanwhile). Returns
   * whether the screen must be drawn again in full.
   */
  resume(): boolean {
    if (this.lost || !(this.held || this.suspended)) return false;
    this.suspended = false;
    this.held = true;
    // Raw mode is only set again when it changes (libuv remembers the last mode): off, then on.
    this.raw(false);
    this.raw(true);
    this.put(ENTER);
    this.mouseMode(true);
    return true;
  }

  /**
   * Mouse reporting on or off. Not recorded: a player writes a cast to its viewer's terminal,
   * which would then report the viewer's mouse to the player as keys.
   */
  private mouseMode(on: boolean): void {
    if (this.mouse) this.put(on ? MOUSE_ON : MOUSE_OFF, false);
  }

  /** The mode switches: straight to the descriptor, so a failure is known here and now. */
  private put(bytes: string, recorded = true): void {
    if (recorded) this.record?.(bytes);
    if (this.lost) return;
    try {
      const { fd } = this.stdout as { fd?: unknown };
      if (typeof fd !== "number") this.stdout.write(bytes);
      else {
        const buf = Buffer.from(bytes);
        // A signal can cut a write to a terminal short.
        for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off);
      }
    } catch (err) {
      if (!terminalGone(err)) throw err;
      this.lost = true;
    }
  }

  private raw(on: boolean): void {
    if (this.lost || !this.stdin.isTTY) return;
    try {
      this.stdin.setRawMode(on);
    } catch (err) {
      if (!terminalGone(err)) throw err;
      this.lost = true;
    }
  }
}
