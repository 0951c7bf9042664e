// The kernel pieces `lab process-run` and `lab sched` rely on: table-order scheduling, bare jobs
// that exit when their code ends, and a preemption that takes effect in the tick it is asked for.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/sim/config.js";
import { Kernel } from "../../../src/sim/kernel.js";
import { labConfig } from "../../../src/sim/lab/jobs.js";
import { TableOrderPolicy } from "../../../src/sim/sched/tableOrder.js";

const compute = (n: number) => Array(n).fill("addi $t0, $t0, 1").join("\n");

function machine(sources: Record<string, string>): Kernel {
  const programs = Object.entries(sources).map(([name, source]) => ({ name, source }));
  return new Kernel(labConfig({ programs, processes: programs.length, frames: 64, ioTicks: 1 }));
}

describe("table-order scheduling", () => {
  it("chooses when the CPU falls free: a process woken in the next tick waits its turn", () => {
    // p1: sleep 8 (li, li, syscall at ticks 0-2) wakes at 2 + 8 = 10, then 1 tick of work.
    // p2: sleep 1 at ticks 3-5, wakes at 6; p3 runs ticks 6-9 and exits at the end of tick 9.
    // When the CPU falls free at the end of tick 9 only p2 is ready, so p2 runs tick 10 even
    // though p1 (woken at 10) comes first in table order after p3; p1 runs tick 11.
    const k = machine({
      p1: `sleep 8\n${compute(1)}`,
      p2: `sleep 1\n${compute(1)}`,
      p3: compute(4),
    });
    k.policy = new TableOrderPolicy({ holdOnBlock: false, wakePreempts: false });
    const [p1, p2, p3] = ["p1", "p2", "p3"].map((n) => k.createProcess(n, 0, 0)!);
    while (k.totalExits < 3) k.step();
    expect(p3.times.exited).toBe(10);
    expect(p2.times.exited).toBe(11);
    expect(p1.times.exited).toBe(12);
  });

  it("holdOnBlock idles the CPU until the blocked process can go on", () => {
    // p1: sleep 3 at ticks 0-2, wakes at 5; p2 may not run before p1 has finished (tick 5).
    const k = machine({ p1: `sleep 3\n${compute(1)}`, p2: compute(2) });
    k.policy = new TableOrderPolicy({ holdOnBlock: true, wakePreempts: false });
    const [p1, p2] = ["p1", "p2"].map((n) => k.createProcess(n, 0, 0)!);
    while (k.totalExits < 2) k.step();
    expect(p1.times.exited).toBe(6);
    expect(p2.times.firstRun).toBe(6);
    expect(k.coreStats.idle[0]).toBe(2);
  });
});

describe("lab kernel options", () => {
  it("exitAtTextEnd: a job exits, status 0, in the tick its last instruction retires", () => {
    const k = machine({ job: compute(3) });
    const p = k.createProcess("job", 0, 0)!;
    k.run(3);
    expect(p.state).toBe("zombie");
    expect(p.times.exited).toBe(3);
    expect(p.exitStatus).toBe(0);
    expect(p.killedBy).toBe(0);
  });

  it("without exitAtTextEnd running off the end is still a SIGSEGV", () => {
    const k = new Kernel(
      defaultConfig({
        cores: 1,
        cpu: "ideal",
        switchCost: 0,
        noInit: true,
        execCost: { base: 0, perPage: 0 },
        programs: [{ name: "job", source: compute(3) }],
      }),
    );
    const p = k.createProcess("job", 0, 0)!;
    k.run(20);
    expect(p.state).toBe("zombie");
    expect(p.killedBy).toBe(11);
  });

  it("noInit: nothing runs at boot and the first job is pid 1", () => {
    const k = machine({ job: compute(1) });
    expect(k.procs.size).toBe(0);
    expect(k.createProcess("job", 0, 0)?.pid).toBe(1);
  });

  it("a priority preemption on the ideal CPU switches in the tick it is asked for", () => {
    // hi (nice -5) runs first: sleep 4 at ticks 0-2, wakes at 6. lo runs ticks 3-5. At tick 6
    // hi preempts lo and runs its last instruction in that same tick (no cycle held idle).
    const k = new Kernel({
      ...labConfig({
        programs: [
          { name: "hi", source: `sleep 4\n${compute(1)}` },
          { name: "lo", source: compute(10) },
        ],
        processes: 2,
        frames: 64,
        ioTicks: 1,
      }),
      policy: "priority",
    });
    const hi = k.createProcess("hi", 0, -5)!;
    const lo = k.createProcess("lo", 0, 0)!;
    k.run(7);
    expect(hi.times.exited).toBe(7);
    expect(lo.acct.instructions).toBe(3);
    k.run(10);
    expect(lo.times.exited).toBe(14);
    expect(lo.times.waiting).toBe(4); // ticks 0-2 and tick 6
  });
});
