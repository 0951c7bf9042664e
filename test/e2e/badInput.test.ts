// The real binary on hostile input: devices, pipes, YAML tags and bounds end in one line and exit 2.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { simtop } from "./cliRun.js";

const dir = mkdtempSync(join(tmpdir(), "simtop-e2e-bad-"));

/** A failed run: exit 2 and exactly one line on stderr (no warning, no stack trace). */
function fails(args: string[]): string {
  const r = simtop(args);
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(/^simtop: [^\n]*\n$/);
  return r.stderr.trimEnd();
}

describe("input the binary refuses", () => {
  it("a YAML tag: an error, and Node prints no YAMLWarning", () => {
    const p = join(dir, "fn.yaml");
    writeFileSync(p, 'description: !!js/function "function () {}"\n');
    expect(fails(["--scenario", p, "--batch"])).toBe(
      `simtop: --scenario ${p}: not valid YAML: line 1, column 14: unknown tag !!js/function (tags are not supported)`,
    );
  });

  it("/dev/zero and a FIFO are refused at once (they once grew forever or blocked)", () => {
    expect(fails(["--scenario", "/dev/zero", "--batch"])).toMatch(/is a character device/);
    const fifo = join(dir, "s.jsonl");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    expect(fails(["replay", fifo, "--batch"])).toBe(
      `simtop: ${fifo}: is a pipe (FIFO), not a regular file`,
    );
  });

  it("a saved session edited to end at tick 10^12 is refused, not replayed for days", () => {
    const p = join(dir, "far.jsonl");
    expect(simtop(["--batch", "-n", "1", "-d", "100", "--save", p]).status).toBe(0);
    const lines = readFileSync(p, "utf8").trimEnd().split("\n");
    lines.push(JSON.stringify({ type: "end", tick: 1e12 }));
    writeFileSync(p, `${lines.join("\n")}\n`);
    expect(fails(["replay", p, "--batch"])).toBe(
      `simtop: ${p}: line ${lines.length}: end tick: must be 0 to 1000000000, got 1000000000000`,
    );
  });

  it("an unknown word is an unknown command; help still works", () => {
    expect(fails(["frob"])).toBe(
      'simtop: unknown command "frob" (commands: replay, scenarios, demo, lab; see simtop --help)',
    );
    const r = simtop(["help", "replay"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: simtop replay/);
  });
});
