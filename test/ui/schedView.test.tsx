// The scheduling view and MLFQ's levels: figures equal `simtop lab sched`'s, worked by hand, through the real App.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJobList, schedLab } from "../../src/cli/lab/sched.js";
import { builtinScenario } from "../../src/scenario/builtins.js";
import { scenarioConfig, startScenario } from "../../src/scenario/start.js";
import type { KernelConfig } from "../../src/sim/config.js";
import type { KernelEvent } from "../../src/sim/events.js";
import { jobSource, labConfig, startJob } from "../../src/sim/lab/jobs.js";
import { runSched, schedFrames } from "../../src/sim/lab/sched.js";
import { Store } from "../../src/sim/store.js";
import { schedLines } from "../../src/ui/draw/sched.js";
import { type ScheduleModel, selectSchedule } from "../../src/ui/selectors/sched.js";
import { NO_EXTRAS, sortStep } from "../../src/ui/selectors/table.js";

const MLFQ = { policy: "mlfq", cores: false };

import {
  SCHED_PAGE,
  SCHED_VIEW_CLOSED,
  schedViewKey,
  schedViewReducer,
} from "../../src/ui/state/schedView.js";
import { INITIAL_TABLE_VIEW, tableViewReducer } from "../../src/ui/state/tableView.js";
import { createTheme } from "../../src/ui/theme.js";
import { KEY, mount, plain } from "./helpers.js";

const mono = createTheme(false);

/** scheduler.py's machine (lab sched's): jobs of `lengths` ticks, all ready at tick 0. */
function jobsStore(lengths: number[], config: Partial<KernelConfig> = {}): Store {
  const programs = lengths.map((len, i) => ({
    name: `job${i}`,
    source: jobSource([{ compute: len }]),
  }));
  const base = labConfig({
    programs,
    processes: lengths.length,
    frames: schedFrames(lengths),
    ioTicks: 1,
  });
  const store = new Store({ ...base, ...config });
  for (let i = 0; i < lengths.length; i++) startJob(store.kernel, `job${i}`);
  return store;
}

function jobsOf(m: ScheduleModel) {
  return m.rows.flatMap((r) => (r.kind === "job" ? [r.job] : []));
}

function averagesOf(m: ScheduleModel) {
  return m.rows.flatMap((r) => (r.kind === "average" ? [r.times] : []));
}

/** The "Job" and "Average" lines of `simtop lab sched -c` (its Final statistics). */
function labLines(lengths: number[], policy: "FIFO" | "RR", quantum: number): string[] {
  const out = schedLab({
    seed: 0,
    jobs: 3,
    maxlen: 10,
    jlist: parseJobList(lengths.join(",")),
    policy,
    quantum,
    c: true,
  });
  const stats = out.slice(out.indexOf("Final statistics:"));
  return stats.split("\n").filter((l) => /^ {2}(Job|Average) /.test(l));
}

describe("scheduling view figures", () => {
  it("FIFO 100, 200, 300 by hand: response 0, 100, 300; turnaround 100, 300, 600; wait 0, 100, 300", () => {
    const store = jobsStore([100, 200, 300]);
    store.advance(700);
    const m = selectSchedule(store.kernel, [], 0, 50);
    expect(
      jobsOf(m).map((j) => [j.job, j.times.response, j.times.turnaround, j.times.wait]),
    ).toEqual([
      [0, 0, 100, 0],
      [1, 100, 300, 100],
      [2, 300, 600, 300],
    ]);
    expect(averagesOf(m)).toEqual([{ response: 400 / 3, turnaround: 1000 / 3, wait: 400 / 3 }]);
    // Drawn as scheduler.py -c prints them, line for line what `simtop lab sched -c` prints.
    const drawn = schedLines(m, 120, 20, mono).map(plain);
    const lab = labLines([100, 200, 300], "FIFO", 1);
    expect(lab[0]).toBe("  Job   0 -- Response: 0.00  Turnaround 100.00  Wait 0.00");
    expect(lab.at(-1)).toBe("  Average -- Response: 133.33  Turnaround 333.33  Wait 133.33");
    for (const l of lab) expect(drawn.some((d) => d.startsWith(`${l}   `))).toBe(true);
  });

  it("equals lab sched's figures (the same kernel code) for random FIFO and RR job lists", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom("FIFO" as const, "RR" as const),
        fc.integer({ min: 1, max: 25 }),
        (lengths, policy, quantum) => {
          const store = jobsStore(lengths, { policy: policy === "RR" ? "rr" : "fcfs", quantum });
          store.advance(lengths.reduce((a, b) => a + b, 0) + 1);
          const m = selectSchedule(store.kernel, [], 0, 50);
          const lab = runSched({ lengths, policy, quantum });
          expect(jobsOf(m).map((j) => ({ job: j.job, ...j.times }))).toEqual(
            lab.jobs.map(({ job, response, turnaround, wait }) => ({
              job,
              response,
              turnaround,
              wait,
            })),
          );
          const drawn = schedLines(m, 160, 40, mono).map(plain);
          for (const l of labLines(lengths, policy, quantum))
            expect(drawn.some((d) => d.startsWith(`${l}   `))).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("groups jobs by chapter; a reaped job keeps its times, also in the past", () => {
    const s = builtinScenario("scheduling")!;
    const store = startScenario(s, scenarioConfig(s));
    const CHAPTER = s.chapters[1].tick;
    const exits: Extract<KernelEvent, { type: "Exited" }>[] = [];
    while (store.now < 4 * CHAPTER) {
      const from = store.now;
      store.advance(Math.min(64, 4 * CHAPTER - from));
      for (const e of store.recentEvents(Number.POSITIVE_INFINITY))
        if (e.tick >= from && e.type === "Exited") exits.push(e);
    }
    const m = selectSchedule(store.kernel, s.chapters, 0, 100);
    const chapters = m.rows.filter((r) => r.kind === "chapter");
    expect(chapters.map((c) => [c.title, c.from, c.jobs, c.finished])).toEqual(
      s.chapters.map((c) => [c.title, c.tick, 4, 4]),
    );
    // Every job was reaped by init, yet its figures are there: it exits during its last tick,
    // so its turnaround runs to the end of that tick, from the chapter's start where it spawned.
    const jobs = jobsOf(m);
    expect(jobs).toHaveLength(16);
    for (const j of jobs) {
      const exit = exits.find((e) => e.pid === j.pid)!;
      const chapter = Math.floor(exit.tick / CHAPTER) * CHAPTER;
      expect(j.times.turnaround).toBe(exit.tick + 1 - chapter);
      expect(store.kernel.procs.has(j.pid)).toBe(false);
    }
    // The past (a snapshot's copy of the kernel) shows the same figures for what had finished.
    const past = selectSchedule(store.seek(2 * CHAPTER + 5), s.chapters, 0, 100);
    const pastJobs = jobsOf(past);
    expect(pastJobs.slice(0, 8)).toEqual(jobs.slice(0, 8));
    expect(pastJobs).toHaveLength(12);
  });
});

describe("scheduling view in the App", () => {
  it("w opens it in the table's place, arrows scroll it, w and Esc close it; help lists w", async () => {
    const m = await mount(jobsStore([100, 200, 300]), { columns: 120, rows: 40 });
    await m.frames(1);
    await m.press("w");
    let screen = m.screen();
    expect(screen).toContain("Scheduling · ticks per job (scheduler.py -c)");
    expect(screen).toContain("  Job   1 -- Response: 100.00  Turnaround 300.00  Wait 100.00   pid");
    expect(screen).toContain("  Average -- Response: 133.33  Turnaround 333.33  Wait 133.33");
    expect(screen).not.toContain("PPID");
    // The time keys still work while it is open: the figures follow the tick shown.
    await m.press(" ");
    expect(m.controller.paused).toBe(true);
    await m.press(KEY.down);
    expect(m.controller.schedView.scroll).toBe(0); // everything fits: nothing to scroll
    await m.press("w");
    expect(m.screen()).toContain("PPID");
    await m.press("w", KEY.escape);
    expect(m.screen()).toContain("PPID");
    await m.press("?");
    screen = m.screen();
    expect(screen).toMatch(/w\s+scheduling view/);
    m.unmount();
  });
});

describe("MLFQ in the dashboard", () => {
  const mlfq = {
    levels: 3,
    quanta: [10, 20, 40],
    allotments: [10, 20, 40],
    boostInterval: 0,
    ioToFront: false,
    ioResetsAllotment: false,
  };

  it("the LVL column shows a CPU-bound job sink: level 0 for 10 ticks, 1 for the next 20, then 2", async () => {
    // 50 ticks/s at 10 frames/s: 5 ticks a frame.
    const m = await mount(jobsStore([1000], { policy: "mlfq", mlfq }), { speed: 50 });
    const level = () => {
      const cells = m.row(1)!.trim().split(/\s+/);
      return cells[7];
    };
    expect(m.screen()).toMatch(/ NI LVL +%CPU/);
    expect(m.screen()).toContain("mlfq q 10/20/40 allot 10/20/40");
    const seen: [number, string][] = [];
    for (let f = 0; f < 8; f++) {
      await m.frames(1);
      seen.push([m.store.now, level()]);
    }
    // Ticks 0-9 at level 0 (its 10-tick allotment), 10-29 at level 1 (20), then level 2.
    expect(seen).toEqual([
      [5, "0"],
      [10, "1"],
      [15, "1"],
      [20, "1"],
      [25, "1"],
      [30, "2"],
      [35, "2"],
      [40, "2"],
    ]);
    // Sortable like any column: > from NI goes to LVL.
    for (let i = 0; i < 20 && m.controller.sort !== "nice"; i++) await m.press(">");
    await m.press(">");
    expect(m.controller.sort).toBe("level");
    expect(m.screen()).toContain("sorted by LVL");
    m.unmount();
  });

  it("} under MLFQ doubles the top level's slice and scales every level alike, and says so", async () => {
    const m = await mount(jobsStore([1000], { policy: "mlfq", mlfq }), { speed: 50 });
    await m.press("}");
    expect(m.screen()).toContain(
      "mlfq slices 20/40/80, allotments 20/40/80 (every level scaled): sent",
    );
    await m.frames(1);
    expect(m.screen()).toContain("mlfq q 20/40/80 allot 20/40/80");
    await m.press("{", "{");
    await m.frames(1);
    expect(m.screen()).toContain("mlfq q 5/10/20 allot 5/10/20");
    m.unmount();
  });

  it("without MLFQ there is no LVL column and < > skip it", () => {
    expect(sortStep("nice", 1, NO_EXTRAS)).toBe("cpu");
    expect(sortStep("cpu", -1, NO_EXTRAS)).toBe("nice");
    expect(sortStep("nice", 1, MLFQ)).toBe("level");
    expect(sortStep("level", 1, NO_EXTRAS)).toBe("cpu");
    expect(sortStep("level", -1, NO_EXTRAS)).toBe("nice");
    const atNice = tableViewReducer(INITIAL_TABLE_VIEW, { type: "sortBy", key: "nice" });
    expect(tableViewReducer(atNice, { type: "sortStep", dir: 1, set: MLFQ }).sort).toBe("level");
    expect(tableViewReducer(atNice, { type: "sortStep", dir: 1 }).sort).toBe("cpu");
  });
});

describe("scheduling view state", () => {
  it("toggles, scrolls within bounds the drawing keeps, closes", () => {
    let s = schedViewReducer(SCHED_VIEW_CLOSED, { type: "toggle" });
    expect(s).toEqual({ open: true, scroll: 0 });
    s = schedViewReducer(s, { type: "scroll", by: -1 });
    expect(s.scroll).toBe(0);
    s = schedViewReducer(s, { type: "scroll", by: SCHED_PAGE });
    expect(s.scroll).toBe(SCHED_PAGE);
    s = schedViewReducer(s, { type: "scroll", by: Number.NEGATIVE_INFINITY });
    expect(s.scroll).toBe(0);
    expect(schedViewReducer(s, { type: "toggle" })).toEqual(SCHED_VIEW_CLOSED);
    expect(schedViewReducer(s, { type: "close" })).toEqual(SCHED_VIEW_CLOSED);
    // Closed, scrolling does nothing.
    expect(schedViewReducer(SCHED_VIEW_CLOSED, { type: "scroll", by: 3 })).toBe(SCHED_VIEW_CLOSED);
  });

  it("takes the moving keys and its own, lets the others through", () => {
    expect(schedViewKey("escape", undefined)).toEqual({ type: "close" });
    expect(schedViewKey("w", "schedView")).toEqual({ type: "close" });
    expect(schedViewKey("down", "down")).toEqual({ type: "scroll", by: 1 });
    expect(schedViewKey("pagedown", "pageDown")).toEqual({ type: "scroll", by: SCHED_PAGE });
    expect(schedViewKey("space", "pause")).toBeNull();
    expect(schedViewKey("p", "policy")).toBeNull();
  });

  it("the selector keeps the scroll within its rows", () => {
    const store = jobsStore([5, 5, 5]);
    store.advance(20);
    // 1 heading, 3 jobs, 1 average, 1 gap = 6 rows; 4 visible: at most row 2 on top.
    expect(selectSchedule(store.kernel, [], 99, 4).scroll).toBe(2);
    expect(plain(schedLines(selectSchedule(store.kernel, [], 0, 4), 80, 5, mono)[1])).toMatch(
      /^== all jobs \(policy fcfs\)/,
    );
  });
});
