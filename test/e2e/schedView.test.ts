// The real bin/simtop: the scheduling view (w) and MLFQ's levels in a terminal, and in batch mode.
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { simtop, TmuxSession } from "./cliRun.js";

const hasTmux = spawnSync("sh", ["-c", "command -v tmux"]).status === 0;
let session: TmuxSession | null = null;
afterEach(() => {
  session?.kill();
  session = null;
});

describe.skipIf(!hasTmux)("scheduling view in a terminal", () => {
  it("w shows each job's figures per chapter; under MLFQ the table has LVL and the header the levels", async () => {
    session = new TmuxSession(["--scenario", "scheduling", "--speed", "200000"], 120, 40);
    const s = session;
    await s.waitFor((x) => x.includes("PPID"));
    s.keys("w");
    let screen = await s.waitFor((x) => x.includes("Scheduling · ticks per job (scheduler.py -c)"));
    expect(screen).toMatch(/== FCFS/);
    // The MLFQ chapter begins at tick 180,000 (under a second at this speed plus start-up).
    screen = await s.waitFor(
      (x) => /== MLFQ/.test(x) && /Job {3}0 -- Response: \d+\.\d\d {2}Turnaround/.test(x),
      60,
    );
    expect(screen).toMatch(/Average -- Response: \d+\.\d\d {2}Turnaround (\d+\.\d\d|-) {2}Wait/);
    s.keys("Escape");
    screen = await s.waitFor((x) => x.includes("PPID") && x.includes(" LVL "));
    expect(screen).toContain("mlfq q 20/100/400 allot 100/400/400");
    s.keys("q");
    await s.waitFor((x) => x.includes("[exit 0]"));
  });
});

describe("MLFQ in batch mode", () => {
  it("the header names each level's slice and allotment; JSON gives them and each process's level", () => {
    const text = simtop(["--batch", "--scenario", "scheduling", "-d", "190000"]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(
      "policy mlfq (quanta 20/100/400, allotments 100/400/400, boost 20000)",
    );
    const json = simtop(["--batch", "--json", "--scenario", "scheduling", "-d", "190000"]);
    const snap = JSON.parse(json.stdout.trim());
    expect(snap.mlfq).toEqual({
      quanta: [20, 100, 400],
      allotments: [100, 400, 400],
      boost: 20000,
    });
    for (const p of snap.processes) expect(p.level).toBeGreaterThanOrEqual(0);
    const rr = JSON.parse(simtop(["--batch", "--json", "--scenario", "scheduling"]).stdout.trim());
    expect(rr.mlfq).toBeUndefined();
    expect(rr.processes[0].level).toBeUndefined();
  });
});
