// `simtop lab cache TRACE`: dineroIV-compatible cache simulation of a din trace on simtop's caches.
import type { Command } from "commander";
import { ProgressLine, progressBarText } from "../progress.js";
import { buildLabLevels, type CacheLabFlags } from "./cacheArgs.js";
import { formatJson, formatTable } from "./cacheReport.js";
import { type Progress, runTrace } from "./cacheRun.js";

/** A one-line progress bar on a terminal's stderr, redrawn at most ten times a second. */
function progressBar(stream: NodeJS.WriteStream): Progress {
  const started = Date.now();
  const line = new ProgressLine(stream);
  return {
    update(consumed, total, records) {
      line.update(() => {
        const secs = Math.max((Date.now() - started) / 1000, 1e-3);
        const counts = `${(records / 1e6).toFixed(1)}M refs  ${(records / secs / 1e6).toFixed(1)}M refs/s`;
        return total !== null && total > 0
          ? `${progressBarText(consumed, total)}  ${counts}`
          : counts;
      });
    },
    done() {
      line.clear();
    },
  };
}

/** Runs the lab and returns what it prints on stdout. */
export async function cacheLab(
  trace: string,
  flags: CacheLabFlags,
  showProgress: boolean,
): Promise<string> {
  const levels = buildLabLevels(flags);
  const progress = showProgress ? progressBar(process.stderr) : null;
  const { records, details } = await runTrace(trace, levels, { progress });
  if (flags.json === true) return formatJson(details);
  return formatTable(details, records, trace === "-" ? "stdin" : trace, flags["3c"] === true);
}

/** Adds `cache` under `simtop lab`. */
export function registerCacheLab(lab: Command): void {
  lab
    .command("cache")
    .description("simulate caches on a Dinero IV din trace, with dineroIV's figures")
    .argument(
      "<trace>",
      "din trace: `label hexaddr` per line (0 read, 1 write, 2 ifetch); .gz or - for stdin",
    )
    .option("--l1 <spec>", "unified L1 as SIZE:ASSOC:LINE[:lru|fifo|random], e.g. 32k:8:64")
    .option("--l1i <spec>", "split L1 instruction cache (same syntax)")
    .option("--l1d <spec>", "split L1 data cache (same syntax)")
    .option("--l2 <spec>", "unified L2 (same syntax)")
    .option("--l3 <spec>", "unified L3 (same syntax)")
    .option("--write-through", "the first level writes through instead of back")
    .option("--no-write-allocate", "the first level does not allocate on a write miss")
    .option("--3c", "split misses into compulsory, capacity and conflict")
    .option("--json", "print one JSON object instead of tables")
    .action(async (trace: string, flags: CacheLabFlags) => {
      const out = await cacheLab(trace, flags, process.stderr.isTTY === true);
      process.stdout.write(out);
    });
}
