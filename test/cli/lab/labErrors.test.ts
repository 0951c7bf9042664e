// `simtop lab` through the real binary: a missing or unknown exercise and bad lab flags are
// one line on stderr and exit 2; a big mlfq trace streams out whole.
import { describe, expect, it } from "vitest";
import { simtop } from "../../e2e/cliRun.js";

const EXERCISES = "one of: pipeline, cache, process-run, sched, mlfq, lottery, multi, fork";

describe("simtop lab (binary)", () => {
  it.each([
    [[], `simtop: lab: missing exercise (${EXERCISES}); see simtop lab --help\n`],
    [["quiz"], `simtop: lab: unknown exercise "quiz" (${EXERCISES}); see simtop lab --help\n`],
    [["sched", "-l", ""], "simtop: -l: expected comma-separated run times, got an empty list\n"],
    [["mlfq", "-A", ""], "simtop: -A: expected comma-separated integers, got an empty list\n"],
    [["mlfq", "-Q", "5,x"], 'simtop: -Q: expected comma-separated integers, got "5,x"\n'],
    [
      ["process-run", "-S", "NOW"],
      'simtop: -S: expected SWITCH_ON_IO or SWITCH_ON_END, got "NOW"\n',
    ],
    [["fork", "-P", "ascii"], 'simtop: -P: expected basic, line1, line2 or fancy, got "ascii"\n'],
    [
      ["lottery", "-l", "1:10,5:0", "-c"],
      "simtop: -l: at time 1 the jobs not done hold no tickets, so no ticket can be drawn\n",
    ],
    [
      ["multi", "-q", "0", "-t"],
      "simtop: -q: a time slice of 0 ticks never ends (multi.py divides by it)\n",
    ],
  ])("%j exits 2 with one line", (args, message) => {
    const r = simtop(["lab", ...args]);
    expect(r.stderr).toBe(message);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
  });

  it("lab --help still prints the exercises", () => {
    const r = simtop(["lab", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ {2}mlfq \[options\]/m);
  });

  it("mlfq -c prints every tick of a long run, in order, to the end", () => {
    // 3 jobs of 2000 ticks, no I/O: 6000 Run lines, the last at time 5999.
    const r = simtop(["lab", "mlfq", "-l", "0,2000,0:0,2000,0:0,2000,0", "-B", "100", "-c"]);
    expect(r.status).toBe(0);
    const runs = r.stdout.split("\n").filter((l) => l.includes("] Run JOB"));
    expect(runs).toHaveLength(6000);
    runs.forEach((l, t) => {
      expect(l.startsWith(`[ time ${t} ] Run JOB `)).toBe(true);
    });
    expect(r.stdout).toContain("[ time 6000 ] FINISHED JOB");
    expect(r.stdout.endsWith("turnaround 5990.00\n\n\n")).toBe(true);
  });
});
