// Flag parsing shared by the OSTEP labs: numbers and lists, each error naming its flag.
import { UsageError } from "../errors.js";

/** An integer flag value (optparse's type='int'), at least `min`. */
export function intArg(flag: string, value: string, min = Number.MIN_SAFE_INTEGER): number {
  const v = value.trim();
  if (!/^[-+]?\d+$/.test(v))
    throw new UsageError(`${flag}: expected an integer, got ${JSON.stringify(value)}`);
  const n = Number(v);
  if (!Number.isSafeInteger(n))
    throw new UsageError(`${flag}: ${JSON.stringify(value)} is too large`);
  if (n < min)
    throw new UsageError(`${flag}: expected an integer >= ${min}, got ${JSON.stringify(value)}`);
  return n;
}

/** A decimal flag value (optparse's type='float'), within [min, max]. */
export function floatArg(flag: string, value: string, min: number, max: number): number {
  const v = value.trim();
  const n = Number(v);
  if (v === "" || !Number.isFinite(n))
    throw new UsageError(`${flag}: expected a number, got ${JSON.stringify(value)}`);
  if (n < min || n > max)
    throw new UsageError(
      `${flag}: expected a number from ${min} to ${max}, got ${JSON.stringify(value)}`,
    );
  return n;
}

/** One of a fixed set of words. */
export function choiceArg<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  const hit = choices.find((c) => c === value);
  if (hit === undefined) {
    const list =
      choices.length === 2
        ? choices.join(" or ")
        : `${choices.slice(0, -1).join(", ")} or ${choices.at(-1)}`;
    throw new UsageError(`${flag}: expected ${list}, got ${JSON.stringify(value)}`);
  }
  return hit;
}

/** A comma-separated list of integers, each at least `min`. */
export function intListArg(flag: string, value: string, min: number): number[] {
  const parts = value.split(",");
  return parts.map((p) => {
    const v = p.trim();
    if (!/^[-+]?\d+$/.test(v))
      throw new UsageError(
        `${flag}: expected comma-separated integers, got ${JSON.stringify(value)}`,
      );
    const n = Number(v);
    if (n < min)
      throw new UsageError(`${flag}: each value must be >= ${min}, got ${JSON.stringify(p)}`);
    return n;
  });
}

/** Simulated work has to fit in memory and in time: more is a usage error, not a hang. */
export function checkSize(flag: string, what: string, amount: number, limit: number): void {
  if (amount > limit)
    throw new UsageError(`${flag}: ${what} (${amount}) is more than simtop simulates (${limit})`);
}
