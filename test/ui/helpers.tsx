// Test helpers: small stores, the App mounted with ink-testing-library, keys as a terminal sends them.
import { render } from "ink-testing-library";
import type { KernelConfig } from "../../src/sim/config.js";
import { defaultConfig } from "../../src/sim/config.js";
import { Store } from "../../src/sim/store.js";
import { App } from "../../src/ui/App.js";
import { type ControllerOptions, DashboardController } from "../../src/ui/controller.js";

/** Raw sequences a terminal sends. */
export const KEY = {
  up: "\x1b[A",
  down: "\x1b[B",
  left: "\x1b[D",
  right: "\x1b[C",
  shiftLeft: "\x1b[1;2D",
  enter: "\r",
  escape: "\x1b",
  backspace: "\x7f",
  f1: "\x1bOP",
  f3: "\x1bOR",
  f5: "\x1b[15~",
  f9: "\x1b[20~",
  f10: "\x1b[21~",
  ctrlC: "\x03",
  end: "\x1b[F",
  tab: "\t",
} as const;

/** init plus `programs` spawned at tick 0 on a 2-core machine (pipeline CPU unless overridden). */
export function storeWith(programs: readonly string[], config: Partial<KernelConfig> = {}): Store {
  const store = new Store(defaultConfig({ cores: 2, cpu: "pipeline", ...config }));
  store.schedule(
    programs.map((program) => ({ tick: 0, command: { type: "spawn" as const, program } })),
  );
  return store;
}

/** The programs of the default scenario, for tests that want the whole screen busy. */
export const BUSY = [
  "auto-sh",
  "cpu-bound",
  "io-bound",
  "forker",
  "sigint-handler",
  "sleeper",
  "row-scan",
  "col-scan",
];

/** Text without SGR codes. */
export function plain(s: string): string {
  return s.replace(/\x1b\[[0-9;:]*m/g, "");
}

/** Lets Ink read pending input and React commit. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
}

export interface Mounted {
  controller: DashboardController;
  store: Store;
  /** The last frame as plain text. */
  screen(): string;
  /** The last frame with its escape codes. */
  raw(): string;
  /** Types raw input, one chunk at a time, letting the app settle after each. */
  press(...chunks: string[]): Promise<void>;
  /** Advances `n` frames (speed/fps ticks each, nothing while paused). */
  frames(n?: number): Promise<void>;
  resize(columns: number, rows: number): Promise<void>;
  /** The table row of `pid` (plain text), or undefined if it is not on screen. */
  row(pid: number): string | undefined;
  /** Moves the selection to `pid` with the arrow keys. */
  select(pid: number): Promise<void>;
  unmount(): void;
}

/** The App in manual mode (nothing moves unless a test says so) at a fixed size. */
export async function mount(
  store: Store,
  opts: Partial<ControllerOptions> & { columns?: number; rows?: number } = {},
): Promise<Mounted> {
  const { columns = 120, rows = 40, ...rest } = opts;
  const controller = new DashboardController({ store, color: false, ...rest });
  const app = (c: number, r: number) => (
    <App controller={controller} driver="manual" size={{ columns: c, rows: r }} />
  );
  const r = render(app(columns, rows));
  await settle();
  const screen = () => plain(r.lastFrame() ?? "");
  const m: Mounted = {
    controller,
    store,
    screen,
    raw: () => r.lastFrame() ?? "",
    async press(...chunks) {
      for (const c of chunks) {
        r.stdin.write(c);
        // Ink 8 holds a lone Escape 20 ms in case more of a sequence follows, then sends it alone.
        if (c === KEY.escape) await new Promise((done) => setTimeout(done, 30));
        await settle();
      }
    },
    async frames(n = 1) {
      for (let i = 0; i < n; i++) controller.tickFrame();
      await settle();
    },
    async resize(c, rw) {
      r.rerender(app(c, rw));
      await settle();
    },
    row(pid) {
      return screen()
        .split("\n")
        .find((l) => new RegExp(`^\\s*${pid}\\s+\\d+\\s`).test(l));
    },
    async select(pid) {
      await m.press("g");
      for (let i = 0; i < 200 && controller.selectedPid !== pid; i++) await m.press("j");
      if (controller.selectedPid !== pid) throw new Error(`could not select ${pid}`);
    },
    unmount: () => r.unmount(),
  };
  return m;
}

/** The pid of the first live process named `name`. */
export function pidOf(store: Store, name: string): number {
  for (const p of store.kernel.procs.values())
    if (p.name === name && p.state !== "zombie") return p.pid;
  throw new Error(`no process named ${name}`);
}
