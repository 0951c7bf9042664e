// `simtop lab pipeline LISTING`: P&H pipeline timing of a short MIPS listing, as a table or JSON.
import { type Command, Option } from "commander";
import { InputFileError, MAX_TEXT_FILE_BYTES, readInputFile } from "../../scenario/inputFile.js";
import { BRANCH_STAGES, type BranchStage } from "../../sim/cpu/pipelineDefs.js";
import { safeJson, shown } from "../../sim/visible.js";
import { UsageError } from "../errors.js";
import { choiceOption } from "../options.js";
import { parseListing, parseMemValues, parseRegValues } from "./mipsListing.js";
import { runPipelineLab } from "./pipelineRun.js";
import { renderPipelineTable } from "./pipelineTable.js";

interface PipelineFlags {
  forwarding: (typeof SWITCHES)[number];
  branch: BranchStage;
  reg?: [number, number][];
  mem?: [number, number][];
  json?: boolean;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function readListing(path: string): Promise<string> {
  const text = path === "-" ? await readStdin() : readFile(path);
  if (text.includes("\0"))
    throw new UsageError(`${path}: not a listing: it holds NUL bytes (a binary file?)`);
  return text;
}

/** A listing file, read whole as the other inputs are: a regular file of bounded size, UTF-8. */
function readFile(path: string): string {
  try {
    return readInputFile(path, MAX_TEXT_FILE_BYTES);
  } catch (err) {
    if (err instanceof InputFileError) throw new UsageError(`${shown(path)}: ${err.message}`);
    throw err;
  }
}

const SWITCHES = ["on", "off"] as const;

/** Adds `lab pipeline` under `lab`. */
export function registerPipelineLab(lab: Command): void {
  lab
    .command("pipeline")
    .description(
      "5-stage pipeline diagram of a short MIPS listing: stalls, flushes, cycles (Patterson & Hennessy)",
    )
    .argument(
      "<listing>",
      "file with one instruction per line (# comments, labels), or - for stdin",
    )
    .addOption(
      new Option("--forwarding <on|off>", "forward EX/MEM and MEM/WB results")
        .choices(SWITCHES)
        .argParser(choiceOption("--forwarding", SWITCHES))
        .default("on"),
    )
    .addOption(
      new Option("--branch <id|ex|mem>", "stage where branches resolve (predicted not taken)")
        .choices(BRANCH_STAGES)
        .argParser(choiceOption("--branch", BRANCH_STAGES))
        .default("ex"),
    )
    .option("--reg <list>", "initial registers, e.g. '$s1=12,$t0=4'", parseRegValues)
    .option(
      "--mem <list>",
      "initial memory words by decimal byte address, e.g. '4=30,8=20'",
      parseMemValues,
    )
    .option("--json", "print the answer as JSON")
    .action(async (path: string, flags: PipelineFlags) => {
      const forwarding = flags.forwarding === "on";
      const { branch } = flags;
      const regs = flags.reg ?? [];
      const mem = flags.mem ?? [];
      const listing = parseListing(await readListing(path));
      const { report, rows, notes } = runPipelineLab(listing, { forwarding, branch, regs, mem });
      for (const n of notes) process.stderr.write(`simtop: note: ${n}\n`);
      process.stdout.write(
        flags.json
          ? `${safeJson(JSON.stringify(report))}\n`
          : renderPipelineTable(report, rows, { forwarding, branch }),
      );
    });
}
