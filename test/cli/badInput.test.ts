// Bad flags and bad files through the whole command line (in-process): one line on stderr, exit 2.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { defaultConfig } from "../../src/sim/config.js";

const dir = mkdtempSync(join(tmpdir(), "simtop-bad-"));
let n = 0;
function file(ext: string, text: string | Buffer): string {
  const p = join(dir, `f${n++}.${ext}`);
  writeFileSync(p, text);
  return p;
}

/** simtop's exit status and stderr for `args`. */
async function simtop(...args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const code = await runCli(["node", "simtop", ...args], {
    stdout: () => true,
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stderr };
}

/** The one line simtop refuses `args` with (exit 2 asserted). */
async function refusal(...args: string[]): Promise<string> {
  const r = await simtop(...args);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(/^simtop: [^\n]*\n$/);
  return r.stderr.slice("simtop: ".length, -1);
}

describe("flags", () => {
  it("a misspelt option and commander's hint make one line", async () => {
    expect(await refusal("--sed", "1")).toBe("unknown option '--sed' (did you mean --seed?)");
  });

  it("a word that names no command says so", async () => {
    expect(await refusal("frob")).toBe(
      'unknown command "frob" (commands: replay, scenarios, demo, lab; see simtop --help)',
    );
    // Subcommands still refuse extra words.
    expect(await refusal("replay", "a.jsonl", "b.jsonl")).toMatch(
      /^too many arguments for 'replay'/,
    );
  });

  it("a flag's value is quoted with its controls visible and cut", async () => {
    expect(await refusal("--cpus", "\u001b[2J")).toBe(
      '--cpus: expected an integer from 1 to 64, got "\\x1b[2J"',
    );
    const long = await refusal("--seed", "9".repeat(5000));
    expect(long.length).toBeLessThan(200);
  });
});

describe("scenario files", () => {
  it("a seed beyond the documented range names the range", async () => {
    const p = file("yaml", "seed: 100000000000000000000\n");
    expect(await refusal("--scenario", p, "--batch")).toBe(
      `--scenario ${p}: seed: must be at most 4294967295, got 100000000000000000000`,
    );
  });

  it("devices, pipes and huge files are refused without reading them", async () => {
    expect(await refusal("--scenario", "/dev/zero", "--batch")).toBe(
      "--scenario /dev/zero: is a character device, not a regular file",
    );
    const fifo = join(dir, "fifo.yaml");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    expect(await refusal("--scenario", fifo, "--batch")).toBe(
      `--scenario ${fifo}: is a pipe (FIFO), not a regular file`,
    );
    const big = file("yaml", `description: ${"x".repeat(1024 * 1024)}\n`);
    expect(await refusal("--scenario", big, "--batch")).toBe(
      `--scenario ${big}: is larger than 1 MiB (the limit for this file)`,
    );
  });

  it("YAML alias trouble is a one-line error with the line", async () => {
    const many = file(
      "yaml",
      `x: &p {program: sh}\nprocesses:\n${Array(120).fill("  - *p").join("\n")}\n`,
    );
    expect(await refusal("--scenario", many, "--batch")).toMatch(
      /: not valid YAML: line \d+, column \d+: aliases expand to too much/,
    );
    const undef = file("yaml", "processes:\n  - *nope\n");
    expect(await refusal("--scenario", undef, "--batch")).toBe(
      `--scenario ${undef}: not valid YAML: line 2, column 5: alias *nope has no anchor &nope before it`,
    );
  });

  it("JSON errors do not copy the file's newlines", async () => {
    const p = file("json", '["x",\n\n]');
    expect(await refusal("--scenario", p, "--batch")).toBe(
      `--scenario ${p}: not valid JSON: Unexpected token "]"`,
    );
  });

  it("a long value is quoted and cut", async () => {
    const p = file("yaml", `policy: ${"z".repeat(900_000)}\n`);
    const m = await refusal("--scenario", p, "--batch");
    expect(m).toMatch(/policy: must be one of .*, got "z{40}"… \(900000 characters\)$/);
    expect(m.length).toBeLessThan(300);
  });
});

describe("session files", () => {
  const header = (config: object) =>
    JSON.stringify({ type: "session", format: "simtop-session", version: 1, config });

  it("an unknown policy is named instead of crashing", async () => {
    const p = file("jsonl", `${header({ ...defaultConfig(), policy: "fifo" })}\n`);
    expect(await refusal("replay", p, "--batch")).toMatch(
      /: line 1: config.policy: must be one of .*, got "fifo"$/,
    );
  });

  it("an end tick of 10^12 is refused at once instead of replayed for days", async () => {
    const p = file("jsonl", `${header(defaultConfig())}\n{"type":"end","tick":1000000000000}\n`);
    expect(await refusal("replay", p, "--batch")).toBe(
      `${p}: line 2: end tick: must be 0 to 1000000000, got 1000000000000`,
    );
  });

  it("a byte-order mark is not an error", async () => {
    const p = file("jsonl", `\ufeff${header(defaultConfig())}\n{"type":"end","tick":100}\n`);
    const r = await simtop("replay", p, "--batch");
    expect(r).toEqual({ code: 0, stderr: "" });
  });

  it("devices are refused", async () => {
    expect(await refusal("replay", "/dev/zero", "--batch")).toBe(
      "/dev/zero: is a character device, not a regular file",
    );
  });
});

describe("demo scripts", () => {
  it("a device as a demo script is refused", async () => {
    expect(await refusal("demo", "/dev/zero", "--cast", join(dir, "x.cast"))).toBe(
      "/dev/zero: is a character device, not a regular file",
    );
  });
});
