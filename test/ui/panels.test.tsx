// Each panel on its own, rendered with ink-testing-library from a real simulation's view model.
import { render } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { DashboardController } from "../../src/ui/controller.js";
import { helpBody } from "../../src/ui/draw/help.js";
import { KEYMAP } from "../../src/ui/keymap.js";
import { Help } from "../../src/ui/overlays/Help.js";
import { TooSmall } from "../../src/ui/overlays/TooSmall.js";
import { Caches } from "../../src/ui/panels/Caches.js";
import { Details } from "../../src/ui/panels/Details.js";
import { EventLog } from "../../src/ui/panels/EventLog.js";
import { Gantt } from "../../src/ui/panels/Gantt.js";
import { Header } from "../../src/ui/panels/Header.js";
import { KeyBar } from "../../src/ui/panels/KeyBar.js";
import { Pipeline } from "../../src/ui/panels/Pipeline.js";
import { ProcessTable } from "../../src/ui/panels/ProcessTable.js";
import { createTheme } from "../../src/ui/theme.js";
import { BUSY, pidOf, plain, storeWith } from "./helpers.js";

const mono = createTheme(false);
let unmount: (() => void) | null = null;
afterEach(() => {
  unmount?.();
  unmount = null;
});

function show(el: React.ReactElement): string {
  const r = render(el);
  unmount = r.unmount;
  return plain(r.lastFrame() ?? "");
}

function running(cpu: "ideal" | "pipeline" = "pipeline", frames = 6) {
  const store = storeWith(BUSY, { cpu });
  const c = new DashboardController({ store, color: false });
  for (let i = 0; i < frames; i++) c.tickFrame();
  return { store, c, view: c.view(120, 40) };
}

describe("panels", () => {
  it("header: time, speed, mode, policy and quantum, load, tasks by state, core meters, memory, IPC, caches", () => {
    const { view, store } = running();
    const s = show(<Header model={view.header} width={120} theme={mono} />);
    const k = store.kernel;
    expect(s).toContain("tick 6,000");
    expect(s).toContain("▶ running");
    expect(s).toContain("speed 10k ticks/s");
    // Six frames of 1,000 ticks: the window (a second, 10,000 ticks) holds the whole run so far.
    expect(s).toContain("rates over the last 6,000 ticks");
    expect(s).toContain("policy rr q=100");
    expect(s).toMatch(/load \d+\.\d\d \d+\.\d\d \d+\.\d\d/);
    expect(s).toContain(`Tasks: ${k.procs.size} total, ${k.stateCounts.get("running")} running`);
    // Each meter, then room for its history (no window has ended yet at tick 6,000).
    expect(s).toMatch(/cpu0 \[\|*\s*\d+\.\d%\] +cpu1 \[/);
    expect(s).toContain(`${(k.ram.used * 4).toString()} KiB/16 MiB`);
    expect(s).toMatch(/IPC \d\.\d\d {2}L1 \d+\.\d% {2}L2 /);
    expect(s).toMatch(/AMAT \d+\.\d\d cycles/);
  });

  it("header: the Tasks line uses short words where the long ones would be cut (80 columns)", () => {
    const { view } = running();
    const h = { ...view.header, exitedPercent: 12.3 };
    const wide = show(<Header model={h} width={120} theme={mono} />).split("\n")[1];
    expect(wide).toMatch(/^Tasks: \d+ total, .* new {2}· exited in window 12\.3% CPU *$/);
    const narrow = show(<Header model={h} width={80} theme={mono} />).split("\n")[1];
    // Nothing cut: the line ends with the exited share, in the short words.
    expect(narrow).toMatch(
      /^Tasks: \d+: \d+ run, \d+ ready, \d+ blk, .* new {2}· exited 12\.3% CPU *$/,
    );
  });

  it("header: with a long chapter title the first line keeps its load, in short words", () => {
    const { view } = running();
    const h = {
      ...view.header,
      chapter: { title: "SJF: shortest predicted burst first, a long title", number: 2, of: 4 },
    };
    const first = show(<Header model={h} width={120} theme={mono} />).split("\n")[0];
    expect(first).toMatch(/rates\/[\d.]+k? +rr q=100 +load \d+\.\d\d \d+\.\d\d \d+\.\d\d *$/);
    // Without a chapter the long words fit, as before.
    const plain = show(<Header model={view.header} width={120} theme={mono} />).split("\n")[0];
    expect(plain).toContain("rates over the last 6,000 ticks  policy rr q=100  load ");
  });

  it("header with the ideal CPU says no caches are modelled instead of showing figures", () => {
    const { view } = running("ideal");
    const s = show(<Header model={view.header} width={120} theme={mono} />);
    expect(s).toContain("ideal CPU (1 instruction a cycle, no caches)");
    expect(s).not.toContain("AMAT");
  });

  it("process table: the columns the issue lists, one row per process", () => {
    const { view, store } = running();
    const s = show(<ProcessTable model={view.table} width={120} height={20} theme={mono} />);
    expect(s).toMatch(/PID▲\s+PPID NAME\s+S STATE\s+PRI\s+NI\s+%CPU\s+RES\s+TIME\s+IPC\s+L1%/);
    for (const p of store.kernel.procs.values())
      expect(s).toMatch(new RegExp(`^\\s*${p.pid}\\s+${p.ppid}\\s+${p.name}`, "m"));
    const col = pidOf(store, "col-scan");
    // col-scan walks a matrix through the caches: its L1 hit rate is a number, not "-".
    expect(s).toMatch(new RegExp(`^\\s*${col}\\s.*\\d+\\.\\d\\s*$`, "m"));
  });

  it("details: PCB, signal dispositions, times, cache rates and the memory map with addresses and sizes", () => {
    const { store, c } = running();
    c.select(pidOf(store, "sigint-handler"));
    const view = c.view(120, 40);
    // Tall enough for every part: a shorter panel leaves registers and counts out for the story.
    const s = show(<Details model={view.details} width={60} height={22} theme={mono} />);
    expect(s).toMatch(/PID \d+ sigint-handler · R (running|ready)/);
    expect(s).toContain("parent 1 (init)");
    expect(s).toMatch(/pc 0x[0-9a-f]{8} \w+/);
    expect(s).toMatch(/sp 0x003f/);
    expect(s).toMatch(/v0\s+-?\d+ v1\s+-?\d+/);
    expect(s).toMatch(/signals SIGINT handler 0x[0-9a-f]{8}/);
    expect(s).toContain("pending none");
    expect(s).toMatch(/response \d+/);
    expect(s).toMatch(/hits since start L1I \d+\.\d% L1D (\d+\.\d%|-) L2 /);
    expect(s).toMatch(/stack 3ff000-400000\s+4 KiB/);
    expect(s).toMatch(/text\s+001000-001[0-9a-f]{3}\s+\d+ B/);
    expect(s).toMatch(/data\s+00[0-9a-f]{4}-00[0-9a-f]{4}\s+\d+ B/);
  });

  it("a program name from a file shows its control characters as escapes in the table and details", () => {
    // A session file's programs are not held to the scenario format's names.
    const name = "a\x1b[2Jb\x07";
    const store = storeWith([name], {
      programs: [{ name, source: "main: sleep 100\n      j main", description: "x\x1b]0;t\x07" }],
    });
    const c = new DashboardController({ store, color: false });
    for (let i = 0; i < 3; i++) c.tickFrame();
    c.select(pidOf(store, name));
    const view = c.view(120, 40);
    const table = show(<ProcessTable model={view.table} width={120} height={20} theme={mono} />);
    const details = show(<Details model={view.details} width={60} height={16} theme={mono} />);
    for (const s of [table, details]) {
      expect(s).toContain("a\\x1b[2Jb\\x07");
      expect(s).not.toContain("\x1b[2J");
      expect(s).not.toContain("\x07");
    }
  });

  it("details tell the process's story: each start-up step with its tick and what it took, then start-up against useful ticks", () => {
    const { store, c } = running("ideal");
    const pid = pidOf(store, "sleeper");
    c.select(pid);
    const view = c.view(120, 40);
    const rect = view.layout!.details!;
    const s = show(
      <Details model={view.details} width={rect.width} height={rect.height} theme={mono} />,
    );
    // sleeper: 3 instructions and a stack page, 2 pages: loaded at 100 + 2 × 10 = 120, then
    // 3 ticks of stdio and 2 of arguments; in the run queue at 125.
    expect(s).toMatch(/^0 created · addr space/m);
    expect(s).toMatch(/120 code\+data \+120\s+(· )?123 stdio \+3\s+(· )?125 argv \+2 · ready/);
    const p = store.kernel.procs.get(pid)!;
    const main = p.times.firstRun;
    expect(s).toContain(`${main.toLocaleString("en-US")} main()`);
    expect(s).toContain(`start-up ${main.toLocaleString("en-US")} ticks · useful `);
    // The memory map keeps its place below the story.
    expect(s).toMatch(/stack 3ff000-400000/);
  });

  it("details of a fork child show its pages shared copy-on-write", () => {
    const store = storeWith(["sleeper"]);
    const c = new DashboardController({ store, color: false });
    c.tickFrame();
    c.select(pidOf(store, "sleeper"));
    c.view(120, 40);
    c.press("f");
    c.tickFrame();
    const child = [...store.kernel.procs.values()].find((p) => p.ppid === c.selectedPid)!;
    c.select(child.pid);
    const s = show(<Details model={c.view(120, 40).details} width={60} height={16} theme={mono} />);
    const shared = child.mem.sharedPages();
    expect(shared).toBeGreaterThan(0);
    expect(s).toContain(`${child.mem.resident} pages, ${shared} shared cow`);
    expect(s).toMatch(/text\s+\S+\s+\d+ B 1p 1cow/);
  });

  it("pipeline: per core the five stages with pid:mnemonic, occupancy, stalls, lost slots by cause, IPC", () => {
    const { view } = running();
    const s = show(<Pipeline model={view.pipeline!} width={75} height={8} theme={mono} />);
    // Six frames of 1,000 ticks, all inside the one-second window.
    expect(s).toMatch(/Pipeline · over the last 6,000 cycles · forwarding on · branch EX/);
    expect(s).toMatch(/cpu0 .*IPC \d\.\d\d/);
    expect(s).toMatch(/IF \d+%\s+ID \d+%\s+EX \d+%\s+MEM\s?\d+%\s+WB \d+%\s+stall \d+/);
    expect(s).toMatch(
      /flushed \d+ · lost data \d+ mem \d+ br(anch)? \d+ sw(itch)? \d+ trap \d+ idle \d+/,
    );
    expect(s).toMatch(/\b\d+:[a-z]+\b|-\w+/);
  });

  it("pipeline and caches with the ideal CPU say so instead of inventing figures", () => {
    const { view } = running("ideal");
    expect(show(<Pipeline model={view.pipeline!} width={75} height={8} theme={mono} />)).toContain(
      "ideal CPU: 1 instruction per cycle",
    );
    expect(show(<Caches model={view.caches!} width={67} height={7} theme={mono} />)).toContain(
      "ideal CPU: no caches modelled",
    );
  });

  it("caches: hit rate per level over the rate window with a paged sparkline history, totals, latency, AMAT", () => {
    const { view } = running("pipeline", 12);
    const s = show(<Caches model={view.caches!} width={67} height={7} theme={mono} />);
    expect(s).toMatch(/AMAT \d+\.\d\d cycles · v: process/);
    for (const l of ["L1I", "L1D", "L2", "L3", "RAM"]) expect(s).toContain(l);
    // window rate, history, the window's misses by cause (compulsory/capacity/conflict), total, refs, latency
    expect(s).toMatch(/L1I\s+\d+\.\d%\s+[▁▂▃▄▅▆▇█ ]+\s+\d+\/\d+\/\d+\s+\d+\.\d%\s+\S+\s+1/);
  });

  it("caches for the selected process (v) use its own counters", () => {
    const { store, c } = running("pipeline", 8);
    c.select(pidOf(store, "col-scan"));
    c.press("v");
    c.tickFrame();
    const view = c.view(120, 40);
    const s = show(<Caches model={view.caches!} width={67} height={7} theme={mono} />);
    expect(s).toContain(`pid ${c.selectedPid} col-scan`);
    for (const l of ["L1", "L2", "L3", "RAM"]) expect(s).toContain(l);
  });

  it("gantt: a row per core, a letter per process, a time axis and a legend", () => {
    const { view } = running("pipeline", 30);
    const s = show(<Gantt model={view.gantt} width={52} height={6} theme={mono} />);
    const lines = s.split("\n");
    // 10,000 ticks/s at 10 frames/s: 1,000 ticks a frame; about two columns a frame → 500 ticks
    // a column; 52 - 6 label columns = 46 columns = a page of 23,000 ticks. Tick 30,000 is on
    // the page [23,000, 46,000), of which (30,000 - 23,000) / 500 = 14 columns have happened.
    expect(lines[0]).toMatch(/Gantt · who ran · 500 ticks\/column\s*$/);
    expect(lines[1]).toMatch(/^cpu0 │[A-Za-z0-9·~]{14}\s*$/);
    expect(lines[2]).toMatch(/^cpu1 │[A-Za-z0-9·~]{14}\s*$/);
    expect(lines[3]).toMatch(/^\s+23,000\s+46,000$/);
    expect(lines[4]).toMatch(/~ switch · idle\s+[A-Z] \d+ \S+/);
  });

  it("gantt: a legend too long for its line wraps, whole entries, onto the free lines, then pages", () => {
    const { view } = running("pipeline", 30);
    const g = view.gantt!;
    const many = {
      ...g,
      legend: Array.from({ length: 12 }, (_, i) => ({
        symbol: String.fromCharCode(65 + i),
        pid: 100 + i,
        name: `worker-${i}`,
        slot: i,
      })),
    };
    const roomy = show(<Gantt model={many} width={52} height={10} theme={mono} />).split("\n");
    const legend = roomy.slice(4).join(" ");
    // Every entry whole, none cut at a line's end.
    for (let i = 0; i < 12; i++)
      expect(legend).toContain(`${String.fromCharCode(65 + i)} ${100 + i} worker-${i}`);
    const tight = show(<Gantt model={many} width={60} height={6} theme={mono} />);
    expect(tight).toMatch(/Gantt · legend 1\/\d · Tab · who ran · 500 ticks\/column/);
    expect(tight).toContain("A 100 worker-0");
    const next = show(<Gantt model={many} width={60} height={6} theme={mono} page={1} />);
    expect(next).toMatch(/legend 2\/\d · Tab/);
    expect(next).not.toContain("A 100 worker-0");
  });

  it("pipeline: cores that do not fit are paged with Tab, and the title says which are shown", () => {
    const { view } = running("pipeline", 5);
    const m = view.pipeline!;
    if (m.kind === "ideal") throw new Error("the pipeline scenario runs the pipelined CPU");
    const three = { ...m, cores: [0, 1, 2].map((core) => ({ ...m.cores[0]!, core })) };
    const first = show(<Pipeline model={three} width={75} height={7} theme={mono} />);
    expect(first).toContain("Pipeline · cores 1–2 of 3 · Tab · over the last");
    expect(first).toMatch(/cpu0 .*\n[\s\S]*cpu1 /);
    const second = show(<Pipeline model={three} width={75} height={7} theme={mono} page={1} />);
    expect(second).toContain("cores 3 of 3 · Tab");
    expect(second).toMatch(/cpu2 /);
    expect(second).not.toMatch(/cpu0 /);
  });

  it("gantt pages: a frame adds columns on the right and leaves the earlier ones where they were", () => {
    const { c, view } = running("pipeline", 30);
    const before = view.gantt!.cores.map((cells) => cells.map((x) => x.symbol).join(""));
    c.tickFrame();
    const after = c.view(120, 40).gantt!.cores.map((cells) => cells.map((x) => x.symbol).join(""));
    // Frame 31 covers ticks 30,000-31,000: columns 14 and 15 of the page fill, 0-13 stay.
    for (let core = 0; core < before.length; core++) {
      expect(after[core].slice(0, 14)).toBe(before[core].slice(0, 14));
      expect(before[core].slice(14).trim()).toBe("");
      expect(after[core].slice(14, 16)).toMatch(/^[A-Za-z0-9·~]{2}$/);
      expect(after[core].slice(16).trim()).toBe("");
    }
  });

  it("event log: recent kernel events in words, newest last", () => {
    const store = storeWith(["sleeper"]);
    const c = new DashboardController({ store, color: false });
    c.tickFrame();
    const sleeper = pidOf(store, "sleeper");
    c.select(sleeper);
    c.view(120, 40);
    c.press("i");
    c.tickFrame();
    const view = c.view(120, 40);
    const s = show(<EventLog model={view.events!} width={100} height={8} theme={mono} />);
    expect(s).toContain(`SIGINT → ${sleeper} (sleeper): default action, terminated, status 130`);
    const lines = s.split("\n").filter((l) => /^\s*[\d,]+ /.test(l));
    const ticks = lines.map((l) => Number(l.trim().split(" ")[0].replace(/,/g, "")));
    expect(ticks).toEqual([...ticks].sort((a, b) => a - b));
    expect(s).toContain(
      "Events · lifecycle and signals (e: everything) · L: scroll, search, follow",
    );
  });

  it("key bar: the main keys, like htop's", () => {
    const { view } = running();
    const s = show(<KeyBar model={view.keybar} width={120} theme={mono} />);
    expect(s).toMatch(
      /^\?Help \/Filter tTree fFork nNew iSIGINT KSignal zStop cCont SpcPause ←→Rewind \+-Speed pPolicy LLog qQuit/,
    );
  });

  it("help lists keys by group", () => {
    const s = show(<Help scroll={0} width={100} height={70} theme={mono} />);
    expect(s).toContain("Help · simtop keys");
    for (const g of ["Move", "Sort and view", "Processes", "Scheduler", "Time"])
      expect(s).toContain(g);
  });

  it("help at 80 columns wraps every line instead of cutting it, and explains the panels' symbols", () => {
    const body = helpBody(80, mono).map((l) => l.replace(/\x1b\[[0-9;]*m/g, ""));
    for (const l of body) expect(l.length).toBe(80);
    // Joined, the wrapped lines give back every key's whole text and every symbol's meaning.
    const text = body
      .map((l) => l.trim())
      .join(" ")
      .replace(/\s+/g, " ");
    for (const b of KEYMAP) expect(text).toContain(b.help);
    for (const sym of ["×flush", "-data -memory", "7:lw?", "7:?", "~", "·", "AMAT"])
      expect(text).toContain(sym);
  });

  it("too small: a clear message with the size needed and the size there is", () => {
    const s = show(<TooSmall columns={60} rows={20} theme={mono} />);
    expect(s).toContain("terminal too small");
    expect(s).toContain("simtop needs at least 80×24; this one is 60×20.");
  });
});

describe("key bar at 80 columns", () => {
  it("leaves entries out from the right but keeps help first and quit last", () => {
    const { view } = running();
    const s = show(<KeyBar model={view.keybar} width={80} theme={mono} />);
    expect(s).toMatch(/^\?Help \/Filter .* qQuit\s*$/);
    expect(s.trimEnd().length).toBeLessThanOrEqual(80);
  });
});
