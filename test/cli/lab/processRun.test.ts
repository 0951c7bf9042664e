// `simtop lab process-run`: OSTEP process-run.py's traces, worked by hand from its rules.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/cli/errors.js";
import { parseProgramList } from "../../../src/cli/lab/processRun.js";
import { runProcessRun } from "../../../src/sim/lab/processRun.js";
import { runJson, runLab } from "./ostepLab.js";

interface Tick {
  time: number;
  procs: string[];
  cpu: number;
  io: number;
}
interface Answer {
  trace: Tick[];
  stats: { total: number; cpuBusy: number; ioBusy: number };
}

const run = (args: string[]) => runJson<Answer>("process-run", args);
const states = (a: Answer) => a.trace.map((t) => t.procs.join(" "));

describe("process-run traces", () => {
  it("blocks an I/O for exactly L ticks and runs io_done as a CPU tick (README: -l 3:0 -L 5)", async () => {
    // io at t1 finishes at 1+5+1 = 7: BLOCKED t2..t6 with one I/O in flight, io_done at t7.
    // Three such rounds: 21 ticks, CPU busy at the 6 io/io_done ticks, I/O busy 3 x 5 ticks.
    const a = await run(["-l", "3:0", "-L", "5"]);
    expect(a.stats).toEqual({ total: 21, cpuBusy: 6, ioBusy: 15 });
    expect(states(a).slice(0, 8)).toEqual([
      "RUN:io",
      "BLOCKED",
      "BLOCKED",
      "BLOCKED",
      "BLOCKED",
      "BLOCKED",
      "RUN:io_done",
      "RUN:io",
    ]);
    expect(a.trace[0]).toEqual({ time: 1, procs: ["RUN:io"], cpu: 1, io: 0 });
    expect(a.trace[1]).toEqual({ time: 2, procs: ["BLOCKED"], cpu: 0, io: 1 });
    expect(a.trace[6]).toEqual({ time: 7, procs: ["RUN:io_done"], cpu: 1, io: 0 });
  });

  it("runs CPU-only processes one after the other (README: -l 5:100,5:100)", async () => {
    const a = await run(["-l", "5:100,5:100"]);
    expect(states(a)).toEqual([
      ...Array(5).fill("RUN:cpu READY"),
      ...Array(5).fill("DONE RUN:cpu"),
    ]);
    expect(a.stats).toEqual({ total: 10, cpuBusy: 10, ioBusy: 0 });
  });

  it("picks the next process round-robin from the current pid (-P i:c2:c2 -L 2)", async () => {
    // t1 P0 io (done at 1+2+1 = 4), next after 0 is P1. t2-t3 P1 runs out; next after 1 is P2.
    // t4 P0's I/O completes (READY, waits its turn), P2 runs; t5 P2 ends; next after 2 wraps to P0.
    const a = await run(["-P", "i:c2:c2", "-L", "2"]);
    expect(states(a)).toEqual([
      "RUN:io READY READY",
      "BLOCKED RUN:cpu READY",
      "BLOCKED RUN:cpu READY",
      "READY DONE RUN:cpu",
      "READY DONE RUN:cpu",
      "RUN:io_done DONE DONE",
    ]);
    expect(a.trace.map((t) => t.io)).toEqual([0, 1, 1, 0, 0, 0]);
    expect(a.stats).toEqual({ total: 6, cpuBusy: 6, ioBusy: 2 });
  });

  it("IO_RUN_IMMEDIATE preempts the running process when an I/O completes (-P i:c4 -L 1)", async () => {
    // t1 P0 io, done at 3. t2 P1 cpu. t3 P0 takes the CPU for io_done, P1 goes back to READY.
    const now = await run(["-P", "i:c4", "-L", "1", "-I", "IO_RUN_IMMEDIATE"]);
    expect(states(now)).toEqual([
      "RUN:io READY",
      "BLOCKED RUN:cpu",
      "RUN:io_done READY",
      "DONE RUN:cpu",
      "DONE RUN:cpu",
      "DONE RUN:cpu",
    ]);
    // IO_RUN_LATER: P0 waits READY until P1 has run its four instructions (t2..t5).
    const later = await run(["-P", "i:c4", "-L", "1"]);
    expect(states(later)).toEqual([
      "RUN:io READY",
      "BLOCKED RUN:cpu",
      "READY RUN:cpu",
      "READY RUN:cpu",
      "READY RUN:cpu",
      "RUN:io_done DONE",
    ]);
  });

  it("SWITCH_ON_END leaves the CPU idle while the running process waits (-P i:c2 -L 2)", async () => {
    // t1 P0 io (done at 4); P1 stays READY at t2, t3 while nothing runs; t4 io_done; P1 at t5, t6.
    const end = await run(["-P", "i:c2", "-L", "2", "-S", "SWITCH_ON_END"]);
    expect(states(end)).toEqual([
      "RUN:io READY",
      "BLOCKED READY",
      "BLOCKED READY",
      "RUN:io_done READY",
      "DONE RUN:cpu",
      "DONE RUN:cpu",
    ]);
    expect(end.stats).toEqual({ total: 6, cpuBusy: 4, ioBusy: 2 });
    // SWITCH_ON_IO overlaps P1's work with the I/O: 4 ticks.
    const io = await run(["-P", "i:c2", "-L", "2"]);
    expect(io.stats).toEqual({ total: 4, cpuBusy: 4, ioBusy: 2 });
  });

  it("with -L 0 the process is ready again the very next tick", async () => {
    const a = await run(["-P", "i,c1", "-L", "0"]);
    expect(states(a)).toEqual(["RUN:io", "RUN:io_done", "RUN:cpu"]);
    expect(a.stats).toEqual({ total: 3, cpuBusy: 3, ioBusy: 0 });
  });

  it("draws -l programs from Python's random.random() for the seed", async () => {
    // random.seed(0) gives 0.844..., 0.757..., 0.420...: with Y = 50 the first two are I/Os.
    const listing = await runLab("process-run", ["-l", "3:50", "-s", "0"]);
    expect(listing).toContain("Process 0\n  io\n  io_done\n  io\n  io_done\n  cpu\n\n");
  });
});

describe("process-run output", () => {
  it("without -c lists the programs and the behaviours, like process-run.py", async () => {
    const out = await runLab("process-run", ["-l", "2:100"]);
    expect(out).toBe(
      "Produce a trace of what would happen when you run these processes:\n" +
        "Process 0\n  cpu\n  cpu\n\n" +
        "Important behaviors:\n" +
        "  System will switch when the current process is FINISHED or ISSUES AN IO\n" +
        "  After IOs, the process issuing the IO will run LATER (when it is its turn)\n\n",
    );
    const other = await runLab("process-run", [
      "-l",
      "1:100",
      "-S",
      "SWITCH_ON_END",
      "-I",
      "IO_RUN_IMMEDIATE",
    ]);
    expect(other).toContain("System will switch when the current process is FINISHED\n");
    expect(other).toContain("will run IMMEDIATELY\n");
  });

  it("with -c -p prints process-run.py's columns and statistics", async () => {
    const out = await runLab("process-run", ["-P", "i", "-L", "1", "-c", "-p"]);
    // Columns are %14s wide; an idle I/O column is 10 spaces; '*' marks a completed I/O.
    expect(out).toBe(
      `Time${"PID: 0".padStart(14)}${"CPU".padStart(14)}${"IOs".padStart(14)}\n` +
        `  1 ${"RUN:io".padStart(14)}${"1".padStart(14)}${" ".repeat(10)}\n` +
        `  2 ${"BLOCKED".padStart(14)}${" ".padStart(14)}${"1".padStart(14)}\n` +
        `  3*${"RUN:io_done".padStart(14)}${"1".padStart(14)}${" ".repeat(10)}\n` +
        "\nStats: Total Time 3\nStats: CPU Busy 2 (66.67%)\nStats: IO Busy  1 (33.33%)\n\n",
    );
  });

  it("rounds percentages half to even, as Python's %.2f does", async () => {
    // 9 I/O-busy ticks of 32 is exactly 28.125%: Python prints 28.12, not 28.13.
    const out = await runLab("process-run", [
      "-P",
      "c4,c4,c4,i:i:i,i,i,i:i,i,c2,i",
      "-L",
      "1",
      "-c",
      "-p",
    ]);
    expect(out).toContain("Stats: IO Busy  9 (28.12%)\n");
  });
});

describe("process-run: processes without instructions", () => {
  it("-P c0:c2: the empty process holds the CPU one idle tick (RUNNING), then is DONE", async () => {
    const out = await runLab("process-run", ["-P", "c0:c2", "-c", "-p"]);
    expect(out).toBe(
      "Time        PID: 0        PID: 1           CPU           IOs\n" +
        "  1        RUNNING         READY                        \n" +
        "  2           DONE       RUN:cpu             1          \n" +
        "  3           DONE       RUN:cpu             1          \n\n" +
        "Stats: Total Time 3\nStats: CPU Busy 2 (66.67%)\nStats: IO Busy  0 (0.00%)\n\n",
    );
  });

  it("-l 0:50 is a process of no instructions", async () => {
    const out = await runLab("process-run", ["-l", "0:50", "-c", "-p"]);
    expect(out).toBe(
      "Time        PID: 0           CPU           IOs\n" +
        "  1        RUNNING                        \n\n" +
        "Stats: Total Time 1\nStats: CPU Busy 0 (0.00%)\nStats: IO Busy  0 (0.00%)\n\n",
    );
  });
});

describe("process-run against OSTEP's process-run.py", () => {
  // fixtures/process-run: each line of `cases` run through the original (fixtures/regenerate.sh).
  const dir = new URL("./fixtures/process-run/", import.meta.url);
  const cases = readFileSync(new URL("cases", dir), "utf8").trimEnd().split("\n");
  it.each(cases.map((args, i) => [args, i + 1] as const))(
    "prints what process-run.py %s prints",
    async (args, n) => {
      const expected = readFileSync(new URL(`${n}.txt`, dir), "utf8");
      const out = await runLab("process-run", args.split(" "));
      expect(out.split("\n")).toEqual(expected.split("\n"));
    },
  );
});

describe("process-run arguments", () => {
  it.each([
    [["-l", "3"], '-l: expected X:Y pairs, got "3"'],
    [["-l", "-1:50"], '-l: expected an integer of 0 or more, got "-1"'],
    [["-l", ""], "-l: expected X:Y pairs, got an empty list"],
    [["-P", ""], "-P: expected programs such as c3,i:c5, got an empty list"],
    [["-l", "3:150"], '-l: expected a number from 0 to 100, got "150"'],
    [["-P", "c3,x"], '-P: expected cN or i, got "x" in "c3,x"'],
    [["-l", "1:100", "-L", "-1"], '-L: expected an integer of 0 or more, got "-1"'],
    [
      ["-l", "1:100", "-S", "SOMETIMES"],
      '-S: expected SWITCH_ON_IO or SWITCH_ON_END, got "SOMETIMES"',
    ],
    [["-l", "1:100", "-I", "NEVER"], '-I: expected IO_RUN_LATER or IO_RUN_IMMEDIATE, got "NEVER"'],
    [[], "-l: give the processes to run, e.g. -l 5:100,5:100 (or -P c3,i:c5)"],
  ])("%j is a usage error", async (args, message) => {
    await expect(runLab("process-run", [...args, "-c"])).rejects.toThrow(new UsageError(message));
  });

  it("-P wins over -l, as in process-run.py", async () => {
    const a = await run(["-P", "c1", "-l", "5:100"]);
    expect(a.stats.total).toBe(1);
  });
});

const program = fc
  .array(
    fc.oneof(
      fc.constant("i"),
      fc.integer({ min: 0, max: 4 }).map((n) => `c${n}`),
    ),
    {
      minLength: 1,
      maxLength: 5,
    },
  )
  .filter((ops) => ops.some((o) => o !== "c0"))
  .map((ops) => ops.join(","));

describe("process-run invariants", () => {
  it("one instruction per busy tick, L blocked ticks per I/O, everyone DONE at the end", () => {
    fc.assert(
      fc.property(
        fc.array(program, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 5 }),
        fc.boolean(),
        fc.boolean(),
        (progs, ioLength, switchOnEnd, ioRunImmediate) => {
          const programs = progs.map((p) => parseProgramList(p)[0]);
          const r = runProcessRun({ programs, ioLength, switchOnEnd, ioRunImmediate });
          const instructions = programs.reduce((n, p) => n + p.length, 0);
          expect(r.stats.cpuBusy).toBe(instructions);
          expect(r.stats.total).toBe(r.trace.length);
          for (const t of r.trace) {
            const running = t.procs.filter((s) => s.startsWith("RUN:")).length;
            expect(running).toBe(t.cpu);
          }
          expect(r.trace.at(-1)?.procs.every((s) => s === "DONE" || s.startsWith("RUN:"))).toBe(
            true,
          );
          // After each RUN:io a process is BLOCKED for exactly ioLength ticks, then not BLOCKED.
          programs.forEach((_, pid) => {
            const col = r.trace.map((t) => t.procs[pid]);
            col.forEach((s, i) => {
              if (s !== "RUN:io") return;
              for (let k = 1; k <= ioLength; k++) expect(col[i + k]).toBe("BLOCKED");
              expect(col[i + ioLength + 1]).not.toBe("BLOCKED");
            });
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
