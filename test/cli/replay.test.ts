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

  it("a missing file", () => {
    expect(() => readSession(join(dir, "nope.jsonl"))).toThrow(/nope\.jsonl: no such file/);
  });
});
