// The view model: everything the panels draw, computed in full each frame from one kernel tick, its rate window and the UI state.

import type { Chapter } from "../scenario/types.js";
import type { RunQueueMode } from "../sim/commands.js";
import type { Kernel } from "../sim/kernel.js";
import type { ProcessState } from "../sim/process.js";
import type { CfsOptions } from "../sim/sched/policy.js";
import type { Store } from "../sim/store.js";
import { headerView, type MlfqLevels, processRows } from "../sim/view.js";
import type { RateWindow } from "../sim/window.js";
import { GANTT_LABEL } from "./draw/gantt.js";
import type { HelpChapters } from "./draw/help.js";
import { keyBarItemWidth } from "./draw/keybar.js";
import { niceCeil } from "./format.js";
import {
  type Action,
  actionFor,
  F_KEY_WORDS,
  F_KEYS,
  KEY_BAR,
  KEYMAP,
  KeyBindings,
  keyLabel,
} from "./keymap.js";
import type { KeyName } from "./keys.js";
import { computeLayout, type Layout, SIGNAL_MENU_WIDTH, SPAWN_MENU_WIDTH } from "./layout.js";
import { type MenuItem, signalItems, spawnItems } from "./menus.js";
import type { SystemHistory } from "./sampling.js";
import {
  type CachesModel,
  type HistoryView,
  machineCaches,
  processCaches,
} from "./selectors/caches.js";
import { type DetailsModel, selectDetails } from "./selectors/details.js";
import { type EventsModel, selectEvents } from "./selectors/events.js";
import { type GanttLegend, type GanttModel, selectGantt } from "./selectors/gantt.js";
import { type PipelineModel, selectPipeline } from "./selectors/pipeline.js";
import { type ProgramModel, programOf } from "./selectors/program.js";
import { type ScheduleModel, selectSchedule } from "./selectors/sched.js";
import { type SetupModel, type SetupSource, selectSetup } from "./selectors/setup.js";
import {
  type Column,
  columnsFor,
  orderRows,
  placeSelection,
  type SortKey,
  type TableRow,
} from "./selectors/table.js";
import { selectTerminal, type TerminalModel } from "./selectors/terminal.js";
import type { EventLogState } from "./state/eventLog.js";
import type { ProgramViewState } from "./state/programView.js";
import type { SchedViewState } from "./state/schedView.js";
import type { SetupState } from "./state/setup.js";
import type { Theme } from "./theme.js";

export type Mode = "live" | "paused" | "past";

export interface HeaderModel {
  tick: number;
  /** The scenario chapter reached at this tick, if any: its title, number (from 1) and the count. */
  chapter: ChapterView | null;
  mode: Mode;
  /** Ticks between the state shown and the present (past mode). */
  behind: number;
  speed: number;
  /** Ticks the rates cover (the window ending at `tick`). */
  window: number;
  /** Share of the wanted ticks the last frame managed (below 1 when the machine cannot keep up). */
  achieved: number;
  policy: string;
  quantum: number;
  mlfq: MlfqLevels | null;
  /** Under CFS its tunables (the header shows the target latency instead of a quantum). */
  cfs: CfsOptions | null;
  runQueues: RunQueueMode;
  load: [number, number, number];
  counts: Record<ProcessState, number>;
  total: number;
  cores: { utilisation: number; pid: number }[];
  framesUsed: number;
  framesTotal: number;
  ipc: number;
  /** CPU time of processes that exited in the window, percent of one core. */
  exitedPercent: number;
  cpu: "ideal" | "pipeline";
  /** L1 (both sides), L2, L3 hit rates over the window; null with the ideal CPU. */
  caches: { name: string; rate: number }[] | null;
  amat: number | null;
  history: SystemHistory;
}

export interface ChapterView {
  title: string;
  number: number;
  of: number;
}

export interface TableModel {
  /** A chapter that has just started, shown across the table's status line for a few seconds. */
  banner: ChapterView | null;
  columns: Column[];
  /** Only the rows on screen. */
  rows: TableRow[];
  /** Position of the selected row among `rows`, -1 if none is on screen. */
  selected: number;
  /** Rows after filtering, and processes in the kernel. */
  shown: number;
  total: number;
  firstShown: number;
  sort: SortKey;
  descending: boolean;
  filter: string;
  tree: boolean;
  message: string | null;
  /** Tagged processes (drawn apart; signals and nice go to them all). */
  tagged: ReadonlySet<number>;
}

export type OverlayModel =
  | { kind: "help"; scroll: number; chapters: HelpChapters; bindings?: KeyBindings }
  | { kind: "setup"; model: SetupModel }
  | {
      kind: "signal";
      pid: number;
      name: string;
      /** How many processes the signal goes to (the tagged ones), 1 for the selected alone. */
      count: number;
      index: number;
      items: MenuItem[];
      /** To the process's whole group (kill -pgid): its id and how many live members it has. */
      group: { pgid: number; members: number } | null;
    }
  | { kind: "spawn"; index: number; items: MenuItem[] };

export interface KeyBarModel {
  /** The filter being typed, when the prompt is open. */
  prompt: string | null;
  /** Each entry's key as shown, its word, and the key a click on it presses (null: none). */
  items: { key: string; text: string; press: KeyName | null }[];
}

export interface DashboardView {
  columns: number;
  rows: number;
  layout: Layout | null;
  theme: Theme;
  header: HeaderModel;
  table: TableModel;
  /** Null where the layout has no room for the panel. */
  details: DetailsModel | null;
  pipeline: PipelineModel | null;
  caches: CachesModel | null;
  gantt: GanttModel | null;
  /** The event log, in its panel or over the body (`eventLogOpen`); null when neither is shown. */
  events: EventsModel | null;
  eventLogOpen: boolean;
  /** The program view over the body (key o); null when it is closed. */
  program: ProgramModel | null;
  /** Page shown by the panels that page (Tab): cores of the pipeline and Gantt, the legend. */
  corePage: number;
  keybar: KeyBarModel;
  overlay: OverlayModel | null;
  /** The scheduling view, when open (it takes the table's place). */
  schedule: ScheduleModel | null;
  /**
   * The terminal panel: in the details panel's place while a session holds tty1 or the
   * keyboard is there, or over the body when the layout has no details panel and it has the
   * keyboard; null otherwise.
   */
  terminal: TerminalModel | null;
}

export type OverlayState =
  | { kind: "help"; scroll: number }
  /**
   * `pid`: the process whose dispositions the menu shows; `targets`: every process the signal
   * goes to (the tagged ones), when not just `pid`. `typed`: the number being typed, 0 for none.
   * `group`: to each target's whole process group instead.
   */
  | {
      kind: "signal";
      index: number;
      pid: number;
      targets?: readonly number[];
      typed?: number;
      group?: boolean;
    }
  | { kind: "spawn"; index: number }
  | SetupState;

/** What the controller knows that the view needs (read-only here, except the placement). */
export interface ViewState {
  store: Store;
  chapters: readonly Chapter[];
  theme: Theme;
  kernel: Kernel;
  /** The rate window ending at the kernel's tick. */
  rates: RateWindow;
  /** Cache history up to the kernel's tick: the machine's, and the selected process's. */
  machineHistory: HistoryView;
  processHistory: HistoryView;
  /** CPU per core, memory and load over time, up to the kernel's tick (the header's sparklines). */
  systemHistory: SystemHistory;
  mode: Mode;
  speed: number;
  fps: number;
  achieved: number;
  sort: SortKey;
  descending: boolean;
  filter: string;
  editingFilter: boolean;
  tree: boolean;
  selectedPid: number;
  selectedIndex: number;
  scrollTop: number;
  tagged: ReadonlySet<number>;
  cacheScope: "machine" | "process";
  eventLog: EventLogState;
  programView: ProgramViewState;
  corePage: number;
  overlay: OverlayState | null;
  message: string | null;
  legend: GanttLegend;
  schedView: SchedViewState;
  /** The chapter announced in the table's status line, while its banner lasts. */
  banner: number | null;
  /** The keyboard goes to the simulated terminal (key !; Esc gives it back). */
  terminalFocus: boolean;
  /** Which key runs which action (the key bar and help show the keys bound). */
  bindings?: KeyBindings;
  /** The table's columns a config chose, in order (null or absent: all). */
  columns?: readonly SortKey[] | null;
  /** What the setup screen shows; absent where there is none (a test's bare state). */
  setup?: SetupSource;
}

/** Ticks per Gantt column: the chart fills about two columns a frame (1-2-5 rounded), slow enough to read. */
function ganttScale(speed: number, fps: number): number {
  return niceCeil(Math.max(1, speed / fps / 2));
}

function ganttOf(state: ViewState, layout: Layout | null): GanttModel | null {
  if (!layout?.gantt) return null;
  const k = state.kernel;
  const cols = Math.max(10, layout.gantt.width - GANTT_LABEL);
  const gantt = selectGantt(k, state.legend, cols, ganttScale(state.speed, state.fps));
  const inWindow = new Set(gantt.legend.map((l) => l.pid));
  state.legend.prune((pid) => k.procs.has(pid) || inWindow.has(pid));
  return gantt;
}

function pipelineOf(state: ViewState, layout: Layout | null): PipelineModel | null {
  return layout?.pipeline ? selectPipeline(state.kernel, state.rates) : null;
}

/** Rows between the header and the key bar. */
export function bodyRows(layout: Layout): number {
  return layout.height - layout.header.height - layout.keybar.height;
}

function eventsOf(state: ViewState, layout: Layout | null): EventsModel | null {
  if (layout === null) return null;
  const height = state.eventLog.open ? bodyRows(layout) : (layout.events?.height ?? 0);
  if (height === 0) return null;
  return selectEvents(state.store, height - 1, state.kernel.now, state.eventLog);
}

/** Index of the last chapter that has started at `tick` (-1 before the first). */
export function chapterIndexAt(chapters: readonly Chapter[], tick: number): number {
  let i = -1;
  while (i + 1 < chapters.length && chapters[i + 1].tick <= tick) i++;
  return i;
}

function chapterView(chapters: readonly Chapter[], i: number | null): ChapterView | null {
  if (i === null || i < 0 || i >= chapters.length) return null;
  return { title: chapters[i].title, number: i + 1, of: chapters.length };
}

/** The process group of `pid`: its id and live members (none if the process is gone). */
export function groupOf(k: Kernel, pid: number): { pgid: number; members: number } {
  const pgid = k.procs.get(pid)?.pgid ?? 0;
  let members = 0;
  for (const p of k.procs.values()) if (p.pgid === pgid && p.state !== "zombie") members++;
  return { pgid, members };
}

/** Whether job control is in play: a terminal has a session, or processes span sessions. */
export function jobControlInPlay(k: Kernel): boolean {
  if (k.ttys.some((t) => t.sid !== 0)) return true;
  let sid = -1;
  for (const p of k.procs.values()) {
    if (sid >= 0 && p.sid !== sid) return true;
    sid = p.sid;
  }
  return false;
}

/** The keymap as shipped, for a state that carries no bindings of its own. */
const DEFAULT_BINDINGS = new KeyBindings();

/** The key bar while the keyboard is the terminal's: how to get it back, what goes where. */
const TERMINAL_BAR: KeyBarModel = {
  prompt: null,
  items: [
    { key: "Esc", text: "Back to simtop", press: null },
    { key: "^C ^Z ^\\ ^D", text: "Go to tty1", press: null },
  ],
};

type KeyBarItem = KeyBarModel["items"][number];

/** htop's F-key entries: each F-key bound to an action with a word (one entry per action, the last F-key of it). */
function fKeyItems(bindings?: KeyBindings): { action: Action; item: KeyBarItem }[] {
  // The F-keys as a config's bindings have them (an F-key given to another action names it).
  const actionOf = (k: KeyName): Action | undefined =>
    bindings ? bindings.actionFor(k) : actionFor(k);
  const out: { action: Action; item: KeyBarItem }[] = [];
  for (const [i, k] of F_KEYS.entries()) {
    const action = actionOf(k);
    if (action === undefined || F_KEYS.slice(i + 1).some((l) => actionOf(l) === action)) continue;
    const text = F_KEY_WORDS[action] ?? KEYMAP.find((b) => b.action === action)?.bar?.text;
    if (text !== undefined) out.push({ action, item: { key: k.toUpperCase(), text, press: k } });
  }
  return out;
}

function keybar(state: ViewState, width: number): KeyBarModel {
  if (state.editingFilter) return { prompt: state.filter, items: [] };
  if (state.terminalFocus) return TERMINAL_BAR;
  const live = state.mode === "live";
  const tty = state.kernel.ttys.some((t) => t.sid !== 0);
  const letters: { action: Action; item: KeyBarItem }[] = [];
  for (const action of KEY_BAR) {
    const binding = KEYMAP.find((b) => b.action === action);
    const bar = binding?.bar;
    if (!bar) continue;
    if (bar.when === "tty" ? !tty : bar.when !== undefined && (bar.when === "live") !== live)
      continue;
    // Keys a config gave the action are shown instead (no key, no entry).
    const own = state.bindings?.overridden(action) ? state.bindings.keysOf(action) : null;
    const press = (own ?? binding.keys)[0];
    if (press === undefined) continue;
    const key = own !== null ? keyLabel(press) : bar.key;
    const text = bar.text === "Pause" && !live ? "Run" : bar.text;
    letters.push({ action, item: { key, text, press } });
  }
  // Where it all fits: htop's F-keys first and quit last, simtop's own keys between them.
  const f = fKeyItems(state.bindings);
  const last = f.at(-1);
  if (last !== undefined) {
    const own = letters.filter((l) => !f.some((e) => e.action === l.action));
    const wide = [...f.slice(0, -1), ...own, last].map((e) => e.item);
    if (wide.reduce((n, i) => n + keyBarItemWidth(i), 0) <= width)
      return { prompt: null, items: wide };
  }
  return { prompt: null, items: letters.map((l) => l.item) };
}

/** Width of the side menu an overlay needs, 0 for none. */
function menuWidth(overlay: OverlayState | null): number {
  if (overlay?.kind === "signal") return SIGNAL_MENU_WIDTH;
  if (overlay?.kind === "spawn") return SPAWN_MENU_WIDTH;
  return 0;
}

function scheduleOf(state: ViewState, layout: Layout | null): ScheduleModel | null {
  // A menu, the help or the event log opened on top takes the screen (their keys come first).
  if (!state.schedView.open || layout === null || state.overlay !== null || state.eventLog.open)
    return null;
  return selectSchedule(state.kernel, state.chapters, state.schedView.scroll, bodyRows(layout) - 1);
}

export interface BuiltView {
  view: DashboardView;
  /** Where the selection ended up (the controller keeps it for the next frame). */
  placement: { pid: number; index: number; scrollTop: number; pageRows: number };
  /** PIDs in display order (for moving the selection). */
  order: number[];
}

export function buildView(state: ViewState, columns: number, rows: number): BuiltView {
  const k = state.kernel;
  const w = state.rates;
  const layout = computeLayout({
    columns,
    rows,
    cores: k.running.length,
    menuWidth: menuWidth(state.overlay),
  });
  const h = headerView(k, w);
  const header: HeaderModel = {
    ...h,
    chapter: chapterView(state.chapters, chapterIndexAt(state.chapters, k.now)),
    mode: state.mode,
    behind: state.store.now - k.now,
    speed: state.speed,
    achieved: state.achieved,
    cpu: k.cpu.kind,
    history: state.systemHistory,
  };

  // Table: every row is computed (filter and sort need them), only the visible ones are kept.
  const tableRect = layout?.table ?? { width: columns, height: Math.max(1, rows - 6) };
  // Two lines of the table are its status line and the column headings.
  const bodyRows = Math.max(1, tableRect.height - 2);
  const order = orderRows(
    processRows(k, w),
    state.sort,
    state.descending,
    state.filter,
    state.tree,
  );
  const place = placeSelection(
    order,
    state.selectedPid,
    state.selectedIndex,
    state.scrollTop,
    bodyRows,
  );
  const visible = order.slice(place.scrollTop, place.scrollTop + bodyRows);
  const table: TableModel = {
    banner: chapterView(state.chapters, state.banner),
    columns: columnsFor(
      tableRect.width,
      { policy: h.policy, cores: h.coresMatter, jobs: jobControlInPlay(k) },
      state.columns,
    ),
    rows: visible,
    selected: place.index >= 0 ? place.index - place.scrollTop : -1,
    shown: order.length,
    total: k.procs.size,
    firstShown: place.scrollTop,
    sort: state.sort,
    descending: state.descending,
    filter: state.filter,
    tree: state.tree,
    message: state.message,
    // Tags of processes that have gone (or not yet been born, in the past) are not shown.
    tagged: new Set([...state.tagged].filter((pid) => k.procs.has(pid))),
  };

  const details = layout?.details ? selectDetails(k, place.pid) : null;
  const pipeline = pipelineOf(state, layout);
  let caches: CachesModel | null = null;
  if (layout?.caches) {
    const p = k.procs.get(place.pid);
    if (k.hierarchy === null) caches = { kind: "none" };
    else if (state.cacheScope === "machine") caches = machineCaches(k, w, state.machineHistory);
    else caches = p ? processCaches(p, w, state.processHistory) : { kind: "noProcess" };
  }
  const gantt = ganttOf(state, layout);
  const terminal =
    layout !== null && (state.terminalFocus || (layout.details !== null && k.ttys[0].sid !== 0))
      ? selectTerminal(
          k,
          state.terminalFocus,
          layout.details?.height ?? layout.height - layout.header.height - layout.keybar.height,
          keyLabel((state.bindings ?? DEFAULT_BINDINGS).keysOf("terminal")[0] ?? ""),
        )
      : null;
  const events = eventsOf(state, layout);

  let overlay: OverlayModel | null = null;
  const o = state.overlay;
  if (o?.kind === "help")
    overlay = {
      kind: "help",
      scroll: o.scroll,
      chapters: { list: state.chapters, current: chapterIndexAt(state.chapters, k.now) },
      ...(state.bindings ? { bindings: state.bindings } : {}),
    };
  else if (o?.kind === "setup" && state.setup)
    overlay = { kind: "setup", model: selectSetup(state.setup, o, state.message) };
  else if (o?.kind === "signal")
    overlay = {
      kind: "signal",
      pid: o.pid,
      name: k.procs.get(o.pid)?.name ?? "(gone)",
      count: o.targets?.length ?? 1,
      index: o.index,
      items: signalItems(k, o.pid),
      group: o.group ? groupOf(k, o.pid) : null,
    };
  else if (o?.kind === "spawn") overlay = { kind: "spawn", index: o.index, items: spawnItems(k) };

  return {
    view: {
      columns,
      rows,
      layout,
      theme: state.theme,
      header,
      table,
      details,
      pipeline,
      caches,
      gantt,
      events,
      eventLogOpen: state.eventLog.open,
      program: layout && programOf(k, place.pid, state.programView, layout),
      corePage: state.corePage,
      keybar: keybar(state, layout?.width ?? columns),
      overlay,
      schedule: scheduleOf(state, layout),
      terminal,
    },
    placement: {
      pid: place.pid,
      index: place.index,
      scrollTop: place.scrollTop,
      pageRows: bodyRows,
    },
    order: order.map((r) => r.pid),
  };
}
