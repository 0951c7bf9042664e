// Saved sessions: JSONL round trip, and errors that name the line of a truncated, corrupt or misordered file.
import { describe, expect, it } from "vitest";
import type { StampedCommand } from "../../src/sim/commands.js";
import { defaultConfig } from "../../src/sim/config.js";
import { stateDigest } from "../../src/sim/digest.js";
import {
  commandLine,
  endLine,
  headerLine,
  parseSession,
  SessionError,
  serializeSession,
} from "../../src/sim/session.js";
import { Store } from "../../src/sim/store.js";

const config = defaultConfig({ cpu: "ideal", cores: 2, seed: 7 });
const commands: StampedCommand[] = [
  { tick: 0, command: { type: "spawn", program: "cpu-bound", nice: 3 } },
  { tick: 0, command: { type: "spawn", program: "io-bound" } },
  { tick: 40, command: { type: "fork", pid: 2 } },
  { tick: 90, command: { type: "kill", pid: 3, signal: 19 } },
  { tick: 120, command: { type: "renice", pid: 2, nice: -4 } },
  { tick: 150, command: { type: "setPolicy", policy: "mlfq" } },
  { tick: 151, command: { type: "setQuantum", quantum: 9 } },
];

/** The error parseSession throws for `text` (fails the test if it parses). */
function errorOf(text: string): SessionError {
  try {
    parseSession(text);
  } catch (e) {
    expect(e).toBeInstanceOf(SessionError);
    return e as SessionError;
  }
  throw new Error("expected a SessionError");
}

const lines = (...ls: string[]) => `${ls.join("\n")}\n`;

describe("session round trip", () => {
  it("serialize then parse gives back the config, the commands and the end tick", () => {
    const text = serializeSession({ config, commands, endTick: 500 });
    expect(text.split("\n")).toHaveLength(commands.length + 3); // header, commands, end, final newline
    expect(parseSession(text)).toEqual({ config, commands, endTick: 500 });
  });

  it("a replayed session reaches the same state as the live run", () => {
    const live = new Store(config);
    live.schedule(commands);
    live.advance(500);
    const text = serializeSession({ config, commands: live.log, endTick: live.now });
    const s = parseSession(text);
    const again = new Store(s.config);
    again.schedule(s.commands);
    again.advance(s.endTick);
    expect(stateDigest(again.kernel)).toBe(stateDigest(live.kernel));
  });

  it("a file cut before its end line still parses; the end tick is the last command's", () => {
    const text = lines(headerLine(config), ...commands.map(commandLine));
    expect(parseSession(text).endTick).toBe(151);
  });

  it("blank lines and Windows line ends are fine", () => {
    const text = [headerLine(config), "", commandLine(commands[0]), "  ", endLine(10)].join("\r\n");
    expect(parseSession(text)).toEqual({ config, commands: [commands[0]], endTick: 10 });
  });

  it("a well-formed command the kernel refuses (quantum 0) is kept: replay refuses it again", () => {
    const bad: StampedCommand = { tick: 3, command: { type: "setQuantum", quantum: 0 } };
    expect(parseSession(lines(headerLine(config), commandLine(bad))).commands).toEqual([bad]);
  });
});

describe("session errors name the line", () => {
  const header = headerLine(config);
  const c0 = commandLine(commands[0]);
  const c2 = commandLine(commands[2]);

  it.each([
    ["an empty file", "", "line 1: empty file: no session header"],
    ["only blank lines", "\n\n  \n", "line 1: empty file: no session header"],
    [
      "a first line that is not JSON",
      lines("hello"),
      "line 1: not valid JSON (truncated or corrupt)",
    ],
    ["a JSON array", lines("[1,2]"), "line 1: expected a JSON object"],
    ["a missing header", lines(c0), "line 1: not a simtop session (missing header)"],
    [
      "another format",
      lines(JSON.stringify({ type: "session", format: "other", version: 1, config })),
      "line 1: not a simtop session (missing header)",
    ],
    [
      "a newer version",
      lines(JSON.stringify({ type: "session", format: "simtop-session", version: 2, config })),
      "line 1: unsupported version 2",
    ],
    [
      "a truncated last line",
      `${header}\n${c0}\n${c2.slice(0, 20)}`,
      "line 3: not valid JSON (truncated or corrupt)",
    ],
    [
      "a corrupt middle line",
      lines(header, c0, "{tick: 5}", c2),
      "line 3: not valid JSON (truncated or corrupt)",
    ],
    [
      "commands out of order",
      lines(header, c2, c0),
      `line 3: command tick ${commands[0].tick} is before the tick of line 2 (${commands[2].tick}): out of order`,
    ],
    [
      "a command without a tick",
      lines(header, JSON.stringify({ type: "command", command: commands[0].command })),
      "line 2: command tick: expected an integer, got nothing",
    ],
    [
      "a fractional tick",
      lines(header, JSON.stringify({ type: "command", tick: 1.5, command: commands[0].command })),
      "line 2: command tick: expected an integer, got 1.5",
    ],
    [
      "an unknown command",
      lines(header, JSON.stringify({ type: "command", tick: 1, command: { type: "launch" } })),
      'line 2: unknown command type "launch"',
    ],
    [
      "an unknown policy",
      lines(
        header,
        c0,
        JSON.stringify({
          type: "command",
          tick: 5,
          command: { type: "setPolicy", policy: "fairshare" },
        }),
      ),
      'line 3: unknown policy "fairshare" (one of fcfs, sjf, priority, rr, mlfq, lottery, stride, cfs)',
    ],
    [
      "a kill without a signal",
      lines(
        header,
        JSON.stringify({ type: "command", tick: 1, command: { type: "kill", pid: 2 } }),
      ),
      "line 2: kill needs integer pid and signal",
    ],
    [
      "a spawn without a program",
      lines(header, JSON.stringify({ type: "command", tick: 1, command: { type: "spawn" } })),
      "line 2: spawn needs a program name",
    ],
    [
      "an unknown line type",
      lines(header, c0, JSON.stringify({ type: "comment" })),
      'line 3: unknown line type "comment"',
    ],
    [
      "a bad end line",
      lines(header, c0, JSON.stringify({ type: "end", tick: "soon" })),
      'line 3: end tick: expected an integer, got "soon"',
    ],
    [
      "a blank line before the bad one",
      lines(header, "", "", "oops"),
      "line 4: not valid JSON (truncated or corrupt)",
    ],
  ])("%s", (_what, text, message) => {
    expect(errorOf(text).message).toBe(message);
  });
});
