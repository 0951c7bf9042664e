// The real bin/simtop in tmux: chapters, the event log's scrolling and search, paging of cores,
// and help at the smallest size — what a class sees on the projector.
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { TmuxSession } from "./cliRun.js";

const hasTmux = spawnSync("sh", ["-c", "command -v tmux"]).status === 0;
let t: TmuxSession | null = null;
afterEach(() => {
  t?.kill();
  t = null;
});

describe.skipIf(!hasTmux)("the lecture on screen (tmux)", () => {
  it("signals: each chapter is announced as it starts, C runs on to the next, help lists them", async () => {
    t = new TmuxSession(["-s", "signals", "--speed", "1000"], 120, 40);
    await t.waitFor((s) => /Chapter 1 of \d+: /.test(s));
    t.keys("space"); // paused: C still runs the simulation on to the chapter
    t.keys("C");
    let s = await t.waitFor((x) => /Chapter 2 of \d+: /.test(x));
    expect(s).toMatch(/^simtop · 2\/\d+ /);
    expect(s).toMatch(/chapter 2 of \d+ starts at tick [\d,]+/);
    t.keys("?");
    t.keys("End");
    s = await t.waitFor((x) => x.includes("Chapters of this scenario"));
    expect(s).toMatch(/2\. .*◀ now/);
    t.keys("q");
    t.keys("q");
    await t.waitFor((x) => x.includes("[exit 0]"));
  });

  it("the event log opens over the screen, scrolls back, holds still, searches and closes", async () => {
    t = new TmuxSession(["-s", "signals"], 120, 40);
    await t.waitFor((s) => s.includes("reaped by 1"), 30);
    t.keys("L");
    await t.waitFor((s) => s.includes("PgUp PgDn Home End scroll"));
    t.keys("e"); // every event: more than fit
    t.keys("Up", "Up", "Up");
    let s = await t.waitFor((x) => x.includes("3 newer below"));
    t.keys("/");
    t.keys("-l", "SIGTERM");
    t.keys("Enter");
    s = await t.waitFor((x) => x.includes('"SIGTERM"'));
    expect(s).toMatch(/SIGTERM/);
    t.keys("Escape");
    s = await t.waitFor((x) => /PID.*PPID.*NAME/.test(x));
    expect(s).not.toContain("PgUp PgDn Home End scroll");
    t.keys("q");
    await t.waitFor((x) => x.includes("[exit 0]"));
  });

  it("pipeline at 120×40: three cores, two shown, the title says so and Tab shows the third", async () => {
    t = new TmuxSession(["-s", "pipeline", "--cpus", "3"], 120, 40);
    let s = await t.waitFor((x) => x.includes("cores 1–2 of 3 · Tab"));
    expect(s).toMatch(/│cpu0 /);
    t.keys("Tab");
    s = await t.waitFor((x) => x.includes("cores 3 of 3 · Tab"));
    expect(s).toMatch(/│cpu2 /);
    t.keys("q");
    await t.waitFor((x) => x.includes("[exit 0]"));
  });

  it("16 cores at 120×40 keep the pipeline, caches and Gantt panels, paged", async () => {
    t = new TmuxSession(["--cpus", "16"], 120, 40);
    const s = await t.waitFor((x) => x.includes("Gantt") && x.includes("Caches"));
    expect(s).toContain("Pipeline · cores 1–2 of 16 · Tab");
    expect(s).toMatch(/Gantt · cores 1–\d of 16 · Tab · who ran/);
    t.keys("q");
  });

  it("help at 80×24 wraps: no line of it is cut", async () => {
    t = new TmuxSession([], 80, 24);
    await t.waitFor((x) => x.includes("Processes"));
    t.keys("?");
    const pages = [await t.waitFor((x) => x.includes("Help · simtop keys"))];
    for (let i = 0; i < 3; i++) {
      t.keys("PgDn");
      await new Promise((r) => setTimeout(r, 300));
      pages.push(t.screen());
    }
    // The SIGINT entry is the one that used to be cut ("send SIGINT to the selected proces").
    const joined = pages.join("\n").replace(/\s+/g, " ");
    expect(joined).toContain(
      "send SIGINT to the selected (or tagged) processes, as Ctrl+C in a terminal would",
    );
    t.keys("q");
    t.keys("q");
  });
});
