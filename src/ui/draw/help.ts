// The help screen: every key from the keymap table, grouped, the keys inside menus and the log,
// what every symbol on the panels means, which panels fit which sizes, and the scenario's chapters.
import { grouped } from "../format.js";
import { KEYMAP, type KeyBindings, keyLabel, MENU_KEYS } from "../keymap.js";
import type { Role, Theme } from "../theme.js";
import { wrap } from "../width.js";
import { line, titleLine, toHeight } from "./line.js";

const KEYS_WIDTH = 22;

/** A symbol a panel draws and what it means. */
const SYMBOLS: readonly { symbol: string; role: Role; help: string }[] = [
  {
    symbol: "R S D T Z",
    role: "key",
    help: "state (S column): running or ready, sleeping or blocked, disk wait, stopped, zombie",
  },
  { symbol: "7:lw", role: "key", help: "pipeline stage holding an instruction (lw) of pid 7" },
  {
    symbol: "7:lw?",
    role: "key",
    help: "fetched down the wrong path of a branch: flushed when the branch resolves",
  },
  {
    symbol: "7:?",
    role: "key",
    help: "an instruction of a process whose code is gone (it has exited)",
  },
  {
    symbol: "×flush",
    role: "key",
    help: "a slot emptied by a flush (taken branch or mispredicted path)",
  },
  {
    symbol: "-data -memory",
    role: "key",
    help: "a bubble: the stage waits on a data hazard, or on the caches and memory",
  },
  {
    symbol: "-branch -switch",
    role: "key",
    help: "a bubble after a branch, or while the core switches process (context switch)",
  },
  {
    symbol: "-trap -idle",
    role: "key",
    help: "a bubble while the kernel handles a system call or fault, or with nothing to run",
  },
  {
    symbol: "stall",
    role: "key",
    help: "cycles the front of the pipeline was held (data and memory hazards)",
  },
  {
    symbol: "lost data mem br…",
    role: "key",
    help: "slots lost to each cause in the rate window (sum with retired = slots)",
  },
  {
    symbol: "IPC",
    role: "key",
    help: "instructions retired per user-mode cycle over the rate window",
  },
  {
    symbol: "L1I L1D L2 L3",
    role: "key",
    help: "cache hit rates over the rate window; RAM serves what they miss",
  },
  {
    symbol: "AMAT",
    role: "key",
    help: "average memory access time, cycles: hit time + miss rate × next level's AMAT",
  },
  {
    symbol: "3C cmp/cap/cnf",
    role: "key",
    help: "L1 misses in the rate window by cause: first touch, too small a cache, too few ways",
  },
  {
    symbol: "LVL",
    role: "key",
    help: "MLFQ only: the process's queue, 0 the top; it sinks as it uses up its allotment",
  },
  {
    symbol: "mlfq q … allot …",
    role: "key",
    help: "header, MLFQ only: each level's time slice and allotment in ticks, top level first",
  },
  {
    symbol: "▁▂▃▄▅▆▇█",
    role: "key",
    help: "cache history: a mark per rate window, height = hit rate",
  },
  {
    symbol: "A B C … (Gantt)",
    role: "key",
    help: "a letter per process, named in the legend below the chart",
  },
  { symbol: "~", role: "switch", help: "Gantt: the core was switching process (context switch)" },
  { symbol: "·", role: "idle", help: "Gantt: the core was idle" },
  {
    symbol: "cpu0 [|||  50%]",
    role: "key",
    help: "header meter: the core's busy share over the rate window",
  },
  {
    symbol: "1/3 title",
    role: "key",
    help: "header: the scenario's chapter reached (number of chapters), C runs to the next",
  },
];

/** What the mouse does (on unless --no-mouse). */
const MOUSE: readonly { what: string; help: string }[] = [
  { what: "click a row", help: "select that process" },
  { what: "click a heading", help: "sort by that column; again: the other way round" },
  { what: "click the key bar", help: "what the entry's key does" },
  {
    what: "click a menu item",
    help: "send that signal / start that program (a click beside it closes it)",
  },
  {
    what: "wheel",
    help: "scroll the table (and its selection, 3 rows a notch), the event log, this help and menus",
  },
];

/** Where simtop's keys differ from htop's on purpose, and why. */
const HTOP_DIFFERENCES: readonly { keys: string; help: string }[] = [
  { keys: "Space", help: "pauses the simulation; x tags (htop: Space), X tags with descendants" },
  {
    keys: "c",
    help: "continues a process (SIGCONT); X tags a process with its children (htop: c)",
  },
  { keys: "k K F9", help: "k moves up (vi); K and F9 open the signal menu (htop: k and F9 Kill)" },
  { keys: "F3", help: "filters as F4 does (no separate search: digits find a PID)" },
  { keys: "F6", help: "sorts by the next column (htop: a sort menu); < > walk the columns" },
  {
    keys: "i p l s e",
    help: "SIGINT, policy, live, step, events (htop: ionice, path, lsof, strace, env)",
  },
];

/** Which panels a terminal of a size shows (the layout's sizes). */
const SIZES: readonly string[] = [
  "120×40 and larger: header, process table, details, pipeline, caches, Gantt chart and event log",
  "100×30 to 119×39: header, process table, details and event log (pipeline, caches and Gantt need 120×40)",
  "80×24 to 99×29: header, process table, and an event log from 30 rows",
  "L shows the event log over the whole screen at every size",
];

export interface HelpChapters {
  list: readonly { tick: number; title: string }[];
  /** Index of the chapter reached at the tick shown, -1 before the first. */
  current: number;
}

/** `text` wrapped after a first column of `lead` columns: the continuation lines indent under it. */
function entry(theme: Theme, width: number, first: string, role: Role, text: string): string[] {
  const lead = 2 + KEYS_WIDTH + 1;
  const parts = wrap(text, Math.max(20, width - lead));
  return parts.map((p, i) =>
    i === 0
      ? line(theme, width, "  ", [first.padEnd(KEYS_WIDTH), role], " ", p)
      : line(theme, width, " ".repeat(lead), p),
  );
}

/** All help lines before scrolling. */
export function helpBody(
  width: number,
  theme: Theme,
  chapters?: HelpChapters,
  bindings?: KeyBindings,
): string[] {
  const out: string[] = [];
  let group = "";
  for (const b of KEYMAP) {
    if (b.group !== group) {
      group = b.group;
      out.push(line(theme, width, [group, "heading"]));
    }
    const keys = bindings ? bindings.keysOf(b.action) : b.keys;
    out.push(...entry(theme, width, keys.map(keyLabel).join(" "), "key", b.help));
  }
  out.push(
    line(theme, width, ["In the table, menus, the filter prompt and the event log", "heading"]),
  );
  for (const m of MENU_KEYS) out.push(...entry(theme, width, m.keys, "key", m.help));
  out.push(line(theme, width, ["Mouse (off with --no-mouse)", "heading"]));
  for (const m of MOUSE) out.push(...entry(theme, width, m.what, "key", m.help));
  out.push(line(theme, width, ["Coming from htop: what differs", "heading"]));
  for (const d of HTOP_DIFFERENCES) out.push(...entry(theme, width, d.keys, "key", d.help));
  out.push(line(theme, width, ["What the panels' symbols mean", "heading"]));
  for (const s of SYMBOLS) out.push(...entry(theme, width, s.symbol, s.role, s.help));
  out.push(
    line(theme, width, ["Panels by terminal size (Tab pages cores that do not fit)", "heading"]),
  );
  for (const s of SIZES)
    for (const [i, p] of wrap(s, width - 4).entries())
      out.push(line(theme, width, i === 0 ? "  " : "    ", p));
  if (chapters && chapters.list.length > 0) {
    out.push(line(theme, width, ["Chapters of this scenario (C: run on to the next)", "heading"]));
    for (const [i, c] of chapters.list.entries()) {
      const mark = i === chapters.current ? " ◀ now" : "";
      out.push(
        ...entry(theme, width, `tick ${grouped(c.tick)}`, "key", `${i + 1}. ${c.title}${mark}`),
      );
    }
  }
  return out;
}

/** The largest useful scroll of the help at this size (its last page). */
export function helpMaxScroll(
  width: number,
  height: number,
  chapters?: HelpChapters,
  bindings?: KeyBindings,
): number {
  const rows = height - 1;
  const plainTheme = {
    color: false,
    name: "monochrome" as const,
    paint: (t: string) => t,
    codes: () => "",
    processCodes: () => "",
  };
  const n = helpBody(width, plainTheme, chapters, bindings).length;
  if (n > rows && width >= 160) {
    const half = Math.floor((width - 1) / 2);
    return Math.max(0, Math.ceil(helpBody(half, plainTheme, chapters, bindings).length / 2) - rows);
  }
  return Math.max(0, n - rows);
}

export function helpLines(
  scroll: number,
  width: number,
  height: number,
  theme: Theme,
  chapters?: HelpChapters,
  bindings?: KeyBindings,
): string[] {
  const title = titleLine(theme, width, " Help · simtop keys · ↑↓ scroll · Esc, q or ? closes");
  const body = helpBody(width, theme, chapters, bindings);
  const rows = height - 1;
  // Two columns when the screen is wide and one column would not fit.
  if (body.length > rows && width >= 160) {
    // One list at half the width, its first half on the left and the rest on the right.
    const half = Math.floor((width - 1) / 2);
    const right = width - half - 1;
    const all = helpBody(half, theme, chapters, bindings);
    const split = Math.ceil(all.length / 2);
    const cols: string[] = [];
    for (let i = 0; i < split; i++) {
      const r = all[split + i];
      cols.push(
        `${all[i]}${theme.paint("│", "dim")}${r === undefined ? " ".repeat(right) : r + " ".repeat(right - half)}`,
      );
    }
    const top = Math.max(0, Math.min(scroll, cols.length - rows));
    return toHeight([title, ...cols.slice(top, top + rows)], height, width);
  }
  const top = Math.max(0, Math.min(scroll, body.length - rows));
  return toHeight([title, ...body.slice(top, top + rows)], height, width);
}
