// Every key of the dashboard in one table: the input dispatcher, the help screen and the key bar read it.
import type { KeyName } from "./keys.js";

export type Action =
  | "up"
  | "down"
  | "pageUp"
  | "pageDown"
  | "first"
  | "last"
  | "sortPrev"
  | "sortNext"
  | "sortCpu"
  | "sortMem"
  | "sortTime"
  | "sortPid"
  | "sortInvert"
  | "filter"
  | "tree"
  | "cacheScope"
  | "eventsAll"
  | "schedView"
  | "eventLog"
  | "program"
  | "page"
  | "nextChapter"
  | "fork"
  | "spawn"
  | "tag"
  | "tagTree"
  | "untagAll"
  | "sigint"
  | "terminal"
  | "signalMenu"
  | "sigstop"
  | "sigcont"
  | "niceDown"
  | "niceUp"
  | "policy"
  | "ticketsDown"
  | "ticketsUp"
  | "affinity"
  | "runQueues"
  | "quantumDown"
  | "quantumUp"
  | "pause"
  | "stepTick"
  | "stepFrame"
  | "faster"
  | "slower"
  | "rewind"
  | "forward"
  | "rewindFar"
  | "forwardFar"
  | "live"
  | "help"
  | "redraw"
  | "suspend"
  | "quit";

export type KeyGroup = "Move" | "Sort and view" | "Processes" | "Scheduler" | "Time" | "General";

export interface KeyBinding {
  action: Action;
  keys: readonly KeyName[];
  group: KeyGroup;
  help: string;
  /** Short label for the key bar, with the key to show there ("tty": while a terminal is in use). */
  bar?: { key: string; text: string; when?: "live" | "paused" | "tty" };
}

export const KEYMAP: readonly KeyBinding[] = [
  { action: "up", keys: ["up", "k"], group: "Move", help: "select the process above" },
  { action: "down", keys: ["down", "j"], group: "Move", help: "select the process below" },
  { action: "pageUp", keys: ["pageup"], group: "Move", help: "one page up" },
  { action: "pageDown", keys: ["pagedown"], group: "Move", help: "one page down" },
  { action: "first", keys: ["home", "g"], group: "Move", help: "first process" },
  { action: "last", keys: ["end", "G"], group: "Move", help: "last process" },
  {
    action: "sortPrev",
    keys: ["<"],
    group: "Sort and view",
    help: "sort by the column to the left",
  },
  {
    action: "sortNext",
    keys: [">", "f6"],
    group: "Sort and view",
    help: "sort by the column to the right",
  },
  { action: "sortCpu", keys: ["P"], group: "Sort and view", help: "sort by %CPU" },
  { action: "sortMem", keys: ["M"], group: "Sort and view", help: "sort by resident memory" },
  { action: "sortTime", keys: ["T"], group: "Sort and view", help: "sort by CPU time" },
  { action: "sortPid", keys: ["N"], group: "Sort and view", help: "sort by PID" },
  { action: "sortInvert", keys: ["I"], group: "Sort and view", help: "invert the sort order" },
  {
    action: "filter",
    keys: ["/", "f3", "\\", "f4"],
    group: "Sort and view",
    help: "filter by name, pid or state (type, Enter keeps, Esc clears)",
    bar: { key: "/", text: "Filter" },
  },
  {
    action: "tree",
    keys: ["t", "f5"],
    group: "Sort and view",
    help: "tree view: children under their parent (fork lineage)",
    bar: { key: "t", text: "Tree" },
  },
  {
    action: "cacheScope",
    keys: ["v"],
    group: "Sort and view",
    help: "caches panel: whole machine or selected process",
  },
  {
    action: "eventsAll",
    keys: ["e"],
    group: "Sort and view",
    help: "event log: lifecycle and signals, or every event",
  },
  {
    action: "schedView",
    keys: ["w"],
    group: "Sort and view",
    help: "scheduling view: each job's response, turnaround and wait per chapter (scheduler.py -c)",
  },
  {
    action: "page",
    keys: ["tab"],
    group: "Sort and view",
    help: "next page of cores (pipeline, Gantt) and of the Gantt legend when they do not fit",
  },
  {
    action: "eventLog",
    keys: ["L"],
    group: "Sort and view",
    help: "event log over the whole screen: scroll it, search it, follow one process",
    bar: { key: "L", text: "Log" },
  },
  {
    action: "program",
    keys: ["o"],
    group: "Sort and view",
    help: "the selected process's program at its pc, and a core's pipeline diagram",
  },
  {
    action: "fork",
    keys: ["f"],
    group: "Processes",
    help: "fork the selected process (the child is a copy, copy-on-write)",
    bar: { key: "f", text: "Fork" },
  },
  {
    action: "spawn",
    keys: ["n"],
    group: "Processes",
    help: "start a new process from the program library (picker)",
    bar: { key: "n", text: "New" },
  },
  {
    action: "tag",
    // htop tags with Space, which pauses here.
    keys: ["x"],
    group: "Processes",
    help: "tag or untag the selected process and move down; signals and nice then go to every tagged one (htop: Space)",
  },
  {
    action: "tagTree",
    keys: ["X"],
    group: "Processes",
    help: "tag the selected process and all its descendants (htop: c)",
  },
  { action: "untagAll", keys: ["U"], group: "Processes", help: "untag every process (as htop)" },
  {
    action: "sigint",
    keys: ["i"],
    group: "Processes",
    help: "send SIGINT to the selected (or tagged) processes, as Ctrl+C in a terminal would",
    bar: { key: "i", text: "SIGINT" },
  },
  {
    action: "terminal",
    keys: ["!"],
    group: "Processes",
    help: "type into the terminal (tty1): every key goes to it, Ctrl+C and Ctrl+Z too; Esc gives the keyboard back (a shell logs in if nobody has)",
    bar: { key: "!", text: "Term", when: "tty" },
  },
  {
    action: "signalMenu",
    keys: ["f9", "K"],
    group: "Processes",
    help: "choose a signal for the selected (or tagged) processes: ↑↓, or type its number (9 SIGKILL); g in the menu: to the whole process group",
    bar: { key: "K", text: "Signal" },
  },

  {
    action: "sigstop",
    keys: ["z"],
    group: "Processes",
    help: "stop the selected (or tagged) processes (SIGSTOP)",
    bar: { key: "z", text: "Stop" },
  },
  {
    action: "sigcont",
    keys: ["c"],
    group: "Processes",
    help: "continue the selected (or tagged) processes (SIGCONT)",
    bar: { key: "c", text: "Cont" },
  },
  {
    action: "niceDown",
    keys: ["]", "f7"],
    group: "Processes",
    help: "nice -1: raise the priority (of the tagged processes, if any)",
  },
  {
    action: "niceUp",
    keys: ["[", "f8"],
    group: "Processes",
    help: "nice +1: lower the priority (of the tagged processes, if any)",
  },
  {
    action: "policy",
    keys: ["p"],
    group: "Scheduler",
    help: "next scheduling policy: fcfs, sjf, priority, rr, mlfq, lottery, stride, cfs",
    bar: { key: "p", text: "Policy" },
  },
  {
    action: "ticketsDown",
    keys: ["("],
    group: "Scheduler",
    help: "halve the selected process's tickets (lottery, stride)",
  },
  {
    action: "ticketsUp",
    keys: [")"],
    group: "Scheduler",
    help: "double the selected process's tickets (lottery, stride)",
  },
  {
    action: "affinity",
    keys: ["a"],
    group: "Scheduler",
    help: "CPU affinity of the selected process: every core, then pinned to one core after another",
  },
  {
    action: "runQueues",
    keys: ["Q"],
    group: "Scheduler",
    help: "run queues: one global queue, or one per core (balancing and stealing move processes)",
  },
  {
    action: "quantumDown",
    keys: ["{"],
    group: "Scheduler",
    help: "shorter time quantum (rr, priority, lottery, stride); mlfq: top level's slice, all scaled; cfs: target latency",
  },
  {
    action: "quantumUp",
    keys: ["}"],
    group: "Scheduler",
    help: "longer time quantum (rr, priority, lottery, stride); mlfq: top level's slice, all scaled; cfs: target latency",
  },
  {
    action: "pause",
    keys: ["space"],
    group: "Time",
    help: "pause or resume the simulation (resuming returns to live)",
    bar: { key: "Spc", text: "Pause" },
  },
  {
    action: "stepTick",
    keys: ["s"],
    group: "Time",
    help: "while paused: one tick forward",
    bar: { key: "s", text: "Step", when: "paused" },
  },
  { action: "stepFrame", keys: ["S"], group: "Time", help: "while paused: one frame forward" },
  {
    action: "faster",
    keys: ["+", "="],
    group: "Time",
    help: "faster (more ticks per second)",
    bar: { key: "+-", text: "Speed", when: "live" },
  },
  { action: "slower", keys: ["-"], group: "Time", help: "slower (fewer ticks per second)" },
  {
    action: "rewind",
    keys: ["left"],
    group: "Time",
    help: "pause and go back one frame in the retained history",
    bar: { key: "←→", text: "Rewind" },
  },
  {
    action: "forward",
    keys: ["right"],
    group: "Time",
    help: "while looking at the past: one frame forward",
  },
  { action: "rewindFar", keys: ["shift+left"], group: "Time", help: "go back ten frames" },
  { action: "forwardFar", keys: ["shift+right"], group: "Time", help: "go forward ten frames" },
  {
    action: "nextChapter",
    keys: ["C"],
    group: "Time",
    help: "run on to the next chapter of the scenario (the chapters are listed below)",
  },
  {
    action: "live",
    keys: ["l"],
    group: "Time",
    help: "back to the present (stays paused)",
    bar: { key: "l", text: "Live", when: "paused" },
  },
  {
    action: "help",
    keys: ["?", "h", "f1"],
    group: "General",
    help: "this help",
    bar: { key: "?", text: "Help" },
  },
  { action: "redraw", keys: ["ctrl+l"], group: "General", help: "redraw the whole screen" },
  {
    action: "suspend",
    keys: ["ctrl+z"],
    group: "General",
    help: "suspend to the shell (fg resumes)",
  },
  {
    action: "quit",
    keys: ["q", "f10", "ctrl+c"],
    group: "General",
    help: "quit simtop (the terminal is restored)",
    bar: { key: "q", text: "Quit" },
  },
];

/**
 * The key bar, left to right (htop puts help first and quit last). When the bar is narrower
 * than all of them, entries are left out from the right, but quit always stays.
 */
export const KEY_BAR: readonly Action[] = [
  "help",
  "terminal",
  "filter",
  "tree",
  "fork",
  "spawn",
  "sigint",
  "signalMenu",
  "sigstop",
  "sigcont",
  "pause",
  "stepTick",
  "live",
  "rewind",
  "faster",
  "policy",
  "eventLog",
  "quit",
];

/**
 * htop's function-key bar: the word each action shows after its F-key. Shown instead of the
 * letter keys when the terminal is wide enough for it and the rest of the bar; an F-key bound
 * to an action with no word here shows the action's key bar word, if it has one.
 */
export const F_KEY_WORDS: Partial<Record<Action, string>> = {
  help: "Help",
  filter: "Filter",
  tree: "Tree",
  sortNext: "SortBy",
  niceDown: "Nice -",
  niceUp: "Nice +",
  signalMenu: "Kill",
  quit: "Quit",
};

/** The F-keys of the bar, in htop's order. */
export const F_KEYS: readonly KeyName[] = [
  "f1",
  "f2",
  "f3",
  "f4",
  "f5",
  "f6",
  "f7",
  "f8",
  "f9",
  "f10",
];

/** Keys that work whatever is open (even while typing a filter). */
export const ALWAYS: readonly KeyName[] = ["ctrl+c", "f10"];

/** Keys inside the menus (signal, spawn) and the help screen, listed in help. */
export const MENU_KEYS: readonly { keys: string; help: string }[] = [
  { keys: "Table: 0-9", help: "PID search, as htop: the digits typed select that PID" },
  { keys: "↑ ↓ k j PgUp PgDn Home End", help: "move in a menu or scroll the help" },
  { keys: "Signal menu: 0-9", help: "the signal of that number (9 SIGKILL, 15 SIGTERM)" },
  { keys: "Enter", help: "send the signal / start the program" },
  { keys: "g", help: "signal menu: the selected process, or its whole process group" },
  {
    keys: "Terminal: Esc",
    help: "the keyboard back to the dashboard; every other key goes to tty1, Ctrl+C included",
  },
  { keys: "Esc q", help: "close the menu or this help" },
  { keys: "Filter: text Backspace", help: "edit the filter; Enter keeps it, Esc clears it" },
  { keys: "Log: ↑ ↓ PgUp PgDn", help: "scroll the event log towards older or newer events" },
  { keys: "Log: Home End", help: "the oldest retained event / the newest, following time again" },
  { keys: "Log: e", help: "every event, or only lifecycle and signals" },
  { keys: "Log: f", help: "only the events of the selected process, or of all" },
  {
    keys: "Log: / n N",
    help: "search (type, Enter finds, Esc clears); n the next older match, N the next newer",
  },
  { keys: "Log: Esc L q", help: "close the log (time keys keep working while it is open)" },
  {
    keys: "Program: Tab",
    help: "the next core's pipeline (then the selected process's core again)",
  },
  { keys: "Program: Esc o q", help: "close the program view (↑ ↓ and time keys keep working)" },
];

const BY_KEY = new Map<KeyName, Action>();
for (const b of KEYMAP) {
  for (const k of b.keys) {
    // The table is the single source of truth: a key bound twice is a bug caught at load.
    if (BY_KEY.has(k))
      throw new Error(`key ${k} is bound to both ${BY_KEY.get(k)} and ${b.action}`);
    BY_KEY.set(k, b.action);
  }
}

export function actionFor(key: KeyName): Action | undefined {
  return BY_KEY.get(key);
}

/** How a key name is written for people: "F9", "Ctrl+C", "Space", "PgUp", "↑". */
export function keyLabel(k: KeyName): string {
  const named: Record<string, string> = {
    up: "↑",
    down: "↓",
    left: "←",
    right: "→",
    "shift+left": "Shift+←",
    "shift+right": "Shift+→",
    pageup: "PgUp",
    pagedown: "PgDn",
    home: "Home",
    end: "End",
    space: "Space",
    enter: "Enter",
    escape: "Esc",
    tab: "Tab",
  };
  if (named[k]) return named[k];
  if (/^f\d+$/.test(k)) return k.toUpperCase();
  if (k.startsWith("ctrl+")) return `Ctrl+${k.slice(5).toUpperCase()}`;
  return k;
}
