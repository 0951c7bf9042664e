// What the OSTEP labs share: a size limit, and integer flags read as the scripts' optparse reads them.

import { quoted } from "../../sim/visible.js";
import { UsageError } from "../errors.js";
import { anyIntOption, intOption } from "../options.js";

/** Simulated work has to fit in memory and in time: more is a usage error, not a hang. */
export function checkSize(flag: string, what: string, amount: number, limit: number): void {
  if (amount > limit)
    throw new UsageError(`${flag}: ${what} (${amount}) is more than simtop simulates (${limit})`);
}

/**
 * An integer flag read as the OSTEP scripts' optparse reads it: 0x.. hexadecimal, 0b.. binary,
 * and a leading 0 octal (`-s 010` is 8, `-s 08` is refused), within [min, max].
 */
export function optparseIntOption(
  flag: string,
  min = Number.MIN_SAFE_INTEGER,
  max = Number.MAX_SAFE_INTEGER,
): (value: string) => number {
  const unbounded = min <= Number.MIN_SAFE_INTEGER && max >= Number.MAX_SAFE_INTEGER;
  const decimal = unbounded ? anyIntOption(flag) : intOption(flag, min, max);
  return (value) => {
    // optparse picks the base from the first characters as given (a sign or a space: decimal).
    const v = value.toLowerCase().trimEnd();
    let n: number;
    if (v.startsWith("0x"))
      n = /^0x[0-9a-f]+$/.test(v) ? Number.parseInt(v.slice(2), 16) : Number.NaN;
    else if (v.startsWith("0b"))
      n = /^0b[01]*$/.test(v) ? Number.parseInt(v.slice(2) || "0", 2) : Number.NaN;
    else if (v.startsWith("0"))
      n = /^0(o[0-7]+|[0-7]*)$/.test(v)
        ? Number.parseInt(v.replace(/^0o?/, "") || "0", 8)
        : Number.NaN;
    else return decimal(value);
    if (!Number.isSafeInteger(n)) {
      const range =
        max >= Number.MAX_SAFE_INTEGER
          ? min <= Number.MIN_SAFE_INTEGER
            ? ""
            : ` of ${min} or more`
          : ` from ${min} to ${max}`;
      throw new UsageError(`${flag}: expected an integer${range}, got ${quoted(value)}`);
    }
    return decimal(String(n));
  };
}
