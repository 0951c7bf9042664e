// Scheduling, worked by hand: FCFS, SJF, priority, RR, MLFQ, switch cost, times, cores, run-time changes, Gantt.
import { describe, expect, it } from "vitest";
import type { KernelEvent } from "../../src/sim/events.js";
import { GANTT_IDLE, GANTT_SWITCH } from "../../src/sim/gantt.js";
import type { Kernel } from "../../src/sim/kernel.js";
import { responseTime, turnaroundTime } from "../../src/sim/process.js";
import { collect, jobSource, kernel, ofType, proc, quietKernel, runTo, spawn } from "./helpers.js";

/** [tick, pid] of every dispatch. */
function dispatches(events: readonly KernelEvent[]): number[][] {
  return ofType(events, "Dispatched").map((e) => [e.tick, e.pid]);
}

/** Spawns children of the holder (pid 2), so their exits wake nobody. */
function jobs(k: Kernel, names: string[], nice?: number[]): number[] {
  return names.map((n, i) => spawn(k, n, { ppid: 2, ...(nice ? { nice: nice[i] } : {}) }));
}

describe("FCFS", () => {
  it("runs jobs to completion in arrival order; response, turnaround and waiting as in the textbook", () => {
    // Jobs of 30, 10 and 20 ticks arrive together at tick 5 (the machine is quiet from 5).
    // A: 5-34, B: 35-44, C: 45-64.
    // turnaround: A 30, B 40, C 60 (avg 130/3); waiting = response: A 0, B 30, C 40 (avg 70/3).
    const k = quietKernel(
      { policy: "fcfs" },
      { a: jobSource(30), b: jobSource(10), c: jobSource(20) },
    );
    expect(k.now).toBe(5);
    const [a, b, c] = jobs(k, ["a", "b", "c"]);
    const events = collect(k, 70);
    expect(dispatches(events)).toEqual([
      [5, a],
      [35, b],
      [45, c],
    ]);
    const pa = proc(k, a);
    const pb = proc(k, b);
    const pc = proc(k, c);
    expect([turnaroundTime(pa), turnaroundTime(pb), turnaroundTime(pc)]).toEqual([30, 40, 60]);
    expect([responseTime(pa), responseTime(pb), responseTime(pc)]).toEqual([0, 30, 40]);
    expect([pa.times.waiting, pb.times.waiting, pc.times.waiting]).toEqual([0, 30, 40]);
    // With no blocking and no switch cost, turnaround = waiting + CPU ticks for each job.
    for (const p of [pa, pb, pc]) expect(turnaroundTime(p)).toBe(p.times.waiting + p.acct.cycles);
  });

  it("never preempts: a long job keeps the core while others wait", () => {
    const k = quietKernel({ policy: "fcfs" }, { a: jobSource(1000), b: jobSource(10) });
    const [a] = jobs(k, ["a", "b"]);
    const events = collect(k, 500);
    expect(dispatches(events)).toEqual([[5, a]]);
    expect(ofType(events, "Preempted")).toEqual([]);
  });
});

describe("SJF", () => {
  it("picks the shortest predicted burst, ties by lowest pid, without preempting", () => {
    // All three start with the same estimate (10), so pid 3 goes first (lowest pid).
    // 3 ("sleepy"): li, li, syscall at 5-7, sleeps until 27; its estimate becomes (3 + 10) / 2 = 6.5.
    // 8: 4 and 5 tie at 10 -> 4, a 40-tick job: 8-47 (3 woke at 27 but SJF does not preempt).
    // 48: 3 (6.5) beats 5 (10) although 5 has waited longer: 3 runs its 10 ticks 48-57.
    // 58: 5 runs 58-67.
    const sleepy = "main: sleep 20\n li $t0, 3\nloop: addi $t0, $t0, -1\n bnez $t0, loop\n exit 0";
    const k = quietKernel({ policy: "sjf" }, { sleepy, long: jobSource(40), short: jobSource(10) });
    const [s, l, sh] = jobs(k, ["sleepy", "long", "short"]);
    const events = collect(k, 70);
    expect(proc(k, s).sched.estimate).toBe((3 + 10) / 2);
    expect(dispatches(events)).toEqual([
      [5, s],
      [8, l],
      [48, s],
      [58, sh],
    ]);
    expect(ofType(events, "Exited").map((e) => [e.tick, e.pid])).toEqual([
      [47, l],
      [57, s],
      [67, sh],
    ]);
  });
});

describe("priority (by nice, preemptive)", () => {
  it("a better-priority arrival takes the core in the tick it arrives; equals take turns in order", () => {
    // A (30 ticks) and C (10) at nice 5 arrive at 5: A runs 5-9.
    // B (10 ticks, nice -5) arrives at 10 and preempts A at once: B runs 10-19.
    // Then C (queued since 5, ahead of A who re-queued at 10) runs 20-29, and A finishes 30-54.
    const k = quietKernel(
      { policy: "priority" },
      { a: jobSource(30), c: jobSource(10), b: jobSource(10) },
    );
    const [a, c] = jobs(k, ["a", "c"], [5, 5]);
    const first = collect(k, 5);
    const [b] = jobs(k, ["b"], [-5]);
    const events = [...first, ...collect(k, 60)];
    expect(dispatches(events)).toEqual([
      [5, a],
      [10, b],
      [20, c],
      [30, a],
    ]);
    expect(ofType(events, "Preempted")).toEqual([
      { tick: 10, type: "Preempted", pid: a, core: 0, reason: "priority" },
    ]);
    expect(ofType(events, "Exited").map((e) => [e.tick, e.pid])).toEqual([
      [19, b],
      [29, c],
      [54, a],
    ]);
    // A ran 5 ticks before the preemption and 25 after: 30 instructions, no tick lost.
    expect(proc(k, a).acct.instructions).toBe(30);
    expect(proc(k, a).times.waiting).toBe(20);
  });

  it("renice: raising a ready process preempts at once; lowering the running one yields at once", () => {
    const k = quietKernel({ policy: "priority" });
    const [a, b] = jobs(k, ["cpu-bound", "cpu-bound"]);
    const events = collect(k, 5); // A runs 5-9, B waits (quantum 100)
    k.apply({ type: "renice", pid: b, nice: -5 });
    events.push(...collect(k, 10)); // 10-19: B
    k.apply({ type: "renice", pid: b, nice: 10 });
    events.push(...collect(k, 10));
    expect(ofType(events, "Reniced").map((e) => [e.tick, e.pid, e.nice])).toEqual([
      [10, b, -5],
      [20, b, 10],
    ]);
    expect(dispatches(events)).toEqual([
      [5, a],
      [10, b],
      [20, a],
    ]);
    expect(proc(k, b).priority).toBe(30);
  });
});

describe("round robin", () => {
  it("quantum 3 on one core, switchCost 0: exact dispatch ticks, preemptions and waiting", () => {
    // A, B, C cpu-bound from 5: A 5-7, B 8-10, C 11-13, A 14-16, B 17-19, C 20-22, A 23-25.
    const k = quietKernel({ policy: "rr", quantum: 3 });
    const [a, b, c] = jobs(k, ["cpu-bound", "cpu-bound", "cpu-bound"]);
    const events = collect(k, 21); // through tick 25
    expect(dispatches(events)).toEqual([
      [5, a],
      [8, b],
      [11, c],
      [14, a],
      [17, b],
      [20, c],
      [23, a],
    ]);
    expect(ofType(events, "Preempted").map((e) => [e.tick, e.pid, e.reason])).toEqual([
      [7, a, "quantum"],
      [10, b, "quantum"],
      [13, c, "quantum"],
      [16, a, "quantum"],
      [19, b, "quantum"],
      [22, c, "quantum"],
      [25, a, "quantum"],
    ]);
    // Waiting: each process waits 2 x 3 ticks per round; B first waited 3, C 6.
    // A: 0 + 6 + 6 = 12; B: 3 + 6 = 9 (and ready again since 20); C: 6 + 6 = 12.
    expect([proc(k, a).times.waiting, proc(k, b).times.waiting, proc(k, c).times.waiting]).toEqual([
      12, 9, 12,
    ]);
    expect(proc(k, a).acct.instructions).toBe(9);
  });

  it("the Gantt history holds each core's segments", () => {
    const k = quietKernel({ policy: "rr", quantum: 3 });
    jobs(k, ["cpu-bound", "cpu-bound"]);
    runTo(k, 20);
    // init 0-2, holder 3-4, then A and B in turns of 3 from 5.
    expect(k.gantt[0].segments(0, 20)).toEqual([
      { who: 1, start: 0, end: 3 },
      { who: 2, start: 3, end: 5 },
      { who: 3, start: 5, end: 8 },
      { who: 4, start: 8, end: 11 },
      { who: 3, start: 11, end: 14 },
      { who: 4, start: 14, end: 17 },
      { who: 3, start: 17, end: 20 },
    ]);
    expect(k.gantt[0].segments(9, 12)).toEqual([
      { who: 4, start: 9, end: 11 },
      { who: 3, start: 11, end: 12 },
    ]);
  });

  it("a process alone gets slice after slice with no switch", () => {
    const k = quietKernel({ policy: "rr", quantum: 3, switchCost: 0 });
    const [a] = jobs(k, ["cpu-bound"]);
    const events = collect(k, 30);
    expect(dispatches(events)).toEqual([[5, a]]);
    expect(ofType(events, "Preempted")).toEqual([]);
  });

  it("quantum changed at run time by command applies from the next slice", () => {
    // quantum 3: A 5-7, B 8-10; at 9 the quantum becomes 5: B's slice ends at 5 ticks (8-12),
    // A runs 13-17, B 18-22.
    const k = quietKernel({ policy: "rr", quantum: 3 });
    const [a, b] = jobs(k, ["cpu-bound", "cpu-bound"]);
    const events = collect(k, 4);
    k.apply({ type: "setQuantum", quantum: 5 });
    events.push(...collect(k, 14)); // 9-22
    expect(dispatches(events)).toEqual([
      [5, a],
      [8, b],
      [13, a],
      [18, b],
    ]);
    expect(ofType(events, "PolicyChanged")).toEqual([
      { tick: 9, type: "PolicyChanged", policy: "rr", quantum: 5 },
    ]);
    k.apply({ type: "setQuantum", quantum: 0 });
    expect(ofType(k.drainEvents(), "CommandFailed")).toHaveLength(1);
    expect(k.quantum).toBe(5);
  });
});

describe("context switch cost", () => {
  it("switchCost 2: every dispatch to another process spends 2 ticks before the first instruction", () => {
    // Start-up with the switch: init switch 0-1, runs 2-4; holder switch 5-6, runs 7-8. Quiet at 9.
    // Then A: switch 9-10, runs 11-13; B: switch 14-15, runs 16-18; A: switch 19-20, runs 21-23.
    const k = quietKernel({ policy: "rr", quantum: 3, switchCost: 2 });
    expect(k.now).toBe(9);
    const [a, b] = jobs(k, ["cpu-bound", "cpu-bound"]);
    runTo(k, 24);
    expect(k.gantt[0].segments(9, 24)).toEqual([
      { who: GANTT_SWITCH, start: 9, end: 11 },
      { who: a, start: 11, end: 14 },
      { who: GANTT_SWITCH, start: 14, end: 16 },
      { who: b, start: 16, end: 19 },
      { who: GANTT_SWITCH, start: 19, end: 21 },
      { who: a, start: 21, end: 24 },
    ]);
    // 24 ticks: switching 2 (init) + 2 (holder) + 3 x 2 = 10; busy 3 + 2 + 3 + 3 + 3 = 14; idle 0.
    expect(k.coreStats.switching[0]).toBe(10);
    expect(k.coreStats.busy[0]).toBe(14);
    expect(k.coreStats.idle[0]).toBe(0);
    expect(responseTime(proc(k, a))).toBe(2);
    expect(proc(k, a).acct.instructions).toBe(6);
  });

  it("resuming the process that last ran on the core costs nothing", () => {
    // napper: sleep 5 in a loop. Alone on the core it is re-dispatched without a switch.
    const k = quietKernel({ switchCost: 2 }, { napper: "main: sleep 5\n j main" });
    const [n] = jobs(k, ["napper"]);
    runTo(k, 60);
    const switches = k.gantt[0].segments(9, 60).filter((s) => s.who === GANTT_SWITCH);
    expect(switches).toEqual([{ who: GANTT_SWITCH, start: 9, end: 11 }]);
    expect(k.gantt[0].segments(9, 60).some((s) => s.who === GANTT_IDLE)).toBe(true);
    expect(proc(k, n).acct.contextSwitches).toBeGreaterThan(3);
  });
});

describe("MLFQ", () => {
  const mlfq = {
    levels: 3,
    quanta: [3, 6, 12],
    allotments: [3, 6, 12],
    boostInterval: 50,
    ioToFront: false,
    ioResetsAllotment: false,
  };

  it("demotes a CPU hog level by level and boosts everyone to the top every 50 ticks", () => {
    // Alone from 5: level 0 for 3 ticks (5-7, demoted at 7), level 1 for 6 (8-13, demoted at 13),
    // then 12-tick slices at level 2 (14-25, 26-37, 38-49). Boost at 50: level 0 again for 50-52
    // (demoted at 52), level 1 for 53-58 (demoted at 58).
    const k = quietKernel({ policy: "mlfq", mlfq });
    const [a] = jobs(k, ["cpu-bound"]);
    const events = collect(k, 55); // through tick 59
    expect(ofType(events, "Demoted").map((e) => [e.tick, e.pid, e.level])).toEqual([
      [7, a, 1],
      [13, a, 2],
      [52, a, 1],
      [58, a, 2],
    ]);
    expect(ofType(events, "PriorityBoost").map((e) => e.tick)).toEqual([50]);
    expect(dispatches(events)).toEqual([[5, a]]);
  });

  it("a new job enters at the top and preempts a demoted one at once", () => {
    // A alone is at level 2 by 14. B arrives at 30 (level 0) and takes the core at 30.
    // B: 30-32 at level 0 (demoted, A waiting: preempted), picked again 33-38 at level 1 (demoted).
    // Level 2 now holds A (since 30) then B (since 38): A runs from 39. A had used 4 of its 12
    // (26-29), so its allotment ends after 8 more ticks, 39-46; B follows at 47.
    const k = quietKernel({ policy: "mlfq", mlfq });
    const [a] = jobs(k, ["cpu-bound"]);
    const events = collect(k, 25); // to 30
    const [b] = jobs(k, ["cpu-bound"]);
    events.push(...collect(k, 18)); // through 47
    expect(dispatches(events)).toEqual([
      [5, a],
      [30, b],
      [33, b],
      [39, a],
      [47, b],
    ]);
    expect(ofType(events, "Preempted").map((e) => [e.tick, e.pid, e.reason])).toEqual([
      [30, a, "priority"],
      [32, b, "quantum"],
      [38, b, "quantum"],
      [46, a, "quantum"],
    ]);
    expect(ofType(events, "Demoted").map((e) => [e.tick, e.pid, e.level])).toEqual([
      [7, a, 1],
      [13, a, 2],
      [32, b, 1],
      [38, b, 2],
    ]);
  });
});

describe("MLFQ options", () => {
  const base = {
    levels: 3,
    quanta: [6, 12, 24],
    allotments: [6, 12, 24],
    boostInterval: 0,
    ioToFront: false,
  };
  // chatty: io 1 (li, li, syscall) then j main: bursts of 3, then 4 ticks, between 10-tick reads.
  const chatty = "main: io 1\n j main";

  it.each([
    // Without -S the allotment adds up across bursts: 3 + 4 > 6 -> demoted in its second burst.
    [false, true],
    // With -S each burst (at most 4 ticks) starts a fresh allotment of 6: it stays on top.
    [true, false],
  ])("ioResetsAllotment %s: demoted = %s", (ioResetsAllotment, demoted) => {
    const k = quietKernel({ policy: "mlfq", mlfq: { ...base, ioResetsAllotment } }, { chatty });
    jobs(k, ["chatty"]);
    const events = collect(k, 200);
    expect(ofType(events, "Demoted").length > 0).toBe(demoted);
  });
});

describe("cores", () => {
  it("one core runs one process at a time", () => {
    const k = kernel({ cores: 1, policy: "rr", quantum: 7 });
    for (let i = 0; i < 4; i++) spawn(k, "cpu-bound");
    for (let t = 0; t < 100; t++) {
      k.step();
      expect([...k.procs.values()].filter((p) => p.state === "running").length).toBeLessThanOrEqual(
        1,
      );
    }
  });

  it("64 cores run 64 processes at once, each on its own core", () => {
    // At tick 0 init and the first 63 jobs get cores 0-63; init blocks at 2, so core 0 takes
    // the 64th job at 3.
    const k = kernel({ cores: 64, policy: "rr", quantum: 10 });
    const pids = Array.from({ length: 64 }, () => spawn(k, "cpu-bound"));
    const events = collect(k, 4);
    expect(dispatches(events).filter(([t]) => t === 0)).toHaveLength(64);
    expect(dispatches(events).filter(([t]) => t === 3)).toEqual([[3, pids[63]]]);
    for (let c = 0; c < 64; c++) {
      const r = k.running[c];
      expect(r).not.toBeNull();
      expect(r!.core).toBe(c);
      expect(r!.state).toBe("running");
    }
    expect(new Set(k.running.map((p) => p!.pid)).size).toBe(64);
    expect(k.stateCounts.get("running")).toBe(64);
  });
});

describe("policy switch at run time", () => {
  it("rr -> fcfs by command keeps the queue and stops the time slices", () => {
    const k = quietKernel({ policy: "rr", quantum: 3 });
    const [a, b] = jobs(k, ["cpu-bound", "cpu-bound"]);
    runTo(k, 9); // B is running (8-10), A queued
    k.drainEvents();
    k.apply({ type: "setPolicy", policy: "fcfs" });
    const events = [...k.drainEvents(), ...collect(k, 100)];
    expect(ofType(events, "PolicyChanged")).toEqual([
      { tick: 9, type: "PolicyChanged", policy: "fcfs", quantum: 3 },
    ]);
    expect(k.policy.name).toBe("fcfs");
    expect(dispatches(events)).toEqual([]);
    expect(k.running[0]!.pid).toBe(b);
    expect(k.policy.queued().map((p) => p.pid)).toEqual([a]);
  });

  it.each(["sjf", "priority", "mlfq", "rr"] as const)(
    "fcfs -> %s keeps every ready process",
    (policy) => {
      const k = quietKernel({ policy: "fcfs" });
      jobs(k, ["cpu-bound", "cpu-bound", "cpu-bound"]);
      runTo(k, 10);
      k.apply({ type: "setPolicy", policy });
      expect(
        k.policy
          .queued()
          .map((p) => p.pid)
          .sort(),
      ).toEqual([4, 5]);
      runTo(k, 500);
      expect(k.stateCounts.get("ready")! + k.stateCounts.get("running")!).toBe(3);
    },
  );
});

describe("I/O and sleep", () => {
  it("a disk read blocks for latency + perBlock x blocks; a second request queues behind it", () => {
    // reader: io 2 (li, li, syscall) then exit 3. Disk: 10 + 5 per block = 20 ticks for 2 blocks.
    // A: syscall at 7 -> done at 27. B: syscall at 10 -> queued (one channel), starts at 27 -> 47.
    const k = quietKernel(
      { disk: { latency: 10, perBlock: 5, channels: 1 } },
      { reader: "main: io 2\n exit 3" },
    );
    const [a, b] = jobs(k, ["reader", "reader"]);
    const events = collect(k, 50);
    expect(ofType(events, "IoStarted").map((e) => [e.tick, e.pid, e.blocks, e.until])).toEqual([
      [7, a, 2, 27],
      [10, b, 2, -1],
    ]);
    expect(ofType(events, "IoCompleted").map((e) => [e.tick, e.pid])).toEqual([
      [27, a],
      [47, b],
    ]);
    expect(dispatches(events)).toEqual([
      [5, a],
      [8, b],
      [27, a],
      [47, b],
    ]);
    expect(ofType(events, "Exited").map((e) => [e.tick, e.pid, e.status])).toEqual([
      [29, a, 3],
      [49, b, 3],
    ]);
    const pa = proc(k, a);
    expect(pa.state).toBe("zombie");
    // A: created 5, ran 5-7 and 27-29: turnaround 25 = 6 on the CPU + 19 blocked (8-26).
    expect(turnaroundTime(pa)).toBe(25);
  });

  it("two channels serve two requests at once", () => {
    const k = quietKernel(
      { disk: { latency: 10, perBlock: 5, channels: 2 } },
      { reader: "main: io 2\n exit 3" },
    );
    const [a, b] = jobs(k, ["reader", "reader"]);
    const events = collect(k, 50);
    expect(ofType(events, "IoCompleted").map((e) => [e.tick, e.pid])).toEqual([
      [27, a],
      [30, b],
    ]);
  });

  it("sleep N issued during tick t makes the process ready at the start of tick t + N", () => {
    // li 5, li 6, syscall 7: ready and running again at 57.
    const k = quietKernel({}, { napper: "main: sleep 50\n exit 0" });
    const [n] = jobs(k, ["napper"]);
    runTo(k, 57);
    expect(proc(k, n).state).toBe("blocked");
    expect(proc(k, n).block).toBe("sleep");
    k.drainEvents();
    const events = collect(k, 1);
    expect(dispatches(events)).toEqual([[57, n]]);
  });
});
