// Save and replay: a saved session replays to the same snapshots and state; bad files name the line.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runBatch } from "../../src/cli/batch.js";
import { UsageError } from "../../src/cli/errors.js";
import { readSession, replayIterations, replayStore } from "../../src/cli/replay.js";
import { PROGRESS_EVERY, SessionWriter } from "../../src/cli/save.js";
import { builtinScenario } from "../../src/scenario/load.js";
import { scenarioConfig, startScenario } from "../../src/scenario/start.js";
import type { Command } from "../../src/sim/commands.js";
import { defaultConfig } from "../../src/sim/config.js";
import { stateDigest } from "../../src/sim/digest.js";

const dir = mkdtempSync(join(tmpdir(), "simtop-session-"));
let n = 0;
const tmp = (ext = "jsonl") => join(dir, `f${n++}.${ext}`);

const opts = (iterations: number, delay: number) => ({
  iterations,
  delay,
  json: false,
  events: true,
  chapters: [],
});

/** Batch output of a scenario while saving it, then the batch output of its replay. */
function saveAndReplay(name: string, iterations: number, delay: number): [string, string, string] {
  const s = builtinScenario(name)!;
  const config = scenarioConfig(s);
  const path = tmp();
  const writer = new SessionWriter(path, config);
  const store = startScenario(s, config);
  writer.attach(store);
  let original = "";
  runBatch(store, { ...opts(iterations, delay), onSnapshot: (t) => writer.progress(t) }, (x) => {
    original += x;
  });
  writer.close(store.now);
  const session = readSession(path);
  let replayed = "";
  runBatch(replayStore(session, path), opts(replayIterations(session, delay), delay), (x) => {
    replayed += x;
  });
  return [original, replayed, path];
}

describe("save → replay", () => {
  for (const name of ["signals", "lifecycle", "default"]) {
    it(`${name}: the replay prints the same snapshots, byte for byte`, () => {
      const [original, replayed] = saveAndReplay(name, 6, 2500);
      expect(replayed).toBe(original);
      expect(original.length).toBeGreaterThan(1000);
    });
  }

  it("the file holds the header, each command once and end lines", () => {
    const [, , path] = saveAndReplay("signals", 3, 5000);
    const lines = readFileSync(path, "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: "session", format: "simtop-session", version: 1 });
    // 4 spawns at tick 0, then the SIGINTs (2000), SIGSTOP (5000), SIGCONT (8000), two SIGKILLs
    // (11000) and SIGTERM (14000): 12 commands, of which the first 8 fall within 15000 ticks.
    const commands = lines.filter((l) => l.type === "command");
    expect(commands.map((c) => c.tick)).toEqual([
      0, 0, 0, 0, 2000, 2000, 2000, 5000, 8000, 11000, 11000, 14000,
    ]);
    // Progress at 5000 (the first snapshot), then at 15000 (10000 later); the close adds nothing new.
    expect(lines.filter((l) => l.type === "end").map((l) => l.tick)).toEqual([5000, 15000]);
    expect(PROGRESS_EVERY).toBe(10000);
  });

  it("a session cut off mid-run (no end line, no close) still replays what was written", () => {
    const s = builtinScenario("signals")!;
    const config = scenarioConfig(s);
    const path = tmp();
    const writer = new SessionWriter(path, config);
    const store = startScenario(s, config);
    writer.attach(store);
    store.advance(12000); // the writer is never closed, as if the process died here
    const session = readSession(path);
    expect(session.commands).toHaveLength(11);
    expect(session.endTick).toBe(11000);
    const replay = replayStore(session, path);
    replay.advance(12000);
    expect(stateDigest(replay.kernel)).toBe(stateDigest(store.kernel));
  });

  it("property: commands typed at random moments replay to the same state", () => {
    const command = fc.oneof(
      fc.record({
        type: fc.constant("kill" as const),
        pid: fc.integer({ min: 1, max: 12 }),
        signal: fc.constantFrom(2, 9, 15, 19, 18),
      }),
      fc.record({ type: fc.constant("fork" as const), pid: fc.integer({ min: 1, max: 12 }) }),
      fc.record({
        type: fc.constant("spawn" as const),
        program: fc.constantFrom("sleeper", "cpu-bound", "forker"),
      }),
      fc.record({
        type: fc.constant("renice" as const),
        pid: fc.integer({ min: 1, max: 12 }),
        nice: fc.integer({ min: -20, max: 19 }),
      }),
      fc.record({
        type: fc.constant("setPolicy" as const),
        policy: fc.constantFrom("fcfs", "sjf", "priority", "rr", "mlfq" as const),
      }),
      fc.record({
        type: fc.constant("setQuantum" as const),
        quantum: fc.integer({ min: 1, max: 300 }),
      }),
    );
    const typed = fc.array(fc.tuple(fc.integer({ min: 1, max: 400 }), command), { maxLength: 12 });
    fc.assert(
      fc.property(typed, (presses) => {
        const s = builtinScenario("default")!;
        const config = scenarioConfig(s, { cpu: "ideal" });
        const path = tmp();
        const writer = new SessionWriter(path, config);
        const store = startScenario(s, config);
        writer.attach(store);
        for (const [gap, c] of presses) {
          store.advance(gap);
          store.submit(c as Command);
        }
        store.advance(100);
        writer.close(store.now);
        const session = readSession(path);
        const replay = replayStore(session, path);
        replay.advance(session.endTick);
        expect(replay.now).toBe(store.now);
        expect(stateDigest(replay.kernel)).toBe(stateDigest(store.kernel));
      }),
      { numRuns: 25 },
    );
  });
});

describe("bad session files", () => {
  function usage(text: string): string {
    const path = tmp();
    writeFileSync(path, text);
    try {
      const session = readSession(path);
      replayStore(session, path);
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      return (e as Error).message.slice(path.length + 2);
    }
    throw new Error("expected a UsageError");
  }
  const header = JSON.stringify({
    type: "session",
    format: "simtop-session",
    version: 1,
    config: defaultConfig(),
  });
  const cmd = (tick: number, command: object) => JSON.stringify({ type: "command", tick, command });

  it("a truncated last line is named", () => {
    const text = `${header}\n${cmd(0, { type: "spawn", program: "sh" })}\n{"type":"command","tick":5,"comm`;
    expect(usage(text)).toBe("line 3: not valid JSON (truncated or corrupt)");
  });

  it("a line of garbage in the middle is named", () => {
    expect(usage(`${header}\n\u0000\u0001garbage\n${cmd(0, { type: "fork", pid: 1 })}\n`)).toBe(
      "line 2: not valid JSON (truncated or corrupt)",
    );
  });

  it("a file that is not a session", () => {
    expect(usage('{"hello": "world"}\n')).toBe("line 1: not a simtop session (missing header)");
    expect(usage("")).toBe("line 1: empty file: no session header");
  });

  it("commands out of order or unknown", () => {
    expect(
      usage(
        `${header}\n${cmd(9, { type: "fork", pid: 1 })}\n${cmd(3, { type: "fork", pid: 1 })}\n`,
      ),
    ).toBe("line 3: command tick 3 is before the tick of line 2 (9): out of order");
    expect(usage(`${header}\n${cmd(1, { type: "reboot" })}\n`)).toBe(
      'line 2: unknown command type "reboot"',
    );
  });

  it("a header whose config lacks a part, or has a wrong value", () => {
    const { disk: _disk, ...noDisk } = defaultConfig();
    expect(
      usage(
        `${JSON.stringify({ type: "session", format: "simtop-session", version: 1, config: noDisk })}\n`,
      ),
    ).toBe("line 1: config.disk: expected an object (a mapping), got nothing");
    const badCores = { ...defaultConfig(), cores: 0 };
    expect(
      usage(
        `${JSON.stringify({ type: "session", format: "simtop-session", version: 1, config: badCores })}\n`,
      ),
    ).toBe("line 1: config.cores: must be at least 1, got 0");
  });

  const withConfig = (change: (c: Record<string, unknown>) => void): string => {
    const config = defaultConfig() as unknown as Record<string, unknown>;
    change(config);
    return `${JSON.stringify({ type: "session", format: "simtop-session", version: 1, config })}\n`;
  };

  it("config values are checked with the scenario format's ranges, by name", () => {
    expect(usage(withConfig((c) => (c.cpu = "quantum")))).toBe(
      'line 1: config.cpu: must be one of "ideal", "pipeline", got "quantum"',
    );
    expect(
      usage(withConfig((c) => (c.mlfq = { ...defaultConfig().mlfq, quanta: [50, "x"] }))),
    ).toBe('line 1: config.mlfq.quanta[1]: expected a number, got "x"');
    expect(usage(withConfig((c) => (c.disk = { ...defaultConfig().disk, latency: -5 })))).toBe(
      "line 1: config.disk.latency: must be at least 0, got -5",
    );
    expect(usage(withConfig((c) => (c.policy = "fairshare")))).toBe(
      'line 1: config.policy: must be one of "fcfs", "sjf", "priority", "rr", "mlfq", "lottery", "stride", "cfs", got "fairshare"',
    );
    // Said as what it is, not as the kernel's failure to start init.
    expect(usage(withConfig((c) => (c.maxProcesses = 0)))).toBe(
      "line 1: config.maxProcesses: must be at least 2, got 0",
    );
    expect(usage(withConfig((c) => (c.surprise = 1)))).toBe(
      'line 1: config: unknown key "surprise"',
    );
  });

  it("a file may not ask for more than the stated bounds", () => {
    expect(usage(withConfig((c) => (c.ganttLength = 10_000_000)))).toBe(
      "line 1: config.ganttLength: must be at most 4096, got 10000000",
    );
    const end = (tick: number) => JSON.stringify({ type: "end", tick });
    expect(usage(`${header}\n${end(10 ** 12)}\n`)).toBe(
      "line 2: end tick: must be 0 to 1000000000, got 1000000000000",
    );
  });

  it("a bad tick is blamed on its own line, not the next", () => {
    const lines = [header];
    for (let i = 0; i < 7; i++) lines.push(cmd(i * 10, { type: "fork", pid: 1 }));
    lines.push(cmd(10 ** 12, { type: "fork", pid: 1 }), cmd(100, { type: "fork", pid: 1 }));
    expect(usage(`${lines.join("\n")}\n`)).toBe(
      "line 9: command tick: must be 0 to 1000000000, got 1000000000000",
    );
  });

  it("an unknown policy in a command, and a long value, make one short line", () => {
    expect(
      usage(`${header}\n${cmd(5, { type: "setPolicy", policy: "x".repeat(100_000) })}\n`),
    ).toBe(
      `line 2: unknown policy "${"x".repeat(40)}"… (100000 characters) (one of fcfs, sjf, priority, rr, mlfq, lottery, stride, cfs)`,
    );
  });

  it("a byte-order mark and Windows line ends are read as the same session", () => {
    const text = `\ufeff${header}\r\n${cmd(0, { type: "spawn", program: "sh" })}\r\n`;
    const path = tmp();
    writeFileSync(path, text);
    const session = readSession(path);
    expect(session.commands).toHaveLength(1);
    expect(session.config).toEqual(defaultConfig());
  });

  it("a missing file", () => {
    expect(() => readSession(join(dir, "nope.jsonl"))).toThrow(/nope\.jsonl: no such file/);
  });
});
