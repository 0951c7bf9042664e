// Per-core run queues worked through: affinity, stealing, balancing, and the cold caches a migrated process meets.
import { describe, expect, it } from "vitest";
import type { KernelConfig } from "../../src/sim/config.js";
import type { Kernel } from "../../src/sim/kernel.js";
import type { PerCoreQueues } from "../../src/sim/sched/perCore.js";
import { collect, jobSource, ofType, proc, quietKernel, runUntil } from "./helpers.js";

/** Scans a 2 KiB array word by word, forever: its working set fits any core's 32 KiB L1D. */
const HOT = `
.data
array:  .space 2048
.text
main:   la $s2, array
        li $t4, 2048
outer:  li $t0, 0
scan:   add $t1, $t0, $s2
        lw $t2, 0($t1)
        addi $t0, $t0, 4
        bne $t0, $t4, scan
        j outer
`;

function perCore(overrides: Partial<KernelConfig> = {}): Kernel {
  return quietKernel(
    { cores: 2, runQueues: "per-core", policy: "rr", quantum: 100, ...overrides },
    { job: jobSource(1_000_000), hot: HOT },
  );
}

function start(k: Kernel, program: string, affinity?: number[]): number {
  const pid = k.nextPid;
  k.apply({ type: "spawn", program, ppid: 2, ...(affinity ? { affinity } : {}) });
  return pid;
}

describe("per-core run queues", () => {
  it("keep each process to the cores its affinity allows, and queue new ones on the least loaded core", () => {
    const k = perCore({ balanceInterval: 50, steal: true });
    const pinned0 = [start(k, "job", [0]), start(k, "job", [0])];
    const pinned1 = [start(k, "job", [1])];
    // Core 0 has 2 runnable, core 1 has 1: a free process goes to core 1.
    const free = start(k, "job");
    const q = k.policy as PerCoreQueues;
    expect([...pinned0, ...pinned1, free].map((p) => proc(k, p).sched.queue)).toEqual([0, 0, 1, 1]);
    const events = collect(k, 5000);
    for (const e of ofType(events, "Dispatched")) {
      if (pinned0.includes(e.pid)) expect(e.core).toBe(0);
      if (pinned1.includes(e.pid)) expect(e.core).toBe(1);
      if (e.pid === free) expect(e.core).toBe(1);
    }
    // Two a core: balanced already, and the pinned cannot move anyway.
    expect(ofType(events, "Migrated")).toEqual([]);
    expect([q.loadOf(0), q.loadOf(1)]).toEqual([2, 2]);
  });

  it("an idle core steals a waiting process at once when its affinity widens", () => {
    const k = perCore({ balanceInterval: 0, steal: true });
    const x = start(k, "job", [0]);
    const y = start(k, "job", [0]);
    runUntil(k, () => proc(k, x).state === "running" && proc(k, y).state === "ready");
    k.apply({ type: "setAffinity", pid: x, cores: [0, 1] });
    k.apply({ type: "setAffinity", pid: y, cores: [0, 1] });
    k.drainEvents();
    const at = k.now;
    const events = collect(k, 1);
    expect(ofType(events, "Migrated")).toEqual([
      { tick: at, type: "Migrated", pid: y, from: 0, to: 1, reason: "steal" },
    ]);
    expect(ofType(events, "Dispatched")).toEqual([
      { tick: at, type: "Dispatched", pid: y, core: 1 },
    ]);
    expect(proc(k, y).sched.migrations).toBe(1);
  });

  it("without stealing, the balancer moves one at its next pass (every 100 ticks)", () => {
    const k = perCore({ balanceInterval: 100, steal: false });
    const x = start(k, "job", [0]);
    const y = start(k, "job", [0]);
    runUntil(k, () => proc(k, x).state === "running" && proc(k, y).state === "ready");
    k.apply({ type: "setAffinity", pid: x, cores: [0, 1] });
    k.apply({ type: "setAffinity", pid: y, cores: [0, 1] });
    const events = collect(k, 250);
    const moved = ofType(events, "Migrated");
    expect(moved).toHaveLength(1);
    expect(moved[0].tick % 100).toBe(0);
    expect(moved[0]).toMatchObject({ from: 0, to: 1, reason: "balance" });
    // Core 1 idled until then.
    expect(k.coreStats.idle[1]).toBeGreaterThanOrEqual(moved[0].tick - 5);
  });

  it("the global queue stays selectable: setRunQueues moves every waiting process over", () => {
    const k = perCore();
    start(k, "job");
    start(k, "job");
    start(k, "job");
    collect(k, 300);
    k.apply({ type: "setRunQueues", queues: "global" });
    expect(k.runQueueMode).toBe("global");
    expect(k.policy.size).toBe(k.stateCounts.get("ready"));
    const events = collect(k, 2000);
    // One queue for both cores: processes now change cores as they come round.
    const cores = new Map<number, Set<number>>();
    for (const e of ofType(events, "Dispatched")) {
      if (!cores.has(e.pid)) cores.set(e.pid, new Set());
      cores.get(e.pid)!.add(e.core);
    }
    expect([...cores.values()].some((s) => s.size === 2)).toBe(true);
  });
});

describe("migration costs cache warmth", () => {
  it("a process stolen to another core meets a cold L1: its hit rate drops, as does its IPC", () => {
    // HOT and a CPU-bound job share core 0 (both pinned) on the pipelined CPU, 20,000 ticks:
    // HOT's 2 KiB are in core 0's L1D. Then both may use either core; core 1 is idle and steals
    // HOT, whose first pass over its array on core 1 misses once per 64-byte line (1 in 16 loads).
    const k = perCore({ cpu: "pipeline", balanceInterval: 0, steal: true });
    const hot = start(k, "hot", [0]);
    const job = start(k, "job", [0]);
    collect(k, 20_000);
    const h = proc(k, hot);
    const reading = () => ({
      loads: h.acct.dataAccesses,
      hits: h.acct.dataL1Hits,
      ins: h.acct.instructions,
      cycles: h.acct.cycles,
    });
    const before = reading();
    runUntil(k, () => h.state === "ready" && proc(k, job).state === "running");
    const warmEnd = reading();
    collect(k, 4000);
    const warmish = reading();
    runUntil(k, () => h.state === "ready" && proc(k, job).state === "running");
    const atMove = reading();
    k.apply({ type: "setAffinity", pid: hot, cores: [0, 1] });
    k.apply({ type: "setAffinity", pid: job, cores: [0, 1] });
    const events = collect(k, 1500);
    expect(ofType(events, "Migrated").map((e) => [e.pid, e.from, e.to, e.reason])).toEqual([
      [hot, 0, 1, "steal"],
    ]);
    const after = reading();
    const rate = (a: typeof before, b: typeof before) => (b.hits - a.hits) / (b.loads - a.loads);
    const ipc = (a: typeof before, b: typeof before) => (b.ins - a.ins) / (b.cycles - a.cycles);
    const warm = rate(warmEnd, atMove);
    const cold = rate(atMove, after);
    expect(warm).toBeGreaterThan(0.99);
    expect(cold).toBeLessThan(0.97);
    expect(ipc(atMove, after)).toBeLessThan(ipc(warmEnd, atMove));
    expect(warmish.loads).toBeGreaterThan(before.loads);
  });
});
