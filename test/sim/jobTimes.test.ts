// A job's scheduling figures and MLFQ's scaled slices, by hand.
import { describe, expect, it } from "vitest";
import { averageTimes, FINISHED_KEPT, FinishedJobs, jobTimes } from "../../src/sim/jobTimes.js";
import { MlfqPolicy, mlfqScaled } from "../../src/sim/sched/mlfq.js";

const times = (
  created: number,
  firstRun: number,
  exited: number,
  waiting: number,
  readySince = 0,
) => ({
  created,
  firstRun,
  exited,
  waiting,
  readySince,
});

describe("job times", () => {
  it("response, turnaround and wait; -1 while not known; a ready job's wait counts to now", () => {
    expect(jobTimes({ times: times(10, 15, 60, 20) }, 100)).toEqual({
      response: 5,
      turnaround: 50,
      wait: 20,
    });
    expect(jobTimes({ times: times(10, -1, -1, 0, 10), state: "ready" }, 40)).toEqual({
      response: -1,
      turnaround: -1,
      wait: 30,
    });
    // Running: its waits so far are all in `waiting`.
    expect(jobTimes({ times: times(0, 5, -1, 7, 3), state: "running" }, 40).wait).toBe(7);
  });

  it("averages each figure over the jobs that have it (wait: the finished ones)", () => {
    const a = averageTimes([
      { response: 0, turnaround: 100, wait: 0 },
      { response: 100, turnaround: 300, wait: 100 },
      { response: -1, turnaround: -1, wait: 50 },
    ]);
    expect(a).toEqual({ response: 50, turnaround: 200, wait: 50 });
    expect(averageTimes([]).response).toBeNaN();
  });

  it("keeps at least the last FINISHED_KEPT reaped jobs, oldest first, and copies share none of it", () => {
    const f = new FinishedJobs();
    const pcb = (pid: number) => ({
      pid,
      ppid: 1,
      name: `p${pid}`,
      times: times(pid, pid, pid + 1, 0),
    });
    for (let pid = 1; pid <= 3 * FINISHED_KEPT; pid++) f.add(pcb(pid) as never);
    const pids = f.all.map((j) => j.pid);
    expect(pids.length).toBeGreaterThanOrEqual(FINISHED_KEPT);
    expect(pids.length).toBeLessThanOrEqual(2 * FINISHED_KEPT);
    expect(pids.at(-1)).toBe(3 * FINISHED_KEPT);
    expect(pids).toEqual([...pids].sort((a, b) => a - b));
    const c = f.clone();
    f.add(pcb(9_999_999) as never);
    expect(c.all.at(-1)!.pid).toBe(3 * FINISHED_KEPT);
  });
});

describe("MLFQ slices", () => {
  it("setQuantum makes the top slice q and scales every slice and allotment from the configured ones", () => {
    expect(mlfqScaled({ quanta: [20, 100, 400], allotments: [100, 400, 400] }, 50)).toEqual({
      quanta: [50, 250, 1000],
      allotments: [250, 1000, 1000],
    });
    // Never below one tick.
    expect(mlfqScaled({ quanta: [20, 100], allotments: [20, 100] }, 1).quanta).toEqual([1, 5]);
    const p = new MlfqPolicy({
      levels: 3,
      quanta: [20, 100, 400],
      allotments: [100, 400, 400],
      boostInterval: 0,
      ioToFront: false,
      ioResetsAllotment: false,
    });
    p.setQuantum(50);
    p.setQuantum(7);
    // From the configured levels each time, so stepping back returns exactly.
    p.setQuantum(20);
    expect(p.options.quanta).toEqual([20, 100, 400]);
    expect(p.options.allotments).toEqual([100, 400, 400]);
  });
});
