// Demos: scripts are checked, rendering is deterministic, and the cast ends on the dashboard's last frame.
import { describe, expect, it } from "vitest";
import { parseCast } from "../../src/cli/cast.js";
import { renderDemo } from "../../src/cli/demo/render.js";
import { compileDemo, keyBytes } from "../../src/cli/demo/script.js";
import { UsageError } from "../../src/cli/errors.js";
import { castScreen } from "../../src/cli/term/castScreen.js";
import { FramePainter } from "../../src/ui/term/frame.js";
import type { Screen } from "../../src/ui/term/screen.js";

/** The cells a terminal shows for one frame of the dashboard. */
function frameScreen(frame: string, width: number, height: number): Screen {
  const p = new FramePainter(width, height);
  p.paint(frame);
  return p.cells();
}

const base = {
  title: "t",
  scenario: "signals",
  width: 100,
  height: 30,
  fps: 10,
  speed: 1000,
  duration: 3,
};

function render(doc: object): { text: string; lastFrame: string } {
  let text = "";
  const r = renderDemo(compileDemo({ ...base, ...doc }, "demo.yaml"), (l) => {
    text += l;
  });
  return { text, lastFrame: r.lastFrame };
}

function usage(doc: object): string {
  try {
    compileDemo(doc, "d.yaml");
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error("expected a UsageError");
}

describe("demo scripts", () => {
  it("name keys as a terminal sends them", () => {
    expect(keyBytes("j")).toBe("j");
    expect(keyBytes("down")).toBe("\u001b[B");
    expect(keyBytes("Enter")).toBe("\r");
    expect(keyBytes("ctrl+l")).toBe("\u000c");
    expect(keyBytes("f9")).toBe("\u001b[20~");
    expect(keyBytes("hyper")).toBeNull();
  });

  it("report mistakes with the file and the path", () => {
    expect(usage({ ...base, keys: [{ at: 1, press: ["warp"] }] })).toMatch(
      /^d\.yaml: keys\[0\]\.press\[0\]: unknown key "warp"/,
    );
    expect(usage({ ...base, width: 10 })).toBe("d.yaml: width: must be at least 40, got 10");
    const { title: _t, ...noTitle } = base;
    expect(usage(noTitle)).toBe("d.yaml: title: expected a string, got nothing");
    expect(usage({ ...base, scenario: "nosuch" })).toMatch(
      /^d\.yaml: scenario nosuch: no such scenario/,
    );
    expect(usage({ ...base, scenario: { processes: [{ program: "ghost" }] } })).toMatch(
      /^d\.yaml: scenario\.processes\[0\]\.program: unknown program "ghost"/,
    );
  });

  it("sort keys by time and join a key list into one chunk", () => {
    const d = compileDemo(
      {
        ...base,
        keys: [
          { at: 2, press: ["j", "down"] },
          { at: 1, press: ["i"], note: "n" },
        ],
      },
      "x.yaml",
    );
    expect(d.keys).toEqual([
      { at: 1, bytes: "i", note: "n" },
      { at: 2, bytes: "j\u001b[B" },
    ]);
  });
});

describe("renderDemo", () => {
  const keys = [
    { at: 0.5, press: ["j"], note: "select the sleeper" },
    { at: 1.0, press: ["i"], note: "Ctrl+C" },
  ];
  const a = render({ keys });

  it("is deterministic: two renders, identical bytes", () => {
    expect(render({ keys }).text).toBe(a.text);
  });

  it("writes a valid asciicast v2: header, then events whose times never decrease", () => {
    const cast = parseCast(a.text);
    expect(cast.header).toEqual({
      version: 2,
      width: 100,
      height: 30,
      title: "t",
      env: { TERM: "xterm-256color" },
    });
    expect(cast.header.timestamp).toBeUndefined();
    const times = cast.events.map((e) => e[0]);
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    // 3 s at 10 fps: frames at 0.0 .. 2.9 s, then the closing cursor reset at 3 s.
    expect(times[times.length - 1]).toBe(3);
  });

  it("marks the scenario's chapters and the script's notes", () => {
    const markers = parseCast(a.text).events.filter((e) => e[1] === "m");
    // Chapters at ticks 0 and 2000 (2.0 s at 1000 ticks/s); notes at 0.5 and 1.0 s.
    expect(markers.map(([t, , label]) => [t, label])).toEqual([
      [0, "a sleeper, a SIGINT handler, a SIGINT ignorer and a busy worker"],
      [0.5, "select the sleeper"],
      [1, "Ctrl+C"],
      [2, "Ctrl+C (SIGINT) to three: the default kills, a handler catches, ignore ignores"],
    ]);
  });

  it("ends on exactly the dashboard's last frame, colours included", () => {
    const shown = castScreen(parseCast(a.text));
    const app = frameScreen(a.lastFrame, 100, 30);
    expect(shown.unknown).toEqual([]);
    expect(shown.lines()).toEqual(app.lines());
    for (let y = 0; y < 30; y++)
      for (let x = 0; x < 100; x++)
        expect({ x, y, ...shown.cell(x, y).style }).toEqual({ x, y, ...app.cell(x, y).style });
    // The keys took effect: the sleeper got Ctrl+C and died with status 130.
    expect(shown.text()).toContain("2 (sleeper) killed by SIGINT, status");
    expect(shown.text()).not.toMatch(/^ +2 +1 sleeper/m);
  });

  it("shows every frame as the dashboard drew it, not just the last", () => {
    // Replay the cast up to 1.45 s and compare with a fresh render that stops at the same frame.
    const upTo = render({ keys, duration: 1.5 });
    const shown = castScreen(parseCast(a.text), 1.45);
    expect(shown.lines()).toEqual(frameScreen(upTo.lastFrame, 100, 30).lines());
  });
});
