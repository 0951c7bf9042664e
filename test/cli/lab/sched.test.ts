// `simtop lab sched`: OSTEP scheduler.py's FIFO, SJF and RR answers, worked by hand.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/cli/errors.js";
import { PyRandom } from "../../../src/sim/lab/pyRandom.js";
import { runSched, type SchedLabPolicy } from "../../../src/sim/lab/sched.js";
import { runJson, runLab } from "./ostepLab.js";

interface Times {
  response: number;
  turnaround: number;
  wait: number;
}
interface Answer {
  jobs: (Times & { job: number; length: number })[];
  average: Times;
}

const sched = (args: string[]) => runJson<Answer>("sched", args);
const triples = (a: Answer) => a.jobs.map((j) => [j.response, j.turnaround, j.wait]);

describe("sched answers", () => {
  it("FIFO runs jobs in order: response = wait = start, turnaround = end", async () => {
    // 0..100, 100..300, 300..600.
    const a = await sched(["-p", "FIFO", "-l", "100,200,300"]);
    expect(a.jobs[0]).toEqual({ job: 0, length: 100, response: 0, turnaround: 100, wait: 0 });
    expect(triples(a)).toEqual([
      [0, 100, 0],
      [100, 300, 100],
      [300, 600, 300],
    ]);
    expect(a.average).toEqual({ response: 400 / 3, turnaround: 1000 / 3, wait: 400 / 3 });
  });

  it("SJF runs the shortest first and reports jobs in job-id order", async () => {
    // Order 1 (0..100), 2 (100..300), 0 (300..600).
    const a = await sched(["-p", "SJF", "-l", "300,100,200"]);
    expect(a.jobs.map((j) => j.job)).toEqual([0, 1, 2]);
    expect(triples(a)).toEqual([
      [300, 600, 300],
      [0, 100, 0],
      [100, 300, 100],
    ]);
  });

  it("SJF breaks ties by job id", async () => {
    // Jobs 1 and 2 are both 10 long: 1 runs 0..10, 2 runs 10..20, then job 0 20..40.
    const a = await sched(["-p", "SJF", "-l", "20,10,10"]);
    expect(triples(a)).toEqual([
      [20, 40, 20],
      [0, 10, 0],
      [10, 20, 10],
    ]);
  });

  it("RR: a job whose remaining time equals the quantum finishes without being requeued", async () => {
    // q = 100: job 0 runs 0..100 and is done; job 1 100..200; job 2 200..300 done; job 1 300..400.
    const a = await sched(["-p", "RR", "-q", "100", "-l", "100,200,100"]);
    expect(triples(a)).toEqual([
      [0, 100, 0],
      [100, 400, 200],
      [200, 300, 200],
    ]);
    const table = await runLab("sched", ["-p", "RR", "-q", "100", "-l", "100,200,100", "-c"]);
    expect(table).toContain(
      "Execution trace:\n" +
        "  [ time   0 ] Run job   0 for 100.00 secs ( DONE at 100.00 )\n" +
        "  [ time 100 ] Run job   1 for 100.00 secs\n" +
        "  [ time 200 ] Run job   2 for 100.00 secs ( DONE at 300.00 )\n" +
        "  [ time 300 ] Run job   1 for 100.00 secs ( DONE at 400.00 )\n",
    );
  });

  it("RR with a 1-tick slice alternates; wait is all the time spent ready", async () => {
    // 0:j0 1:j1 2:j0 3:j1 4:j0 (done at 5) 5:j1 (done at 6).
    const a = await sched(["-p", "RR", "-q", "1", "-l", "3,3"]);
    expect(triples(a)).toEqual([
      [0, 5, 2],
      [1, 6, 3],
    ]);
  });

  it("prints one trace line per slice even when a job is left alone on the CPU", async () => {
    // Job 1 runs 1..2, then alone 2..3 and 3..4: scheduler.py prints each slice.
    const out = await runLab("sched", ["-p", "RR", "-q", "1", "-l", "1,3", "-c"]);
    expect(out).toContain(
      "  [ time   0 ] Run job   0 for 1.00 secs ( DONE at 1.00 )\n" +
        "  [ time   1 ] Run job   1 for 1.00 secs\n" +
        "  [ time   2 ] Run job   1 for 1.00 secs\n" +
        "  [ time   3 ] Run job   1 for 1.00 secs ( DONE at 4.00 )\n",
    );
  });

  it("a job of no length is done the moment its turn comes (-l 0,5)", async () => {
    // scheduler.py: job 0 runs for 0.00 secs, done at 0; response, turnaround and wait are 0.
    for (const p of ["FIFO", "SJF", "RR"]) {
      const a = await sched(["-l", "0,5", "-p", p]);
      expect(a.jobs.map((j) => [j.response, j.turnaround, j.wait])).toEqual([
        [0, 0, 0],
        [0, 5, 0],
      ]);
    }
    // Its turn: FIFO after the jobs before it, RR after their first slices, SJF first of all.
    const at = async (args: string[]) => (await sched(args)).jobs[1].turnaround;
    expect(await at(["-l", "3,0,2"])).toBe(3);
    expect(await at(["-l", "5,0,3", "-p", "RR", "-q", "2"])).toBe(2);
    expect(await at(["-l", "5,0,3", "-p", "SJF"])).toBe(0);
    const out = await runLab("sched", ["-l", "5,0,3", "-p", "RR", "-q", "2", "-c"]);
    expect(out).toContain(
      "  [ time   0 ] Run job   0 for 2.00 secs\n" +
        "  [ time   2 ] Run job   1 for 0.00 secs ( DONE at 2.00 )\n" +
        "  [ time   2 ] Run job   2 for 2.00 secs\n",
    );
  });

  it("takes decimal run times, as scheduler.py reads floats", async () => {
    // FIFO 0..2.5, 2.5..3.5. RR q=1 on 1.5,1: 0..1 j0, 1..2 j1 (done), 2..2.5 j0 (done).
    expect(triples(await sched(["-l", "2.5,1"]))).toEqual([
      [0, 2.5, 0],
      [2.5, 3.5, 2.5],
    ]);
    expect(triples(await sched(["-p", "RR", "-q", "1", "-l", "1.5,1"]))).toEqual([
      [0, 2.5, 1],
      [1, 2, 1],
    ]);
  });

  it("draws random jobs as scheduler.py does: int(maxlen * random()) + 1", async () => {
    // random.seed(0): 0.844..., 0.757..., 0.420... -> 9, 8, 5.
    const a = await sched(["-s", "0", "-j", "3"]);
    expect(a.jobs.map((j) => j.length)).toEqual([9, 8, 5]);
  });
});

describe("sched output", () => {
  it("without -c prints the setup and the question, like scheduler.py", async () => {
    const out = await runLab("sched", ["-p", "SJF", "-l", "5,10,15"]);
    expect(out).toBe(
      "ARG policy SJF\nARG jlist 5,10,15\n\n" +
        "Here is the job list, with the run time of each job: \n" +
        "  Job 0 ( length = 5.0 )\n  Job 1 ( length = 10.0 )\n  Job 2 ( length = 15.0 )\n\n\n" +
        "Compute the turnaround time, response time, and wait time for each job.\n" +
        "When you are done, run this program again, with the same arguments,\n" +
        "but with -c, which will thus provide you with the answers. You can use\n" +
        "-s <somenumber> or your own job list (-l 10,15,20 for example)\n" +
        "to generate different problems for yourself.\n\n",
    );
  });

  it("with -c prints the trace and statistics in execution order for FIFO and SJF", async () => {
    const out = await runLab("sched", ["-p", "SJF", "-l", "20,10", "-c"]);
    expect(out).toContain(
      "** Solutions **\n\nExecution trace:\n" +
        "  [ time   0 ] Run job 1 for 10.00 secs ( DONE at 10.00 )\n" +
        "  [ time  10 ] Run job 0 for 20.00 secs ( DONE at 30.00 )\n\n" +
        "Final statistics:\n" +
        "  Job   1 -- Response: 0.00  Turnaround 10.00  Wait 0.00\n" +
        "  Job   0 -- Response: 10.00  Turnaround 30.00  Wait 10.00\n\n" +
        "  Average -- Response: 5.00  Turnaround 20.00  Wait 5.00\n\n",
    );
  });

  it("echoes random-job arguments and integer lengths", async () => {
    const out = await runLab("sched", ["-s", "0", "-j", "2", "-m", "10"]);
    expect(out.startsWith("ARG policy FIFO\nARG jobs 2\nARG maxlen 10\nARG seed 0\n\n")).toBe(true);
    expect(out).toContain("  Job 0 ( length = 9 )\n  Job 1 ( length = 8 )\n");
  });
});

describe("sched arguments", () => {
  it.each([
    [["-p", "LIFO"], '-p: expected FIFO, SJF or RR, got "LIFO"'],
    [["-l", "10,-1"], '-l: expected comma-separated run times, got "-1"'],
    [["-l", ""], "-l: expected comma-separated run times, got an empty list"],
    [["-l", "10,x"], '-l: expected comma-separated run times, got "x"'],
    [["-l", "1.0001"], '-l: at most 3 decimal places, got "1.0001"'],
    [["-q", "0"], '-q: expected an integer of 1 or more, got "0"'],
    [["-j", "0"], '-j: expected an integer of 1 or more, got "0"'],
    [["-m", "ten"], '-m: expected an integer of 1 or more, got "ten"'],
  ])("%j is a usage error", async (args, message) => {
    await expect(runLab("sched", [...args, "-c"])).rejects.toThrow(new UsageError(message));
  });
});

describe("sched against OSTEP's scheduler.py", () => {
  // fixtures/sched: each line of `cases` run through the original (fixtures/regenerate.sh).
  const dir = new URL("./fixtures/sched/", import.meta.url);
  const cases = readFileSync(new URL("cases", dir), "utf8").trimEnd().split("\n");
  it.each(cases.map((args, i) => [args, i + 1] as const))(
    "prints what scheduler.py %s prints",
    async (args, n) => {
      const expected = readFileSync(new URL(`${n}.txt`, dir), "utf8");
      const out = await runLab("sched", args.split(" "));
      expect(out.split("\n")).toEqual(expected.split("\n"));
    },
  );
});

describe("sched invariants", () => {
  const lengths = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 });
  const policy = fc.constantFrom<SchedLabPolicy>("FIFO", "SJF", "RR");

  it("turnaround = wait + length; without preemption response = wait; the CPU never idles", () => {
    fc.assert(
      fc.property(lengths, policy, fc.integer({ min: 1, max: 10 }), (ls, p, quantum) => {
        const r = runSched({ lengths: ls, policy: p, quantum });
        const total = ls.reduce((a, b) => a + b, 0);
        for (const j of r.jobs) {
          expect(j.turnaround).toBe(j.wait + j.length);
          if (p !== "RR") expect(j.response).toBe(j.wait);
          expect(j.response).toBeLessThanOrEqual(j.wait);
        }
        expect(Math.max(...r.jobs.map((j) => j.turnaround))).toBe(total);
      }),
      { numRuns: 100 },
    );
  });

  it("SJF's average turnaround is never above FIFO's; RR's first responses come a slice apart", () => {
    fc.assert(
      fc.property(lengths, fc.integer({ min: 1, max: 10 }), (ls, quantum) => {
        const avg = (p: SchedLabPolicy) =>
          runSched({ lengths: ls, policy: p, quantum }).jobs.reduce((a, j) => a + j.turnaround, 0);
        expect(avg("SJF")).toBeLessThanOrEqual(avg("FIFO"));
        const rr = runSched({ lengths: ls, policy: "RR", quantum }).jobs;
        let start = 0;
        for (const j of rr) {
          expect(j.response).toBe(start);
          start += Math.min(quantum, j.length);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("Python's random.random()", () => {
  it("matches CPython for small and multi-word seeds", () => {
    // CPython: random.seed(0); random.random() == 0.8444218515250481, then 0.7579544029403025;
    // random.seed(1) -> 0.13436424411240122; random.seed(2**40 + 5) -> 0.5043802970418443.
    const r0 = new PyRandom(0);
    expect(r0.next()).toBe(0.8444218515250481);
    expect(r0.next()).toBe(0.7579544029403025);
    expect(new PyRandom(1).next()).toBe(0.13436424411240122);
    expect(new PyRandom(2 ** 40 + 5).next()).toBe(0.5043802970418443);
    expect(new PyRandom(-1).next()).toBe(new PyRandom(1).next());
  });
});
