// The controller without a terminal: deterministic frames, bounded memory, time travel edge cases.
import { describe, expect, it } from "vitest";
import { processRows, sinceStart } from "../../src/sim/view.js";
import { DashboardController } from "../../src/ui/controller.js";
import { createHeadlessDashboard } from "../../src/ui/headless.js";
import { BUSY, KEY, plain, storeWith } from "./helpers.js";

/** SGR parameters that set a colour (foreground, background, 256/true colour). */
const COLOUR = /\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;

describe("headless dashboard", () => {
  it("the same store, options and keys give byte-identical screens, frame after frame", () => {
    const run = () => {
      const d = createHeadlessDashboard({
        store: storeWith(BUSY),
        columns: 120,
        rows: 40,
        color: true,
      });
      const screens: string[] = [];
      const keys: Record<number, string> = {
        3: "j",
        5: "f",
        8: "P",
        10: "t",
        12: " ",
        13: KEY.left,
        15: "l",
      };
      for (let i = 0; i < 20; i++) {
        if (keys[i]) d.press(keys[i]);
        screens.push(d.frame());
      }
      return screens;
    };
    expect(run()).toEqual(run());
  });

  it("a message said while paused stays up until time moves: a step or a resume clears it", () => {
    const d = createHeadlessDashboard({ store: storeWith(["sleeper"]), columns: 120, rows: 40 });
    d.frame();
    d.press(" ");
    d.frame();
    d.press("i");
    d.frame();
    d.frame();
    expect(plain(d.screen())).toContain("applies at the next tick (paused: s steps)");
    d.press("s");
    d.frame();
    expect(plain(d.screen())).not.toContain("applies at the next tick");
    d.press("i");
    d.frame();
    expect(plain(d.screen())).toContain("applies at the next tick");
    d.press(" ");
    d.frame();
    expect(plain(d.screen())).not.toContain("paused: s steps");
  });

  it("a frame is exactly speed/fps ticks of simulation; paused frames simulate nothing", () => {
    const d = createHeadlessDashboard({
      store: storeWith([]),
      columns: 80,
      rows: 24,
      speed: 25,
      fps: 10,
    });
    // 25 ticks/s at 10 frames/s: 2.5 ticks a frame, carried over: 2, 3, 2, 3.
    const ticks: number[] = [];
    for (let i = 0; i < 4; i++) {
      const t = d.controller.store.now;
      d.frame();
      ticks.push(d.controller.store.now - t);
    }
    expect(ticks).toEqual([2, 3, 2, 3]);
    d.press(" ");
    const t = d.controller.store.now;
    d.frame();
    expect(d.controller.store.now).toBe(t);
  });

  it("with colour off there is not one colour code, only attributes (bold, inverse)", () => {
    const off = createHeadlessDashboard({
      store: storeWith(BUSY),
      columns: 120,
      rows: 40,
      color: false,
    });
    const on = createHeadlessDashboard({
      store: storeWith(BUSY),
      columns: 120,
      rows: 40,
      color: true,
    });
    for (let i = 0; i < 5; i++) {
      off.frame();
      on.frame();
    }
    expect(off.screen()).not.toMatch(COLOUR);
    expect(off.screen()).toContain("\x1b[7m");
    expect(on.screen()).toMatch(COLOUR);
    const text = (s: string) => plain(s).replace(/ +$/gm, "");
    expect(text(off.screen())).toEqual(text(on.screen()));
  });

  it("resizing re-lays out at once; too small, then big enough again", () => {
    const d = createHeadlessDashboard({ store: storeWith(BUSY), columns: 120, rows: 40 });
    d.frame();
    d.resize(60, 20);
    expect(plain(d.screen())).toContain("terminal too small");
    d.resize(80, 24);
    const s = plain(d.screen());
    expect(s).toContain("Processes");
    expect(s.split("\n")).toHaveLength(23);
    d.resize(120, 40);
    expect(plain(d.screen())).toContain("Pipeline");
  });

  it("while too small only quitting works (nothing else is on screen to act on)", () => {
    const d = createHeadlessDashboard({ store: storeWith(["sleeper"]), columns: 60, rows: 20 });
    d.frame();
    d.screen();
    d.press("f");
    d.press(" ");
    expect(d.controller.store.log).toHaveLength(1);
    expect(d.controller.paused).toBe(false);
    d.press("q");
    expect(d.quit).toBe(true);
  });
});

describe("chapters", () => {
  it("the header names the latest scenario chapter reached, also when looking at the past", () => {
    const chapters = [
      { tick: 2500, title: "A fork" },
      { tick: 0, title: "Start" },
    ];
    const d = createHeadlessDashboard({
      store: storeWith(["sleeper"]),
      columns: 120,
      rows: 40,
      chapters,
    });
    d.frame();
    d.frame();
    expect(plain(d.screen())).toMatch(/^simtop · 1\/2 Start {2}tick 2,000/);
    // The chapter that has just started is announced across the table's status line.
    expect(plain(d.screen())).toMatch(/\n Chapter 1 of 2: Start +C: next chapter/);
    d.frame();
    expect(plain(d.screen())).toMatch(/^simtop · 2\/2 A fork {2}tick 3,000/);
    expect(plain(d.screen())).toMatch(/\n Chapter 2 of 2: A fork /);
    d.press(KEY.left);
    expect(plain(d.screen())).toMatch(/^simtop · 1\/2 Start {2}tick 2,000/);
    expect(plain(d.screen())).not.toContain("Chapter 2 of 2");
  });

  it("the banner lasts five seconds of frames, then the table's status line returns", () => {
    const d = createHeadlessDashboard({
      store: storeWith(["sleeper"]),
      columns: 120,
      rows: 40,
      chapters: [{ tick: 0, title: "Start" }],
    });
    for (let i = 0; i < 50; i++) d.frame();
    expect(plain(d.screen())).toContain("Chapter 1 of 1: Start");
    for (let i = 0; i < 2; i++) d.frame();
    expect(plain(d.screen())).not.toContain("Chapter 1 of 1");
    expect(plain(d.screen())).toMatch(/Processes \d/);
  });

  it("C runs on to the next chapter's first tick; help lists the chapters and marks the current one", () => {
    const d = createHeadlessDashboard({
      store: storeWith(["sleeper"]),
      columns: 120,
      rows: 40,
      chapters: [
        { tick: 0, title: "Start" },
        { tick: 25_000, title: "Later" },
      ],
    });
    d.frame();
    d.press("C");
    let s = plain(d.screen());
    // The chapter's first tick has run, so what the chapter's commands change is already shown.
    expect(s).toMatch(/^simtop · 2\/2 Later {2}tick 25,001/);
    expect(s).toContain("chapter 2 of 2 starts at tick 25,000");
    d.press("C");
    expect(plain(d.screen())).toContain("chapter 2 of 2 is the last");
    d.press("?");
    d.press(KEY.end);
    s = plain(d.screen());
    expect(s).toContain("Chapters of this scenario");
    expect(s).toMatch(/tick 0 +1\. Start\n/);
    expect(s).toMatch(/tick 25,000 +2\. Later ◀ now/);
  });
});

describe("history in the header", () => {
  it("CPU per core, memory and load get a mark per rate window, up to the tick shown (also rewound)", () => {
    const d = createHeadlessDashboard({
      store: storeWith(["cpu-bound", "cpu-bound"], { cpu: "ideal" }),
      columns: 120,
      rows: 40,
    });
    // 10,000 ticks a second at 10 frames a second: a window is 10 frames, so 35 frames hold 3.
    for (let i = 0; i < 35; i++) d.frame();
    const meters = () => plain(d.screen()).split("\n")[2];
    // Two cpu-bound processes keep both cores busy: every mark is a full block.
    expect(meters()).toMatch(/^cpu0 \[\|+100\.0%\] █{3} +cpu1 \[\|+100\.0%\] █{3} *$/);
    expect(plain(d.screen()).split("\n")[3]).toMatch(/^Mem \[.*\] [▁-█]{3} +load [▁-█]{3} /);
    // Rewound 20 frames (to tick 15,000): only the first window had ended.
    for (let i = 0; i < 20; i++) d.press(KEY.left);
    expect(meters()).toMatch(/^cpu0 \[\|+[\d.]+%\] █ +cpu1/);
  });
});

describe("one tick per frame", () => {
  it("every frame's table, header and rates describe the tick just simulated", () => {
    const store = storeWith(BUSY, { cpu: "ideal" });
    const c = new DashboardController({ store, color: false });
    const rows = () => c.view(100, 30).table.rows.map((r) => `${r.pid} ${r.state} ${r.cpuTicks}`);
    for (let i = 1; i <= 15; i++) {
      c.tickFrame();
      const v = c.view(100, 30);
      expect(v.header.tick).toBe(i * 1000);
      expect(rows()).toEqual(
        processRows(store.kernel, sinceStart(store.kernel))
          .slice(0, v.table.rows.length)
          .map((r) => `${r.pid} ${r.state} ${r.cpuTicks}`),
      );
      // The window is one second at 10,000 ticks/s, shorter only while the run is younger.
      expect(v.header.window).toBe(Math.min(10_000, i * 1000));
      expect(c.rates.span).toBe(v.header.window);
    }
    c.press("P");
    // The table scrolls to keep the selection (init, idle, last by %CPU) in view: go to the top.
    c.view(100, 30);
    c.press("g");
    const top = c.view(100, 30).table.rows[0];
    expect(top.cpuPercent).toBe(c.rates.cpuPercent(top.pid));
    expect(top.cpuPercent).toBeGreaterThan(20);
  });
});

describe("time travel", () => {
  it("rewinding stops at the oldest retained state and says so", () => {
    const store = storeWith(["cpu-bound"]);
    const c = new DashboardController({ store });
    c.view(120, 40);
    c.tickFrame();
    c.press(KEY.left);
    c.press(KEY.left);
    expect(c.kernel.now).toBe(0);
    c.press(KEY.left);
    expect(c.kernel.now).toBe(0);
    expect(c.message).toBe("the oldest retained state is tick 0");
  });

  it("stepping while looking at the past moves through the past, one tick or one frame", () => {
    const store = storeWith(["cpu-bound"]);
    const c = new DashboardController({ store });
    c.view(120, 40);
    for (let i = 0; i < 3; i++) c.tickFrame();
    c.press(KEY.left);
    expect(c.kernel.now).toBe(2000);
    c.press("s");
    expect(c.kernel.now).toBe(2001);
    c.press("S");
    expect(c.kernel.now).toBe(3000);
    // Reaching the present leaves the past: the live kernel again.
    expect(c.mode).toBe("paused");
    expect(c.kernel).toBe(store.kernel);
  });

  it("the past shown is the state the live run had then (same table rows as at that time)", () => {
    const store = storeWith(BUSY, { cpu: "ideal" });
    const c = new DashboardController({ store, color: false });
    const rowsAt: Record<number, string[]> = {};
    for (let i = 0; i < 6; i++) {
      c.tickFrame();
      rowsAt[store.now] = processRows(store.kernel, sinceStart(store.kernel)).map(
        (r) => `${r.pid} ${r.state} ${r.cpuTicks}`,
      );
    }
    c.press(KEY.left);
    c.press(KEY.left);
    expect(c.kernel.now).toBe(4000);
    const shown = c.view(100, 30).table.rows.map((r) => `${r.pid} ${r.state} ${r.cpuTicks}`);
    expect(shown.length).toBeGreaterThan(3);
    expect(shown).toEqual(rowsAt[4000].slice(0, shown.length));
  });
});

describe("bounded memory", () => {
  it("constant fork/exit churn: every structure the UI keeps stays bounded", () => {
    const store = storeWith(
      ["forker", "forker", "forker", "query-launcher", "zombie-maker", "orphan-maker"],
      {
        cpu: "ideal",
      },
    );
    const c = new DashboardController({ store, speed: 100_000, fps: 10 });
    let maxPid = 0;
    for (let i = 0; i < 300; i++) {
      c.tickFrame();
      c.view(120, 40);
      if (i % 7 === 0) c.press(i % 14 === 0 ? "P" : "N");
      maxPid = store.kernel.nextPid;
    }
    // Far more processes came and went than exist at any moment.
    expect(maxPid).toBeGreaterThan(300);
    expect(store.kernel.procs.size).toBeLessThan(40);
    expect(c.legend.size).toBeLessThanOrEqual(62);
    expect(c.machineHistory.points.length).toBeLessThanOrEqual(200);
    expect(c.processHistory.points.length).toBeLessThanOrEqual(200);
    expect(c.rates.to.procs.size).toBe(store.kernel.procs.size);
  });
});
