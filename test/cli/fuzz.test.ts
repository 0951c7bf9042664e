// Fuzz: mutated scenario and session files and bad flags end in exit 0 or one line and exit 2, never a crash.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { runCli } from "../../src/cli/main.js";
import { BUILTIN_FILES } from "../../src/scenario/builtins.js";
import { Rng } from "../../src/sim/rng.js";
import { simtop } from "../e2e/cliRun.js";

const dir = mkdtempSync(join(tmpdir(), "simtop-fuzz-"));
let n = 0;
const tmp = (ext: string) => join(dir, `f${n++}.${ext}`);

/**
 * The seed of every generator here: a failure names its case and seed, and the same seed
 * repeats it (SIMTOP_FUZZ_SEED=n tries another sequence).
 */
const SEED = Number(process.env.SIMTOP_FUZZ_SEED ?? 20261206);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** `simtop ...args` in this process, output captured. */
async function run(args: string[]): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["node", "simtop", ...args], {
    stdout: (t) => {
      stdout += t;
      return true;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

/** The rule for bad input: exit 0 and nothing on stderr, or exit 2 and one short line. */
function checkOutcome(o: { code: number | null; stderr: string }, what: string): void {
  // SIMTOP_FUZZ_LOG=1 prints every outcome, to see which checks the mutations reach.
  if (process.env.SIMTOP_FUZZ_LOG) console.log(o.code, o.stderr.slice(0, 300).trimEnd());
  const where = `${what}\nstderr: ${JSON.stringify(o.stderr.slice(0, 2000))}`;
  expect([0, 2], where).toContain(o.code);
  expect(o.stderr, where).not.toMatch(/internal error|\n\s+at |Error:|YAMLWarning/);
  if (o.code === 0) {
    expect(o.stderr, where).toBe("");
    return;
  }
  expect(o.stderr, where).toMatch(/^simtop: [^\n]*\n$/);
  expect(o.stderr.length, where).toBeLessThanOrEqual(500);
  // Control characters from the input never reach the terminal.
  expect(o.stderr.slice(0, -1), where).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
}

const EXTREMES = [
  "0",
  "-1",
  "1.5",
  "1e12",
  "1e308",
  "-1e308",
  "4294967296",
  "9007199254740993",
  "NaN",
  "null",
  "true",
  '"x"',
  "[]",
  "{}",
  '"quantum"',
  '"\\u001b[31m"',
];
const SNIPPETS = [
  "\u0000",
  "\u001b[2J",
  "\ufeff",
  "\r\n",
  "\n",
  ":",
  "- ",
  "&a ",
  "*a",
  "*nope",
  "!!js/function ",
  "!!binary ",
  "---\n",
  "%YAML 1.1\n",
  "{",
  "}",
  "[",
  '"',
  "'",
  "#",
  "\t",
  "é",
  "🙂",
  "\u202e",
  "\\",
];

/** One random change to `text`: bytes, numbers, lines, structure. */
function mutate(text: string, rng: Rng): string {
  const pos = rng.below(text.length + 1);
  const pick = <T>(xs: readonly T[]): T => xs[rng.below(xs.length)];
  switch (rng.below(9)) {
    case 0: // a number replaced with an extreme value
    case 1: {
      const numbers = [...text.matchAll(/-?\d+(\.\d+)?/g)];
      if (numbers.length === 0) return text + pick(EXTREMES);
      const m = pick(numbers);
      return text.slice(0, m.index) + pick(EXTREMES) + text.slice(m.index + m[0].length);
    }
    case 2: // a snippet inserted
      return text.slice(0, pos) + pick(SNIPPETS) + text.slice(pos);
    case 3: // a range deleted
      return text.slice(0, pos) + text.slice(pos + 1 + rng.below(40));
    case 4: {
      // a line duplicated or dropped
      const lines = text.split("\n");
      const i = rng.below(lines.length);
      if (rng.below(2) === 0) lines.splice(i, 0, lines[i]);
      else lines.splice(i, 1);
      return lines.join("\n");
    }
    case 5: // cut short
      return text.slice(0, pos);
    case 6: {
      // a quoted string made long, or its words replaced
      const strings = [...text.matchAll(/"([a-zA-Z-]+)"/g)];
      if (strings.length === 0) return `${text}${"x".repeat(5000)}`;
      const m = pick(strings);
      const value =
        rng.below(2) === 0 ? "y".repeat(20_000) : pick(["lottery", "", "L1 ", "\u0007"]);
      return `${text.slice(0, m.index)}"${value}"${text.slice(m.index + m[0].length)}`;
    }
    case 7: {
      // random characters, controls included
      let s = "";
      for (let i = 0; i < 1 + rng.below(6); i++) s += String.fromCharCode(rng.below(0x3000));
      return text.slice(0, pos) + s + text.slice(pos);
    }
    default: {
      // an anchor and many aliases to it
      const k = 1 + rng.below(200);
      return `${text}\nx-anchors: [&big [1, 2, 3], ${Array(k).fill("*big").join(", ")}]\n`;
    }
  }
}

/** Every place in a JSON value where another value could go: [container, key]. */
function slots(v: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []) {
  if (typeof v !== "object" || v === null) return out;
  for (const [k, x] of Object.entries(v)) {
    out.push([v as Record<string, unknown>, Array.isArray(v) ? Number(k) : k]);
    slots(x, out);
  }
  return out;
}

/** Values a JSON field may be replaced with. */
const JSON_VALUES: unknown[] = [
  0,
  -1,
  1.5,
  1e12,
  1e308,
  -1e308,
  2 ** 32,
  2 ** 53 + 2,
  null,
  true,
  "x",
  [],
  {},
  "quantum",
  "\u001b[31m",
  "y".repeat(5000),
];

/** A session line's value changed in place, keeping the line valid JSON (so checks past parsing run). */
function mutateJsonLine(text: string, rng: Rng): string {
  const lines = text.split("\n");
  const i = rng.below(Math.max(1, lines.length - 1));
  let v: unknown;
  try {
    v = JSON.parse(lines[i]);
  } catch {
    return text;
  }
  const all = slots(v);
  if (all.length === 0) return text;
  const [holder, key] = all[rng.below(all.length)];
  const value = JSON_VALUES[rng.below(JSON_VALUES.length)];
  if (rng.below(5) === 0 && !Array.isArray(holder)) delete holder[key as string];
  else (holder as Record<string | number, unknown>)[key] = value;
  lines[i] = JSON.stringify(v);
  return lines.join("\n");
}

function mutations(text: string, rng: Rng): string {
  let t = text;
  for (let i = 0, k = 1 + rng.below(3); i < k; i++) t = mutate(t, rng);
  return t;
}

/** The built-in scenarios as files, in both formats. */
function scenarioFiles(): { ext: string; text: string }[] {
  return BUILTIN_FILES.flatMap((f) => [
    { ext: "yaml", text: stringify(f) },
    { ext: "json", text: JSON.stringify(f, null, 2) },
  ]);
}

/** A saved session of each of a few built-in scenarios (a batch run with --save). */
async function sessionFiles(): Promise<string[]> {
  const out: string[] = [];
  for (const name of ["default", "signals", "lifecycle", "locality"]) {
    const path = tmp("jsonl");
    const r = await run(["--scenario", name, "--batch", "-n", "2", "-d", "400", "--save", path]);
    expect(r.code, r.stderr).toBe(0);
    out.push(readFileSync(path, "utf8"));
  }
  return out;
}

// Counts keep the whole file well under half a minute on a slow machine.
const SCENARIO_CASES = 300;
const SESSION_CASES = 300;
const FLAG_CASES = 150;
const BINARY_CASES = 8;

describe("fuzz: mutated input files", () => {
  it(`${SCENARIO_CASES} mutated scenario files`, async () => {
    const rng = new Rng(SEED);
    const files = scenarioFiles();
    for (let i = 0; i < SCENARIO_CASES; i++) {
      const f = files[rng.below(files.length)];
      const path = tmp(f.ext);
      const text = mutations(f.text, rng);
      writeFileSync(path, text);
      const o = await run(["--scenario", path, "--batch", "-n", "1", "-d", "200"]);
      checkOutcome(o, `case ${i} (seed ${SEED}): ${path}`);
    }
  });

  it(`${SESSION_CASES} mutated session files`, async () => {
    const rng = new Rng(SEED + 1);
    const sessions = await sessionFiles();
    for (let i = 0; i < SESSION_CASES; i++) {
      const path = tmp("jsonl");
      const original = sessions[rng.below(sessions.length)];
      // Mostly values changed within valid JSON lines; sometimes the bytes themselves.
      writeFileSync(
        path,
        rng.below(4) === 0 ? mutations(original, rng) : mutateJsonLine(original, rng),
      );
      // Bounded: one snapshot 300 ticks in, however far the (mutated) file says it went.
      const o = await run(["replay", path, "--batch", "-n", "1", "-d", "300"]);
      checkOutcome(o, `case ${i} (seed ${SEED + 1}): ${path}`);
    }
  });

  it(`${FLAG_CASES} bad flags and values`, async () => {
    const rng = new Rng(SEED + 2);
    const flags = [
      "--seed",
      "--cpus",
      "--policy",
      "--quantum",
      "-n",
      "-d",
      "--speed",
      "--fps",
      "--scenario",
      "--sed",
      "--batch",
      "--json",
      "frob",
      "replay",
      "scenarios",
      "-x",
      "--",
    ];
    const values = [...EXTREMES, ...SNIPPETS, "99999999999999999999", "-5", "rr", "x".repeat(3000)];
    for (let i = 0; i < FLAG_CASES; i++) {
      const args: string[] = [];
      for (let k = 0, m = 1 + rng.below(4); k < m; k++) {
        args.push(flags[rng.below(flags.length)]);
        if (rng.below(3) > 0) args.push(values[rng.below(values.length)]);
      }
      // Never the dashboard here (no terminal in tests, and it would wait for keys).
      if (!args.includes("--batch")) args.push("--batch");
      args.push("-n", "1", "-d", "50");
      const o = await run(args);
      checkOutcome(o, `case ${i} (seed ${SEED + 2}): ${JSON.stringify(args)}`);
    }
  });
});

describe("fuzz: the real binary", () => {
  it(`${BINARY_CASES} mutated files through bin/simtop.js`, () => {
    const rng = new Rng(SEED + 3);
    const files = scenarioFiles();
    for (let i = 0; i < BINARY_CASES; i++) {
      const f = files[rng.below(files.length)];
      const path = tmp(f.ext);
      writeFileSync(path, mutations(f.text, rng));
      const r = simtop(["--scenario", path, "--batch", "-n", "1", "-d", "200"]);
      checkOutcome(
        { code: r.status, stderr: r.stderr },
        `binary case ${i} (seed ${SEED + 3}): ${path}`,
      );
    }
  });
});
