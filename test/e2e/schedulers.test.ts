// The real bin/simtop: CFS, tickets, affinity and per-core queues in a terminal, on the command line and in batch mode.
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { simtop, TmuxSession } from "./cliRun.js";

const hasTmux = spawnSync("sh", ["-c", "command -v tmux"]).status === 0;
let session: TmuxSession | null = null;
afterEach(() => {
  session?.kill();
  session = null;
});

describe.skipIf(!hasTmux)("schedulers in a terminal", () => {
  it("cfs shows VRUNTIME and WEIGHT; Q makes the queues per-core; a pins a process (CPU AFF MIG)", async () => {
    session = new TmuxSession(["--scenario", "cfs", "--cpus", "2", "--speed", "20000"], 120, 40);
    const s = session;
    let screen = await s.waitFor((x) => x.includes("PPID") && x.includes("VRUNTIME"));
    expect(screen).toMatch(/WEIGHT/);
    expect(screen).toMatch(/lat=240/);
    s.keys("Q");
    screen = await s.waitFor((x) => / CPU AFF +MIG/.test(x) && /per-core/.test(x));
    s.keys("j", "a");
    screen = await s.waitFor((x) => /cpu-bound .* [01] +[01] +\d+\s*$/m.test(x));
    s.keys("q");
    await s.waitFor((x) => x.includes("[exit 0]"));
  });
});

describe("schedulers on the command line", () => {
  it("--policy cfs --queues per-core: the header says so, JSON carries vruntime, weight and cores", () => {
    const r = simtop(["--batch", "--json", "--policy", "cfs", "--queues", "per-core", "-c", "4"]);
    expect(r.status).toBe(0);
    const snap = JSON.parse(r.stdout.trim());
    expect(snap.policy).toBe("cfs");
    expect(snap.runQueues).toBe("per-core");
    expect(snap.cfs).toEqual({ targetLatency: 240, minGranularity: 30, wakeupGranularity: 40 });
    for (const p of snap.processes) {
      expect(p.weight).toBe(1024);
      expect(p.vruntime).toBeGreaterThanOrEqual(0);
      expect(p.affinity).toBe("all");
    }
    const text = simtop(["--batch", "--policy", "stride", "--queues", "per-core"]).stdout;
    expect(text).toMatch(/policy stride \(quantum 100\) per-core queues/);
  });

  it("a bad --queues is one line and exit 2", () => {
    const r = simtop(["--batch", "--queues", "many"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('simtop: --queues: expected one of global, per-core, got "many"\n');
  });
});
