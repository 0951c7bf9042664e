// `simtop lab multi`: OSTEP multi.py's caches, queues and stealing, worked by hand and against the original.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/cli/errors.js";
import { MultiScheduler } from "../../../src/sim/lab/multi.js";
import { PyRandom } from "../../../src/sim/lab/pyRandom.js";
import { runJson, runLab } from "./ostepLab.js";

interface Answer {
  finished: number;
  cpus: { cpu: number; utilization: number; warm: number }[];
}

const multi = (args: string[]) => runJson<Answer>("multi", args);

describe("multi answers", () => {
  it("a job runs cold for the warm-up time, then twice as fast (-L a:30:50)", async () => {
    // Ticks 0-9 cold: 20 left, and the cache is warm after tick 9. Ticks 10-19 at rate 2: done at 20.
    expect(await multi(["-n", "1", "-L", "a:30:50"])).toEqual({
      finished: 20,
      cpus: [{ cpu: 0, utilization: 100, warm: 50 }],
    });
  });

  it("a working set bigger than the cache never runs warm", async () => {
    expect((await multi(["-n", "1", "-L", "a:30:150"])).finished).toBe(30);
  });

  it("two working sets that do not fit together evict each other: neither runs warm", async () => {
    // a 0-9 (warm after 9), b 10-19 (warm after 19, evicting a), a 20-29 warming again from
    // the start (warm after 29, evicting b): done at 30; b 30-39 cold: done at 40.
    expect(await multi(["-n", "1", "-L", "a:20:60,b:20:60"])).toEqual({
      finished: 40,
      cpus: [{ cpu: 0, utilization: 100, warm: 0 }],
    });
    // With room for both: a 0-9, b 10-19, then a 20-24 and b 25-29 warm: 10 warm ticks of 30.
    const both = await multi(["-n", "1", "-L", "a:20:60,b:20:60", "-M", "120"]);
    expect(both.finished).toBe(30);
    expect(both.cpus[0].warm).toBeCloseTo(100 / 3, 12);
  });

  it("deals jobs to per-CPU queues round robin, as their affinity allows", async () => {
    const out = await runLab("multi", [
      "-p",
      "-n",
      "3",
      "-L",
      "a:1:1,b:1:1,c:1:1,d:1:1",
      "-A",
      "a:2,b:2",
    ]);
    expect(out).toContain(
      "Scheduler CPU 0 queue: ['c']\nScheduler CPU 1 queue: ['d']\nScheduler CPU 2 queue: ['a', 'b']\n",
    );
  });

  it("a stolen job goes where multi.py's `cpu in job` test lets it: the CPU numbered as its run time or working set", async () => {
    // a may run on CPU 1 only; CPU 0 steals it at 5 (working set 0), CPU 1 steals it back at 25
    // (run time 1), CPU 0 again at 30 as z's slice ends, and CPU 1 at 35, which runs it.
    const out = await runLab("multi", [
      ...["-p", "-n", "2", "-P", "5", "-t", "-S", "-c"],
      ...["-L", "x:40:10,z:40:10,a:1:0,w:10:10", "-A", "z:1,a:1,w:1"],
    ]);
    expect(out).toContain("   5   x      z      Q0: a   Q1: w       \n");
    expect(out).toContain("  25   -      z      Q0:   Q1: a       \n");
    expect(out).toContain("  30   -      z      Q0: a   Q1:       \n");
    expect(out).toContain("  35   -      a      Q0:   Q1:       \n");
  });

  it("prints names in the queues as Python's repr does", async () => {
    const out = await runLab("multi", ["-L", `it's:1:1,a"b:1:1,c\\d:1:1`]);
    expect(out).toContain(`Scheduler central queue: ["it's", 'a"b', 'c\\\\d']\n`);
  });
});

describe("multi invariants", () => {
  const jobs = fc.array(
    fc.record({
      runTime: fc.integer({ min: 1, max: 60 }),
      workingSet: fc.integer({ min: 0, max: 120 }),
    }),
    { minLength: 1, maxLength: 6 },
  );
  const spec = fc.record({
    cpus: fc.integer({ min: 1, max: 4 }),
    perCpuQueues: fc.boolean(),
    quantum: fc.integer({ min: 1, max: 12 }),
    peekInterval: fc.integer({ min: 0, max: 20 }),
    warmupTime: fc.integer({ min: 0, max: 12 }),
    warmRate: fc.integer({ min: 1, max: 4 }),
    cacheSize: fc.integer({ min: 0, max: 200 }),
    randomOrder: fc.boolean(),
  });

  it("every job is done; a CPU's ticks fall between the work at the warm and the cold rate", () => {
    fc.assert(
      fc.property(jobs, spec, fc.nat(1000), (js, s, seed) => {
        // One CPU with per-CPU queues would find nobody to steal from: multi.py stops there.
        const peekInterval = s.cpus === 1 ? 0 : s.peekInterval;
        const named = js.map((j, i) => ({ name: `j${i}`, ...j, affinity: [] }));
        const r = new MultiScheduler({ ...s, peekInterval, jobs: named }, new PyRandom(seed)).run();
        const ticks = r.ran.reduce((a, b) => a + b, 0);
        const cold = js.reduce((a, j) => a + j.runTime, 0);
        const warm = js.reduce((a, j) => a + Math.ceil(j.runTime / s.warmRate), 0);
        expect(ticks).toBeLessThanOrEqual(cold);
        expect(ticks).toBeGreaterThanOrEqual(warm);
        r.ran.forEach((ran, cpu) => {
          expect(ran).toBeLessThanOrEqual(r.time);
          expect(r.ranWarm[cpu]).toBeLessThanOrEqual(ran);
        });
        if (s.warmRate === 1) expect(ticks).toBe(cold);
      }),
      { numRuns: 150 },
    );
  });

  it("with one shared queue and no affinity, a CPU idles only when no job waits", () => {
    fc.assert(
      fc.property(jobs, spec, fc.nat(1000), (js, s, seed) => {
        const named = js.map((j, i) => ({ name: `j${i}`, ...j, affinity: [] }));
        new MultiScheduler({ ...s, perCpuQueues: false, jobs: named }, new PyRandom(seed)).run(
          (v) => {
            for (let cpu = 0; cpu < s.cpus; cpu++) {
              if (v.ran(cpu) < 0) expect(v.queue(0)).toEqual([]);
            }
          },
        );
      }),
      { numRuns: 100 },
    );
  });
});

describe("multi against OSTEP's multi.py", () => {
  // fixtures/multi: each line of `cases` run through the original (fixtures/regenerate.sh).
  const dir = new URL("./fixtures/multi/", import.meta.url);
  const cases = readFileSync(new URL("cases", dir), "utf8").trimEnd().split("\n");
  it.each(cases.map((args, i) => [args, i + 1] as const))(
    "prints what multi.py %s prints",
    async (args, n) => {
      const expected = readFileSync(new URL(`${n}.txt`, dir), "utf8");
      const out = await runLab("multi", args === "" ? [] : args.split(" "));
      expect(out.split("\n")).toEqual(expected.split("\n"));
    },
  );
});

describe("multi arguments", () => {
  it.each([
    [
      ["-L", "a:1"],
      '-L: bad job description "a:1": needs a triple of name:run_time:working_set_size',
    ],
    [["-L", "a:1:1,a:2:2"], '-L: repeated job name "a"'],
    [["-L", "a:x:1"], '-L: expected an integer, got "x"'],
    [["-L", "a\u001b:1:1"], '-L: a job name may not hold control characters: "a\\x1b"'],
    [["-A", "b:0"], '-A: job name "b" in the affinity list does not exist'],
    [["-A", "0:5"], '-A: bad cpu 5 for job "0" (the CPUs are 0 to 1)'],
    [["-A", "0"], '-A: bad affinity spec "0": needs job_name:cpu.cpu...'],
    // multi.py: a job list of none ("bad job description []"), a hang with no CPU, a division by 0.
    [["-j", "0"], '-j: expected an integer of 1 or more, got "0"'],
    // optparse reads 0x.. as hexadecimal, and finds no digits here.
    [["-n", "0x"], '-n: expected an integer from 1 to 1024, got "0x"'],
    [["-n", "0"], '-n: expected an integer from 1 to 1024, got "0"'],
    [["-q", "0"], "-q: a time slice of 0 ticks never ends (multi.py divides by it)"],
    // A warm job would never finish.
    [["-r", "0"], '-r: expected an integer of 1 or more, got "0"'],
    // multi.py's random.choice of no other CPU (an IndexError).
    [
      ["-n", "1", "-p", "-P", "5", "-L", "a:20:10"],
      "-P: at time 5 CPU 0's queue is empty and there is no other CPU to steal from",
    ],
    // multi.py evicts past the end of an empty cache (an IndexError).
    [
      ["-M", "-5", "-w", "2", "-L", "a:20:10"],
      "-M: at time 1 job a warms a cache of size -5, which holds nothing",
    ],
    // multi.py loops forever: a, allowed on CPU 0 only, is stolen to CPU 1 (its working set)
    // and can move on only to CPUs 5 and 1.
    [
      ["-p", "-P", "5", "-L", "x:60:10,a:5:1,b:3:10", "-A", "a:0"],
      "-A: at time 5 CPU 1 steals job a, which may not run there and can never move to a CPU it may run on",
    ],
    // multi.py loops forever: CPUs 0 and 1 steal a from each other at every peek.
    [
      ["-p", "-P", "5", "-L", "x:60:10,a:0:1,b:3:10", "-A", "a:0"],
      "-A: from time 35 no CPU runs a job: stealing only moves jobs between CPUs they may not run on",
    ],
    [["-j", "10001"], "-j: jobs (10001) is more than simtop simulates (10000)"],
    [
      ["-j", "2000", "-R", "200", "-n", "16", "-p", "-P", "5", "-t", "-C"],
      "-t: characters the trace may print (427332000) is more than simtop simulates (200000000)",
    ],
  ])("%j is a usage error", async (args, message) => {
    await expect(runLab("multi", [...args, "-c"])).rejects.toThrow(new UsageError(message));
  });

  it("runs where multi.py runs: a negative cache no job warms, negative slices and warm-ups", async () => {
    const out = await runLab("multi", ["-M", "-5", "-L", "a:5:10", "-c"]);
    expect(out).toContain("Finished time 5\n");
    expect(await runLab("multi", ["-q", "-10", "-w", "-3", "-c"])).toContain("ARG quantum -10\n");
  });
});
