// `simtop lab lottery`: OSTEP lottery.py's draws and lines, worked by hand and against the original.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/cli/errors.js";
import { runLottery } from "../../../src/sim/lab/lottery.js";
import { PyRandom } from "../../../src/sim/lab/pyRandom.js";
import { runJson, runLab } from "./ostepLab.js";

interface Answer {
  jobs: { job: number; length: number; tickets: number; wins: number; done: number | null }[];
}

describe("lottery answers", () => {
  it("draws lottery.py's numbers: random.seed(0) gives 844422, 757955, 420572", async () => {
    // int(0.8444218515250481 * 1000001) = 844422; 844422 % 200 = 22 < 100: job 0 wins.
    const out = await runLab("lottery", ["-l", "10:100,20:100", "-c"]);
    expect(out).toContain(
      "** Solutions **\n\nRandom 844422 -> Winning ticket 22 (of 200) -> Run 0\n  Jobs:\n" +
        " (* job:0 timeleft:10 tix:100 )  (  job:1 timeleft:20 tix:100 ) \n" +
        "Random 757955 -> Winning ticket 155 (of 200) -> Run 1\n",
    );
  });

  it("a job alone wins every draw and is done after its length in slices", async () => {
    // 7 time units, slice 3: wins at 3, 6 and 9 (the last slice charged whole).
    const a = await runJson<Answer>("lottery", ["-l", "7:5", "-q", "3"]);
    expect(a.jobs).toEqual([{ job: 0, length: 7, tickets: 5, wins: 3, done: 9 }]);
  });

  it("a done job's tickets leave the pool: the other wins every draw after", async () => {
    const out = await runLab("lottery", ["-l", "1:1,2:1", "-c"]);
    const first = /--> JOB (\d) DONE at time (\d)\n/.exec(out);
    expect(first).not.toBeNull();
    const other = first?.[1] === "0" ? "1" : "0";
    const after = out.slice((first?.index ?? 0) + (first?.[0].length ?? 0));
    const draws = [...after.matchAll(/Winning ticket (\d+) \(of (\d+)\) -> Run (\d)/g)];
    expect(draws.length).toBe(3 - Number(first?.[2]));
    for (const m of draws) expect([m[1], m[2], m[3]]).toEqual(["0", "1", other]);
    expect(out.endsWith(`--> JOB ${other} DONE at time 3\n\n`)).toBe(true);
  });

  it("without -c lists as many numbers as the lengths add up to", async () => {
    const out = await runLab("lottery", ["-l", "3:10,4:10"]);
    expect(out.match(/^Random \d+$/gm)).toHaveLength(7);
    expect(out).not.toContain("Solutions");
  });
});

describe("lottery invariants", () => {
  const jobs = fc.array(
    fc.record({
      length: fc.integer({ min: 1, max: 30 }),
      tickets: fc.integer({ min: 1, max: 500 }),
    }),
    { minLength: 1, maxLength: 6 },
  );

  it("with slices of 1 every job wins its length in draws and the last is done at their sum", () => {
    fc.assert(
      fc.property(jobs, fc.nat(1000), (js, seed) => {
        const r = runLottery(js, 1, new PyRandom(seed));
        expect(r.allDone).toBe(true);
        expect(r.wins).toEqual(js.map((j) => j.length));
        const total = js.reduce((a, j) => a + j.length, 0);
        expect(Math.max(...r.doneAt.map((t) => t ?? 0))).toBe(total);
        expect(new Set(r.doneAt).size).toBe(js.length);
      }),
      { numRuns: 100 },
    );
  });

  it("over a long run each job's share of the draws is close to its share of the tickets", () => {
    // 1:2:4 tickets, lengths long enough that nobody finishes in the first 7000 draws.
    const js = [1, 2, 4].map((tickets) => ({ length: 7000, tickets }));
    const wins = [0, 0, 0];
    let draws = 0;
    runLottery(js, 1, new PyRandom(42), {
      draw(_r, _w, _t, job) {
        if (draws++ < 7000) wins[job]++;
      },
      done() {},
    });
    // Expected 1000, 2000, 4000; binomial deviation at most ~42: allow 5%.
    wins.forEach((w, i) => {
      expect(Math.abs(w - 1000 * 2 ** i)).toBeLessThan(50 * 2 ** i);
    });
  });
});

describe("lottery against OSTEP's lottery.py", () => {
  // fixtures/lottery: each line of `cases` run through the original (fixtures/regenerate.sh).
  const dir = new URL("./fixtures/lottery/", import.meta.url);
  const cases = readFileSync(new URL("cases", dir), "utf8").trimEnd().split("\n");
  it.each(cases.map((args, i) => [args, i + 1] as const))(
    "prints what lottery.py %s prints",
    async (args, n) => {
      const expected = readFileSync(new URL(`${n}.txt`, dir), "utf8");
      const out = await runLab("lottery", args === "" ? [] : args.split(" "));
      expect(out.split("\n")).toEqual(expected.split("\n"));
    },
  );
});

describe("lottery arguments", () => {
  it.each([
    [["-l", "10:5,"], "-l: expected length:tickets pairs separated by ',', got \"\""],
    [["-l", "10"], "-l: expected length:tickets pairs separated by ',', got \"10\""],
    [["-l", "10:x"], '-l: expected an integer, got "x"'],
    [["-s", "x"], '-s: expected an integer, got "x"'],
    // optparse reads a leading 0 as octal: 8 is no octal digit.
    [["-s", "08"], '-s: expected an integer, got "08"'],
    [["-q", "1.5"], '-q: expected an integer, got "1.5"'],
    // lottery.py draws a length or a ticket count until it is not 0: forever with these bounds.
    [
      ["-m", "1"],
      "-m: a job's length is drawn as int(1 * random()) until it is not 0, which never happens; expected an integer other than -1, 0 and 1",
    ],
    [
      ["-T", "-1"],
      "-T: a job's ticket count is drawn as int(-1 * random()) until it is not 0, which never happens; expected an integer other than -1, 0 and 1",
    ],
    // lottery.py divides by zero once job 0 is done: job 1 holds no tickets.
    [
      ["-l", "1:10,5:0"],
      "-l: at time 1 the jobs not done hold no tickets, so no ticket can be drawn",
    ],
    // Negative tickets: ticket 8 of -8 is nobody's (lottery.py's NameError).
    [["-l", "3:-10,4:2"], "-l: no job holds winning ticket -2 of -8"],
    [["-j", "100001"], "-j: jobs (100001) is more than simtop simulates (100000)"],
  ])("%j is a usage error", async (args, message) => {
    await expect(runLab("lottery", [...args, "-c"])).rejects.toThrow(new UsageError(message));
  });

  it("runs where lottery.py runs: no jobs, a bound of -1 with no jobs to draw, a zero slice", async () => {
    expect(await runLab("lottery", ["-j", "0", "-m", "1", "-c"])).toContain("** Solutions **\n\n");
    const out = await runLab("lottery", ["-l", "2:10", "-q", "0", "-c"]);
    expect(out).not.toContain("DONE");
    expect(out.match(/^Random /gm)).toHaveLength(2);
  });
});
