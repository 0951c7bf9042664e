// `simtop lab process-run`: OSTEP's process-run.py exercise, answered by simtop's kernel.
import { type Command, Option } from "commander";
import { MAX_FRAMES } from "../../sim/lab/jobs.js";
import {
  type PrInstruction,
  type ProcessRunResult,
  processRunFrames,
  randomProgram,
  runProcessRun,
} from "../../sim/lab/processRun.js";
import { PyRandom } from "../../sim/lab/pyRandom.js";
import { UsageError } from "../errors.js";
import { anyIntOption, choiceOption, intOption, numberOption } from "../options.js";
import { checkSize } from "./ostepArgs.js";
import { pyFixed, rjust } from "./table.js";

export interface ProcessRunFlags {
  processlist?: ProcessShape[];
  program?: PrInstruction[][];
  iolength: number;
  switch: (typeof SWITCH)[number];
  iodone: (typeof IODONE)[number];
  seed: number;
  c?: boolean;
  printstats?: boolean;
  json?: boolean;
}

const SWITCH = ["SWITCH_ON_IO", "SWITCH_ON_END"] as const;
const IODONE = ["IO_RUN_LATER", "IO_RUN_IMMEDIATE"] as const;

/** One -l X:Y pair: X random instructions, each a CPU one with Y% chance. */
export interface ProcessShape {
  instructions: number;
  cpuPercent: number;
}

/** -P: processes split by ':', each a comma list of cN (N cpu instructions) and i (an I/O). */
export function parseProgramList(value: string): PrInstruction[][] {
  if (value === "")
    throw new UsageError("-P: expected programs such as c3,i:c5, got an empty list");
  return value.split(":").map((proc) => {
    const code: PrInstruction[] = [];
    for (const op of proc.split(",")) {
      const m = /^c(\d+)$/.exec(op.trim());
      if (m) {
        checkSize("-P", "instructions in one process", code.length + Number(m[1]), 1_000_000);
        for (let i = Number(m[1]); i > 0; i--) code.push("cpu");
      } else if (op.trim() === "i") {
        code.push("io", "io_done");
      } else {
        throw new UsageError(
          `-P: expected cN or i, got ${JSON.stringify(op)} in ${JSON.stringify(proc)}`,
        );
      }
      checkSize("-P", "instructions in one process", code.length, 1_000_000);
    }
    // A process of no instructions (c0) is allowed: it holds the CPU one idle tick and is done.
    return code;
  });
}

const count = intOption("-l", 0, Number.MAX_SAFE_INTEGER);
const chance = numberOption("-l", 0, 100);

/** -l: X:Y pairs, X instructions (0 allowed) each a CPU one with probability Y% (else an I/O). */
export function parseProcessList(value: string): ProcessShape[] {
  if (value === "") throw new UsageError("-l: expected X:Y pairs, got an empty list");
  return value.split(",").map((pair) => {
    const parts = pair.split(":");
    if (parts.length !== 2 || parts[0].trim() === "" || parts[1].trim() === "")
      throw new UsageError(`-l: expected X:Y pairs, got ${JSON.stringify(pair)}`);
    const instructions = count(parts[0]);
    checkSize("-l", "instructions in one process", instructions, 1_000_000);
    return { instructions, cpuPercent: chance(parts[1]) };
  });
}

function listing(programs: PrInstruction[][], switchOnEnd: boolean, immediate: boolean): string {
  let s = "Produce a trace of what would happen when you run these processes:\n";
  programs.forEach((code, pid) => {
    s += `Process ${pid}\n`;
    for (const x of code) s += `  ${x}\n`;
    s += "\n";
  });
  s += "Important behaviors:\n";
  s += `  System will switch when ${switchOnEnd ? "the current process is FINISHED" : "the current process is FINISHED or ISSUES AN IO"}\n`;
  s += `  After IOs, the process issuing the IO will ${immediate ? "run IMMEDIATELY" : "run LATER (when it is its turn)"}\n\n`;
  return s;
}

/** The trace in process-run.py's own columns (its spacing quirks included). */
function traceTable(r: ProcessRunResult, procs: number, stats: boolean): string {
  let s = "Time";
  for (let pid = 0; pid < procs; pid++) s += rjust(`PID:${rjust(pid, 2)}`, 14);
  s += `${rjust("CPU", 14)}${rjust("IOs", 14)}\n`;
  for (const t of r.trace) {
    s += `${rjust(t.time, 3)}${t.ioDone ? "*" : " "}`;
    for (const p of t.procs) s += rjust(p, 14);
    s += rjust(t.cpu === 1 ? "1" : " ", 14);
    s += t.io > 0 ? rjust(t.io, 14) : " ".repeat(10);
    s += "\n";
  }
  if (stats) {
    const { total, cpuBusy, ioBusy } = r.stats;
    s += `\nStats: Total Time ${total}\n`;
    s += `Stats: CPU Busy ${cpuBusy} (${pyFixed((100 * cpuBusy) / total, 2)}%)\n`;
    s += `Stats: IO Busy  ${ioBusy} (${pyFixed((100 * ioBusy) / total, 2)}%)\n\n`;
  }
  return s;
}

/** What `simtop lab process-run` prints for these flags. */
export function processRunLab(flags: ProcessRunFlags): string {
  const ioLength = flags.iolength;
  const switchOnEnd = flags.switch === "SWITCH_ON_END";
  const immediate = flags.iodone === "IO_RUN_IMMEDIATE";
  const rng = new PyRandom(flags.seed);
  let programs: PrInstruction[][];
  // As in process-run.py, -P wins over -l.
  if (flags.program !== undefined) programs = flags.program;
  else if (flags.processlist !== undefined)
    programs = flags.processlist.map((p) => randomProgram(p.instructions, p.cpuPercent, rng));
  else throw new UsageError("-l: give the processes to run, e.g. -l 5:100,5:100 (or -P c3,i:c5)");
  checkSize(
    flags.program ? "-P" : "-l",
    "memory frames the processes need",
    processRunFrames(programs),
    MAX_FRAMES - 16,
  );
  if (!flags.json && !flags.c) return listing(programs, switchOnEnd, immediate);
  const r = runProcessRun({ programs, ioLength, switchOnEnd, ioRunImmediate: immediate });
  if (flags.json) {
    const trace = r.trace.map((t) => ({ time: t.time, procs: t.procs, cpu: t.cpu, io: t.io }));
    return `${JSON.stringify({ trace, stats: r.stats })}\n`;
  }
  return traceTable(r, programs.length, flags.printstats === true);
}

/** Adds `process-run` under `simtop lab`. */
export function registerProcessRunLab(lab: Command): void {
  lab
    .command("process-run")
    .description(
      "OSTEP process-run.py: process states as programs compute and do I/O (-c for the answer)",
    )
    .option(
      "-l, --processlist <X:Y,...>",
      "processes of X instructions, each a CPU one with Y% chance (else I/O)",
      parseProcessList,
    )
    .option(
      "-P, --program <list>",
      "exact programs, e.g. c3,i,c2:c5 (cN = N CPU instructions, i = an I/O)",
      parseProgramList,
    )
    .option(
      "-L, --iolength <ticks>",
      "how long an I/O takes",
      intOption("-L", 0, Number.MAX_SAFE_INTEGER),
      5,
    )
    .addOption(
      new Option("-S, --switch <when>", "when to switch")
        .choices(SWITCH)
        .argParser(choiceOption("-S", SWITCH))
        .default("SWITCH_ON_IO"),
    )
    .addOption(
      new Option("-I, --iodone <what>", "when an I/O ends")
        .choices(IODONE)
        .argParser(choiceOption("-I", IODONE))
        .default("IO_RUN_LATER"),
    )
    .option("-s, --seed <n>", "random seed for -l", anyIntOption("-s"), 0)
    .option("-c", "compute the answer (the per-tick trace)")
    .option("-p, --printstats", "with -c, print CPU and I/O statistics at the end")
    .option("--json", "print the trace and statistics as JSON")
    .action((flags: ProcessRunFlags) => {
      process.stdout.write(processRunLab(flags));
    });
}
