// Each built-in scenario really shows the lecture point it is named after.
import { describe, expect, it } from "vitest";
import { scenarioYaml } from "../../src/cli/scenarios.js";
import { builtinScenarios } from "../../src/scenario/builtins.js";
import { builtinScenario, parseScenarioText } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/types.js";
import { processRows, sinceStart } from "../../src/sim/view.js";
import { exitTicks, runScenario } from "./run.js";

function scenario(name: string): Scenario {
  const s = builtinScenario(name);
  if (!s) throw new Error(`no built-in ${name}`);
  return s;
}

describe("the built-ins", () => {
  it("include the six the lecture needs, with unique names", () => {
    const names = builtinScenarios().map((s) => s.name);
    for (const n of ["default", "lifecycle", "signals", "scheduling", "locality", "startup-cost"])
      expect(names).toContain(n);
    expect(new Set(names).size).toBe(names.length);
  });

  it("print as YAML that reads back as the same scenario", () => {
    for (const s of builtinScenarios()) {
      expect(parseScenarioText(scenarioYaml(s.name), `${s.name}.yaml`)).toEqual(s);
    }
  });
});

describe("lifecycle", () => {
  const { store, events } = runScenario(scenario("lifecycle"), 46000);

  it("fork three times: one process becomes eight, a tree", () => {
    const forks = events.filter((e) => e.type === "Forked" && e.name === "fork-tree");
    expect(forks).toHaveLength(7);
    // Children per process in fork(); fork(); fork(): the original forks 3 times, its first
    // child (made at the first fork) 2 more, its second child and the first child's first
    // child 1 each, the remaining four none: {3, 2, 1, 1, 0, 0, 0, 0}.
    const children = new Map<number, number>();
    for (const f of forks)
      if (f.type === "Forked") children.set(f.pid, (children.get(f.pid) ?? 0) + 1);
    const counts = [...children.values(), ...Array(8 - children.size).fill(0)].sort().reverse();
    expect(counts).toEqual([3, 2, 1, 1, 0, 0, 0, 0]);
  });

  it("wait: every process of the tree is reaped by its own parent", () => {
    const parent = new Map<number, number>([[2, 1]]);
    for (const e of events)
      if (e.type === "Forked" && e.name === "fork-tree") parent.set(e.child, e.pid);
    const reaped = events.filter((e) => e.type === "Reaped" && parent.has(e.pid));
    expect(reaped).toHaveLength(8);
    for (const r of reaped) if (r.type === "Reaped") expect(r.by).toBe(parent.get(r.pid));
  });

  it("exec: a child of the shell becomes a query", () => {
    const execs = events.filter((e) => e.type === "Exec" && e.program === "query");
    expect(execs.length).toBeGreaterThan(0);
  });

  it("zombies stay until their parent exits, then init adopts and reaps them with status 7", () => {
    const zombies = events.flatMap((e) =>
      e.type === "Exited" && e.name === "zombie-maker" && e.status === 7 ? [e] : [],
    );
    expect(zombies).toHaveLength(3);
    const zPids = zombies.map((e) => e.pid);
    const reaps = events.filter((e) => e.type === "Reaped" && zPids.includes(e.pid));
    expect(reaps.map((e) => (e.type === "Reaped" ? [e.by, e.status] : []))).toEqual([
      [1, 7],
      [1, 7],
      [1, 7],
    ]);
    // Reaped only after the 30000-tick sleep of their parent, which never waits.
    for (const r of reaps) expect(r.tick - zombies[0].tick).toBeGreaterThan(29000);
  });

  it("orphans are adopted by init", () => {
    const adopted = events.filter((e) => e.type === "Reparented" && e.to === 1);
    expect(adopted.length).toBeGreaterThanOrEqual(4); // the orphan-maker's child and three zombies
  });

  it("ends with no zombie left", () => {
    expect(store.kernel.stateCounts.get("zombie")).toBe(0);
  });
});

describe("signals", () => {
  const s = scenario("signals");
  const { events } = runScenario(s, 15000);
  const exitOf = (name: string) => events.find((e) => e.type === "Exited" && e.name === name);

  it("Ctrl+C kills the sleeper with status 128+2", () => {
    expect(exitOf("sleeper")).toMatchObject({ status: 130, signal: 2 });
  });

  it("a handler catches SIGINT and keeps running until SIGKILL (128+9)", () => {
    expect(
      events.some(
        (e) =>
          e.type === "SignalDelivered" && e.name === "sigint-handler" && e.action === "handler",
      ),
    ).toBe(true);
    // It is running when SIGKILL comes: delivery waits for its pipeline to drain (< 5 cycles).
    const exit = exitOf("sigint-handler");
    expect(exit).toMatchObject({ status: 137, signal: 9 });
    expect(exit?.tick).toBeGreaterThanOrEqual(11000);
    expect(exit?.tick).toBeLessThan(11005);
  });

  it("an ignorer ignores SIGINT but not SIGKILL", () => {
    expect(
      events.some(
        (e) => e.type === "SignalSent" && e.pid === 4 && e.signal === 2 && e.result === "ignored",
      ),
    ).toBe(true);
    expect(exitOf("sigint-ignorer")).toMatchObject({ status: 137, tick: 11000 });
  });

  it("SIGSTOP stops the worker: no CPU until SIGCONT; SIGTERM ends it with 128+15", () => {
    const cpuAt = (t: number) => {
      const { store } = runScenario(s, t);
      const w = processRows(store.kernel, sinceStart(store.kernel)).find(
        (r) => r.name === "cpu-bound",
      )!;
      return { state: w.state, ticks: w.cpuTicks };
    };
    const at6 = cpuAt(6000);
    const at8 = cpuAt(8000);
    expect(at6.state).toBe("stopped");
    expect(at8.ticks).toBe(at6.ticks);
    expect(cpuAt(9000).ticks).toBeGreaterThan(at8.ticks);
    expect(exitOf("cpu-bound")).toMatchObject({ status: 143, signal: 15 });
  });
});

describe("scheduling", () => {
  const CHAPTER = 60000;
  const { events } = runScenario(scenario("scheduling"), 4 * CHAPTER);
  /** Turnaround of each job in chapter `i` (its exit tick minus the chapter start). */
  const turnaround = (i: number, name: string) =>
    exitTicks(events, name)
      .filter((t) => t >= i * CHAPTER && t < (i + 1) * CHAPTER)
      .map((t) => t - i * CHAPTER);
  const [FCFS, SJF, RR, MLFQ] = [0, 1, 2, 3];

  it("every job of every chapter finishes inside its chapter", () => {
    for (const c of [FCFS, SJF, RR, MLFQ]) {
      expect(turnaround(c, "long-job")).toHaveLength(1);
      expect(turnaround(c, "short-job")).toHaveLength(2);
      expect(turnaround(c, "interactive")).toHaveLength(1);
    }
  });

  it("FCFS: the long job, first in line, finishes before the short ones (convoy)", () => {
    expect(turnaround(FCFS, "long-job")[0]).toBeLessThan(
      Math.min(...turnaround(FCFS, "short-job")),
    );
  });

  it("SJF: the short jobs finish much sooner than under FCFS, the long job later", () => {
    expect(Math.max(...turnaround(SJF, "short-job"))).toBeLessThan(
      Math.min(...turnaround(FCFS, "short-job")) / 2,
    );
    expect(turnaround(SJF, "long-job")[0]).toBeGreaterThan(turnaround(FCFS, "long-job")[0]);
  });

  it("RR and MLFQ: the long job finishes last, the interactive job sooner than under FCFS or SJF", () => {
    for (const c of [RR, MLFQ]) {
      const others = [...turnaround(c, "short-job"), ...turnaround(c, "interactive")];
      expect(turnaround(c, "long-job")[0]).toBeGreaterThan(Math.max(...others));
      expect(turnaround(c, "interactive")[0]).toBeLessThan(turnaround(FCFS, "interactive")[0]);
      expect(turnaround(c, "interactive")[0]).toBeLessThan(turnaround(SJF, "interactive")[0]);
    }
  });

  it("announces each policy as it switches", () => {
    const policies = events.flatMap((e) => (e.type === "PolicyChanged" ? [e.policy] : []));
    expect(policies).toEqual(["sjf", "rr", "mlfq"]);
  });
});

describe("locality", () => {
  it("row-major hits L1 on 15 of 16 data accesses, column-major on 1 of 2, at a fraction of the IPC", () => {
    const { store } = runScenario(scenario("locality"), 60000);
    const rows = processRows(store.kernel, sinceStart(store.kernel));
    const row = rows.find((r) => r.name === "row-scan")!;
    const col = rows.find((r) => r.name === "col-scan")!;
    // Each element: a load then a store to the same word. Row-major: 8 elements of 8 bytes share
    // a 64-byte line, so of 16 accesses per line only the first load misses: 15/16 = 93.75%.
    expect(Math.abs(row.l1HitPercent - 93.75)).toBeLessThan(0.5);
    // Column-major: a 2 KiB stride, 256 lines per column in 2 of L1D's 64 sets (8 ways): every
    // load misses and its store then hits: 1/2 = 50%.
    expect(Math.abs(col.l1HitPercent - 50)).toBeLessThan(0.5);
    expect(row.ipc).toBeGreaterThan(2 * col.ipc);
  });
});

describe("startup-cost", () => {
  it("the server answers its 20 queries well before the launcher's 20 processes do", () => {
    const { events } = runScenario(scenario("startup-cost"), 320000);
    const server = exitTicks(events, "server")[0];
    const launcher = exitTicks(events, "query-launcher")[0];
    expect(exitTicks(events, "query")).toHaveLength(20);
    expect(launcher).toBeGreaterThan(1.5 * server);
  });
});

describe("pipeline", () => {
  it("IPC falls from independent work to load-use stalls to taken branches", () => {
    const { store } = runScenario(scenario("pipeline"), 20000);
    const ipc = (n: string) =>
      processRows(store.kernel, sinceStart(store.kernel)).find((r) => r.name === n)!.ipc;
    expect(ipc("independent")).toBeGreaterThan(ipc("load-use"));
    expect(ipc("load-use")).toBeGreaterThan(ipc("branchy"));
  });
});

describe("default", () => {
  it("runs its eight processes on two pipelined cores, with the shell and forker forking", () => {
    const { store, events } = runScenario(scenario("default"), 20000);
    expect(store.kernel.config.cpu).toBe("pipeline");
    expect(store.kernel.running).toHaveLength(2);
    expect(events.filter((e) => e.type === "ProcessCreated" && e.ppid === 1)).toHaveLength(8);
    expect(events.some((e) => e.type === "Forked" && e.name === "forker")).toBe(true);
  });
});
