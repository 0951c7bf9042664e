// Batch mode (like `top -b`): text or JSON snapshots of the header and process table on stdout.

import type { Chapter } from "../scenario/types.js";
import type { KernelEvent } from "../sim/events.js";
import { describeEvent, SCHEDULING_CHATTER } from "../sim/eventText.js";
import type { Store } from "../sim/store.js";
import { type HeaderView, headerView, type ProcessRow, processRows } from "../sim/view.js";
import { safeJson, visible } from "../sim/visible.js";
import { RateWindow, Reading } from "../sim/window.js";

function pad(s: string | number, w: number, left = false): string {
  const t = String(s);
  return left ? t.padEnd(w) : t.padStart(w);
}

/** A rate with `digits` decimals, "-" when there was nothing to measure (NaN). */
function num(x: number, digits: number): string {
  return Number.isNaN(x) ? "-" : x.toFixed(digits);
}

function cacheText(h: HeaderView): string {
  if (h.caches === null) return "";
  const levels = h.caches.map((c) => `  ${c.name} ${num(c.rate * 100, 1)}%`).join("");
  return `${levels}  AMAT ${num(h.amat ?? Number.NaN, 2)}`;
}

/** The scheduler's time slices: one quantum, or under MLFQ each level's slice and allotment. */
function sliceText(h: HeaderView): string {
  const m = h.mlfq;
  if (h.cfs !== null)
    return `latency ${h.cfs.targetLatency}, min granularity ${h.cfs.minGranularity}`;
  if (m === null) return `quantum ${h.quantum}`;
  return `quanta ${m.quanta.join("/")}, allotments ${m.allotments.join("/")}, boost ${m.boost > 0 ? m.boost : "never"}`;
}

export function formatHeader(h: HeaderView): string {
  const c = h.counts;
  const cores = h.cores.map((x, i) => `cpu${i} ${(x.utilisation * 100).toFixed(1)}%`).join("  ");
  return [
    `simtop - tick ${h.tick}  policy ${h.policy} (${sliceText(h)})${h.runQueues === "per-core" ? " per-core queues" : ""}  load average: ${h.load.map((l) => l.toFixed(2)).join(", ")}`,
    `Tasks: ${h.total} total, ${c.running} running, ${c.ready} ready, ${c.blocked} blocked, ${c.stopped} stopped, ${c.zombie} zombie, ${c.new} new`,
    `${cores}  IPC ${num(h.ipc, 2)}${h.exitedPercent > 0 ? `  exited ${h.exitedPercent.toFixed(1)}%` : ""}${cacheText(h)}  (rates over the last ${h.window} ticks)`,
    `Mem: ${h.framesUsed * 4} KiB used of ${h.framesTotal * 4} KiB (${h.framesUsed}/${h.framesTotal} frames)`,
  ].join("\n");
}

/**
 * The process table. Once job control is in play (a terminal in use, or more than one session)
 * it has `ps -j`'s PGID, SID and TTY columns and the foreground group's `+` after the state letter.
 */
export function formatRows(rows: ProcessRow[]): string {
  const jobs = rows.some((r) => r.tty !== "?") || new Set(rows.map((r) => r.sid)).size > 1;
  const jobHead = jobs ? ` ${pad("PGID", 6)} ${pad("SID", 6)} ${pad("TTY", 4, true)}` : "";
  const head = `${pad("PID", 6)} ${pad("PPID", 6)}${jobHead} ${pad("NAME", 15, true)} S${jobs ? " " : ""} ${pad("STATE", 13, true)} ${pad("PRI", 3)} ${pad("NI", 3)} ${pad("%CPU", 5)} ${pad("RES", 6)} ${pad("TIME", 9)} ${pad("IPC", 4)} ${pad("L1%", 5)}`;
  const lines = rows.map((r) => {
    const job = jobs ? ` ${pad(r.pgid, 6)} ${pad(r.sid, 6)} ${pad(r.tty, 4, true)}` : "";
    const letter = jobs ? pad(r.letter + (r.foreground ? "+" : ""), 2, true) : r.letter;
    return `${pad(r.pid, 6)} ${pad(r.ppid, 6)}${job} ${pad(visible(r.name).slice(0, 15), 15, true)} ${letter} ${pad(r.stateWord, 13, true)} ${pad(r.priority, 3)} ${pad(r.nice, 3)} ${pad(r.cpuPercent.toFixed(1), 5)} ${pad(`${r.resKiB}K`, 6)} ${pad(r.cpuTicks, 9)} ${pad(num(r.ipc, 2), 4)} ${pad(num(r.l1HitPercent, 1), 5)}`;
  });
  return [head, ...lines].join("\n");
}

/** Rounded; null for a rate with nothing to measure (NaN). */
const round = (x: number, digits = 3): number | null => {
  if (Number.isNaN(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/**
 * One snapshot as a JSON object (one line per snapshot in `--json`). Names and titles keep their
 * text; every control character in them is a JSON escape, so the line is safe on a terminal.
 */
export function snapshotJson(
  h: HeaderView,
  rows: ProcessRow[],
  extra: { chapters?: string[]; events?: KernelEvent[] } = {},
): string {
  return safeJson(
    JSON.stringify({
      tick: h.tick,
      window: h.window,
      policy: h.policy,
      quantum: h.quantum,
      ...(h.mlfq ? { mlfq: h.mlfq } : {}),
      ...(h.cfs ? { cfs: h.cfs } : {}),
      ...(h.runQueues === "per-core" ? { runQueues: h.runQueues } : {}),
      load: h.load.map((l) => round(l)),
      tasks: { total: h.total, ...h.counts },
      cpus: h.cores.map((c) => ({ utilisation: round(c.utilisation), pid: c.pid })),
      ipc: round(h.ipc),
      exitedCpuPercent: round(h.exitedPercent, 2),
      ...(h.caches
        ? { caches: Object.fromEntries(h.caches.map((c) => [c.name, round(c.rate)])) }
        : {}),
      ...(h.amat !== null ? { amat: round(h.amat) } : {}),
      memory: { usedKiB: h.framesUsed * 4, totalKiB: h.framesTotal * 4 },
      processes: rows.map((r) => ({
        pid: r.pid,
        ppid: r.ppid,
        pgid: r.pgid,
        sid: r.sid,
        tty: r.tty,
        ...(r.foreground ? { foreground: true } : {}),
        name: r.name,
        state: r.stateWord,
        letter: r.letter,
        priority: r.priority,
        nice: r.nice,
        cpuPercent: round(r.cpuPercent, 2),
        resKiB: r.resKiB,
        cpuTicks: r.cpuTicks,
        ipc: round(r.ipc),
        l1HitPercent: round(r.l1HitPercent, 2),
        ...(r.level >= 0 ? { level: r.level } : {}),
        ...(r.tickets >= 0 ? { tickets: r.tickets } : {}),
        ...(Number.isNaN(r.vruntime) ? {} : { vruntime: round(r.vruntime), weight: r.weight }),
        ...(h.coresMatter ? { cpu: r.cpu, affinity: r.affinity, migrations: r.migrations } : {}),
      })),
      ...(extra.chapters && extra.chapters.length > 0 ? { chapters: extra.chapters } : {}),
      ...(extra.events
        ? { events: extra.events.map((e) => ({ ...e, text: describeEvent(e) })) }
        : {}),
    }),
  );
}

export interface BatchOptions {
  /** Snapshots to print. */
  iterations: number;
  /** Ticks between snapshots. */
  delay: number;
  json: boolean;
  /** Also print the kernel's lifecycle events (forks, signals, exits, ...) since the last snapshot. */
  events: boolean;
  /** Scenario chapters, announced in the snapshot where they begin. */
  chapters: readonly Chapter[];
  /** Called after each snapshot (the session writer marks progress here). */
  onSnapshot?: (tick: number) => void;
}

/** Ticks advanced at a time while collecting events, so the store's event ring never overflows. */
const EVENT_CHUNK = 64;

/** Runs `iterations` snapshots `delay` ticks apart, writing each to `out`; `out` returning false stops it. */
export function runBatch(store: Store, o: BatchOptions, out: (s: string) => unknown): void {
  // Every snapshot's rates cover the delay since the one before (the first: since tick 0), as top -b's.
  let last = store.now > 0 ? Reading.of(store.kernel) : null;
  let from = store.now;
  for (let i = 0; i < o.iterations; i++) {
    const events: KernelEvent[] = [];
    if (o.events) {
      const end = store.now + o.delay;
      while (store.now < end) {
        const before = store.now;
        store.advance(Math.min(EVENT_CHUNK, end - before));
        for (const e of store.recentEvents(Number.POSITIVE_INFINITY))
          if (e.tick >= before && !SCHEDULING_CHATTER.has(e.type)) events.push(e);
      }
    } else {
      store.advance(o.delay);
    }
    const k = store.kernel;
    const now = Reading.of(k);
    const w = new RateWindow(last, now);
    last = now;
    const h = headerView(k, w);
    const rows = processRows(k, w);
    // A chapter belongs to the snapshot that first shows it: begun after the last one.
    const chapters = o.chapters.filter((c) => c.tick >= from && c.tick < k.now).map((c) => c.title);
    let more: unknown;
    if (o.json) {
      more = out(`${snapshotJson(h, rows, { chapters, ...(o.events ? { events } : {}) })}\n`);
    } else {
      // Names and titles come from scenario files: their control characters are shown, not obeyed.
      const chapterText = chapters.map((c) => `== ${visible(c)}\n`).join("");
      const eventText = o.events
        ? `\n${events.length === 0 ? "(no events)" : events.map((e) => `[${e.tick}] ${visible(describeEvent(e))}`).join("\n")}\n`
        : "";
      more = out(`${chapterText}${formatHeader(h)}\n\n${formatRows(rows)}\n${eventText}\n`);
    }
    o.onSnapshot?.(k.now);
    from = k.now;
    if (more === false) return;
  }
}
