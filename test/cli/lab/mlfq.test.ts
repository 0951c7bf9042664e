// `simtop lab mlfq`: OSTEP mlfq.py's response and turnaround, worked by hand from its rules.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/cli/errors.js";
import { runMlfq } from "../../../src/sim/lab/mlfq.js";
import { runJson, runLab } from "./ostepLab.js";

interface Answer {
  jobs: { job: number; response: number; turnaround: number }[];
  average: { response: number; turnaround: number };
}

const mlfq = (args: string[]) => runJson<Answer>("mlfq", args);
const pairs = (a: Answer) => a.jobs.map((j) => [j.response, j.turnaround]);

describe("mlfq answers", () => {
  it("a lone job runs straight through (-l 0,200,0)", async () => {
    expect(await mlfq(["-l", "0,200,0"])).toEqual({
      jobs: [{ job: 0, response: 0, turnaround: 200 }],
      average: { response: 0, turnaround: 200 },
    });
  });

  it("a short job arriving later runs at once at top priority (OSTEP Fig. 8.3)", async () => {
    // 3 queues, slice 10, 1 slice per level: A sinks to the bottom by t=20. B arrives at 100 in
    // the top queue, runs 100..110, is demoted, runs 110..120 and is done; A resumes to 200.
    expect(pairs(await mlfq(["-l", "0,180,0:100,20,0", "-n", "3", "-q", "10"]))).toEqual([
      [0, 200],
      [0, 20],
    ]);
  });

  it("an I/O-bound job stays on top and preempts the CPU-bound one when its I/O completes", async () => {
    // 2 queues, slice 10, I/O takes 1. A runs 0..10 and is demoted. B (I/O every tick) runs
    // t10, I/O until 12; A runs t11; B t12, I/O until 14; A t13; B t14 and is done at 15.
    // A: 12 ticks by t14, 18 more from t15: done at 33.
    expect(pairs(await mlfq(["-l", "0,30,0:0,3,1", "-n", "2", "-q", "10", "-i", "1"]))).toEqual([
      [0, 33],
      [10, 15],
    ]);
  });

  it("a preempted job keeps its place and the rest of its slice", async () => {
    // One queue, slice 4, I/O 1. B issues I/O every 2 ticks. With -I, B's completed I/O goes
    // in front of A at t7 and t10, preempting A; A keeps its place at the head behind B and the
    // rest of its slice. B: t4,t5 | t7,t8 | t10,t11 -> done at 12. Without -I, B waits its turn
    // behind A and is done at 18. A finishes at 26 either way.
    const args = ["-l", "0,20,0:0,6,2", "-n", "1", "-q", "4", "-i", "1"];
    expect(pairs(await mlfq(args))).toEqual([
      [0, 26],
      [4, 18],
    ]);
    expect(pairs(await mlfq([...args, "-I"]))).toEqual([
      [0, 26],
      [4, 12],
    ]);
  });

  it("counts the allotment across I/O unless -S resets it at each I/O", async () => {
    // B issues I/O every 9 ticks with a 10-tick slice. Without -S its 10th tick at the top
    // (t20, after the I/O) uses up the slice and it sinks: A done at 60, B at 82. With -S every
    // I/O gives B a fresh slice, it never sinks, and finishes at 54 while A waits until 80.
    const args = ["-l", "0,40,0:0,40,9", "-n", "2", "-q", "10", "-i", "1"];
    expect(pairs(await mlfq(args))).toEqual([
      [0, 60],
      [10, 82],
    ]);
    expect(pairs(await mlfq([...args, "-S"]))).toEqual([
      [0, 80],
      [10, 54],
    ]);
  });

  it("takes per-level slices and allotments with -Q and -A (highest priority first)", async () => {
    // Top: slice 5, 2 slices; bottom: slice 10. A 0..5, B 5..10, A 10..15 (sinks), B 15..20
    // (sinks), A 20..30, B 30..40, A 40..50 done, B 50..60 done.
    expect(pairs(await mlfq(["-l", "0,30,0:0,30,0", "-Q", "5,10", "-A", "2,1"]))).toEqual([
      [0, 50],
      [5, 60],
    ]);
  });

  it("a boost gives every job the top queue's full slice (-n 2 -q 2 -B 2 -l 0,3,0:0,2,0)", async () => {
    // A runs t0,t1, its one slice is used up: it sinks. At t2 the boost moves it back to the
    // top behind B; B runs t2,t3 and is done at 4. The t4 boost gives A a fresh 2-tick slice:
    // it runs t4 and is done at 5. (mlfq.py before 2023 cut B's slice at t2 to the 1-tick
    // allotment: B sank after t2 and A was done first, at 4.)
    expect(pairs(await mlfq(["-n", "2", "-q", "2", "-B", "2", "-l", "0,3,0:0,2,0"]))).toEqual([
      [0, 5],
      [2, 4],
    ]);
  });

  it("a boost resets every job's allotment to the top queue's (-a 2 -B 6)", async () => {
    // Slice 2, 2 slices at the top. A t0,t1; B t2,t3; A t4,t5 (A has used its 2 slices and
    // sinks). The t6 boost brings A back with 2 fresh slices, behind B: B t6,t7; A t8,t9; B
    // t10 done at 11; A t11 done at 12. (Had A kept its used-up allotment, it would have sunk
    // after t9 and finished last but one: A at 11, B at 12.)
    expect(
      pairs(await mlfq(["-n", "2", "-q", "2", "-a", "2", "-B", "6", "-l", "0,7,0:0,5,0"])),
    ).toEqual([
      [0, 12],
      [2, 11],
    ]);
  });

  it("draws random jobs as mlfq.py does, from Python's random.random()", async () => {
    // random.seed(0): run = int(0.844 * 99 + 1) = 84, ioFreq = int(0.757 * 9 + 1) = 7.
    const out = await runLab("mlfq", ["-s", "0", "-j", "1"]);
    expect(out).toContain("  Job  0: startTime   0 - runTime  84 - ioFreq   7\n");
  });
});

describe("mlfq output", () => {
  it("prints mlfq.py's options, job list and, with -c, its final statistics", async () => {
    const out = await runLab("mlfq", ["-l", "0,30,0:0,30,0", "-n", "2", "-q", "10", "-c"]);
    expect(out).toContain(
      "Here is the list of inputs:\nOPTIONS jobs 2\nOPTIONS queues 2\n" +
        "OPTIONS allotments for queue  1 is   1\nOPTIONS quantum length for queue  1 is  10\n" +
        "OPTIONS allotments for queue  0 is   1\nOPTIONS quantum length for queue  0 is  10\n" +
        "OPTIONS boost 0\nOPTIONS ioTime 5\nOPTIONS stayAfterIO False\nOPTIONS iobump False\n",
    );
    expect(out).toContain(
      "Job List:\n  Job  0: startTime   0 - runTime  30 - ioFreq   0\n" +
        "  Job  1: startTime   0 - runTime  30 - ioFreq   0\n",
    );
    expect(out).toContain(
      "Final statistics:\n" +
        "  Job  0: startTime   0 - response   0 - turnaround  50\n" +
        "  Job  1: startTime   0 - response  10 - turnaround  60\n\n" +
        "  Avg  1: startTime n/a - response 5.00 - turnaround 55.00\n",
    );
  });

  it("without -c asks the question instead", async () => {
    const out = await runLab("mlfq", ["-l", "0,10,0"]);
    expect(out).toContain("Use the -c flag to get the exact results when you are finished.\n");
    expect(out).not.toContain("Final statistics");
  });
});

describe("mlfq arguments", () => {
  it.each([
    [["-l", "0,10"], "-l: expected start,run,ioFreq triples separated by ':', got \"0,10\""],
    [["-l", "0,0,1"], '-l: run time: expected an integer of 1 or more, got "0"'],
    [["-l", "-5,10,0"], '-l: start: expected an integer of 0 or more, got "-5"'],
    [["-l", ""], "-l: expected start,run,ioFreq triples, got an empty list"],
    [["-A", ""], "-A: expected comma-separated integers, got an empty list"],
    [["-Q", ""], "-Q: expected comma-separated integers, got an empty list"],
    [["-Q", "2,x"], '-Q: expected comma-separated integers, got "2,x"'],
    [["-Q", "10,10", "-A", "1"], "-A: 1 allotments for 2 queues"],
    [["-A", "0,1,1"], "-A: allotments must be positive, got 0 for queue 2"],
    [["-n", "0"], '-n: expected an integer from 1 to 1000, got "0"'],
    [["-q", "0"], '-q: expected an integer of 1 or more, got "0"'],
    [["-B", "-1"], '-B: expected an integer of 0 or more, got "-1"'],
    [["-s", "x"], '-s: expected an integer, got "x"'],
  ])("%j is a usage error", async (args, message) => {
    await expect(runLab("mlfq", [...args, "-c"])).rejects.toThrow(new UsageError(message));
  });
});

describe("mlfq invariants", () => {
  it("every job gets its CPU time: turnaround >= run, response <= turnaround - run", () => {
    const job = fc.record({
      start: fc.integer({ min: 0, max: 30 }),
      run: fc.integer({ min: 1, max: 40 }),
      ioFreq: fc.integer({ min: 0, max: 8 }),
    });
    fc.assert(
      fc.property(
        fc.array(job, { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 5 }),
        fc.boolean(),
        fc.boolean(),
        (jobs, quanta, allot, boost, ioTime, stay, ioBump) => {
          const times = runMlfq({
            jobs,
            quanta,
            allotments: quanta.map(() => allot),
            boost,
            ioTime,
            stay,
            ioBump,
          });
          for (const j of times) {
            expect(j.turnaround).toBeGreaterThanOrEqual(j.run);
            expect(j.response).toBeGreaterThanOrEqual(0);
            expect(j.response).toBeLessThanOrEqual(j.turnaround - 1);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("mlfq -c against OSTEP's mlfq.py", () => {
  // fixtures/mlfq: each line of `cases` run through the original mlfq.py (fixtures/regenerate.sh).
  const dir = new URL("./fixtures/mlfq/", import.meta.url);
  const cases = readFileSync(new URL("cases", dir), "utf8").trimEnd().split("\n");
  it.each(cases.map((args, i) => [args, i + 1] as const))(
    "prints what mlfq.py %s prints, line for line",
    async (args, n) => {
      const expected = readFileSync(new URL(`${n}.txt`, dir), "utf8");
      const out = await runLab("mlfq", args.split(" "));
      expect(out.split("\n")).toEqual(expected.split("\n"));
    },
  );

  it("traces the boost, arrivals, I/O and idle ticks in mlfq.py's words", async () => {
    const out = await runLab("mlfq", ["-n", "1", "-q", "3", "-i", "1", "-l", "0,2,1:4,1,0", "-c"]);
    expect(out).toContain(
      "Execution Trace:\n\n" +
        "[ time 0 ] JOB BEGINS by JOB 0\n" +
        "[ time 0 ] Run JOB 0 at PRIORITY 0 [ TICKS 2 ALLOT 1 TIME 1 (of 2) ]\n" +
        "[ time 1 ] IO_START by JOB 0\n" +
        "IO DONE\n" +
        "[ time 1 ] IDLE\n" +
        "[ time 2 ] IO_DONE by JOB 0\n" +
        "[ time 2 ] Run JOB 0 at PRIORITY 0 [ TICKS 1 ALLOT 1 TIME 0 (of 2) ]\n" +
        "[ time 3 ] FINISHED JOB 0\n" +
        "[ time 3 ] IDLE\n" +
        "[ time 4 ] JOB BEGINS by JOB 1\n" +
        "[ time 4 ] Run JOB 1 at PRIORITY 0 [ TICKS 2 ALLOT 1 TIME 0 (of 1) ]\n" +
        "[ time 5 ] FINISHED JOB 1\n\n" +
        "Final statistics:\n",
    );
  });
});
