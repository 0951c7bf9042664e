// The dashboard without a terminal: exact frames at virtual time, drawn by Ink from the same Screen as live.
import { EventEmitter } from "node:events";
import { type Instance, render } from "ink";
import { createElement } from "react";
import { type ControllerOptions, DashboardController } from "./controller.js";
import { Screen } from "./Screen.js";

export interface HeadlessOptions extends ControllerOptions {
  columns: number;
  rows: number;
}

export interface HeadlessDashboard {
  readonly controller: DashboardController;
  readonly columns: number;
  readonly rows: number;
  /** Raw terminal input, as a person would type it: "f", "\x1b[B" (down), "\x1bOP" (F1). */
  press(raw: string): void;
  /** Advances one frame (speed/fps ticks; nothing while paused) and returns the new screen. */
  frame(): string;
  /** The screen as Ink draws it now: one line a row, SGR codes for colours, trailing blanks trimmed. */
  screen(): string;
  resize(columns: number, rows: number): void;
  /** True once the user pressed a quit key. */
  readonly quit: boolean;
  /** Unmounts Ink's tree. */
  close(): void;
}

/** What Ink writes to: keeps the last frame, reports the size asked for. */
class FrameSink extends EventEmitter {
  frame = "";
  readonly isTTY = false;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write(chunk: string): boolean {
    this.frame = chunk;
    return true;
  }
}

/**
 * A dashboard driven by the caller: no timers, no wall clock, no randomness, so the same store,
 * options and key sequence always give the same screens. Ink lays out and draws each frame
 * synchronously (debug mode: every render is written whole), exactly as in the live dashboard.
 */
export function createHeadlessDashboard(opts: HeadlessOptions): HeadlessDashboard {
  const controller = new DashboardController(opts);
  const sink = new FrameSink(opts.columns, opts.rows);
  const stdin = Object.assign(new EventEmitter(), {
    isTTY: false,
    setEncoding: () => {},
    setRawMode: () => {},
    resume: () => {},
    pause: () => {},
    ref: () => {},
    unref: () => {},
    read: () => null,
  });
  const tree = () => createElement(Screen, { view: controller.view(sink.columns, sink.rows) });
  const instance: Instance = render(tree(), {
    stdout: sink as unknown as NodeJS.WriteStream,
    stderr: sink as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  let version = -1;
  const screen = (): string => {
    if (version !== controller.getVersion() || sink.frame === "") {
      version = controller.getVersion();
      instance.rerender(tree());
    }
    return sink.frame;
  };
  return {
    controller,
    get columns() {
      return sink.columns;
    },
    get rows() {
      return sink.rows;
    },
    press: (raw) => controller.press(raw),
    frame() {
      controller.tickFrame();
      return screen();
    },
    screen,
    resize(c, r) {
      sink.columns = c;
      sink.rows = r;
      version = -1;
    },
    get quit() {
      return controller.quitRequested;
    },
    close: () => instance.unmount(),
  };
}
