// The view model: everything the panels draw, computed in full each frame from one kernel tick, its rate window and the UI state.
import type { Chapter } from "../scenario/types.js";
import type { Kernel } from "../sim/kernel.js";
import type { ProcessState } from "../sim/process.js";
import type { Store } from "../sim/store.js";
import { headerView, type MlfqLevels, processRows } from "../sim/view.js";
import type { RateWindow } from "../sim/window.js";
import { GANTT_LABEL } from "./draw/gantt.js";
import { niceCeil } from "./format.js";
import { KEY_BAR, KEYMAP } from "./keymap.js";
import { computeLayout, type Layout, SIGNAL_MENU_WIDTH, SPAWN_MENU_WIDTH } from "./layout.js";
import { type MenuItem, signalItems, spawnItems } from "./menus.js";
import {
  type CachesModel,
  type HistoryView,
  machineCaches,
  processCaches,
} from "./selectors/caches.js";
import { type DetailsModel, selectDetails } from "./selectors/details.js";
import { type EventLine, selectEvents } from "./selectors/events.js";
import { type GanttLegend, type GanttModel, selectGantt } from "./selectors/gantt.js";
import { type PipelineModel, selectPipeline } from "./selectors/pipeline.js";
import { type ScheduleModel, selectSchedule } from "./selectors/sched.js";
import {
  type Column,
  columnsFor,
  orderRows,
  placeSelection,
  type SortKey,
  type TableRow,
} from "./selectors/table.js";
import type { SchedViewState } from "./state/schedView.js";
import type { Theme } from "./theme.js";

export type Mode = "live" | "paused" | "past";

export interface HeaderModel {
  tick: number;
  /** The title of the scenario chapter reached at this tick, if any. */
  chapter: string | null;
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
}

export interface TableModel {
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
}

export type OverlayModel =
  | { kind: "help"; scroll: number }
  | { kind: "signal"; pid: number; name: string; index: number; items: MenuItem[] }
  | { kind: "spawn"; index: number; items: MenuItem[] };

export interface KeyBarModel {
  /** The filter being typed, when the prompt is open. */
  prompt: string | null;
  items: { key: string; text: string }[];
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
  events: EventLine[];
  eventsAll: boolean;
  keybar: KeyBarModel;
  overlay: OverlayModel | null;
  /** The scheduling view, when open (it takes the table's place). */
  schedule: ScheduleModel | null;
}

export type OverlayState =
  | { kind: "help"; scroll: number }
  | { kind: "signal"; index: number; pid: number }
  | { kind: "spawn"; index: number };

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
  cacheScope: "machine" | "process";
  eventsAll: boolean;
  overlay: OverlayState | null;
  message: string | null;
  legend: GanttLegend;
  schedView: SchedViewState;
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

function eventsOf(state: ViewState, layout: Layout | null): EventLine[] {
  const eventRows = layout?.events ? layout.events.height - 1 : 0;
  // An event is stamped with the tick during which it happened: at tick t the kernel shows the
  // world after ticks 0..t-1, so a frame of tick t lists the events before t (also in the past).
  return selectEvents(state.store, eventRows, state.kernel.now - 1, state.eventsAll);
}

/** The chapter reached at the tick shown. */
function chapterAt(state: ViewState): string | null {
  let chapter: string | null = null;
  for (const c of state.chapters) if (c.tick <= state.kernel.now) chapter = c.title;
  return chapter;
}

function keybar(state: ViewState): KeyBarModel {
  if (state.editingFilter) return { prompt: state.filter, items: [] };
  const live = state.mode === "live";
  const items: { key: string; text: string }[] = [];
  for (const action of KEY_BAR) {
    const bar = KEYMAP.find((b) => b.action === action)?.bar;
    if (!bar || (bar.when !== undefined && (bar.when === "live") !== live)) continue;
    items.push({ key: bar.key, text: bar.text === "Pause" && !live ? "Run" : bar.text });
  }
  return { prompt: null, items };
}

/** Width of the side menu an overlay needs, 0 for none. */
function menuWidth(overlay: OverlayState | null): number {
  if (overlay?.kind === "signal") return SIGNAL_MENU_WIDTH;
  if (overlay?.kind === "spawn") return SPAWN_MENU_WIDTH;
  return 0;
}

function scheduleOf(state: ViewState, layout: Layout | null): ScheduleModel | null {
  // A menu or help opened on top takes the screen (their keys come first).
  if (!state.schedView.open || layout === null || state.overlay !== null) return null;
  const body = layout.height - layout.header.height - layout.keybar.height;
  return selectSchedule(state.kernel, state.chapters, state.schedView.scroll, body - 1);
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
    chapter: chapterAt(state),
    mode: state.mode,
    behind: state.store.now - k.now,
    speed: state.speed,
    achieved: state.achieved,
    cpu: k.cpu.kind,
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
    columns: columnsFor(tableRect.width, h.mlfq !== null),
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
  const events = eventsOf(state, layout);

  let overlay: OverlayModel | null = null;
  const o = state.overlay;
  if (o?.kind === "help") overlay = { kind: "help", scroll: o.scroll };
  else if (o?.kind === "signal")
    overlay = {
      kind: "signal",
      pid: o.pid,
      name: k.procs.get(o.pid)?.name ?? "(gone)",
      index: o.index,
      items: signalItems(k, o.pid),
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
      eventsAll: state.eventsAll,
      keybar: keybar(state),
      overlay,
      schedule: scheduleOf(state, layout),
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
