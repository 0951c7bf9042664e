// Command-line value parsers: good values through, bad ones a one-line UsageError naming the flag.
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/errors.js";
import {
  checkBatchFlags,
  colorWanted,
  configOverrides,
  cpusOption,
  fpsOption,
  iterationsOption,
  policyOption,
  seedOption,
  speedOption,
} from "../../src/cli/options.js";

function usage(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    expect((e as UsageError).exitCode).toBe(2);
    return (e as Error).message;
  }
  throw new Error("expected a UsageError");
}

describe("integer options", () => {
  it("accept integers in range", () => {
    expect(cpusOption("4")).toBe(4);
    expect(cpusOption(" 64 ")).toBe(64);
    expect(seedOption("0")).toBe(0);
    expect(seedOption("4294967295")).toBe(2 ** 32 - 1);
    expect(iterationsOption("1000000")).toBe(1e6);
  });

  it("reject the rest with the flag and the value", () => {
    expect(usage(() => cpusOption("0"))).toBe('--cpus: expected an integer from 1 to 64, got "0"');
    expect(usage(() => cpusOption("65"))).toBe(
      '--cpus: expected an integer from 1 to 64, got "65"',
    );
    expect(usage(() => cpusOption("2.5"))).toContain("--cpus");
    expect(usage(() => cpusOption("two"))).toContain('got "two"');
    expect(usage(() => cpusOption(""))).toContain("--cpus");
    expect(usage(() => seedOption("-1"))).toContain("--seed");
    expect(usage(() => iterationsOption("0"))).toBe(
      '--iterations: expected an integer of 1 or more, got "0"',
    );
    expect(usage(() => fpsOption("120"))).toContain("from 1 to 60");
    expect(usage(() => iterationsOption("1e3"))).toContain("--iterations");
  });
});

describe("other options", () => {
  it("speed is a positive number", () => {
    expect(speedOption("2500")).toBe(2500);
    expect(speedOption("0.5")).toBe(0.5);
    expect(usage(() => speedOption("0"))).toContain("--speed");
    expect(usage(() => speedOption("fast"))).toContain('got "fast"');
  });

  it("policy is one of the five, in any case", () => {
    expect(policyOption("MLFQ")).toBe("mlfq");
    expect(usage(() => policyOption("fairshare"))).toBe(
      '--policy: expected one of fcfs, sjf, priority, rr, mlfq, lottery, stride, cfs, got "fairshare"',
    );
  });

  it("machine flags become configuration overrides, and only the given ones", () => {
    expect(configOverrides({ cpus: 3, policy: "sjf" })).toEqual({ cores: 3, policy: "sjf" });
    expect(configOverrides({ seed: 9, quantum: 7 })).toEqual({ seed: 9, quantum: 7 });
    expect(configOverrides({})).toEqual({});
  });

  it("colour goes off with --no-color or a non-empty NO_COLOR", () => {
    expect(colorWanted(true, {})).toBe(true);
    expect(colorWanted(false, {})).toBe(false);
    expect(colorWanted(true, { NO_COLOR: "1" })).toBe(false);
    expect(colorWanted(true, { NO_COLOR: "" })).toBe(true);
  });

  it("batch-only flags without --batch are refused, all named", () => {
    expect(usage(() => checkBatchFlags({ iterations: 2, json: true }))).toBe(
      "-n/--iterations, --json only apply with --batch",
    );
    expect(() => checkBatchFlags({ batch: true, iterations: 2, json: true })).not.toThrow();
    expect(() => checkBatchFlags({})).not.toThrow();
  });
});
