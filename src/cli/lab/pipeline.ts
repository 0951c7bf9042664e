// `simtop lab pipeline LISTING`: P&H pipeline timing of a short MIPS listing, as a table or JSON.
import { readFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { BRANCH_STAGES, type BranchStage } from "../../sim/cpu/pipelineDefs.js";
import { safeJson } from "../../sim/visible.js";
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

function readFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UsageError(`${path}: no such file`);
    if (code === "EISDIR") throw new UsageError(`${path}: is a directory`);
    throw new UsageError(`${path}: cannot read (${code ?? "unknown error"})`);
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
