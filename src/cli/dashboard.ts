// Runs the live dashboard in the terminal: TTY check, alternate screen, and a restored terminal on every exit path.
import { constants } from "node:os";
import type { Instance } from "ink";
import type { Chapter } from "../scenario/types.js";
import type { Store } from "../sim/store.js";
import { DashboardController } from "../ui/controller.js";
import { FramePainter } from "../ui/term/frame.js";
import { notATerminal } from "./options.js";

export interface DashboardRunOptions {
  store: Store;
  /** Frames per second (default 10). */
  fps?: number;
  /** Simulated ticks per second (default 10,000). */
  speed?: number;
  /** false: no colour codes at all (NO_COLOR, --no-color). Default true. */
  color?: boolean;
  /** Start paused. */
  paused?: boolean;
  /** A scenario's named moments; the header shows the latest one reached. */
  chapters?: readonly Chapter[];
  /** Told of every chunk written to the terminal, in order (a recorder tees it to a file). */
  onOutput?: (chunk: string) => void;
  /** Streams to use instead of the process's own (both must be terminals). */
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}

/** Alternate screen on, cleared, cursor hidden. */
const ENTER = "\x1b[?1049h\x1b[H\x1b[2J\x1b[?25l";
/** Attributes reset, cursor shown, alternate screen off (the shell's screen comes back). */
const LEAVE = "\x1b[0m\x1b[?25h\x1b[?1049l";
const SIGNALS = ["SIGTERM", "SIGHUP", "SIGINT", "SIGQUIT"] as const;

/** Synchronized output (DEC 2026): the terminal shows a frame only once it is complete. */
const SYNC_ON = "\x1b[?2026h";
const SYNC_OFF = "\x1b[?2026l";

/**
 * Puts Ink's frames on the terminal through the one painter: only the cells that changed, at
 * most `maxFps` times a second (a frame that arrives sooner waits, and only the newest is drawn).
 */
class FrameWriter {
  private readonly painter: FramePainter;
  private pending: string | null = null;
  private shown: string | null = null;
  private last = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly out: (bytes: string) => void,
    private readonly minInterval: number,
    private readonly size: () => { columns: number; rows: number },
  ) {
    const { columns, rows } = size();
    this.painter = new FramePainter(columns, rows);
  }

  frame(text: string): void {
    if (this.closed || text === "") return;
    this.pending = text;
    const wait = this.last + this.minInterval - performance.now();
    if (wait <= 0) this.flush();
    else
      this.timer ??= setTimeout(() => {
        this.timer = null;
        this.flush();
      }, wait);
  }

  /**
   * The terminal changed size: what is on screen is unknown, so the next frame (the one Ink
   * draws for the new size) clears and draws everything.
   */
  resized(): void {
    const { columns, rows } = this.size();
    this.painter.reset(columns, rows);
    this.shown = null;
  }

  /** Forgets what is on screen and draws the last frame again, in full (Ctrl+L). */
  redraw(): void {
    this.pending ??= this.shown;
    this.painter.reset();
    this.shown = null;
    if (this.timer === null) this.flush();
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
  }

  private flush(): void {
    const next = this.pending;
    if (next === null || this.closed) return;
    this.pending = null;
    if (next === this.shown) return;
    const bytes = this.painter.paint(next);
    this.shown = next;
    // A frame that looks the same as the last (Ink re-encoded the same cells) costs nothing.
    if (bytes !== "") this.out(SYNC_ON + bytes + SYNC_OFF);
    this.last = performance.now();
  }
}

/** The stream Ink writes to: the terminal's size and events, but every write is a frame for `sink`. */
function frameStream(
  stdout: NodeJS.WriteStream,
  sink: (frame: string) => void,
): NodeJS.WriteStream {
  return new Proxy(stdout, {
    get(target, prop) {
      if (prop === "write") {
        return (chunk: string | Uint8Array, ...rest: unknown[]) => {
          sink(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
          const done = rest.find((r) => typeof r === "function") as (() => void) | undefined;
          done?.();
          return true;
        };
      }
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

/**
 * Opens the dashboard on `store` and resolves when the user quits. Throws UsageError (exit 2)
 * when stdin or stdout is not a terminal. The terminal is restored (alternate screen left,
 * cursor shown, raw mode off) on quit, on SIGTERM/SIGHUP/SIGINT/SIGQUIT (then exit 128+n),
 * and on an uncaught error (then a one-line message and exit 1).
 */
export async function runDashboard(opts: DashboardRunOptions): Promise<void> {
  const stdin = opts.stdin ?? process.stdin;
  const stdout = opts.stdout ?? process.stdout;
  if (!stdout.isTTY || !stdin.isTTY) throw notATerminal();
  const controller = new DashboardController({
    store: opts.store,
    fps: opts.fps,
    speed: opts.speed,
    color: opts.color,
    paused: opts.paused,
    chapters: opts.chapters,
  });
  const write = (bytes: string): void => {
    opts.onOutput?.(bytes);
    stdout.write(bytes);
  };
  // Key presses draw at once; simulated frames come at `fps`; nothing faster than 60 a second.
  const size = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const writer = new FrameWriter(write, 1000 / Math.min(60, Math.max(30, controller.fps)), size);
  controller.onRedraw = () => writer.redraw();
  const onResize = (): void => writer.resized();

  let instance: Instance | null = null;
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    writer.close();
    try {
      instance?.unmount();
    } catch {
      // Unmounting can fail if rendering is what broke; the terminal still gets restored.
    }
    write(LEAVE);
    if (stdin.isTTY) stdin.setRawMode(false);
    stdin.pause();
  };
  const onSignal = (sig: NodeJS.Signals): void => {
    restore();
    process.exit(128 + constants.signals[sig]);
  };
  const onCrash = (err: unknown): void => {
    restore();
    process.stderr.write(
      `simtop: internal error: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(1);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on("uncaughtException", onCrash);
  process.on("unhandledRejection", onCrash);
  stdout.on("resize", onResize);

  write(ENTER);
  // Raw at once, so keys typed while Ink loads are neither echoed nor lost (Ink reads them).
  stdin.setRawMode(true);
  try {
    const { mountApp } = await import("../ui/App.js");
    if (restored) return;
    // Ink renders each frame to a string (debug mode writes whole frames) and FrameWriter
    // draws what changed; Ink never moves the terminal's cursor itself.
    instance = mountApp(controller, {
      stdout: frameStream(stdout, (frame) => writer.frame(frame)),
      stdin,
    });
    await instance.waitUntilExit();
  } finally {
    restore();
    stdout.off("resize", onResize);
    for (const s of SIGNALS) process.off(s, onSignal);
    process.off("uncaughtException", onCrash);
    process.off("unhandledRejection", onCrash);
  }
}
