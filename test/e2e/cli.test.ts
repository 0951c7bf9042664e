// The real binary: help, version, scenarios, and one-line errors with exit 2 for every bad input.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { simtop } from "./cliRun.js";

const dir = mkdtempSync(join(tmpdir(), "simtop-e2e-cli-"));

/** A failed run: exit 2, one line on stderr starting with "simtop: ", nothing on stdout. */
function fails(args: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = simtop(args, env);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.endsWith("\n")).toBe(true);
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(/^simtop: /);
  expect(r.stderr).not.toMatch(/\n\s+at /); // never a stack trace
  return r.stderr.trimEnd();
}

describe("help and version", () => {
  it("--help lists the options and examples, exit 0", () => {
    const r = simtop(["--help"]);
    expect(r.status).toBe(0);
    for (const flag of [
      "--scenario",
      "--seed",
      "--cpus",
      "--policy",
      "--quantum",
      "--speed",
      "--fps",
      "--no-color",
      "--batch",
      "--json",
      "--save",
      "--record",
    ])
      expect(r.stdout).toContain(flag);
    expect(r.stdout).toContain("Examples:");
    expect(r.stdout).toMatch(/scenarios/);
    expect(r.stdout).toMatch(/replay/);
  });

  it("--version prints the package version", () => {
    const r = simtop(["--version"]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("replay --help has its own examples", () => {
    const r = simtop(["replay", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("--batch");
  });
});

describe("scenarios", () => {
  it("lists the built-ins, one line each", () => {
    const r = simtop(["scenarios"]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    const names = lines.map((l) => l.split(/\s+/)[0]);
    expect(names).toEqual(
      expect.arrayContaining([
        "default",
        "lifecycle",
        "signals",
        "scheduling",
        "locality",
        "startup-cost",
      ]),
    );
    for (const l of lines) expect(l).toMatch(/^\S+\s{2,}\S/);
  });

  it("prints a built-in as YAML that runs as a scenario file", () => {
    const r = simtop(["scenarios", "signals"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("name: signals");
    const f = join(dir, "mine.yaml");
    writeFileSync(f, r.stdout);
    const b = simtop(["--batch", "-s", f, "-n", "1", "-d", "3000"]);
    const original = simtop(["--batch", "-s", "signals", "-n", "1", "-d", "3000"]);
    expect(b.status).toBe(0);
    expect(b.stdout).toBe(original.stdout);
  });

  it("lists the programs", () => {
    const r = simtop(["scenarios", "--programs"]);
    expect(r.stdout).toMatch(/^init\s+pid 1/m);
    expect(r.stdout).toMatch(/^col-scan\s/m);
  });
});

describe("bad input: one line, exit 2", () => {
  const cases: [string, string[], RegExp][] = [
    ["too many cpus", ["--cpus", "99"], /--cpus: expected an integer from 1 to 64, got "99"/],
    ["a word for cpus", ["--batch", "--cpus", "many"], /--cpus/],
    [
      "unknown policy",
      ["--batch", "--policy", "fairshare"],
      /--policy: expected one of fcfs, sjf, priority, rr, mlfq/,
    ],
    ["zero quantum", ["--batch", "-q", "0"], /--quantum/],
    ["negative seed", ["--batch", "--seed=-3"], /--seed/],
    ["fps out of range", ["--fps", "0"], /--fps: expected an integer from 1 to 60/],
    ["speed not a number", ["--speed", "warp"], /--speed/],
    ["no iterations", ["--batch", "-n", "0"], /--iterations/],
    ["no delay", ["--batch", "-d", "0"], /--delay/],
    ["unknown option", ["--frobnicate"], /unknown option '--frobnicate'/],
    ["missing value", ["--cpus"], /argument missing/],
    ["unknown command", ["frob"], /too many arguments|unknown command/],
    [
      "unknown scenario",
      ["--batch", "-s", "nosuch"],
      /--scenario nosuch: no such scenario \(built-ins: default, /,
    ],
    [
      "missing scenario file",
      ["--batch", "-s", "./gone.yaml"],
      /--scenario \.\/gone\.yaml: no such file/,
    ],
    ["batch flag without --batch", ["-n", "3"], /-n\/--iterations only apply with --batch/],
    [
      "dashboard flag with --batch",
      ["--batch", "--fps", "10"],
      /--fps only apply to the dashboard/,
    ],
    ["unknown built-in to print", ["scenarios", "nope"], /no built-in scenario "nope"/],
    ["replay of a missing file", ["replay", "nope.jsonl", "--batch"], /nope\.jsonl: no such file/],
  ];
  for (const [what, args, message] of cases) {
    it(what, () => {
      expect(fails(args)).toMatch(message);
    });
  }

  it("a scenario file with a mistake names the file and the path", () => {
    const f = join(dir, "bad.yaml");
    writeFileSync(f, "processes:\n  - program: sh\n  - program: sleeper\n  - program: foo\n");
    expect(fails(["--batch", "-s", f])).toBe(
      `simtop: --scenario ${f}: processes[2].program: unknown program "foo" (see \`simtop scenarios --programs\`, or define it under programs)`,
    );
  });

  it("without a terminal and without --batch: points to --batch", () => {
    expect(fails([])).toMatch(/not a terminal.*--batch/);
    expect(fails(["replay", "x.jsonl"])).toMatch(/x\.jsonl: no such file/);
  });
});
