// `simtop scenarios --programs NAME` prints a built-in program's source; an unknown name is one line, exit 2.
import { describe, expect, it } from "vitest";
import { simtop } from "./cliRun.js";

describe("simtop scenarios --programs NAME", () => {
  it("prints the program's source under a comment naming it", () => {
    const r = simtop(["scenarios", "--programs", "init"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        "# init — pid 1: adopts orphans and reaps every child that exits",
        "main:   reap                    # wait for any child; blocks even when there is none yet",
        "        b main",
        "",
      ].join("\n"),
    );
  });

  it("still lists the programs without a name", () => {
    expect(simtop(["scenarios", "--programs"]).stdout).toMatch(/^sleeper\s+sleeps in a loop/m);
  });

  it("rejects an unknown program in one line, exit 2", () => {
    const r = simtop(["scenarios", "--programs", "frob"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^simtop: scenarios: no built-in program "frob" \(programs: init, sh, .*seq-scan\)\n$/,
    );
  });

  it("refuses a scenario name together with --programs", () => {
    const r = simtop(["scenarios", "signals", "--programs", "init"]);
    expect(r.status).toBe(2);
  });
});
