// CFS, worked by hand: weighted slices and vruntime, new tasks at min_vruntime, renice; the red-black run tree.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Pcb } from "../../src/sim/process.js";
import { CfsPolicy, SCHED_PRIO_TO_WEIGHT, weightOf } from "../../src/sim/sched/cfs.js";
import { RunTree } from "../../src/sim/sched/runTree.js";
import { collect, jobSource, ofType, proc, quietKernel } from "./helpers.js";

const CFS = { targetLatency: 240, minGranularity: 30, wakeupGranularity: 40 };

describe("CFS in the kernel", () => {
  it("shares one core 1024:335 between nice 0 and nice 5, slice by slice", () => {
    // Both arrive at tick 5 with vruntime = min_vruntime (1024: the holder's one charged tick).
    // Two tasks, so the period is the target latency, 240 ticks, shared by weight:
    //   A (nice 0, weight 1024): 240 * 1024 / 1359 = 180.8 -> leaves after 181 ticks (5-185),
    //     vruntime 1024 + 181 * 1024 = 186,368 (a nice-0 tick adds 1024).
    //   B (nice 5, weight 335): 240 * 335 / 1359 = 59.2 -> 60 ticks (186-245); a tick adds
    //     floor(1024 * 1024 / 335) = 3130: vruntime 1024 + 60 * 3130 = 188,824.
    //   A again (186,368 < 188,824): 181 ticks, 246-426 -> 371,712.
    //   B (188,824 < 371,712): 60 ticks, 427-486 -> 376,624.
    //   A (371,712 < 376,624) from 487.
    // A gets 181 of every 241 ticks: 75.1%, against its weight's 1024/1359 = 75.4%.
    const k = quietKernel({ policy: "cfs", cfs: CFS }, { job: jobSource(100_000) });
    const a = k.nextPid;
    k.apply({ type: "spawn", program: "job", ppid: 2 });
    const b = k.nextPid;
    k.apply({ type: "spawn", program: "job", ppid: 2, nice: 5 });
    expect([proc(k, a).sched.vruntime, proc(k, b).sched.vruntime]).toEqual([1024, 1024]);
    const events = collect(k, 487 - 5 + 1);
    expect(ofType(events, "Dispatched").map((e) => [e.tick, e.pid])).toEqual([
      [5, a],
      [186, b],
      [246, a],
      [427, b],
      [487, a],
    ]);
    expect(proc(k, b).sched.vruntime).toBe(376_624);
    expect([proc(k, a).acct.cycles, proc(k, b).acct.cycles]).toEqual([363, 120]);
  });

  it("places a new task at min_vruntime, and a task far enough behind preempts on arrival", () => {
    // As above until tick 300: A has run 246-299 (54 ticks: vruntime 241,664), B waits at
    // 188,824, so min_vruntime = min(A, B) = 188,824 and C (nice 0) starts there, not at 0.
    // C is 241,664 - 188,824 = 52,840 behind A, more than the wakeup granularity (40 ticks:
    // 40,960 for a nice-0 task): A is preempted at once. B and C tie; B came first and runs.
    const k = quietKernel({ policy: "cfs", cfs: CFS }, { job: jobSource(100_000) });
    const a = k.nextPid;
    k.apply({ type: "spawn", program: "job", ppid: 2 });
    const b = k.nextPid;
    k.apply({ type: "spawn", program: "job", ppid: 2, nice: 5 });
    collect(k, 300 - 5);
    expect(proc(k, a).sched.vruntime).toBe(241_664);
    const c = k.nextPid;
    k.apply({ type: "spawn", program: "job", ppid: 2 });
    expect(proc(k, c).sched.vruntime).toBe(188_824);
    expect((k.policy as CfsPolicy).minVruntime).toBe(188_824);
    const events = collect(k, 1);
    expect(ofType(events, "Preempted").map((e) => [e.pid, e.reason])).toEqual([[a, "priority"]]);
    expect(ofType(events, "Dispatched").map((e) => e.pid)).toEqual([b]);
  });

  it("renice means a new weight: nice 5 reniced to 0 gets half the core from then on", () => {
    const k = quietKernel({ policy: "cfs", cfs: CFS }, { job: jobSource(200_000) });
    const a = k.nextPid;
    k.apply({ type: "spawn", program: "job", ppid: 2 });
    const b = k.nextPid;
    k.apply({ type: "spawn", program: "job", ppid: 2, nice: 5 });
    collect(k, 24_100);
    const before = [proc(k, a).acct.cycles, proc(k, b).acct.cycles];
    // Rounds of about 181 + 60 ticks (vruntimes drift by the rounding of 3130 a tick): A's
    // share stays within half a point of 1024 / 1359 = 75.35%.
    expect(before[0] + before[1]).toBe(24_100);
    expect(Math.abs(before[0] / 24_100 - 1024 / 1359)).toBeLessThan(0.005);
    k.apply({ type: "renice", pid: b, nice: 0 });
    collect(k, 24_000);
    const gained = [proc(k, a).acct.cycles - before[0], proc(k, b).acct.cycles - before[1]];
    // Equal weights: slices of 120 each; within a slice of even after 24,000 ticks.
    expect(Math.abs(gained[0] - gained[1])).toBeLessThanOrEqual(240);
  });
});

describe("CfsPolicy", () => {
  const task = (pid: number, nice: number) => {
    const p = Object.create(Pcb.prototype) as Pcb;
    Object.assign(p, new Pcb(pid, 1, { name: "t" } as never, 0, null as never, 0));
    p.nice = nice;
    return p;
  };

  it("has the kernel's weights: 1024 at nice 0, about 1.25x a step, 88761 to 15", () => {
    expect(SCHED_PRIO_TO_WEIGHT).toHaveLength(40);
    expect([weightOf(-20), weightOf(-1), weightOf(0), weightOf(1), weightOf(19)]).toEqual([
      88761, 1277, 1024, 820, 15,
    ]);
  });

  it("stretches the period past target latency / min granularity tasks", () => {
    // 240 / 30 = 8 tasks fit the latency; with 10 runnable the period is 10 * 30 = 300, and
    // equal weights give each 30 ticks; with 4 the period is 240 and each gets 60.
    const cfs = new CfsPolicy(CFS);
    const ts = Array.from({ length: 10 }, (_, i) => task(i + 10, 0));
    for (const t of ts.slice(1, 4)) cfs.enqueue(t, "new");
    expect(cfs.slice(ts[0])).toBe(60);
    for (const t of ts.slice(4)) cfs.enqueue(t, "new");
    expect(cfs.slice(ts[0])).toBe(30);
    // A renice while queued changes the queue's weight: one task at nice -5 (3121) among
    // eight at 0 and the asker: 300 * 1024 / (3121 + 8 * 1024 + 1024) = 24.9 ticks.
    ts[1].nice = -5;
    cfs.reweight(ts[1], 0);
    expect(cfs.slice(ts[0])).toBeCloseTo((300 * 1024) / (3121 + 9 * 1024), 9);
  });
});

describe("RunTree", () => {
  it("stays a red-black tree in key order through any inserts and removals", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 50 })),
          {
            maxLength: 200,
          },
        ),
        (ops) => {
          const tree = new RunTree();
          const pcbs = new Map<number, Pcb>();
          const keys = new Map<number, number>();
          for (const [insert, id, key] of ops) {
            let p = pcbs.get(id);
            if (p === undefined) {
              p = Object.create(Pcb.prototype) as Pcb;
              Object.assign(p, { pid: id, runNode: null });
              pcbs.set(id, p);
            }
            if (insert && !tree.has(p)) {
              tree.insert(p, key, id);
              keys.set(id, key);
            } else if (!insert) {
              expect(tree.remove(p)).toBe(keys.delete(id));
            }
            expect(tree.check()).toBeGreaterThan(0);
          }
          const want = [...keys.entries()]
            .sort((x, y) => x[1] - y[1] || x[0] - y[0])
            .map((e) => e[0]);
          expect(tree.toArray().map((p) => p.pid)).toEqual(want);
          expect(tree.size).toBe(want.length);
          expect(tree.min()?.pid ?? null).toBe(want[0] ?? null);
        },
      ),
      { numRuns: 300 },
    );
  });
});
