// `simtop lab pipeline LISTING`: P&H pipeline timing of a short MIPS listing, as a table or JSON.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { BRANCH_STAGES, type BranchStage } from "../../sim/cpu/pipelineDefs.js";
import { safeJson } from "../../sim/visible.js";
import { UsageError } from "../errors.js";
import { parseListing, parseMemValues, parseRegValues } from "./mipsListing.js";
import { runPipelineLab } from "./pipelineRun.js";
import { renderPipelineTable } from "./pipelineTable.js";

interface PipelineFlags {
  forwarding: string;
  branch: string;
  reg?: string;
  mem?: string;
  json?: boolean;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function readListing(path: string): Promise<string> {
  if (path === "-") return readStdin();
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UsageError(`${path}: no such file`);
    if (code === "EISDIR") throw new UsageError(`${path}: is a directory`);
    throw new UsageError(`${path}: cannot read (${code ?? "unknown error"})`);
  }
}

function parseForwarding(v: string): boolean {
  if (v === "on") return true;
  if (v === "off") return false;
  throw new UsageError(`--forwarding: expected on or off, got "${v}"`);
}

function parseBranch(v: string): BranchStage {
  const b = BRANCH_STAGES.find((s) => s === v);
  if (b === undefined) throw new UsageError(`--branch: expected id, ex or mem, got "${v}"`);
  return b;
}

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
    .option("--forwarding <on|off>", "forward EX/MEM and MEM/WB results", "on")
    .option("--branch <id|ex|mem>", "stage where branches resolve (predicted not taken)", "ex")
    .option("--reg <list>", "initial registers, e.g. '$s1=12,$t0=4'")
    .option("--mem <list>", "initial memory words by decimal byte address, e.g. '4=30,8=20'")
    .option("--json", "print the answer as JSON")
    .action(async (path: string, flags: PipelineFlags) => {
      const forwarding = parseForwarding(flags.forwarding);
      const branch = parseBranch(flags.branch);
      const regs = flags.reg === undefined ? [] : parseRegValues(flags.reg);
      const mem = flags.mem === undefined ? [] : parseMemValues(flags.mem);
      const listing = parseListing(await readListing(path));
      const { report, rows } = runPipelineLab(listing, { forwarding, branch, regs, mem });
      process.stdout.write(
        flags.json
          ? `${safeJson(JSON.stringify(report))}\n`
          : renderPipelineTable(report, rows, { forwarding, branch }),
      );
    });
}
