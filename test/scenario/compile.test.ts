// Scenario documents: every kind of mistake is reported with its path, and good ones compile.
import { describe, expect, it } from "vitest";
import { compileScenario, formatPath, ScenarioError } from "../../src/scenario/compile.js";
import { parseSize } from "../../src/scenario/schema.js";

const origin = { defaultName: "test" };

/** The one-line message a document fails with. */
function errorOf(doc: unknown): string {
  try {
    compileScenario(doc, origin);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as Error).message;
  }
  throw new Error("expected the scenario to be rejected");
}

describe("mistakes name the path and the problem", () => {
  const cases: [string, unknown, string][] = [
    [
      "unknown program in processes",
      { processes: [{ program: "sh" }, { program: "sleeper" }, { program: "foo" }] },
      'processes[2].program: unknown program "foo"',
    ],
    [
      "unknown program in a spawn",
      { commands: [{ at: 5, spawn: "nope" }] },
      'commands[0].spawn: unknown program "nope"',
    ],
    ["unknown top-level key", { name: "x", proceses: [] }, 'unknown key "proceses"'],
    ["unknown nested key", { machine: { cpus: 4 } }, 'machine: unknown key "cpus"'],
    ["wrong type", { machine: { cores: "four" } }, 'machine.cores: expected a number, got "four"'],
    ["not an integer", { machine: { cores: 1.5 } }, "machine.cores: expected an integer, got 1.5"],
    ["out of range", { machine: { cores: 65 } }, "machine.cores: must be at most 64, got 65"],
    [
      "negative tick",
      { commands: [{ at: -1, fork: 1 }] },
      "commands[0].at: must be at least 0, got -1",
    ],
    [
      "unknown policy",
      { policy: "fairshare" },
      'policy: must be one of "fcfs", "sjf", "priority", "rr", "mlfq", "lottery", "stride", "cfs", got "fairshare"',
    ],
    ["bad size", { machine: { memory: "lots" } }, 'machine.memory: not a size: "lots"'],
    [
      "memory not in pages",
      { machine: { memory: 100000 } },
      "machine.memory: must be 64KiB to 255MiB",
    ],
    [
      "unknown signal",
      { commands: [{ at: 1, kill: 2, signal: "SIGFOO" }] },
      'commands[0].signal: unknown signal "SIGFOO"',
    ],
    ["no action", { commands: [{ at: 1 }] }, "commands[0]: needs one action"],
    [
      "two actions",
      { commands: [{ at: 1, fork: 2, kill: 2 }] },
      "commands[0]: has both fork and kill",
    ],
    [
      "option of another action",
      { commands: [{ at: 1, fork: 2, signal: "INT" }] },
      "commands[0].signal: does not apply to fork",
    ],
    [
      "renice without nice",
      { commands: [{ at: 1, renice: 2 }] },
      "commands[0].nice: renice needs a nice value",
    ],
    [
      "unknown process name",
      { processes: [{ program: "sleeper", as: "s" }], commands: [{ at: 1, kill: "t" }] },
      'commands[0].kill: unknown process "t"',
    ],
    [
      "a name for many",
      { processes: [{ program: "sleeper", count: 2, as: "s" }] },
      "processes[0].as: a name needs count 1",
    ],
    [
      "a name used twice",
      {
        processes: [
          { program: "sleeper", as: "s" },
          { program: "sh", as: "s" },
        ],
      },
      'processes[1].as: "s" is already used',
    ],
    [
      "inline program that does not assemble",
      { programs: [{ name: "p", source: "main: li $t0, 1\n  frob $t0\n" }] },
      'programs[0].source: line 2: unknown instruction "frob"',
    ],
    [
      "inline program execs an unknown program",
      { programs: [{ name: "p", source: "main: exec ghost\n" }] },
      'programs[0].source: line 1: exec: unknown program "ghost"',
    ],
    [
      "inline program named like a built-in",
      { programs: [{ name: "sh", source: "main: exit 0\n" }] },
      'programs[0].name: "sh" is a built-in program',
    ],
    [
      "inline program defined twice",
      {
        programs: [
          { name: "p", source: "exit 0" },
          { name: "p", source: "exit 1" },
        ],
      },
      'programs[1].name: "p" is defined twice',
    ],
    [
      "bad program name",
      { programs: [{ name: "9lives", source: "exit 0" }] },
      "programs[0].name: ",
    ],
    [
      "cache size not a power of two",
      { machine: { cpu: "pipeline", caches: { l1d: { size: "48KiB" } } } },
      "machine.caches.l1d: size must be a power of two",
    ],
    [
      "mlfq without a quantum per level",
      { mlfq: { levels: 4, quanta: [1, 2, 3], allotments: [1, 2, 3, 4] } },
      "mlfq: needs a quantum and an allotment for each of its 4 levels",
    ],
    ["not a mapping", [1, 2], "expected an object (a mapping), got a list"],
    [
      "missing required field",
      { programs: [{ name: "p" }] },
      "programs[0].source: expected a string, got nothing",
    ],
    [
      "cores beyond 63",
      { processes: [{ program: "sleeper", affinity: "0-99" }] },
      'processes[0].affinity: not a list of cores: "0-99" (e.g. "0-3,6" or [0, 1])',
    ],
    [
      "taskset without cores",
      { processes: [{ program: "sleeper", as: "s" }], commands: [{ at: 1, taskset: "s" }] },
      'commands[0].cores: taskset needs the cores (e.g. "0-1" or [2])',
    ],
    [
      "tickets for a kill",
      { commands: [{ at: 1, kill: 2, tickets: 5 }] },
      "commands[0].tickets: does not apply to kill",
    ],
    [
      "no tickets",
      { processes: [{ program: "sleeper", tickets: 0 }] },
      "processes[0].tickets: must be at least 1, got 0",
    ],
    [
      "unknown run queues",
      { runQueues: "per-cpu" },
      'runQueues: must be one of "global", "per-core", got "per-cpu"',
    ],
    [
      "granularity above the latency",
      { cfs: { targetLatency: 10, minGranularity: 20 } },
      "machine: cfs.minGranularity must not exceed cfs.targetLatency",
    ],
  ];
  for (const [what, doc, message] of cases) {
    it(what, () => {
      expect(errorOf(doc)).toContain(message);
    });
  }

  it("counts the other mistakes after the first", () => {
    // Three issues: cores too big, bad policy, unknown key.
    expect(errorOf({ machine: { cores: 0 }, policy: "x", extra: 1 })).toMatch(/\(and 2 more\)$/);
  });
});

describe("a good scenario compiles", () => {
  it("resolves process names to pids: init is 1, then the processes in order", () => {
    // pids: init 1; two sleepers 2 and 3; "victim" 4; "other" 5.
    const s = compileScenario(
      {
        processes: [
          { program: "sleeper", count: 2 },
          { program: "cpu-bound", as: "victim" },
          { program: "sh", as: "other" },
        ],
        commands: [
          { at: 300, kill: "victim", signal: "INT" },
          { at: 100, renice: "other", nice: 5 },
          { at: 300, kill: 3 },
          { at: 100, spawn: "sleeper", parent: "other", nice: -2 },
        ],
      },
      origin,
    );
    expect(s.name).toBe("test");
    // Sorted by tick; entries at the same tick keep the written order.
    expect(s.commands).toEqual([
      { tick: 100, command: { type: "renice", pid: 5, nice: 5 } },
      { tick: 100, command: { type: "spawn", program: "sleeper", ppid: 5, nice: -2 } },
      { tick: 300, command: { type: "kill", pid: 4, signal: 2 } },
      { tick: 300, command: { type: "kill", pid: 3, signal: 15 } },
    ]);
  });

  it("turns the machine into kernel configuration", () => {
    const s = compileScenario(
      {
        name: "m",
        seed: 42,
        machine: {
          cores: 4,
          cpu: "pipeline",
          memory: "8MiB",
          pipeline: { forwarding: false },
          caches: { l1d: { size: "16KiB", assoc: 4 } },
          latencies: { contextSwitch: 9, disk: 1000, exec: 7, ram: 200 },
          diskChannels: 2,
        },
        policy: "mlfq",
        quantum: 30,
        mlfq: { levels: 2, quanta: [10, 20], allotments: [10, 40] },
        programs: [{ name: "spin", source: "main: j main\n" }],
        processes: [{ program: "spin" }],
      },
      origin,
    );
    const c = s.config;
    expect(c.seed).toBe(42);
    expect(c.cores).toBe(4);
    expect(c.memoryFrames).toBe(2048); // 8 MiB / 4 KiB
    expect(c.pipeline).toEqual({ forwarding: false, branchStage: "ex" });
    expect(c.caches?.l1d.size).toBe(16384);
    expect(c.caches?.l1d.assoc).toBe(4);
    expect(c.caches?.l1d.lineSize).toBe(64); // the rest of L1D keeps its defaults
    expect(c.caches?.ramLatency).toBe(200);
    expect(c.caches?.cores).toBe(4);
    expect(c.switchCost).toBe(9);
    expect(c.disk).toEqual({ latency: 1000, perBlock: 20, channels: 2 });
    expect(c.execCost).toEqual({ base: 7, perPage: 10, stdio: 3, args: 2 });
    expect(c.policy).toBe("mlfq");
    expect(c.quantum).toBe(30);
    expect(c.mlfq?.levels).toBe(2);
    expect(c.programs?.map((p) => p.name)).toEqual(["spin"]);
  });

  it("takes an empty document as an empty scenario", () => {
    const s = compileScenario({}, origin);
    expect(s).toEqual({
      name: "test",
      description: "",
      config: {},
      processes: [],
      commands: [],
      chapters: [],
    });
  });
});

describe("helpers", () => {
  it("formats paths the way a reader writes them", () => {
    expect(formatPath(["processes", 2, "program"])).toBe("processes[2].program");
    expect(formatPath([0, "a"])).toBe("[0].a");
    expect(formatPath([])).toBe("");
  });

  it("reads sizes with binary units", () => {
    expect(parseSize("32KiB")).toBe(32768);
    expect(parseSize("16 mib")).toBe(16 * 1024 * 1024);
    expect(parseSize("64B")).toBe(64);
    expect(parseSize(4096)).toBe(4096);
    expect(parseSize("1.5MiB")).toBeNull();
    expect(parseSize(0)).toBeNull();
    expect(parseSize("32KB")).toBeNull();
  });
});

describe("values that may take two forms", () => {
  it("say which forms they take", () => {
    expect(errorOf({ commands: [{ at: 1, kill: 1.5 }] })).toBe(
      "commands[0].kill: expected a pid or a process name, got 1.5",
    );
    expect(errorOf({ machine: { memory: true } })).toBe(
      "machine.memory: expected a size (bytes, or e.g. 32KiB, 16MiB), got true",
    );
    expect(errorOf({ commands: [{ at: 1, kill: 2, signal: [] }] })).toBe(
      "commands[0].signal: expected a signal (e.g. SIGINT, INT, 2), got a list",
    );
  });
});
