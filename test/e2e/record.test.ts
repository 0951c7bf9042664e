// The live dashboard in a real terminal (tmux) with --record: a cast of exactly what the terminal showed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseCast } from "../../src/cli/cast.js";
import { Screen } from "../../src/ui/term/screen.js";
import { inPty, TmuxSession } from "./cliRun.js";

const dir = mkdtempSync(join(tmpdir(), "simtop-e2e-record-"));
const hasAsciinema = spawnSync("asciinema", ["--version"]).status === 0;

describe("simtop --record", () => {
  const file = join(dir, "live.cast");
  const session = new TmuxSession(
    ["--scenario", "signals", "--record", file, "--speed", "5000"],
    110,
    36,
  );
  afterAll(() => session.kill());
  let pane = "";

  it("runs the dashboard, pauses and quits cleanly", async () => {
    await session.waitFor((s) => /tick [\d,]+/.test(s) && s.includes("sigint-handler"));
    // Run past the SIGINT chapter (tick 2000), then pause so the screen holds still.
    await session.waitFor((s) => /tick ([3-9],\d{3}|\d{2},\d{3})/.test(s));
    session.keys("Space");
    await session.waitFor((s) => s.includes("paused"));
    await new Promise((r) => setTimeout(r, 500));
    pane = session.screen();
    session.keys("q");
    await session.waitFor((s) => s.includes("[exit 0]"));
  });

  it("wrote a valid cast: header with the terminal's size, times that never go back", () => {
    const cast = parseCast(readFileSync(file, "utf8"));
    expect(cast.header.width).toBe(110);
    expect(cast.header.height).toBe(36);
    expect(typeof cast.header.timestamp).toBe("number");
    const times = cast.events.map((e) => e[0]);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it("marks the chapters the simulation reached", () => {
    const markers = parseCast(readFileSync(file, "utf8"))
      .events.filter((e) => e[1] === "m")
      .map((e) => e[2]);
    expect(markers.slice(0, 2)).toEqual([
      "a sleeper, a SIGINT handler, a SIGINT ignorer and a busy worker",
      "Ctrl+C (SIGINT) to three: the default kills, a handler catches, ignore ignores",
    ]);
  });

  it("holds exactly what the terminal showed: its last dashboard frame equals the pane", () => {
    const cast = parseCast(readFileSync(file, "utf8"));
    const screen = new Screen(cast.header.width, cast.header.height);
    let last: string[] = [];
    for (const [, code, data] of cast.events) {
      if (code === "r") {
        const [w, h] = data.split("x").map(Number);
        screen.resize(w, h);
      } else if (code === "o") {
        screen.write(data);
        if (screen.lines()[0].startsWith("simtop")) last = screen.lines();
      }
    }
    expect(screen.unknown).toEqual([]);
    expect(screen.altScreen).toBe(false); // the recording ends with the terminal restored
    const shown = pane.split("\n").map((l) => l.trimEnd());
    expect(last).toEqual(shown.slice(0, 36));
  });

  it("holds no mouse reporting modes: a player would turn on its viewer's mouse", () => {
    const out = parseCast(readFileSync(file, "utf8"))
      .events.filter((e) => e[1] === "o")
      .map((e) => e[2])
      .join("");
    expect(out).toContain("\x1b[?1049l");
    expect(out).not.toMatch(/\x1b\[\?100[0-6][hl]/);
  });

  it.runIf(hasAsciinema)("asciinema cat accepts it", () => {
    const r = inPty(`asciinema cat '${file}'`);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("sigint-handler");
  });
});

describe("simtop --record through a resize", () => {
  it("writes an r event with the new size", async () => {
    const file = join(dir, "resized.cast");
    const session = new TmuxSession(["--record", file], 100, 30);
    try {
      await session.waitFor((s) => s.includes("row-scan"));
      session.resize(120, 40);
      await session.waitFor((s) => s.split("\n").length >= 40);
      await new Promise((r) => setTimeout(r, 300));
      session.keys("q");
      await session.waitFor((s) => s.includes("[exit 0]"));
    } finally {
      session.kill();
    }
    const cast = parseCast(readFileSync(file, "utf8"));
    expect([cast.header.width, cast.header.height]).toEqual([100, 30]);
    expect(cast.events.filter((e) => e[1] === "r").map((e) => e[2])).toEqual(["120x40"]);
  });
});

describe("colour off", () => {
  for (const [what, args, env] of [
    ["--no-color", ["--no-color"], {}],
    ["NO_COLOR=1", [], { NO_COLOR: "1" }],
  ] as const) {
    it(`${what}: the dashboard draws no colour at all`, async () => {
      const file = join(dir, `plain-${args.length}.cast`);
      const session = new TmuxSession([...args, "--record", file, "-s", "signals"], 100, 30, env);
      try {
        await session.waitFor((s) => s.includes("sigint-handler"));
        session.keys("q");
        await session.waitFor((s) => s.includes("[exit 0]"));
      } finally {
        session.kill();
      }
      const cast = parseCast(readFileSync(file, "utf8"));
      const screen = new Screen(100, 30);
      let colours = 0;
      for (const [, code, data] of cast.events) {
        if (code !== "o") continue;
        screen.write(data);
        for (let y = 0; y < 30; y++)
          for (let x = 0; x < 100; x++) {
            const st = screen.cell(x, y).style;
            if (st.fg !== -1 || st.bg !== -1) colours++;
          }
      }
      expect(colours).toBe(0);
    });
  }
});
