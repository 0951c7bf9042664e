// `simtop lab cache TRACE`: dineroIV-compatible cache simulation of a din trace on simtop's caches.
import { type Command, Option } from "commander";
import { choiceOption, intOption, powerOfTwoSizeOption } from "../options.js";
import { ProgressLine, progressBarText } from "../progress.js";
import {
  buildLabLevels,
  CACHE_KEYS,
  type CacheLabFlags,
  DEFAULT_L1,
  levelSpecOption,
  MAX_LINE,
  PREFETCH_POLICIES,
  usesDefaultL1,
  WRITE_CHOICES,
} from "./cacheArgs.js";
import { formatInterval, formatIntervalJson, formatJson, formatTable } from "./cacheReport.js";
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

/** Where the lab writes: its report, and notes for stderr. */
export interface LabOutput {
  out(text: string): void;
  note(text: string): void;
}

/**
 * Runs the lab: the report goes to `output.out` (statistics at each --stat-interval as they
 * come, then the final report), notes about the run to `output.note`.
 */
export async function cacheLab(
  trace: string,
  flags: CacheLabFlags,
  showProgress: boolean,
  output: LabOutput,
): Promise<void> {
  const levels = buildLabLevels(flags);
  if (usesDefaultL1(flags))
    output.note(`no L1 given: simulating --l1 ${DEFAULT_L1} (32 KiB, 8-way, 64 B lines, LRU)`);
  const progress = showProgress ? progressBar(process.stderr) : null;
  const json = flags.json === true;
  const skip = flags.skipcount ?? 0;
  const max = flags.maxcount ?? 0;
  const { simulated, records, details } = await runTrace(trace, levels, {
    progress,
    informat: flags.informat ?? "d",
    window: { skip, max, flush: flags.flushcount ?? 0, interval: flags.statInterval ?? 0 },
    onInterval: (n, d) => {
      // The figures go on stdout, often the same terminal: the progress line makes way first.
      progress?.done();
      output.out(json ? formatIntervalJson(d, n) : formatInterval(d, n));
    },
  });
  if (records < skip) output.note(`the trace ended before --skipcount ${skip} was reached`);
  if (json) {
    output.out(formatJson(details));
    return;
  }
  const source = trace === "-" ? "stdin" : trace;
  output.out(
    formatTable(details, simulated, source, {
      skipped: Math.min(skip, records),
      stoppedAtMax: max > 0 && simulated >= max && records > skip + max,
    }),
  );
}

const count = (flag: string): ((v: string) => number) =>
  intOption(flag, 0, Number.MAX_SAFE_INTEGER);

/** Dinero IV's per-cache options (`-lN-Tsbsize` ...) for one cache, under its own heading. */
function perCacheOptions(key: (typeof CACHE_KEYS)[number]): Option[] {
  const group = `--${key} cache options (Dinero IV's -l${key.slice(1, 2)}-${key.length > 2 ? key[2] : "u"}…):`;
  const opt = (flags: string, what: string): Option => new Option(flags, what).helpGroup(group);
  const choice = (name: string, what: string, list: readonly string[]): Option => {
    const flag = `--${key}-${name}`;
    return opt(`${flag} <policy>`, what).choices(list).argParser(choiceOption(flag, list));
  };
  const out = [
    opt(`--${key}-sbsize <bytes>`, "sub-block size (default: the line size)").argParser(
      powerOfTwoSizeOption(`--${key}-sbsize`, MAX_LINE),
    ),
    choice("fetch", "fetch policy", PREFETCH_POLICIES),
    opt(`--${key}-pfdist <n>`, "prefetch distance in sub-blocks (default 1)").argParser(
      intOption(`--${key}-pfdist`, 1, 2 ** 31 - 1),
    ),
    opt(`--${key}-pfabort <percent>`, "share of prefetches thrown away (default 0)").argParser(
      intOption(`--${key}-pfabort`, 0, 100),
    ),
  ];
  if (key !== "l1i") {
    out.push(choice("walloc", "write allocate (default always)", WRITE_CHOICES));
    out.push(choice("wback", "write back; never = write through (default always)", WRITE_CHOICES));
  }
  out.push(opt(`--${key}-ccc`, "split this cache's misses into compulsory, capacity, conflict"));
  return out;
}

/** Adds `cache` under `simtop lab`. */
export function registerCacheLab(lab: Command): void {
  const cmd = lab
    .command("cache")
    .description(
      "simulate caches on a Dinero IV trace with dineroIV's options, and print dineroIV's figures",
    )
    .argument(
      "<trace>",
      "din trace: `label hexaddr` per line (0 read, 1 write, 2 ifetch), or with --informat D `type hexaddr hexsize` (r, w, i, m, c, v); .gz or - for stdin",
    )
    .addOption(
      new Option(
        "--l1 <spec>",
        `unified L1 as SIZE:ASSOC:LINE[:lru|fifo|random] (default ${DEFAULT_L1} without --l1i/--l1d)`,
      ).argParser(levelSpecOption("--l1")),
    )
    .addOption(
      new Option("--l1i <spec>", "split L1 instruction cache (same syntax)").argParser(
        levelSpecOption("--l1i"),
      ),
    )
    .addOption(
      new Option("--l1d <spec>", "split L1 data cache (same syntax)").argParser(
        levelSpecOption("--l1d"),
      ),
    )
    .addOption(
      new Option("--l2 <spec>", "unified L2 (same syntax)").argParser(levelSpecOption("--l2")),
    )
    .addOption(
      new Option("--l3 <spec>", "unified L3 (same syntax)").argParser(levelSpecOption("--l3")),
    )
    .option("--write-through", "the first level writes through instead of back")
    .option("--no-write-allocate", "the first level does not allocate on a write miss")
    .option("--3c", "split misses into compulsory, capacity and conflict")
    .option("--json", "print one JSON object instead of tables")
    .addOption(
      new Option("--informat <format>", "trace format: d din, D extended din (TYPE ADDR SIZE)")
        .choices(["d", "D"])
        .argParser(choiceOption("--informat", ["d", "D"] as const))
        .default("d"),
    )
    .addOption(
      new Option("--skipcount <n>", "skip the first n references").argParser(count("--skipcount")),
    )
    .addOption(
      new Option("--maxcount <n>", "stop after n references").argParser(count("--maxcount")),
    )
    .addOption(
      new Option(
        "--flushcount <n>",
        "copy back and invalidate every cache every n references",
      ).argParser(count("--flushcount")),
    )
    .addOption(
      new Option("--stat-interval <n>", "print the figures so far every n references").argParser(
        count("--stat-interval"),
      ),
    );
  for (const key of CACHE_KEYS) for (const o of perCacheOptions(key)) cmd.addOption(o);
  cmd.action(async (trace: string, flags: CacheLabFlags) => {
    await cacheLab(trace, flags, process.stderr.isTTY === true, {
      out: (text) => process.stdout.write(text),
      note: (text) => process.stderr.write(`simtop: note: ${text}\n`),
    });
  });
}
