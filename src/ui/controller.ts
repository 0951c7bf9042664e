// The dashboard's controller: owns time (speed, pause, rewind) and the UI state, turns keys into commands.
import type { Chapter } from "../scenario/types.js";
import type { Command } from "../sim/commands.js";
import { describeCommand } from "../sim/commands.js";
import { PipelinedCpu } from "../sim/cpu/pipeline.js";
import { type Kernel, MAX_TICKETS } from "../sim/kernel.js";
import { affinityCores } from "../sim/sched/affinity.js";
import { POLICY_NAMES } from "../sim/sched/policy.js";
import { Signal, signalName } from "../sim/signals.js";
import type { Store } from "../sim/store.js";
import { coresMatter } from "../sim/view.js";
import type { RateWindow } from "../sim/window.js";
import type { ColourDepth } from "./colourDepth.js";
import { helpMaxScroll } from "./draw/help.js";
import { grouped, niceSteps } from "./format.js";
import { type Hit, hitTest } from "./hit.js";
import { InputReader, type MouseEvent } from "./input.js";
import { type Action, ALWAYS, KeyBindings } from "./keymap.js";
import { isText, type KeyName, terminalBytes, textOf } from "./keys.js";
import { computeLayout, tooSmall } from "./layout.js";
import { SIGNAL_ORDER } from "./menus.js";
import { pastWindow, RateTracker, type Ring, type SystemHistory } from "./sampling.js";
import type { HistoryView } from "./selectors/caches.js";
import { findEvent, logEnd } from "./selectors/events.js";
import { GanttLegend } from "./selectors/gantt.js";
import { quantumNote, shownQuantum } from "./selectors/sched.js";
import type { SetupSource } from "./selectors/setup.js";
import type { SortKey } from "./selectors/table.js";
import type { Settings } from "./settings.js";
import {
  type EventLogAction,
  type EventLogState,
  eventLogReducer,
  INITIAL_EVENT_LOG,
} from "./state/eventLog.js";
import { type MenuMove, menuReducer, numberTyped } from "./state/menu.js";
import {
  INITIAL_PROGRAM_VIEW,
  type ProgramViewState,
  programViewKey,
  programViewReducer,
} from "./state/programView.js";
import {
  SCHED_VIEW_CLOSED,
  type SchedViewState,
  schedViewKey,
  schedViewReducer,
} from "./state/schedView.js";
import { SETUP_OPENED, type SetupState, setupKey } from "./state/setup.js";
import {
  INITIAL_TABLE_VIEW,
  type TableViewAction,
  type TableViewState,
  tableViewReducer,
} from "./state/tableView.js";
import { stepThrough, type TimeAction, type TimeState, timeReducer } from "./state/timeControl.js";
import { createTheme, type Theme } from "./theme.js";
import {
  bodyRows,
  buildView,
  chapterIndexAt,
  type DashboardView,
  jobControlInPlay,
  type Mode,
  type OverlayState,
  type ViewState,
} from "./viewModel.js";

export interface ControllerOptions {
  store: Store;
  /** Frames per second the dashboard draws (and the simulation is advanced between). */
  fps?: number;
  /** Simulated ticks per second of wall time. */
  speed?: number;
  paused?: boolean;
  /** false: no colour codes (text attributes such as inverse stay). */
  color?: boolean;
  /** A scenario's named moments; the header shows the latest one reached. */
  chapters?: readonly Chapter[];
  /** The config file's settings: theme, columns, keys (speed and fps come resolved above). */
  settings?: Settings;
  /** Colours the terminal shows (default 16). */
  depth?: ColourDepth;
  /** The config file the setup screen saves to; null or absent: settings last this run only. */
  configPath?: string | null;
  /** Writes the settings to the config file; throws an Error saying why it could not. */
  saveSettings?: (settings: Settings) => void;
  /** Scenarios the setup screen offers to start with (built-in names). */
  scenarios?: readonly string[];
}

export const DEFAULT_FPS = 10;
export const DEFAULT_SPEED = 10_000;
/**
 * Every rate covers the ticks of this many seconds of wall time at the current speed, ending at
 * the tick shown (one second, as top's default delay): figures read steadily, yet move every frame.
 */
export const WINDOW_SECONDS = 1;
/** Quanta the { and } keys step through. */
const QUANTA = niceSteps(100_000);
/** Ticks simulated between checks of the frame's time budget. */
const CHUNK = 1000;
/** Seconds a message stays up while running (counted in frames, so headless runs agree). */
const MESSAGE_SECONDS = 4;
/** Seconds a chapter's banner stays up while running. */
const BANNER_SECONDS = 5;

/** Keys that keep working while the event log is open over the screen: time, redraw, the terminal. */
const LOG_PASSES = new Set<Action | undefined>([
  "pause",
  "stepTick",
  "stepFrame",
  "faster",
  "slower",
  "rewind",
  "forward",
  "rewindFar",
  "forwardFar",
  "live",
  "redraw",
  "terminal",
]);

/** A digit key: a PID search in the table, a signal's number in the signal menu. */
const DIGIT = /^[0-9]$/;
/** PIDs typed beyond this start again (htop's bound). */
const PID_SEARCH_MAX = 10_000_000;

/** Rows (or lines, or menu items) one notch of the mouse wheel moves. */
const WHEEL_ROWS = 3;

/** Ticks of history shown by one rewind step: one frame's worth at the current speed. */
function frameTicks(speed: number, fps: number): number {
  return Math.max(1, Math.round(speed / fps));
}

export class DashboardController implements ViewState {
  readonly store: Store;
  fps: number;
  /** Running or paused, speed, the moment of the past shown (a pure reducer: state/timeControl.ts). */
  time: TimeState;
  theme: Theme;
  /** The config file's settings as the setup screen (F2) has them; saved when it closes. */
  settings: Settings;
  /** Which key runs which action: the keymap with the config's keys in place. */
  bindings: KeyBindings;
  readonly chapters: readonly Chapter[];
  /** Order and filter of the process table (a pure reducer: state/tableView.ts). */
  tableView: TableViewState = INITIAL_TABLE_VIEW;
  selectedPid = 1;
  selectedIndex = 0;
  /** Tagged processes (htop's tags): signals and nice changes go to all of them. */
  readonly tagged = new Set<number>();
  scrollTop = 0;
  cacheScope: "machine" | "process" = "machine";
  eventLog: EventLogState = INITIAL_EVENT_LOG;
  programView: ProgramViewState = INITIAL_PROGRAM_VIEW;
  /** Page of the panels that page what does not fit (cores, the Gantt legend): Tab. */
  corePage = 0;
  overlay: OverlayState | null = null;
  /** The keyboard goes to the simulated terminal (key !; Esc gives it back). */
  terminalFocus = false;
  schedView: SchedViewState = SCHED_VIEW_CLOSED;
  readonly legend = new GanttLegend();
  /** Share of the wanted ticks the last frame simulated (1 unless the time budget ran out). */
  achieved = 1;
  /** Frames drawn while running (the clock messages expire by). */
  frames = 0;
  quitRequested = false;
  /** Called once when the user asks to quit. */
  onQuit: (() => void) | null = null;
  /** Called when the user asks for a full redraw (Ctrl+L). */
  onRedraw: (() => void) | null = null;
  /** Called when the setup screen turns mouse reporting on or off. */
  onMouseChange: ((on: boolean) => void) | null = null;
  /** Called when the user asks to suspend simtop to the shell (Ctrl+Z). */
  onSuspend: (() => void) | null = null;

  /**
   * Values just asked for but not yet applied (commands apply at the next tick): a second
   * press before then builds on the first. Keyed "quantum", "policy", "nice:<pid>".
   */
  private readonly pending = new Map<string, { tick: number; value: number }>();
  private readonly tracker = new RateTracker();
  /** The live kernel's rate window at its current tick. */
  private liveRates: RateWindow;
  private past: {
    kernel: Kernel;
    rates: RateWindow;
    machine: HistoryView;
    process: HistoryView;
    system: SystemHistory;
  } | null = null;
  private carry = 0;
  /** The tick a login on tty1 was asked for at (applied at the next tick), -1 for none. */
  private loginAsked = -1;
  /** The status line's message; `tick`/`paused`: the shown tick and whether time stood still when it was said. */
  private note: { text: string; frame: number; tick: number; paused: boolean } | null = null;
  /** The chapter reached at the tick last shown, and the one announced (from which frame). */
  private chapterSeen = -1;
  private announced: { index: number; frame: number } | null = null;
  private order: number[] = [];
  private pageRows = 10;
  private lastSize = { columns: 0, rows: 0 };
  private readonly input = new InputReader();
  /** Input has changed the state since the view was last built (a click must see the change). */
  private stale = false;
  /** The PID typed so far (digits, as in htop), 0 when no search is going on. */
  private pidSearch = 0;
  private version = 0;
  private readonly listeners = new Set<() => void>();
  private readonly color: boolean;
  private readonly depth: ColourDepth;
  readonly configPath: string | null;
  private readonly saveSettings: ((settings: Settings) => void) | null;
  private readonly scenarios: readonly string[];
  private cached: { version: number; columns: number; rows: number; view: DashboardView } | null =
    null;

  constructor(opts: ControllerOptions) {
    this.store = opts.store;
    this.fps = opts.fps ?? DEFAULT_FPS;
    this.time = { paused: opts.paused ?? false, speed: opts.speed ?? DEFAULT_SPEED, shown: null };
    this.settings = { ...(opts.settings ?? {}) };
    this.color = opts.color ?? true;
    this.depth = opts.depth ?? 16;
    this.theme = createTheme(this.color, { name: this.settings.theme, depth: this.depth });
    this.bindings = new KeyBindings(this.settings.keys);
    this.configPath = opts.configPath ?? null;
    this.saveSettings = opts.saveSettings ?? null;
    this.scenarios = opts.scenarios ?? [];
    this.chapters = [...(opts.chapters ?? [])].sort((a, b) => a.tick - b.tick);
    this.liveRates = this.tracker.read(this.store.kernel, this.windowTicks, this.selectedPid);
    // The program view draws each core's last cycles: the dashboard's CPU keeps them from now on.
    const cpu = this.store.kernel.cpu;
    if (cpu instanceof PipelinedCpu) cpu.keepHistory();
  }

  // ---- what the view reads ----------------------------------------------------------------

  get paused(): boolean {
    return this.time.paused;
  }

  get speed(): number {
    return this.time.speed;
  }

  /** Applies a time action, then shows the moment it asks for (a seek of the Store). */
  private timeAct(a: TimeAction): void {
    const before = this.time;
    this.time = timeReducer(before, a);
    if (this.time.speed !== before.speed) this.carry = 0;
    if (this.time.shown !== before.shown)
      this.showPast(this.time.shown ?? Number.POSITIVE_INFINITY);
  }

  /** The kernel every panel shows: the live one, or a copy of the past while rewound. */
  get kernel(): Kernel {
    return this.past?.kernel ?? this.store.kernel;
  }

  get rates(): RateWindow {
    return this.past?.rates ?? this.liveRates;
  }

  get machineHistory(): HistoryView {
    if (this.past) return this.past.machine;
    const h = this.tracker.machineHistory;
    return { points: h.toArray(), total: h.total };
  }

  get systemHistory(): SystemHistory {
    if (this.past) return this.past.system;
    const h = this.tracker.systemHistory;
    return { points: h.toArray(), total: h.total };
  }

  get processHistory(): HistoryView {
    if (this.past) return this.past.process;
    const h = this.tracker.processHistory;
    return this.tracker.historyPid === this.selectedPid
      ? { points: h.toArray(), total: h.total }
      : { points: [], total: 0 };
  }

  /** Ticks every rate covers: WINDOW_SECONDS of wall time at the current speed. */
  get windowTicks(): number {
    return Math.max(1, Math.round(this.speed * WINDOW_SECONDS));
  }

  get mode(): Mode {
    return this.past ? "past" : this.paused ? "paused" : "live";
  }

  /** The table's columns a config or the setup screen chose, in order (null: all). */
  get columns(): readonly SortKey[] | null {
    return this.settings.columns ?? null;
  }

  /** What the setup screen (F2) shows. */
  get setup(): SetupSource {
    return {
      settings: this.settings,
      bindings: this.bindings,
      columns: this.columns,
      themeName: this.theme.name,
      colourNote: !this.color
        ? "colour is off (NO_COLOR or --no-color): attributes only"
        : `the terminal shows ${this.depth === "truecolor" ? "truecolor" : `${this.depth} colours`}`,
      speed: this.speed,
      fps: this.fps,
      mouse: this.mouseWanted,
      configPath: this.configPath,
    };
  }

  /** Mouse reporting wanted (the config's `mouse`, on unless set false). */
  get mouseWanted(): boolean {
    return this.settings.mouse ?? true;
  }

  get sort(): SortKey {
    return this.tableView.sort;
  }

  get descending(): boolean {
    return this.tableView.descending;
  }

  get filter(): string {
    return this.tableView.filter;
  }

  get editingFilter(): boolean {
    return this.tableView.editingFilter;
  }

  get tree(): boolean {
    return this.tableView.tree;
  }

  private table(a: TableViewAction): void {
    this.tableView = tableViewReducer(this.tableView, a);
  }

  /** The chapter whose banner is up, if any. */
  get banner(): number | null {
    const a = this.announced;
    if (a === null) return null;
    if (!this.paused && this.frames - a.frame > BANNER_SECONDS * this.fps) return null;
    return a.index;
  }

  /** Announces a chapter the shown tick has just entered, moving forward. */
  private noteChapter(): void {
    const i = chapterIndexAt(this.chapters, this.kernel.now);
    if (i > this.chapterSeen) this.announced = { index: i, frame: this.frames };
    else if (i < this.chapterSeen && this.announced !== null && this.announced.index > i)
      this.announced = null;
    this.chapterSeen = i;
  }

  get message(): string | null {
    const n = this.note;
    if (n === null) return null;
    // Said while paused ("applies at the next tick"): stale once time has moved, by a step or a resume.
    if (n.paused && this.kernel.now !== n.tick) return null;
    if (!this.paused && this.frames - n.frame > MESSAGE_SECONDS * this.fps) return null;
    return n.text;
  }

  /** The view model for a terminal of `columns` × `rows`, built in full from one tick (cached until something changes). */
  view(columns: number, rows: number): DashboardView {
    const c = this.cached;
    if (c && c.columns === columns && c.rows === rows && c.version === this.version) return c.view;
    this.lastSize = { columns, rows };
    const built = buildView(this, columns, rows);
    this.selectedPid = built.placement.pid;
    this.selectedIndex = built.placement.index;
    this.scrollTop = built.placement.scrollTop;
    this.pageRows = built.placement.pageRows;
    this.order = built.order;
    if (built.view.schedule) this.schedView = { open: true, scroll: built.view.schedule.scroll };
    this.cached = { version: this.version, columns, rows, view: built.view };
    return built.view;
  }

  /** Selects process `pid` (demo scripts and tests; people use the arrow keys). */
  select(pid: number): void {
    this.selectedPid = pid;
    this.changed();
  }

  // ---- change notification (React subscribes through useSyncExternalStore) ----------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private changed(): void {
    this.noteChapter();
    this.version++;
    for (const l of this.listeners) l();
  }

  // ---- time -------------------------------------------------------------------------------

  /**
   * One frame: advances the live simulation by speed/fps ticks (nothing while paused) in
   * chunks, stopping early if `outOfTime` says the frame's budget is spent, then reads the
   * rate window ending at the new tick.
   * The headless driver passes no budget, so every frame simulates exactly its ticks.
   */
  tickFrame(outOfTime?: () => boolean): void {
    if (this.paused || this.quitRequested) return;
    const want = this.carry + this.speed / this.fps;
    const n = Math.floor(want);
    this.carry = want - n;
    let done = 0;
    while (done < n) {
      const step = Math.min(CHUNK, n - done);
      this.store.advance(step);
      done += step;
      if (done < n && outOfTime?.()) break;
    }
    this.achieved = n > 0 ? done / n : 1;
    this.frames++;
    this.readRates();
    this.changed();
  }

  private readRates(): void {
    this.liveRates = this.tracker.read(this.store.kernel, this.windowTicks, this.selectedPid);
  }

  private get frameTicks(): number {
    return frameTicks(this.speed, this.fps);
  }

  /** Shows the state at `tick` (the present when tick ≥ now), with its rates over the window before it. */
  private showPast(tick: number): void {
    const s = this.store;
    if (tick >= s.now) {
      this.past = null;
      return;
    }
    const t = Math.max(s.oldestTick, tick);
    const kernel = s.seek(t);
    const before = s.seek(Math.max(s.oldestTick, t - this.windowTicks));
    const upTo = <P extends { tick: number }>(h: Ring<P>): { points: P[]; total: number } => {
      const all = h.toArray();
      const points = all.filter((p) => p.tick <= t);
      return { points, total: h.total - (all.length - points.length) };
    };
    this.past = {
      kernel,
      rates: pastWindow(before, kernel),
      machine: upTo(this.tracker.machineHistory),
      system: upTo(this.tracker.systemHistory),
      process:
        this.tracker.historyPid === this.selectedPid
          ? upTo(this.tracker.processHistory)
          : { points: [], total: 0 },
    };
  }

  private rewind(frames: number): void {
    const from = this.kernel.now;
    const s = this.store;
    this.timeAct({
      type: "rewind",
      ticks: frames * this.frameTicks,
      now: s.now,
      oldest: s.oldestTick,
    });
    const target = this.kernel.now;
    if (target >= from) {
      this.say(`the oldest retained state is tick ${grouped(s.oldestTick)}`);
      return;
    }
    this.say(
      `tick ${grouped(target)}: ${grouped(s.now - target)} ticks ago (l: back to the present)`,
    );
  }

  private forward(frames: number): void {
    if (this.time.shown === null) {
      this.say("already at the present");
      return;
    }
    this.timeAct({ type: "forward", ticks: frames * this.frameTicks, now: this.store.now });
    this.say(this.past ? `tick ${grouped(this.past.kernel.now)}` : "back at the present");
  }

  private step(ticks: number): void {
    this.timeAct({ type: "pause" });
    if (this.time.shown !== null) {
      this.timeAct({ type: "forward", ticks, now: this.store.now });
      return;
    }
    this.store.advance(ticks);
    this.readRates();
  }

  /** Runs the simulation on to the start of the next chapter (or shows it, when it is in the retained past). */
  private nextChapter(): void {
    const now = this.kernel.now;
    const i = this.chapters.findIndex((c) => c.tick > now);
    if (i < 0) {
      this.say(
        this.chapters.length === 0
          ? "this scenario has no chapters"
          : `chapter ${this.chapters.length} of ${this.chapters.length} is the last`,
      );
      return;
    }
    const c = this.chapters[i];
    const s = this.store;
    // The chapter's commands apply as its first tick runs: show the machine after that tick,
    // so the header and columns already say what the chapter changed.
    const at = c.tick + 1;
    this.timeAct({ type: "show", tick: at, now: s.now, oldest: s.oldestTick });
    if (this.time.shown === null && at > s.now) {
      s.advance(at - s.now);
      this.readRates();
    }
    this.say(`chapter ${i + 1} of ${this.chapters.length} starts at tick ${grouped(c.tick)}`);
  }

  private setSpeed(dir: 1 | -1): void {
    const before = this.speed;
    this.timeAct({ type: "speed", dir });
    if (this.speed === before)
      this.say(
        `speed ${grouped(before)} ticks/s is the ${dir > 0 ? "fastest" : "slowest"} offered`,
      );
    else this.say(`speed ${grouped(this.speed)} ticks/s`);
  }

  // ---- commands -----------------------------------------------------------------------------

  /** Queues a command for the live kernel; refused (false) while the past is on screen. */
  private submit(c: Command): boolean {
    if (this.past) {
      this.say(
        `showing the past (tick ${grouped(this.past.kernel.now)}): press l for the present first`,
      );
      return false;
    }
    // Entries from earlier ticks have been applied; keep the map from growing.
    for (const [k, v] of this.pending) if (v.tick !== this.store.now) this.pending.delete(k);
    this.store.submit(c);
    this.say(
      `${describeCommand(c)}: sent${this.paused ? ", applies at the next tick (paused: s steps)" : ""}`,
    );
    return true;
  }

  /** The value of `key` as last asked for, if that command has not been applied yet. */
  private current(key: string, applied: number): number {
    const p = this.pending.get(key);
    return p !== undefined && p.tick === this.store.now ? p.value : applied;
  }

  private ask(key: string, value: number, c: Command): void {
    if (this.submit(c)) this.pending.set(key, { tick: this.store.now, value });
  }

  private withSelected(f: (pid: number) => void): void {
    const p = this.kernel.procs.get(this.selectedPid);
    if (!p) this.say("no process selected");
    else f(p.pid);
  }

  /** The tagged processes that still exist (tags of those gone are dropped). */
  private taggedNow(): number[] {
    for (const pid of this.tagged) if (!this.store.kernel.procs.has(pid)) this.tagged.delete(pid);
    return [...this.tagged].filter((pid) => this.kernel.procs.has(pid)).sort((a, b) => a - b);
  }

  /** What a signal or a nice change goes to: the tagged processes, or else the selected one. */
  private targets(): number[] {
    const tagged = this.taggedNow();
    if (tagged.length > 0) return tagged;
    return this.kernel.procs.has(this.selectedPid) ? [this.selectedPid] : [];
  }

  /** Sends one command per target; with several, one message for them all. */
  private toTargets(
    pids: readonly number[],
    what: string,
    command: (pid: number) => Command | null,
  ): void {
    if (pids.length === 0) {
      this.say("no process selected");
      return;
    }
    let sent = 0;
    for (const pid of pids) {
      const c = command(pid);
      if (c === null || !this.submit(c)) continue;
      sent++;
      // A second press before the tick applies this one builds on it.
      if (c.type === "renice")
        this.pending.set(`nice:${pid}`, { tick: this.store.now, value: c.nice });
    }
    if (pids.length > 1 && sent > 0)
      this.say(
        `${what} → ${sent} tagged processes: sent${this.paused ? ", applies at the next tick (paused: s steps)" : ""}`,
      );
  }

  /** `group`: to each target's whole process group (killpg: init's group 1 too). */
  private signal(sig: number, pids: readonly number[] = this.targets(), group = false): void {
    if (!group) {
      this.toTargets(pids, signalName(sig), (pid) => ({ type: "kill", pid, signal: sig }));
      return;
    }
    const pgids = new Set<number>();
    for (const pid of pids) {
      const pgid = this.kernel.procs.get(pid)?.pgid ?? 0;
      if (pgid > 0) pgids.add(pgid);
    }
    this.toTargets([...pgids], `${signalName(sig)} to the group`, (pgid) => ({
      type: "kill",
      pid: pgid,
      signal: sig,
      group: true,
    }));
  }

  /** Doubles (1) or halves (-1) the selected process's tickets. */
  private ticketsStep(dir: 1 | -1): void {
    this.withSelected((pid) => {
      const now = this.current(`tickets:${pid}`, this.kernel.procs.get(pid)!.tickets);
      const tickets = dir > 0 ? now * 2 : Math.floor(now / 2);
      if (tickets < 1 || tickets > MAX_TICKETS) this.say(`tickets stay within 1..${MAX_TICKETS}`);
      else this.ask(`tickets:${pid}`, tickets, { type: "setTickets", pid, tickets });
    });
  }

  /** Every core, then pinned to one core after another, then every core again. */
  private affinityStep(): void {
    this.withSelected((pid) => {
      const p = this.kernel.procs.get(pid)!;
      const n = this.kernel.running.length;
      const set = affinityCores(p, n);
      // -1 stands for every core.
      const now = this.current(
        `affinity:${pid}`,
        set.length === n ? -1 : set.length === 1 ? set[0] : n - 1,
      );
      const next = now < 0 ? Math.max(0, p.core >= 0 ? p.core : p.sched.lastCore) : now + 1;
      const cores = next >= n ? Array.from({ length: n }, (_, c) => c) : [next];
      this.ask(`affinity:${pid}`, next >= n ? -1 : next, { type: "setAffinity", pid, cores });
    });
  }

  private renice(delta: number): void {
    this.toTargets(this.targets(), `nice ${delta > 0 ? "+" : ""}${delta}`, (pid) => {
      const nice = this.current(`nice:${pid}`, this.kernel.procs.get(pid)!.nice) + delta;
      if (nice < -20 || nice > 19) {
        this.say("nice stays within -20..19");
        return null;
      }
      return { type: "renice", pid, nice };
    });
  }

  /** Tags the selected process and every descendant of it (htop's c). */
  private tagTree(): void {
    const procs = [...this.kernel.procs.values()];
    const add = [this.selectedPid];
    for (let i = 0; i < add.length; i++)
      for (const p of procs) if (p.ppid === add[i] && p.pid !== add[i]) add.push(p.pid);
    for (const pid of add) if (this.kernel.procs.has(pid)) this.tagged.add(pid);
    this.say(`${this.tagged.size} tagged`);
  }

  private quantumStep(dir: 1 | -1): void {
    const q = this.current("quantum", shownQuantum(this.kernel));
    const next = stepThrough(QUANTA, q, dir);
    if (next === undefined)
      this.say(`quantum ${q} is the ${dir > 0 ? "longest" : "shortest"} offered`);
    else {
      this.ask("quantum", next, { type: "setQuantum", quantum: next });
      // Under MLFQ the one number moves every level: say what they become.
      const note = quantumNote(this.kernel, next);
      if (note !== null && !this.past) this.say(`${note}: sent`);
    }
  }

  private say(text: string): void {
    this.note = { text, frame: this.frames, tick: this.kernel.now, paused: this.paused };
  }

  // ---- keys -------------------------------------------------------------------------------

  /** Raw terminal input (keys and mouse reports); the only way input reaches the dashboard. */
  press(raw: string): void {
    const inputs = this.input.read(raw);
    if (inputs.length === 0) return;
    // While the terminal has the keyboard every key but Esc is typed into it, Ctrl+C included:
    // a chunk of keys becomes one command, recorded in the session like any other. The mouse
    // is left alone then, so a click cannot act on the dashboard behind the keyboard's back.
    let typed = "";
    for (const i of inputs) {
      if (!this.terminalFocus) {
        if (typeof i === "string") this.key(i);
        else this.mouse(i);
      } else if (i === "escape") {
        this.typeIntoTerminal(typed);
        typed = "";
        this.terminalFocus = false;
        this.say(
          `the keyboard is the dashboard's again (${this.bindings.keysOf("terminal")[0] ?? "F2 can bind a key that"} gives it to tty1)`,
        );
      } else if (typeof i === "string") typed += terminalBytes(i) ?? "";
      this.stale = true;
    }
    this.stale = false;
    this.typeIntoTerminal(typed);
    this.changed();
  }

  /** Keystrokes for tty1; with nobody logged in on it, a shell logs in first. */
  private typeIntoTerminal(text: string): void {
    if (text === "") return;
    if (this.kernel.ttys[0].sid === 0 && this.past === null) {
      this.login();
      return;
    }
    if (this.past) {
      this.submit({ type: "type", text }); // refused, saying why
      return;
    }
    this.store.submit({ type: "type", text });
    if (this.paused) this.say("paused: tty1 gets the keys when time runs (Space)");
  }

  /** A shell logs in on tty1, as a getty would start one (once until it has). */
  private login(): void {
    if (this.loginAsked === this.store.now) return;
    if (this.submit({ type: "spawn", program: "sh", terminal: true }))
      this.loginAsked = this.store.now;
  }

  private quit(): void {
    if (this.quitRequested) return;
    this.quitRequested = true;
    this.onQuit?.();
  }

  private key(k: KeyName): void {
    // Any other key ends a PID search, as in htop.
    if (!DIGIT.test(k)) this.pidSearch = 0;
    if (ALWAYS.includes(k)) {
      this.quit();
      return;
    }
    // Suspending works whatever is open, as in other full-screen programs.
    if (this.bindings.actionFor(k) === "suspend") {
      this.onSuspend?.();
      return;
    }
    const { columns, rows } = this.lastSize;
    if (columns > 0 && tooSmall(columns, rows)) {
      // Nothing else is on screen to act on; only quitting and redrawing make sense.
      const a = this.bindings.actionFor(k);
      if (a === "quit" || a === "redraw") this.act(a);
      return;
    }
    // The setup screen is drawn over everything else and takes every key.
    if (this.overlay?.kind === "setup") return this.setupKey(k, this.overlay);
    if (this.editingFilter && this.filterKey(k)) return;
    if (this.eventLog.open && this.eventLogKey(k)) return;
    if (this.programView.open) {
      const r = programViewKey(
        this.programView,
        k,
        this.bindings.actionFor(k),
        this.kernel.running.length,
      );
      this.programView = r.state;
      if (r.used) return;
    }
    if (this.overlay && this.overlayKey(k)) return;
    const sv = this.schedView.open ? schedViewKey(k, this.bindings.actionFor(k)) : null;
    if (sv) return void (this.schedView = schedViewReducer(this.schedView, sv));
    const a = this.bindings.actionFor(k);
    if (a) this.act(a);
    else if (DIGIT.test(k)) this.searchPid(Number(k));
  }

  /**
   * htop's PID search: digits build up a PID and the selection moves to it once it is in the
   * table (1, 2: pid 1, then pid 12).
   */
  private searchPid(digit: number): void {
    const pid = this.pidSearch * 10 + digit;
    this.pidSearch = pid >= PID_SEARCH_MAX ? 0 : pid;
    const i = this.order.indexOf(pid);
    if (i >= 0) {
      this.move(i);
      this.say(`PID ${pid}`);
    } else this.say(`PID ${pid}: not in the table (type on, or another key to stop)`);
  }

  // ---- mouse ------------------------------------------------------------------------------

  /** A click of the left button or a notch of the wheel, on whatever the screen shows there. */
  private mouse(e: MouseEvent): void {
    if (e.release || e.motion) return;
    this.pidSearch = 0;
    const wheel = e.button === "wheelUp" ? -1 : e.button === "wheelDown" ? 1 : 0;
    if (wheel === 0 && e.button !== "left") return;
    const { columns, rows } = this.lastSize;
    if (columns === 0 || tooSmall(columns, rows)) return;
    if (this.stale) this.cached = null;
    const hit = hitTest(this.view(columns, rows), e.x, e.y);
    if (wheel !== 0) this.wheel(hit, wheel);
    else this.click(hit);
  }

  /** Presses the key of `action` `times` times (the wheel over what the arrow keys scroll). */
  private pressAction(action: Action, times: number): void {
    // The action's first key, as the bindings (a config's keys) have it.
    const k = this.bindings.keysOf(action)[0];
    if (k !== undefined) for (let i = 0; i < times; i++) this.key(k);
  }

  private wheel(hit: Hit, dir: 1 | -1): void {
    switch (hit.area) {
      case "row":
      case "heading":
      case "table":
        // As htop's wheel: the view and the selection move together.
        this.scrollTop = Math.max(0, this.scrollTop + dir * WHEEL_ROWS);
        this.move(this.selectedIndex + dir * WHEEL_ROWS);
        break;
      case "events":
        this.log({
          type: "scroll",
          by: -dir * WHEEL_ROWS,
          now: logEnd(this.eventLog, this.kernel.now),
        });
        break;
      case "menuItem":
      case "menu":
      case "cover":
        // The help, the log over the screen, the program and scheduling views and the menus
        // scroll with the arrow keys: the wheel presses them.
        this.pressAction(dir < 0 ? "up" : "down", WHEEL_ROWS);
        break;
      case "keybar":
      case "none":
        break;
    }
  }

  private click(hit: Hit): void {
    if (hit.area === "keybar") {
      if (hit.press !== null) this.key(hit.press);
      return;
    }
    const o = this.overlay;
    if (o !== null && o.kind !== "help") {
      // A side menu is open: an item is chosen as Enter would; a click beside the menu closes
      // it (and still selects the row or sorts by the heading it landed on).
      if (hit.area === "menuItem") {
        this.overlay = { ...o, index: hit.index };
        this.key("enter");
        return;
      }
      if (hit.area === "menu") return;
      this.overlay = null;
    }
    if (hit.area === "row") this.move(this.scrollTop + hit.index);
    else if (hit.area === "heading") this.table({ type: "sortColumn", key: hit.key });
  }

  /** Typing into the filter prompt; false lets the key through (moving the selection). */
  private filterKey(k: KeyName): boolean {
    if (k === "enter") this.table({ type: "filterKeep" });
    else if (k === "escape") this.table({ type: "filterClear" });
    else if (k === "backspace") this.table({ type: "filterErase" });
    else if (isText(k)) this.table({ type: "filterType", text: textOf(k) });
    else return !["up", "down", "pageup", "pagedown", "home", "end"].includes(k);
    return true;
  }

  private log(a: EventLogAction): void {
    this.eventLog = eventLogReducer(this.eventLog, a);
  }

  /** Moves the log to the next event matching its search, older (1) or newer (-1). */
  private findInLog(dir: 1 | -1, from = this.eventLog.back): void {
    const s = this.eventLog.search;
    if (s === "") {
      this.say("no search: / starts one");
      return;
    }
    const at = findEvent(this.store, this.kernel.now, this.eventLog, from, dir, s);
    if (at === null) this.say(`"${s}": no ${dir > 0 ? "older" : "newer"} match in the log`);
    else this.log({ type: "reveal", back: at, now: logEnd(this.eventLog, this.kernel.now) });
  }

  /** Keys while the event log is open over the screen; false lets a time key through. */
  private eventLogKey(k: KeyName): boolean {
    const l = this.eventLog;
    const now = logEnd(l, this.kernel.now);
    if (l.typing) {
      if (k === "enter") {
        this.log({ type: "searchKeep" });
        this.findInLog(1, l.back - 1);
      } else if (k === "escape") this.log({ type: "searchClear" });
      else if (k === "backspace") this.log({ type: "searchErase" });
      else if (isText(k)) this.log({ type: "searchType", text: textOf(k) });
      return true;
    }
    const a = this.bindings.actionFor(k);
    const page = Math.max(1, this.lastSize.rows - 10);
    if (k === "escape" || a === "quit" || a === "eventLog") this.log({ type: "close" });
    else if (a === "up") this.log({ type: "scroll", by: 1, now });
    else if (a === "down") this.log({ type: "scroll", by: -1, now });
    else if (a === "pageUp") this.log({ type: "scroll", by: page, now });
    else if (a === "pageDown") this.log({ type: "scroll", by: -page, now });
    else if (a === "last") this.log({ type: "newest" });
    else if (a === "first") {
      const count = this.store.recentEvents(Number.POSITIVE_INFINITY, now).length;
      this.log({ type: "oldest", now, count });
    } else if (k === "e") this.log({ type: "toggleAll" });
    else if (k === "f") this.log({ type: "toggleFollow", pid: this.selectedPid });
    else if (k === "/") this.log({ type: "searchStart" });
    else if (k === "n") this.findInLog(1);
    else if (k === "N") this.findInLog(-1);
    else return !LOG_PASSES.has(a);
    return true;
  }

  private overlayKey(k: KeyName): boolean {
    const o = this.overlay!;
    const a = this.bindings.actionFor(k);
    if (k === "escape" || a === "quit" || (o.kind === "help" && a === "help")) {
      this.overlay = null;
      return true;
    }
    if (o.kind === "help") {
      const { columns, rows } = this.lastSize;
      const help = computeLayout({
        columns,
        rows,
        cores: this.kernel.running.length,
        menuWidth: 0,
      });
      const max = help
        ? helpMaxScroll(
            columns,
            bodyRows(help),
            { list: this.chapters, current: chapterIndexAt(this.chapters, this.kernel.now) },
            this.bindings,
          )
        : 0;
      if (a === "down" || a === "pageDown")
        o.scroll = Math.min(max, o.scroll + (a === "down" ? 1 : 10));
      else if (a === "up" || a === "pageUp")
        o.scroll = Math.max(0, o.scroll - (a === "up" ? 1 : 10));
      else if (a === "first") o.scroll = 0;
      else if (a === "last") o.scroll = max;
      else this.overlay = null;
      return true;
    }
    if (o.kind === "signal" && DIGIT.test(k)) {
      // A signal by its number, as in htop's menu: 9 then Enter is kill -9.
      const typed = numberTyped(o.typed ?? 0, Number(k), SIGNAL_ORDER);
      const index = typed > 0 ? SIGNAL_ORDER.indexOf(typed) : o.index;
      this.overlay = { ...o, index, typed };
      return true;
    }
    // Any other key ends the number being typed.
    const menu = o.kind === "signal" ? { ...o, typed: 0 } : o;
    this.overlay = menu;
    const count = o.kind === "signal" ? SIGNAL_ORDER.length : this.kernel.programs.programs.length;
    const move: MenuMove | null =
      a === "down" || a === "up"
        ? a
        : a === "first" || a === "pageUp"
          ? "first"
          : a === "last" || a === "pageDown"
            ? "last"
            : null;
    // In the signal menu g means the group, not the first item.
    if (k === "g" && o.kind === "signal") this.overlay = { ...o, typed: 0, group: !o.group };
    else if (move !== null) this.overlay = { ...menu, index: menuReducer(o.index, move, count) };
    else if (k === "enter") {
      this.overlay = null;
      if (o.kind === "signal") this.signal(SIGNAL_ORDER[o.index], o.targets ?? [o.pid], o.group);
      else this.submit({ type: "spawn", program: this.kernel.programs.programs[o.index].name });
    }
    // Other keys do nothing while a menu is open, so a stray letter cannot act behind it.
    return true;
  }

  private move(to: number): void {
    if (this.order.length === 0) return;
    const i = Math.max(0, Math.min(this.order.length - 1, to));
    this.selectedIndex = i;
    this.selectedPid = this.order[i];
  }

  private sortBy(key: SortKey): void {
    this.table({ type: "sortBy", key });
  }

  private act(a: Action): void {
    switch (a) {
      case "up":
        this.move(this.selectedIndex - 1);
        break;
      case "down":
        this.move(this.selectedIndex + 1);
        break;
      case "pageUp":
        this.move(this.selectedIndex - this.pageRows);
        break;
      case "pageDown":
        this.move(this.selectedIndex + this.pageRows);
        break;
      case "first":
        this.move(0);
        break;
      case "last":
        this.move(this.order.length - 1);
        break;
      case "sortPrev":
      case "sortNext":
        this.table({
          type: "sortStep",
          dir: a === "sortNext" ? 1 : -1,
          set: {
            policy: this.kernel.policy.name,
            cores: coresMatter(this.kernel),
            jobs: jobControlInPlay(this.kernel),
          },
          columns: this.columns,
        });
        break;
      case "sortCpu":
        this.sortBy("cpu");
        break;
      case "sortMem":
        this.sortBy("res");
        break;
      case "sortTime":
        this.sortBy("time");
        break;
      case "sortPid":
        this.sortBy("pid");
        break;
      case "sortInvert":
        this.table({ type: "invert" });
        break;
      case "filter":
        this.table({ type: "filterStart" });
        break;
      case "tree":
        this.table({ type: "tree" });
        break;
      case "cacheScope":
        this.cacheScope = this.cacheScope === "machine" ? "process" : "machine";
        break;
      case "eventsAll":
        this.log({ type: "toggleAll" });
        break;
      case "page":
        this.corePage++;
        break;
      case "eventLog":
        this.overlay = null;
        this.log({ type: "open" });
        break;
      case "program":
        this.overlay = null;
        this.log({ type: "close" });
        this.programView = programViewReducer(this.programView, { type: "open" });
        break;
      case "schedView":
        this.schedView = schedViewReducer(this.schedView, { type: "toggle" });
        break;
      case "fork":
        this.withSelected((pid) => this.submit({ type: "fork", pid }));
        break;
      case "spawn":
        this.overlay = { kind: "spawn", index: 0 };
        break;
      case "sigint":
        this.signal(Signal.SIGINT);
        break;
      case "terminal":
        // The views drawn over the body would hide the panel the keys now go to.
        this.overlay = null;
        this.log({ type: "close" });
        this.programView = programViewReducer(this.programView, { type: "close" });
        this.schedView = SCHED_VIEW_CLOSED;
        this.terminalFocus = true;
        if (this.kernel.ttys[0].sid === 0) this.login();
        else this.say("the keyboard goes to tty1: Esc gives it back");
        break;
      case "signalMenu": {
        const targets = this.targets();
        if (targets.length === 0) this.say("no process selected");
        else
          this.overlay = {
            kind: "signal",
            pid: targets[0],
            targets,
            index: SIGNAL_ORDER.indexOf(Signal.SIGTERM),
          };
        break;
      }
      case "tag":
        if (this.kernel.procs.has(this.selectedPid)) {
          if (!this.tagged.delete(this.selectedPid)) this.tagged.add(this.selectedPid);
          this.move(this.selectedIndex + 1);
        }
        break;
      case "tagTree":
        this.tagTree();
        break;
      case "untagAll":
        this.tagged.clear();
        break;
      case "sigstop":
        this.signal(Signal.SIGSTOP);
        break;
      case "sigcont":
        this.signal(Signal.SIGCONT);
        break;
      case "niceDown":
        this.renice(-1);
        break;
      case "niceUp":
        this.renice(1);
        break;
      case "policy": {
        const i = this.current("policy", POLICY_NAMES.indexOf(this.kernel.policy.name));
        const next = (i + 1) % POLICY_NAMES.length;
        this.ask("policy", next, { type: "setPolicy", policy: POLICY_NAMES[next] });
        break;
      }
      case "ticketsDown":
        this.ticketsStep(-1);
        break;
      case "ticketsUp":
        this.ticketsStep(1);
        break;
      case "affinity":
        this.affinityStep();
        break;
      case "runQueues": {
        const perCore = this.current("runQueues", this.kernel.runQueueMode === "per-core" ? 1 : 0);
        const next = perCore === 1 ? 0 : 1;
        this.ask("runQueues", next, {
          type: "setRunQueues",
          queues: next === 1 ? "per-core" : "global",
        });
        break;
      }
      case "quantumDown":
        this.quantumStep(-1);
        break;
      case "quantumUp":
        this.quantumStep(1);
        break;
      case "pause":
        this.timeAct({ type: "togglePause" });
        break;
      case "stepTick":
        this.step(1);
        break;
      case "stepFrame":
        this.step(this.frameTicks);
        break;
      case "faster":
        this.setSpeed(1);
        break;
      case "slower":
        this.setSpeed(-1);
        break;
      case "rewind":
        this.rewind(1);
        break;
      case "rewindFar":
        this.rewind(10);
        break;
      case "forward":
        this.forward(1);
        break;
      case "forwardFar":
        this.forward(10);
        break;
      case "live":
        this.timeAct({ type: "live" });
        break;
      case "nextChapter":
        this.nextChapter();
        break;
      case "help":
        this.overlay = { kind: "help", scroll: 0 };
        break;
      case "setup":
        this.log({ type: "close" });
        this.overlay = { ...SETUP_OPENED };
        break;
      case "redraw":
        this.onRedraw?.();
        break;
      case "suspend":
        this.onSuspend?.();
        break;
      case "quit":
        this.quit();
        break;
    }
  }

  // ---- the setup screen (F2) ----------------------------------------------------------------

  /** Keys while the setup screen is open (a pure step: state/setup.ts); its changes show at once. */
  private setupKey(k: KeyName, o: SetupState): void {
    const step = setupKey(o, this.settings, k, this.bindings.actionFor(k), {
      speed: this.speed,
      fps: this.fps,
      theme: this.theme.name,
      mouse: this.mouseWanted,
      scenarios: this.scenarios,
      page: Math.max(1, this.lastSize.rows - 10),
    });
    const before = this.settings;
    const after = step.settings;
    this.settings = after;
    if (after.theme !== before.theme)
      this.theme = createTheme(this.color, { name: after.theme, depth: this.depth });
    if (after.speed !== before.speed && after.speed !== undefined)
      this.timeAct({ type: "setSpeed", speed: after.speed });
    if (after.fps !== before.fps && after.fps !== undefined) this.fps = after.fps;
    if (after.keys !== before.keys) this.bindings = new KeyBindings(after.keys);
    if (after.mouse !== before.mouse) this.onMouseChange?.(this.mouseWanted);
    if (step.say !== undefined) this.say(step.say);
    if (step.state === null) this.closeSetup(o);
    else this.overlay = step.state;
  }

  /** Closes the setup screen, saving the settings to the config file if any changed. */
  private closeSetup(o: SetupState): void {
    this.overlay = null;
    if (!o.changed) return;
    if (this.configPath === null || this.saveSettings === null) {
      this.say("settings apply to this run only (no config file: --no-config)");
      return;
    }
    try {
      this.saveSettings(this.settings);
      this.say(`settings saved to ${this.configPath}`);
    } catch (e) {
      this.say(`settings not saved: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
