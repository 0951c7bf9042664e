// Batch mode: the header and table format, snapshot count and spacing, JSON lines, chapters, events.
import { describe, expect, it } from "vitest";
import { type BatchOptions, formatHeader, formatRows, runBatch } from "../../src/cli/batch.js";
import { builtinScenario } from "../../src/scenario/load.js";
import { scenarioConfig, startScenario } from "../../src/scenario/start.js";
import type { HeaderView, ProcessRow } from "../../src/sim/view.js";

function batchOf(name: string, o: Partial<BatchOptions>): string[] {
  const s = builtinScenario(name)!;
  const out: string[] = [];
  runBatch(
    startScenario(s, scenarioConfig(s)),
    { iterations: 3, delay: 1000, json: false, events: false, chapters: s.chapters, ...o },
    (x) => out.push(x),
  );
  return out;
}

describe("formatting", () => {
  it("prints top's four header lines", () => {
    const h: HeaderView = {
      tick: 1500,
      policy: "rr",
      quantum: 100,
      load: [1, 0.5, 0.25],
      counts: { new: 0, ready: 1, running: 2, blocked: 3, stopped: 0, zombie: 1 },
      total: 7,
      cores: [
        { utilisation: 1, pid: 2 },
        { utilisation: 0.125, pid: 0 },
      ],
      framesUsed: 10,
      framesTotal: 4096,
      ipc: 0.5,
      window: 1000,
      exitedPercent: 0,
      caches: null,
      amat: null,
      mlfq: null,
      cfs: null,
      runQueues: "global",
      coresMatter: false,
    };
    expect(formatHeader(h)).toBe(
      [
        "simtop - tick 1500  policy rr (quantum 100)  load average: 1.00, 0.50, 0.25",
        "Tasks: 7 total, 2 running, 1 ready, 3 blocked, 0 stopped, 1 zombie, 0 new",
        "cpu0 100.0%  cpu1 12.5%  IPC 0.50  (rates over the last 1000 ticks)",
        // 10 frames of 4 KiB = 40 KiB; 4096 frames = 16384 KiB.
        "Mem: 40 KiB used of 16384 KiB (10/4096 frames)",
      ].join("\n"),
    );
  });

  it("prints one aligned row per process, a dash when no access reached the caches", () => {
    const row: ProcessRow = {
      pid: 12,
      ppid: 1,
      name: "a-very-long-process-name",
      state: "blocked",
      letter: "S",
      stateWord: "blocked:sleep",
      priority: 20,
      nice: 0,
      cpuPercent: 12.345,
      resKiB: 8,
      cpuTicks: 345,
      ipc: 1,
      l1HitPercent: Number.NaN,
      level: -1,
      tickets: -1,
      vruntime: Number.NaN,
      weight: Number.NaN,
      affinity: "all",
      cpu: -1,
      migrations: 0,
      pgid: 1,
      sid: 1,
      tty: "?",
      foreground: false,
    };
    const [head, line] = formatRows([row]).split("\n");
    expect(head).toBe(
      "   PID   PPID NAME            S STATE         PRI  NI  %CPU    RES      TIME  IPC   L1%",
    );
    expect(line).toBe(
      "    12      1 a-very-long-pro S blocked:sleep  20   0  12.3     8K       345 1.00     -",
    );
    expect(line.length).toBe(head.length);
    // With a terminal in use: ps -j's columns, and + for the foreground group.
    const [jobHead, jobLine] = formatRows([
      { ...row, pgid: 12, sid: 2, tty: "tty1", foreground: true },
    ]).split("\n");
    expect(jobHead).toBe(
      "   PID   PPID   PGID    SID TTY  NAME            S  STATE         PRI  NI  %CPU    RES      TIME  IPC   L1%",
    );
    expect(jobLine).toBe(
      "    12      1     12      2 tty1 a-very-long-pro S+ blocked:sleep  20   0  12.3     8K       345 1.00     -",
    );
  });
});

describe("runBatch", () => {
  it("prints N snapshots D ticks apart", () => {
    const out = batchOf("signals", { iterations: 4, delay: 2500 });
    expect(out).toHaveLength(4);
    expect(out.map((s) => /tick (\d+)/.exec(s)![1])).toEqual(["2500", "5000", "7500", "10000"]);
  });

  it("announces each chapter once, in the first snapshot after it begins", () => {
    // Chapters at 0, 2000, 5000, ...: with snapshots at 1000, 2000, 3000 the one at 2000 is
    // still before the SIGINTs, so "Ctrl+C" appears in the snapshot at 3000.
    const out = batchOf("signals", { iterations: 3, delay: 1000 });
    expect(out[0]).toMatch(/^== a sleeper, a SIGINT handler/);
    expect(out[1]).not.toContain("==");
    expect(out[2]).toMatch(/^== Ctrl\+C \(SIGINT\) to three/);
  });

  it("with events, tells what happened since the last snapshot", () => {
    const out = batchOf("signals", { iterations: 3, delay: 1000, events: true });
    expect(out[0]).toContain("pid 2 (sleeper) created, parent 1");
    expect(out[1]).toContain("(no events)");
    expect(out[2]).toContain("SIGINT → 3 (sigint-handler): caught by handler");
    expect(out[2]).toMatch(/\[\d+\] 2 \(sleeper\) killed by SIGINT, status 130/);
  });

  it("prints one JSON object per snapshot per line", () => {
    const out = batchOf("signals", { iterations: 3, delay: 1000, json: true, events: true });
    const snaps = out.map((l) => {
      expect(l.endsWith("\n")).toBe(true);
      expect(l.trimEnd()).not.toContain("\n");
      return JSON.parse(l);
    });
    expect(snaps.map((s) => s.tick)).toEqual([1000, 2000, 3000]);
    expect(snaps[0].processes.map((p: { name: string }) => p.name)).toEqual([
      "init",
      "sleeper",
      "sigint-handler",
      "sigint-ignorer",
      "cpu-bound",
    ]);
    expect(snaps[0].tasks.total).toBe(5);
    expect(snaps[0].cpus).toHaveLength(2);
    expect(
      snaps[2].events.some(
        (e: { type: string; status: number }) => e.type === "Exited" && e.status === 130,
      ),
    ).toBe(true);
    expect(snaps[2].chapters).toEqual([
      "Ctrl+C (SIGINT) to three: the default kills, a handler catches, ignore ignores",
    ]);
  });

  it("is deterministic: the same run prints the same bytes", () => {
    expect(batchOf("default", { iterations: 2, delay: 3000 })).toEqual(
      batchOf("default", { iterations: 2, delay: 3000 }),
    );
  });
});
