// Every dashboard action through its key, on the App rendered by ink-testing-library.
import { afterEach, describe, expect, it } from "vitest";
import { Signal } from "../../src/sim/signals.js";
import { SIGNAL_ORDER } from "../../src/ui/menus.js";
import { KEY, type Mounted, mount, pidOf, storeWith } from "./helpers.js";

let app: Mounted | null = null;
afterEach(() => {
  app?.unmount();
  app = null;
});

/** The %CPU column of every visible table row, top to bottom (plain text screen). */
function cpuColumn(screen: string): number[] {
  const lines = screen.split("\n");
  const head = lines.findIndex((l) => /PID.*PPID.*NAME/.test(l));
  const at = lines[head].indexOf("%CPU");
  const out: number[] = [];
  for (const l of lines.slice(head + 1)) {
    const v = Number.parseFloat(l.slice(at - 1, at + 4));
    if (!/^\s*\d+\s+\d+\s/.test(l) || Number.isNaN(v)) break;
    out.push(v);
  }
  return out;
}

describe("process actions", () => {
  it("f forks the selected process: a child whose PPID is the selected pid", async () => {
    app = await mount(storeWith(["sleeper"]));
    await app.frames(1);
    const sleeper = pidOf(app.store, "sleeper");
    await app.select(sleeper);
    const before = new Set(app.store.kernel.procs.keys());
    await app.press("f");
    await app.frames(1);
    const children = [...app.store.kernel.procs.values()].filter((p) => !before.has(p.pid));
    expect(children.map((p) => [p.ppid, p.name])).toEqual([[sleeper, "sleeper"]]);
    const row = app.row(children[0].pid)!;
    expect(row).toMatch(new RegExp(`^\\s*${children[0].pid}\\s+${sleeper}\\s+sleeper\\b`));
  });

  it("i sends SIGINT: without a handler the process dies with status 130 and init reaps it", async () => {
    app = await mount(storeWith(["sleeper"]));
    await app.frames(1);
    const sleeper = pidOf(app.store, "sleeper");
    await app.select(sleeper);
    await app.press("i");
    await app.frames(2);
    expect(app.store.kernel.procs.has(sleeper)).toBe(false);
    const mine = app.store.recentEvents(2048).filter((e) => "pid" in e && e.pid === sleeper);
    const kinds = mine.map((e) => e.type);
    // Delivered, exited, zombie, reaped: in that order.
    expect(kinds.indexOf("SignalDelivered")).toBeLessThan(kinds.indexOf("BecameZombie"));
    expect(kinds.indexOf("BecameZombie")).toBeLessThan(kinds.indexOf("Reaped"));
    expect(app.screen()).toContain(
      `SIGINT → ${sleeper} (sleeper): default action, terminated, status 130`,
    );
    expect(app.screen()).toContain(`${sleeper} reaped by 1, status 130`);
    expect(app.row(sleeper)).toBeUndefined();
  });

  it("a SIGINTed child stays a zombie while its parent does not wait, and init reaps it once orphaned", async () => {
    app = await mount(storeWith(["sleeper"]));
    await app.frames(1);
    const parent = pidOf(app.store, "sleeper");
    await app.select(parent);
    await app.press("f");
    await app.frames(1);
    const child = [...app.store.kernel.procs.values()].find((p) => p.ppid === parent)!.pid;
    await app.select(child);
    await app.press("i");
    await app.frames(2);
    expect(app.row(child)).toMatch(/\bZ zombie\b/);
    expect(app.screen()).toContain("exit status 130 (killed by SIGINT)");
    // kill -9 the parent: the zombie is orphaned, adopted by init and reaped.
    await app.select(parent);
    await app.press("K", "9", KEY.enter);
    await app.frames(2);
    expect(app.store.kernel.procs.has(child)).toBe(false);
    expect(app.screen()).toContain(`${child} reaped by 1, status 130`);
  });

  it("i to a process with a SIGINT handler: caught, and it keeps running", async () => {
    app = await mount(storeWith(["sigint-handler"]));
    await app.frames(1);
    const pid = pidOf(app.store, "sigint-handler");
    await app.select(pid);
    await app.press("i");
    await app.frames(2);
    expect(app.store.kernel.procs.get(pid)?.state).not.toBe("zombie");
    expect(app.row(pid)).toMatch(/\bR (running|ready)\b/);
    expect(app.screen()).toContain(`SIGINT → ${pid} (sigint-handler): caught by handler`);
  });

  it("z stops and c continues the selected process", async () => {
    app = await mount(storeWith(["cpu-bound"]));
    await app.frames(1);
    const pid = pidOf(app.store, "cpu-bound");
    await app.select(pid);
    await app.press("z");
    await app.frames(1);
    expect(app.row(pid)).toMatch(/\bT stopped\b/);
    const time = app.store.kernel.procs.get(pid)!.acct.cycles;
    await app.frames(2);
    expect(app.store.kernel.procs.get(pid)!.acct.cycles).toBe(time);
    await app.press("c");
    await app.frames(1);
    expect(app.row(pid)).toMatch(/\bR (running|ready)\b/);
    expect(app.store.kernel.procs.get(pid)!.acct.cycles).toBeGreaterThan(time);
  });

  it("K opens a menu of every signal; Enter on SIGKILL kills the process", async () => {
    app = await mount(storeWith(["sigint-ignorer"]));
    await app.frames(1);
    const pid = pidOf(app.store, "sigint-ignorer");
    await app.select(pid);
    await app.press("K");
    const menu = app.screen();
    expect(menu).toContain(`Send signal to ${pid} (sigint-ignorer)`);
    // The menu opens on SIGTERM, with the signals around it in view.
    for (const name of [
      "SIGINT",
      "SIGQUIT",
      "SIGKILL",
      "SIGUSR1",
      "SIGSEGV",
      "SIGTERM",
      "SIGCHLD",
      "SIGCONT",
      "SIGSTOP",
    ])
      expect(menu).toContain(name);
    expect(menu).toMatch(/2 SIGINT\s+ignored by it/);
    // The menu opens on SIGTERM; move to SIGKILL.
    const steps = SIGNAL_ORDER.indexOf(Signal.SIGKILL) - SIGNAL_ORDER.indexOf(Signal.SIGTERM);
    for (let i = 0; i < Math.abs(steps); i++) await app.press(steps < 0 ? KEY.up : KEY.down);
    await app.press(KEY.enter);
    expect(app.screen()).not.toContain("Send signal to");
    await app.frames(1);
    expect(app.store.kernel.procs.has(pid)).toBe(false);
    expect(app.screen()).toContain(`${pid} (sigint-ignorer) killed by SIGKILL, status 137`);
  });

  it("F9 opens the signal menu too, and Esc closes it without sending anything", async () => {
    app = await mount(storeWith(["sleeper"]));
    await app.frames(1);
    await app.press(KEY.f9);
    expect(app.screen()).toContain("Send signal to");
    await app.press(KEY.escape);
    expect(app.screen()).not.toContain("Send signal to");
    // Only the spawn of the scenario was ever logged: no kill.
    expect(app.store.log.map((c) => c.command.type)).toEqual(["spawn"]);
  });

  it("n opens the program library; Enter starts the chosen program as a child of init", async () => {
    app = await mount(storeWith([]));
    await app.frames(1);
    await app.press("n");
    expect(app.screen()).toContain("Start a program");
    const names = app.store.kernel.programs.names();
    const target = names.indexOf("cpu-bound");
    for (let i = 0; i < target; i++) await app.press("j");
    await app.press(KEY.enter);
    await app.frames(1);
    const started = [...app.store.kernel.procs.values()].filter((p) => p.name === "cpu-bound");
    expect(started.map((p) => p.ppid)).toEqual([1]);
  });

  it("] and [ renice the selected process (nice -1, +1)", async () => {
    app = await mount(storeWith(["cpu-bound"]));
    await app.frames(1);
    const pid = pidOf(app.store, "cpu-bound");
    await app.select(pid);
    await app.press("]");
    await app.frames(1);
    expect(app.store.kernel.procs.get(pid)!.nice).toBe(-1);
    // PRI = 20 + NI = 19.
    expect(app.row(pid)).toMatch(/\s19\s+-1\s/);
    await app.press("[");
    await app.frames(1);
    await app.press("[");
    await app.frames(1);
    expect(app.store.kernel.procs.get(pid)!.nice).toBe(1);
  });
});

describe("scheduler and time", () => {
  it("p cycles the policy (rr → mlfq) and } { change the quantum through 1-2-5 steps", async () => {
    app = await mount(storeWith(["cpu-bound"]));
    await app.press("p");
    await app.frames(1);
    expect(app.store.kernel.policy.name).toBe("mlfq");
    // Under MLFQ the header names each level's slice and allotment, not one quantum.
    expect(app.screen()).toMatch(/policy mlfq +load/);
    expect(app.screen()).toContain("mlfq q 50/100/200 allot 50/100/200");
    // } and { step the top level's slice; every level's slice and allotment follows it.
    await app.press("}");
    await app.frames(1);
    expect(app.screen()).toContain("mlfq q 100/200/400 allot 100/200/400");
    await app.press("{");
    await app.frames(1);
    await app.press("{");
    await app.frames(1);
    expect(app.screen()).toContain("mlfq q 20/40/80 allot 20/40/80");
    // mlfq → lottery → stride → cfs → fcfs → sjf → priority → rr.
    await app.press("p", "p", "p", "p", "p", "p", "p");
    await app.frames(1);
    expect(app.store.kernel.policy.name).toBe("rr");
    await app.press("}");
    await app.frames(1);
    expect(app.store.kernel.quantum).toBe(50);
    expect(app.screen()).toMatch(/policy rr q=50/);
  });

  it("( and ) halve and double tickets, shown in TICKETS under lottery and stride", async () => {
    app = await mount(storeWith(["cpu-bound", "cpu-bound"], { policy: "stride" }));
    await app.frames(1);
    expect(app.screen()).toMatch(/NI +TICKETS +%CPU/);
    const pid = pidOf(app.store, "cpu-bound");
    await app.select(pid);
    await app.press(")");
    await app.frames(1);
    expect(app.store.kernel.procs.get(pid)!.tickets).toBe(200);
    expect(app.row(pid)).toMatch(/\s0\s+200\s/);
    await app.press("(", "(", "(");
    await app.frames(1);
    expect(app.store.kernel.procs.get(pid)!.tickets).toBe(25);
    // Under round robin tickets mean nothing: no column.
    app.store.submit({ type: "setPolicy", policy: "rr" });
    await app.frames(1);
    expect(app.screen()).not.toContain("TICKETS");
  });

  it("under CFS the table shows VRUNTIME and WEIGHT, and the header the target latency", async () => {
    app = await mount(storeWith(["cpu-bound"], { policy: "cfs" }));
    await app.frames(2);
    const pid = pidOf(app.store, "cpu-bound");
    expect(app.screen()).toMatch(/NI VRUNTIME +WEIGHT +%CPU/);
    expect(app.screen()).toMatch(/cfs lat=240/);
    expect(app.row(pid)).toMatch(/\s0\s+[\d.]+k?\s+1024\s/);
    await app.select(pid);
    await app.press("[");
    await app.frames(1);
    expect(app.row(pid)).toMatch(/\s1\s+[\d.]+k?\s+820\s/);
  });

  it("a pins the selected process to one core after another; Q switches to per-core queues", async () => {
    app = await mount(storeWith(["cpu-bound", "cpu-bound", "cpu-bound"]));
    await app.frames(1);
    // One global queue and nobody pinned: the cores' columns are not worth their room.
    expect(app.screen()).not.toMatch(/ AFF /);
    const pid = pidOf(app.store, "cpu-bound");
    await app.select(pid);
    await app.press("a");
    await app.frames(1);
    const p = app.store.kernel.procs.get(pid)!;
    const first = p.affinityLo;
    expect([1, 2]).toContain(first);
    expect(app.screen()).toMatch(/ CPU AFF +MIG/);
    await app.press("a");
    await app.frames(1);
    // From core 0 to core 1, or from core 1 back to every core.
    expect(p.affinityLo).toBe(first === 1 ? 2 : 0xffffffff);
    await app.press("Q");
    await app.frames(1);
    expect(app.store.kernel.runQueueMode).toBe("per-core");
    expect(app.screen()).toMatch(/per-core/);
    await app.press("Q");
    await app.frames(1);
    expect(app.store.kernel.runQueueMode).toBe("global");
  });

  it("Space pauses; s steps one tick and S one frame; nothing moves otherwise", async () => {
    app = await mount(storeWith(["cpu-bound"]));
    await app.frames(2);
    await app.press(" ");
    expect(app.screen()).toContain("‖ paused");
    const t = app.store.now;
    await app.frames(3);
    expect(app.store.now).toBe(t);
    await app.press("s");
    expect(app.store.now).toBe(t + 1);
    expect(app.screen()).toContain(`tick ${(t + 1).toLocaleString("en-US")}`);
    // One frame at 10,000 ticks/s and 10 frames/s: 1,000 ticks.
    await app.press("S");
    expect(app.store.now).toBe(t + 1 + 1000);
    await app.press(" ");
    await app.frames(1);
    expect(app.store.now).toBe(t + 1 + 2000);
    expect(app.screen()).toContain("▶ running");
  });

  it("+ and - change the speed; a frame then simulates speed/fps ticks", async () => {
    app = await mount(storeWith([]));
    await app.press("+");
    expect(app.controller.speed).toBe(20_000);
    const t = app.store.now;
    await app.frames(1);
    expect(app.store.now - t).toBe(2000);
    await app.press("-", "-");
    expect(app.controller.speed).toBe(5000);
    expect(app.screen()).toContain("5k ticks/s");
  });

  it("← rewinds through history (every panel shows the past), → goes forward, l returns to the present", async () => {
    app = await mount(storeWith(["sleeper"]));
    await app.frames(3);
    const sleeper = pidOf(app.store, "sleeper");
    await app.select(sleeper);
    await app.press("f");
    await app.frames(2);
    const child = [...app.store.kernel.procs.values()].find((p) => p.ppid === sleeper)!.pid;
    expect(app.store.now).toBe(5000);
    expect(app.row(child)).toBeDefined();
    await app.press(KEY.left);
    expect(app.screen()).toContain("◀ past: 1,000 ticks ago");
    expect(app.screen()).toContain("tick 4,000");
    expect(app.row(child)).toBeDefined();
    await app.press(KEY.left);
    // The fork was applied at tick 3,000: the state at the start of that tick has no child.
    expect(app.screen()).toContain("tick 3,000");
    expect(app.row(child)).toBeUndefined();
    expect(app.store.now).toBe(5000);
    // The past cannot be changed.
    await app.press("f");
    expect(app.screen()).toContain("showing the past");
    await app.frames(2);
    expect(app.store.now).toBe(5000);
    await app.press(KEY.right);
    expect(app.screen()).toContain("tick 4,000");
    await app.press("l");
    expect(app.screen()).toContain("tick 5,000");
    expect(app.screen()).toContain("‖ paused");
    expect(app.row(child)).toBeDefined();
  });

  it("Space while looking at the past resumes from the present", async () => {
    app = await mount(storeWith(["cpu-bound"]));
    await app.frames(4);
    await app.press(KEY.shiftLeft);
    expect(app.screen()).toContain("◀ past");
    await app.press(" ");
    await app.frames(1);
    expect(app.screen()).toContain("▶ running");
    expect(app.screen()).toContain("tick 5,000");
  });
});

describe("table: filter, sort, tree, selection", () => {
  it("/ filters by name as you type; Enter keeps the filter, Esc in the prompt clears it", async () => {
    app = await mount(storeWith(["sleeper", "cpu-bound", "io-bound"]));
    await app.frames(1);
    await app.press("/", "s", "l", "e");
    expect(app.screen()).toContain("Filter: sle_");
    await app.press(KEY.enter);
    const s = app.screen();
    expect(s).toContain('filter "sle"');
    expect(s).toContain("Processes 1 of 4");
    expect(app.row(pidOf(app.store, "sleeper"))).toBeDefined();
    expect(app.row(pidOf(app.store, "cpu-bound"))).toBeUndefined();
    await app.press(KEY.f3, KEY.escape);
    expect(app.screen()).toContain("Processes 4");
    expect(app.row(pidOf(app.store, "cpu-bound"))).toBeDefined();
  });

  it("P sorts by %CPU (highest first), I inverts, N goes back to PID order", async () => {
    app = await mount(storeWith(["cpu-bound", "sleeper", "io-bound", "row-scan"]));
    await app.frames(3);
    await app.press("P");
    const down = cpuColumn(app.screen());
    expect(down.length).toBe(5);
    expect(down).toEqual([...down].sort((a, b) => b - a));
    expect(app.screen()).toContain("%CPU▼");
    await app.press("I");
    const up = cpuColumn(app.screen());
    expect(up).toEqual([...up].sort((a, b) => a - b));
    await app.press("N");
    const pids = app
      .screen()
      .split("\n")
      .filter((l) => /^\s*\d+\s+\d+\s/.test(l))
      .map((l) => Number.parseInt(l, 10));
    expect(pids).toEqual([...pids].sort((a, b) => a - b));
  });

  it("< and > move the sort to the neighbouring column", async () => {
    app = await mount(storeWith(["sleeper"]));
    await app.press(">");
    expect(app.controller.sort).toBe("ppid");
    await app.press("<", "<");
    expect(app.controller.sort).toBe("l1");
  });

  it("t shows the fork tree: a child right under its parent, indented", async () => {
    app = await mount(storeWith(["sleeper", "cpu-bound"]));
    await app.frames(1);
    const sleeper = pidOf(app.store, "sleeper");
    await app.select(sleeper);
    await app.press("f");
    await app.frames(1);
    const child = [...app.store.kernel.procs.values()].find((p) => p.ppid === sleeper)!.pid;
    await app.press("t");
    const lines = app.screen().split("\n");
    const at = (pid: number) =>
      lines.findIndex((l) => new RegExp(`^\\s*${pid}\\s+\\d+\\s`).test(l));
    expect(at(child)).toBe(at(sleeper) + 1);
    expect(lines[at(child)]).toMatch(/└─ sleeper/);
    expect(lines[at(sleeper)]).toMatch(/[├└]─ sleeper/);
    expect(app.screen()).toContain("tree view");
    await app.press(KEY.f5);
    expect(app.screen()).not.toContain("tree view");
  });

  it("the selection stays on its pid when rows reorder and new processes appear", async () => {
    app = await mount(storeWith(["cpu-bound", "sleeper", "io-bound", "forker", "row-scan"]));
    await app.frames(2);
    const pid = pidOf(app.store, "sleeper");
    await app.select(pid);
    await app.press("P");
    for (let i = 0; i < 6; i++) {
      await app.frames(1);
      const v = app.controller.view(120, 40);
      expect(v.table.rows[v.table.selected].pid).toBe(pid);
    }
    await app.press("f");
    await app.frames(2);
    const v = app.controller.view(120, 40);
    expect(v.table.rows[v.table.selected].pid).toBe(pid);
  });

  it("when the selected process is gone, the selection moves to the row now in its place", async () => {
    app = await mount(storeWith(["sleeper", "cpu-bound", "io-bound"]));
    await app.frames(1);
    const pid = pidOf(app.store, "cpu-bound");
    await app.select(pid);
    const index = app.controller.selectedIndex;
    await app.press("K", "9", KEY.enter);
    await app.frames(1);
    expect(app.controller.selectedIndex).toBe(index);
    expect(app.controller.selectedPid).toBe(pidOf(app.store, "io-bound"));
  });

  it("arrows, j/k, Home/End and PgUp/PgDn move the selection; the table scrolls to keep it in view", async () => {
    const programs = Array.from({ length: 60 }, () => "sleeper");
    app = await mount(storeWith(programs), { columns: 80, rows: 24 });
    await app.frames(1);
    await app.press("G");
    expect(app.controller.selectedPid).toBe(61);
    expect(app.row(61)).toBeDefined();
    expect(app.row(1)).toBeUndefined();
    await app.press(KEY.up, "k");
    expect(app.controller.selectedPid).toBe(59);
    await app.press("\x1b[5~");
    const page = 24 - 1 - 4 - 1 - 2;
    expect(app.controller.selectedPid).toBe(59 - page);
    await app.press("\x1b[H");
    expect(app.controller.selectedPid).toBe(1);
    expect(app.row(1)).toBeDefined();
    expect(app.screen()).toContain(`rows 1-${page}`);
  });
});

describe("panels' own keys", () => {
  it("e switches the event log between lifecycle and signals only and every event", async () => {
    app = await mount(storeWith(["cpu-bound", "cpu-bound"]));
    await app.frames(2);
    expect(app.screen()).toContain("lifecycle and signals (e: everything)");
    expect(app.screen()).not.toMatch(/dispatched on cpu\d/);
    await app.press("e");
    expect(app.screen()).toContain("everything (e: lifecycle and signals only)");
    expect(app.screen()).toMatch(/dispatched on cpu\d|preempted on cpu\d|: ready → running/);
  });

  it("L opens the event log over the screen: it scrolls, searches, follows one process, and closes", async () => {
    app = await mount(storeWith(["sleeper", "cpu-bound"]));
    await app.frames(3);
    const sleeper = pidOf(app.store, "sleeper");
    const cpu = pidOf(app.store, "cpu-bound");
    await app.select(sleeper);
    await app.press("L");
    let screen = app.screen();
    expect(screen).toContain("Events · lifecycle and signals · ↑↓ PgUp PgDn Home End scroll");
    expect(screen).toContain(`pid ${cpu} (cpu-bound) created`);
    // Follow the sleeper: the cpu-bound process's events leave the log.
    await app.press("f");
    screen = app.screen();
    expect(screen).toContain(`pid ${sleeper} only`);
    expect(screen).toContain(`pid ${sleeper} (sleeper) created`);
    expect(screen).not.toContain(`pid ${cpu} (cpu-bound) created`);
    await app.press("f");
    expect(app.screen()).toContain(`pid ${cpu} (cpu-bound) created`);
    // Every event (more than fit); scrolled back one, the log holds still while time runs and
    // says what is below.
    await app.press("e");
    expect(app.screen()).toContain("Events · everything ·");
    await app.press(KEY.up);
    await app.frames(2);
    expect(app.screen()).toContain("1 newer below");
    await app.press(KEY.end);
    expect(app.screen()).not.toContain("newer below");
    // Search: typed, Enter finds the newest match (shown marked in the title), n an older one.
    await app.press("/");
    await app.press("loaded");
    await app.press(KEY.enter);
    expect(app.screen()).toContain('"loaded"');
    await app.press("n");
    expect(app.screen()).toMatch(/\d+ newer below/);
    await app.press(KEY.escape);
    expect(app.screen()).not.toContain("PgUp PgDn Home End scroll");
    expect(app.screen()).toMatch(/PID.*PPID.*NAME/);
  });

  it("v switches the caches panel between the whole machine and the selected process", async () => {
    app = await mount(storeWith(["col-scan"]));
    await app.frames(2);
    expect(app.screen()).toContain("Caches · whole machine");
    await app.select(pidOf(app.store, "col-scan"));
    await app.press("v");
    expect(app.screen()).toContain(`Caches · pid ${pidOf(app.store, "col-scan")} col-scan`);
  });
});

describe("screens and quitting", () => {
  it("? (and F1) lists every key; Esc closes the help", async () => {
    app = await mount(storeWith([]), { rows: 120 });
    await app.press("?");
    const help = app.screen();
    for (const k of ["F9", "F10", "Space", "PgUp", "Shift+←", "Ctrl+C", "Ctrl+L"])
      expect(help).toContain(k);
    await app.press(KEY.escape);
    expect(app.screen()).not.toContain("Help · simtop keys");
    await app.press(KEY.f1);
    expect(app.screen()).toContain("Help · simtop keys");
  });

  it.each([["q"], [KEY.f10], [KEY.ctrlC]])("%j quits", async (key) => {
    app = await mount(storeWith([]));
    let quit = 0;
    app.controller.onQuit = () => quit++;
    await app.press(key);
    expect(app.controller.quitRequested).toBe(true);
    expect(quit).toBe(1);
  });

  it("Ctrl+Z asks to suspend, whatever is open (a filter being typed, the help)", async () => {
    app = await mount(storeWith([]));
    let suspended = 0;
    app.controller.onSuspend = () => suspended++;
    await app.press("\x1a");
    await app.press("/", "x", "\x1a");
    expect(app.screen()).toContain("Filter: x_");
    await app.press(KEY.escape, "?", "\x1a");
    expect(app.screen()).toContain("Help · simtop keys");
    expect(suspended).toBe(3);
    expect(app.controller.quitRequested).toBe(false);
  });

  it("Ctrl+C quits even while typing a filter, where q is just a letter", async () => {
    app = await mount(storeWith([]));
    await app.press("/", "q");
    expect(app.controller.quitRequested).toBe(false);
    expect(app.screen()).toContain("Filter: q_");
    await app.press(KEY.ctrlC);
    expect(app.controller.quitRequested).toBe(true);
  });
});
