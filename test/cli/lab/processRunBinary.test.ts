// The OSTEP labs through the real binary: JSON on stdout, one-line errors with exit status 2.
import { describe, expect, it } from "vitest";
import { simtop } from "../../e2e/cliRun.js";

describe("simtop lab process-run | sched | mlfq | fork (binary)", () => {
  it("prints each lab's JSON answer", () => {
    const pr = simtop(["lab", "process-run", "-P", "c1:c1", "--json"]);
    expect(pr.status).toBe(0);
    expect(JSON.parse(pr.stdout)).toEqual({
      trace: [
        { time: 1, procs: ["RUN:cpu", "READY"], cpu: 1, io: 0 },
        { time: 2, procs: ["DONE", "RUN:cpu"], cpu: 1, io: 0 },
      ],
      stats: { total: 2, cpuBusy: 2, ioBusy: 0 },
    });
    const sched = simtop(["lab", "sched", "-l", "100", "--json"]);
    expect(JSON.parse(sched.stdout)).toEqual({
      jobs: [{ job: 0, length: 100, response: 0, turnaround: 100, wait: 0 }],
      average: { response: 0, turnaround: 100, wait: 0 },
    });
    const mlfq = simtop(["lab", "mlfq", "-l", "0,200,0", "--json"]);
    expect(JSON.parse(mlfq.stdout)).toEqual({
      jobs: [{ job: 0, response: 0, turnaround: 200 }],
      average: { response: 0, turnaround: 200 },
    });
    const fork = simtop(["lab", "fork", "-A", "a+b", "--json"]);
    expect(JSON.parse(fork.stdout)).toEqual({
      steps: [{ action: "a+b", children: { a: ["b"], b: [] } }],
      final: { a: ["b"], b: [] },
    });
  });

  it.each([
    [["lab", "process-run", "-l", "3"], 'simtop: -l: expected X:Y pairs, got "3"\n'],
    [["lab", "sched", "-p", "LIFO"], 'simtop: -p: expected FIFO, SJF or RR, got "LIFO"\n'],
    [
      ["lab", "mlfq", "-l", "0,10"],
      "simtop: -l: expected start,run,ioFreq triples separated by ':', got \"0,10\"\n",
    ],
    [["lab", "fork", "-A", "a-"], "simtop: -A: a-: the root process cannot exit\n"],
  ])("%j: one line on stderr, exit 2", (args, message) => {
    const r = simtop(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(message);
  });

  it("an unknown flag is an error, not a stack trace", () => {
    const r = simtop(["lab", "sched", "--bogus"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--bogus'/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
