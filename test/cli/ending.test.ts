// The signals the dashboard ends on, and the exit each ending gets.
import { createRequire } from "node:module";
import { constants } from "node:os";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ENDING_SIGNALS, exitFor, watchEnding } from "../../src/cli/term/ending.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("ENDING_SIGNALS", () => {
  it("holds every signal Ink's signal-exit listens to (aliases too), so it never acts first", () => {
    const inkRequire = createRequire(createRequire(import.meta.url).resolve("ink"));
    const signalExit: string[] = inkRequire("signal-exit/signals.js");
    const here = signalExit.filter((s) => s in constants.signals);
    expect(here).toContain("SIGIOT");
    for (const s of here) expect(ENDING_SIGNALS, s).toContain(s);
  });

  it("leaves out SIGUSR1 (ignored), SIGPROF (profilers) and the faults", () => {
    for (const s of ["SIGUSR1", "SIGPROF", "SIGSEGV", "SIGBUS", "SIGFPE", "SIGILL"])
      expect(ENDING_SIGNALS).not.toContain(s);
  });
});

describe("watchEnding", () => {
  it("leaves SIGPIPE ignored once it stops listening (Node's default: EPIPE, not death)", () => {
    const fake: { on(): unknown; off(): unknown } = { on: () => fake, off: () => fake };
    const before = process.listenerCount("SIGTERM");
    const stop = watchEnding(
      {
        stdin: fake as unknown as NodeJS.ReadStream,
        stdout: fake as unknown as NodeJS.WriteStream,
      },
      { end: () => {}, suspend: () => {}, resume: () => {} },
      () => false,
    );
    expect(process.listenerCount("SIGTERM")).toBe(before + 1);
    stop();
    expect(process.listenerCount("SIGTERM")).toBe(before);
    expect(process.listenerCount("SIGPIPE")).toBeGreaterThan(0);
  });
});

describe("exitFor", () => {
  it.each([
    ["SIGTERM", 143],
    ["SIGINT", 130],
    ["SIGQUIT", 131],
    ["SIGABRT", 134],
    ["SIGIOT", 134],
    ["SIGUSR2", 140],
    ["SIGALRM", 142],
  ] as const)("%s: exit %i", (signal, code) => {
    const exit = vi.spyOn(process, "exit").mockImplementation(() => undefined as never);
    exitFor({ kind: "signal", signal }, false);
    expect(exit).toHaveBeenCalledWith(code);
  });

  it("a crash: one line on stderr, exit 1", () => {
    const exit = vi.spyOn(process, "exit").mockImplementation(() => undefined as never);
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    exitFor({ kind: "crash", error: new TypeError("boom") }, false);
    expect(err).toHaveBeenCalledWith("simtop: internal error: boom\n");
    expect(exit).toHaveBeenCalledWith(1);
  });
});
