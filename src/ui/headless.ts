// The dashboard without a terminal: exact frames at virtual time, for recordings, demos and tests.
import { type ControllerOptions, DashboardController } from "./controller.js";
import { screenLines } from "./draw/screen.js";

export { screenUpdate } from "./screenDiff.js";

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
  /** The screen as it is now: rows-1 lines of exactly `columns` cells, SGR codes for colours and attributes. */
  screen(): string;
  resize(columns: number, rows: number): void;
  /** True once the user pressed a quit key. */
  readonly quit: boolean;
}

/**
 * A dashboard driven by the caller: no timers, no wall clock, no randomness, so the same
 * store, options and key sequence always give the same screens. It needs no Ink (nor its
 * few hundred milliseconds of loading): screens come from the same panel drawing functions.
 */
export function createHeadlessDashboard(opts: HeadlessOptions): HeadlessDashboard {
  const controller = new DashboardController(opts);
  let columns = opts.columns;
  let rows = opts.rows;
  // The panels' own lines, cell for cell what Ink draws from them live (test/ui/screen.test.tsx).
  const screen = () => screenLines(controller.view(columns, rows)).join("\n");
  return {
    controller,
    get columns() {
      return columns;
    },
    get rows() {
      return rows;
    },
    press: (raw) => controller.press(raw),
    frame() {
      controller.tickFrame();
      return screen();
    },
    screen,
    resize(c, r) {
      columns = c;
      rows = r;
    },
    get quit() {
      return controller.quitRequested;
    },
  };
}
