// The real binary in batch mode: text snapshots, JSON lines, overrides from the command line.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN, simtop } from "./cliRun.js";

describe("simtop --batch", () => {
  it("prints N snapshots D ticks apart, exit 0", () => {
    const r = simtop(["--batch", "-n", "3", "-d", "700"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect([...r.stdout.matchAll(/^simtop - tick (\d+)/gm)].map((m) => m[1])).toEqual([
      "700",
      "1400",
      "2100",
    ]);
    expect(r.stdout).toMatch(/^\s+PID\s+PPID NAME/m);
    expect(r.stdout).toMatch(/^\s+1\s+0 init/m);
  });

  it("one snapshot 1000 ticks in by default", () => {
    const r = simtop(["--batch"]);
    expect([...r.stdout.matchAll(/^simtop - tick (\d+)/gm)].map((m) => m[1])).toEqual(["1000"]);
  });

  it("--json prints one object per line", () => {
    const r = simtop(["--batch", "--json", "-n", "4", "-d", "250", "-s", "signals"]);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    const snaps = lines.map((l) => JSON.parse(l));
    expect(snaps.map((s) => s.tick)).toEqual([250, 500, 750, 1000]);
    expect(snaps[3].processes[1]).toMatchObject({ pid: 2, ppid: 1, name: "sleeper" });
  });

  it("command-line machine options override the scenario's", () => {
    const r = simtop([
      "--batch",
      "--json",
      "-s",
      "signals",
      "--cpus",
      "3",
      "--policy",
      "mlfq",
      "--quantum",
      "42",
    ]);
    const snap = JSON.parse(r.stdout);
    expect(snap.cpus).toHaveLength(3);
    expect(snap.policy).toBe("mlfq");
    expect(snap.quantum).toBe(42);
  });

  it("the same seed gives the same output, another seed another run (workloads draw from it)", () => {
    const a = simtop(["--batch", "--seed", "7", "-d", "5000"]);
    const b = simtop(["--batch", "--seed", "7", "-d", "5000"]);
    const c = simtop(["--batch", "--seed", "8", "-d", "5000"]);
    expect(a.status).toBe(0);
    expect(c.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(c.stdout).not.toBe(a.stdout);
    // Not only the header: the processes' figures differ too.
    const rows = (out: string) => out.split("\n").filter((l) => / io-bound /.test(l));
    expect(rows(c.stdout)).not.toEqual(rows(a.stdout));
  });

  it("NO_COLOR and --no-color leave batch text unchanged (it has no colour)", () => {
    const plain = simtop(["--batch"]);
    expect(simtop(["--batch", "--no-color"], { NO_COLOR: "1" }).stdout).toBe(plain.stdout);
    expect(plain.stdout).not.toContain("\u001b[");
  });
});

describe("simtop --batch into a pipe that closes", () => {
  it("stops quietly with exit 0 when the reader goes away (| head)", () => {
    const r = spawnSync(
      "bash",
      [
        "-o",
        "pipefail",
        "-c",
        `'${process.execPath}' '${BIN}' --batch -n 1000000 -d 10 | head -n 3`,
      ],
      {
        encoding: "utf8",
        timeout: 50_000,
      },
    );
    expect(r.stdout.split("\n")[0]).toBe(
      "simtop - tick 10  policy rr (quantum 100)  load average: 0.00, 0.00, 0.00",
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
