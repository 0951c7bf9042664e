// Command-line values: parsers that reject bad input with one line, and the options they produce.
import { RUN_QUEUE_MODES, type RunQueueMode } from "../sim/commands.js";
import type { KernelConfig } from "../sim/config.js";
import { POLICY_NAMES, type PolicyName } from "../sim/sched/policy.js";
import { quoted } from "../sim/visible.js";
import { UsageError } from "./errors.js";

/** `--flag <n>`: an integer in [min, max], or a UsageError naming the flag. */
export function intOption(flag: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const t = value.trim();
    const n = /^[-+]?\d+$/.test(t) ? Number(t) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      const range = max >= Number.MAX_SAFE_INTEGER ? `of ${min} or more` : `from ${min} to ${max}`;
      throw new UsageError(`${flag}: expected an integer ${range}, got ${quoted(value)}`);
    }
    return n;
  };
}

/** `--flag <x>`: a finite number in (0, max], or a UsageError naming the flag. */
export function positiveNumberOption(flag: string, max: number): (value: string) => number {
  return (value) => {
    const t = value.trim();
    const n = /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
    if (!(n > 0) || n > max)
      throw new UsageError(
        `${flag}: expected a number above 0 and at most ${max}, got ${quoted(value)}`,
      );
    return n;
  };
}

export function policyOption(value: string): PolicyName {
  const p = value.trim().toLowerCase();
  if (!POLICY_NAMES.includes(p as PolicyName))
    throw new UsageError(
      `--policy: expected one of ${POLICY_NAMES.join(", ")}, got ${quoted(value)}`,
    );
  return p as PolicyName;
}

export function queuesOption(value: string): RunQueueMode {
  const q = value.trim().toLowerCase();
  if (!RUN_QUEUE_MODES.includes(q as RunQueueMode))
    throw new UsageError(
      `--queues: expected one of ${RUN_QUEUE_MODES.join(", ")}, got ${quoted(value)}`,
    );
  return q as RunQueueMode;
}

export const seedOption = intOption("--seed", 0, 2 ** 32 - 1);
export const cpusOption = intOption("--cpus", 1, 64);
export const quantumOption = intOption("--quantum", 1, 1_000_000_000);
export const iterationsOption = intOption("--iterations", 1, Number.MAX_SAFE_INTEGER);
export const delayOption = intOption("--delay", 1, 1_000_000_000);
export const fpsOption = intOption("--fps", 1, 60);
/** Simulated ticks per second of wall time in the dashboard. */
export const speedOption = positiveNumberOption("--speed", 100_000_000);

/** The machine options every command that starts a simulation shares. */
export interface MachineFlags {
  seed?: number;
  cpus?: number;
  policy?: PolicyName;
  quantum?: number;
  queues?: RunQueueMode;
}

export function configOverrides(f: MachineFlags): Partial<KernelConfig> {
  const o: Partial<KernelConfig> = {};
  if (f.seed !== undefined) o.seed = f.seed;
  if (f.cpus !== undefined) o.cores = f.cpus;
  if (f.policy !== undefined) o.policy = f.policy;
  if (f.quantum !== undefined) o.quantum = f.quantum;
  if (f.queues !== undefined) o.runQueues = f.queues;
  return o;
}

/** Colour unless --no-color, or NO_COLOR is set to anything non-empty (no-color.org). */
export function colorWanted(colorFlag: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  return colorFlag && !(env.NO_COLOR !== undefined && env.NO_COLOR !== "");
}

/** The batch-mode flags (`top -b -n N -d D`). */
export interface BatchFlags {
  batch?: boolean;
  iterations?: number;
  delay?: number;
  json?: boolean;
  events?: boolean;
}

/** Batch-only flags given without --batch are a mistake, not something to ignore silently. */
export function checkBatchFlags(f: BatchFlags): void {
  if (f.batch) return;
  const stray = [
    f.iterations !== undefined ? "-n/--iterations" : null,
    f.delay !== undefined ? "-d/--delay" : null,
    f.json ? "--json" : null,
    f.events ? "--events" : null,
  ].filter((x) => x !== null);
  if (stray.length > 0) throw new UsageError(`${stray.join(", ")} only apply with --batch`);
}

/** The one-line refusal when there is no terminal to draw the dashboard on. */
export function notATerminal(): UsageError {
  return new UsageError(
    "not a terminal: the dashboard needs one; use --batch for text output (simtop --batch -n 5)",
  );
}

/** `--flag <n>`: any integer (a seed, which may be negative), or a UsageError naming the flag. */
export function anyIntOption(flag: string): (value: string) => number {
  return (value) => {
    const t = value.trim();
    const n = /^[-+]?\d+$/.test(t) ? Number(t) : Number.NaN;
    if (!Number.isSafeInteger(n))
      throw new UsageError(`${flag}: expected an integer, got ${JSON.stringify(value)}`);
    return n;
  };
}

/** `--flag <x>`: a finite number in [min, max], or a UsageError naming the flag. */
export function numberOption(flag: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const t = value.trim();
    const n = /^[-+]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : Number.NaN;
    if (!(n >= min && n <= max))
      throw new UsageError(
        `${flag}: expected a number from ${min} to ${max}, got ${JSON.stringify(value)}`,
      );
    return n;
  };
}

/**
 * `--flag <list>`: comma-separated integers, each at least `min`; an empty list is an error.
 * Give it to commander with Option.argParser (after .choices(), if any, for the help).
 */
export function intListOption(flag: string, min: number): (value: string) => number[] {
  return (value) => {
    if (value.trim() === "")
      throw new UsageError(`${flag}: expected comma-separated integers, got an empty list`);
    return value.split(",").map((p) => {
      const t = p.trim();
      const n = /^[-+]?\d+$/.test(t) ? Number(t) : Number.NaN;
      if (!Number.isSafeInteger(n))
        throw new UsageError(
          `${flag}: expected comma-separated integers, got ${JSON.stringify(value)}`,
        );
      if (n < min)
        throw new UsageError(
          `${flag}: each value must be ${min} or more, got ${JSON.stringify(p)}`,
        );
      return n;
    });
  };
}

/**
 * `--flag <word>`: one of `choices`, with the same one-line error as every other flag. Use it
 * as `new Option(...).choices(list).argParser(choiceOption(flag, list))`: commander's help then
 * lists the choices and the error names the flag.
 */
export function choiceOption<T extends string>(
  flag: string,
  choices: readonly T[],
): (value: string) => T {
  return (value) => {
    const hit = choices.find((c) => c === value);
    if (hit === undefined) {
      const list =
        choices.length <= 2
          ? choices.join(" or ")
          : `${choices.slice(0, -1).join(", ")} or ${choices.at(-1)}`;
      throw new UsageError(`${flag}: expected ${list}, got ${JSON.stringify(value)}`);
    }
    return hit;
  };
}

/** "64", "8k", "1M", "2g" → bytes; null if malformed (Dinero IV's scaled-integer syntax). */
export function parseScaledSize(text: string): number | null {
  const m = /^(\d+)([kKmMgG]?)$/.exec(text.trim());
  if (m === null) return null;
  const scale = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase()] ?? 1;
  const n = Number(m[1]) * scale;
  return Number.isSafeInteger(n) ? n : null;
}

/** `--flag <bytes>`: a power of two from 1 to `max`, written as 64, 8k, 1m or 2g. */
export function powerOfTwoSizeOption(flag: string, max: number): (value: string) => number {
  return (value) => {
    const n = parseScaledSize(value);
    if (n === null || n < 1 || n > max || (n & (n - 1)) !== 0)
      throw new UsageError(
        `${flag}: expected a power of two from 1 to ${max} (k, m and g allowed), got ${quoted(value)}`,
      );
    return n;
  };
}
