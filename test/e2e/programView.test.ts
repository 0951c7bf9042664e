// The program view in a real terminal: o over the dashboard, the pc's line marked, the pipeline
// diagram of the process's core, rewinding with it open, closing and quitting cleanly.
import { afterEach, describe, expect, it } from "vitest";
import { TmuxSession } from "./cliRun.js";

let t: TmuxSession | null = null;
afterEach(() => {
  t?.kill();
  t = null;
});

describe("program view (o)", () => {
  it("shows the selected program and its core's last cycles, at the tick shown", async () => {
    t = new TmuxSession(["--seed", "3"], 120, 40);
    await t.waitFor((s) => /cpu-bound/.test(s));
    t.keys("/", "cpu-bound", "Enter");
    t.keys("o");
    const s = await t.waitFor(
      (x) => /Program of pid \d+ cpu-bound/.test(x) && /^instruction +1 +2/m.test(x),
    );
    expect(s).toMatch(/^\d+ ▶ +\S/m);
    expect(s).toContain("xor $t1, $t1, $t0");
    expect(s).toMatch(/^\d+ (addi|xor|add|j) \S*\s+(IF|ID|EX|MEM|WB)/m);

    // Paused and rewound: the diagram ends at the tick the header shows.
    t.keys("Space");
    t.keys("Left");
    const past = await t.waitFor((x) => /◀ past/.test(x));
    const tick = /tick ([\d,]+)/.exec(past)![1];
    expect(past).toMatch(new RegExp(`last \\d+ cycles, [\\d,]+–${tick}\\b`));

    t.keys("o");
    await t.waitFor((x) => /PID.*PPID.*NAME/.test(x) && !/Program of pid/.test(x));
    t.keys("q");
    await t.waitFor((x) => x.includes("[exit 0]"));
  });
});
