// Proportional share, worked by hand: stride's exact schedule (OSTEP fig. 9.3) and lottery's long-run shares.
import { describe, expect, it } from "vitest";
import type { Kernel } from "../../src/sim/kernel.js";
import { collect, jobSource, ofType, proc, quietKernel } from "./helpers.js";

/** Spawns long CPU-bound jobs under the holder (pid 2) with the given tickets; their pids. */
function ticketJobs(k: Kernel, tickets: number[]): number[] {
  return tickets.map((t) => {
    const pid = k.nextPid;
    k.apply({ type: "spawn", program: "job", ppid: 2, tickets: t });
    return pid;
  });
}

describe("stride scheduling", () => {
  it("runs OSTEP's example exactly: A B C C C A C C, then every 8 ticks 2:1:5", () => {
    // Tickets A 100, B 50, C 250 give strides 10000/t = 100, 200, 40 (OSTEP's figure 9.3).
    // Quantum 1 tick; all three arrive at tick 5 with the same pass (the lowest runnable one at
    // the last tick run), counted here from 0.
    // tick  pass A  B   C    runs (lowest pass; ties to the lower pid)
    //   5      0    0    0    A -> 100
    //   6    100    0    0    B -> 200
    //   7    100  200    0    C -> 40
    //   8    100  200   40    C -> 80
    //   9    100  200   80    C -> 120
    //  10    100  200  120    A -> 200
    //  11    200  200  120    C -> 160
    //  12    200  200  160    C -> 200
    //  13    200  200  200    all equal again: the pattern repeats from A.
    const k = quietKernel({ policy: "stride", quantum: 1 }, { job: jobSource(100_000) });
    const [a, b, c] = ticketJobs(k, [100, 50, 250]);
    const start = proc(k, a).sched.pass;
    expect([a, b, c].map((p) => proc(k, p).sched.pass)).toEqual([start, start, start]);
    const events = collect(k, 8);
    expect(ofType(events, "Dispatched").map((e) => e.pid)).toEqual([a, b, c, c, c, a, c, c]);
    expect([a, b, c].map((p) => proc(k, p).sched.pass - start)).toEqual([200, 200, 200]);
    // 100 more rounds of 8 ticks: exactly 2:1:5, not roughly.
    collect(k, 800);
    const ran = [a, b, c].map((p) => proc(k, p).acct.cycles);
    expect(ran).toEqual([202, 101, 505]);
  });

  it("starts a newcomer at the lowest runnable pass, so it cannot monopolise the core", () => {
    // A (100 tickets) runs alone from tick 5 for 50 ticks: its pass grows by 5000. B then
    // arrives with the lowest runnable pass at the last tick run (A's before tick 54's charge:
    // 4900 on), not with 0. A finishes its slice (tick 55: 5100 on), B runs two ticks (5000,
    // 5100), then they alternate, ties to A, instead of B running 50 ticks in a row.
    const k = quietKernel({ policy: "stride", quantum: 1 }, { job: jobSource(100_000) });
    const [a] = ticketJobs(k, [100]);
    const start = proc(k, a).sched.pass;
    collect(k, 50);
    expect(proc(k, a).sched.pass - start).toBe(5000);
    const [b] = ticketJobs(k, [100]);
    expect(proc(k, b).sched.pass - start).toBe(4900);
    const events = collect(k, 6);
    expect(ofType(events, "Dispatched").map((e) => [e.tick, e.pid])).toEqual([
      [56, b],
      [57, b],
      [58, a],
      [59, b],
      [60, a],
    ]);
  });
});

describe("lottery scheduling", () => {
  it("gives tickets 1:2:4 shares within 2 points of 1/7, 2/7, 4/7 over 7,000 draws", () => {
    // Quantum 10, 70,000 ticks: 7,000 draws. The share of a job with probability p has a
    // standard deviation of sqrt(p(1-p)/7000) <= 0.6 points, so 2 points is over 3 of them;
    // the seed makes the run (and so the test) the same every time.
    const k = quietKernel(
      { policy: "lottery", quantum: 10, seed: 42 },
      { job: jobSource(200_000) },
    );
    const pids = ticketJobs(k, [100, 200, 400]);
    collect(k, 70_000);
    const ran = pids.map((p) => proc(k, p).acct.cycles);
    const total = ran.reduce((s, x) => s + x, 0);
    expect(total).toBe(70_000);
    const shares = ran.map((r) => r / total);
    const off = shares.map((share, i) => Math.abs(share - [1, 2, 4][i] / 7));
    for (const d of off) expect(d).toBeLessThan(0.02);
  });

  it("is unfair over short runs: the first few draws stray far from the ticket ratio", () => {
    // The same jobs and seed: after 10 draws (100 ticks) the shares are counts of a few draws.
    const k = quietKernel(
      { policy: "lottery", quantum: 10, seed: 42 },
      { job: jobSource(200_000) },
    );
    const pids = ticketJobs(k, [100, 200, 400]);
    collect(k, 100);
    const ran = pids.map((p) => proc(k, p).acct.cycles);
    const worst = Math.max(...ran.map((r, i) => Math.abs(r / 100 - [1, 2, 4][i] / 7)));
    expect(worst).toBeGreaterThan(0.05);
  });

  it("draws the same winners for the same seed, also in a clone", () => {
    const run = (seed: number) => {
      const k = quietKernel({ policy: "lottery", quantum: 5, seed }, { job: jobSource(200_000) });
      ticketJobs(k, [10, 20, 30]);
      collect(k, 500);
      const clone = k.clone();
      const a = ofType(collect(k, 500), "Dispatched").map((e) => e.pid);
      const b = ofType(collect(clone, 500), "Dispatched").map((e) => e.pid);
      expect(b).toEqual(a);
      return a;
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });
});
