// Runs the live dashboard in the terminal: TTY check, alternate screen, and a restored terminal on every exit path.
import type { Instance } from "ink";
import type { Chapter } from "../scenario/types.js";
import type { Store } from "../sim/store.js";
import { DashboardController } from "../ui/controller.js";
import { FramePainter } from "../ui/term/frame.js";
import { notATerminal } from "./options.js";
import { type Ending, exitFor, watchEnding } from "./term/ending.js";
import { FullScreen, terminalGone } from "./term/fullScreen.js";
import { withoutMouseReports } from "./term/mouseInput.js";

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
  /**
   * false: no mouse reporting, so the terminal's own selection (copy and paste) works. Default
   * true: clicks and the wheel act on the dashboard.
   */
  mouse?: boolean;
  /** A scenario's named moments; the header shows the latest one reached. */
  chapters?: readonly Chapter[];
  /** Told of every chunk written to the terminal, in order (a recorder tees it to a file). */
  onOutput?: (chunk: string) => void;
  /** Streams to use instead of the process's own (both must be terminals). */
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}

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
 * cursor shown, raw mode and mouse reporting off) on quit, on every signal that ends the process (then exit
 * 128+n), when the terminal is gone (exit 129, as SIGHUP), on an uncaught error (a one-line
 * message, exit 1), and around a suspension (Ctrl+Z or SIGTSTP; SIGCONT draws it all again).
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
  const mouse = opts.mouse ?? true;
  const screen = new FullScreen(stdin, stdout, opts.onOutput, mouse);
  // Key presses draw at once; simulated frames come at `fps`; nothing faster than 60 a second.
  const size = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const writer = new FrameWriter(
    (bytes) => screen.write(bytes),
    1000 / Math.min(60, Math.max(30, controller.fps)),
    size,
  );
  controller.onRedraw = () => writer.redraw();
  controller.onSuspend = () => screen.suspend();
  const onResize = (): void => writer.resized();

  let instance: Instance | null = null;
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    writer.close();
    // The terminal first: nothing Ink does while unmounting can keep it from being restored.
    screen.giveBack();
    try {
      instance?.unmount();
    } catch {
      // Unmounting can fail if rendering is what broke; the terminal is restored already.
    }
    stdin.pause();
  };
  let ended = false;
  const end = (e: Ending): void => {
    // The first ending decides the exit; what restoring it sets off (input ending, a failed
    // write) is part of it.
    if (ended) return;
    ended = true;
    // After SIGHUP the terminal may still be there (kill -HUP): giving it back finds out.
    if (e.kind === "hangup") screen.markLost();
    try {
      close();
    } finally {
      exitFor(e, screen.isLost);
    }
  };
  // Everything that restores the terminal is armed before the terminal is touched.
  const stopWatching = watchEnding(
    { stdin, stdout },
    {
      end,
      suspend: () => screen.suspend(),
      resume: () => {
        if (screen.resume()) writer.redraw();
      },
    },
    terminalGone,
  );
  // A process.exit() from anywhere else still leaves the terminal as it was.
  process.on("exit", close);
  stdout.on("resize", onResize);

  try {
    screen.take();
    const { mountApp } = await import("../ui/App.js");
    if (closed) return;
    // Ink renders each frame to a string (debug mode writes whole frames) and FrameWriter
    // draws what changed; Ink never moves the terminal's cursor itself.
    instance = mountApp(controller, {
      stdout: frameStream(stdout, (frame) => writer.frame(frame)),
      // Ink would drop mouse reports (they name no key): the controller gets them first, and
      // with the mouse off (a report nobody asked for) they are dropped, never typed.
      stdin: withoutMouseReports(stdin, (report) => {
        if (mouse) controller.press(report);
      }),
    });
    await instance.waitUntilExit();
  } finally {
    close();
    stdout.off("resize", onResize);
    process.off("exit", close);
    stopWatching();
  }
}
