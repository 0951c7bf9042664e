// A size limit shared by the OSTEP labs (their flags are parsed by ../options.ts's parsers).
import { UsageError } from "../errors.js";

/** Simulated work has to fit in memory and in time: more is a usage error, not a hang. */
export function checkSize(flag: string, what: string, amount: number, limit: number): void {
  if (amount > limit)
    throw new UsageError(`${flag}: ${what} (${amount}) is more than simtop simulates (${limit})`);
}
