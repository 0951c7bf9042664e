// Runs an OSTEP lab subcommand in process, through commander, and returns what it printed.
import { Command } from "commander";
import { vi } from "vitest";
import { registerForkLab } from "../../../src/cli/lab/fork.js";
import type { LabSink } from "../../../src/cli/lab/labOutput.js";
import { registerLotteryLab } from "../../../src/cli/lab/lottery.js";
import { registerMlfqLab } from "../../../src/cli/lab/mlfq.js";
import { registerMultiLab } from "../../../src/cli/lab/multi.js";
import { registerProcessRunLab } from "../../../src/cli/lab/processRun.js";
import { registerSchedLab } from "../../../src/cli/lab/sched.js";

/** The OSTEP labs these tests run in process. */
export type LabName = "process-run" | "sched" | "mlfq" | "fork" | "lottery" | "multi";

export async function runLab(name: LabName, args: string[]): Promise<string> {
  const out: string[] = [];
  await runLabInto(name, args, (s) => {
    out.push(s);
    return true;
  });
  return out.join("");
}

/**
 * Runs a lab subcommand in process; mlfq, lottery and multi write their text to `sink` (a
 * reader that has gone returns false), the others to process.stdout, captured into it.
 */
export async function runLabInto(name: LabName, args: string[], sink: LabSink): Promise<void> {
  const program = new Command().exitOverride();
  const lab = program.command("lab");
  registerProcessRunLab(lab);
  registerSchedLab(lab);
  registerMlfqLab(lab, sink);
  registerForkLab(lab);
  registerLotteryLab(lab, sink);
  registerMultiLab(lab, sink);
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => {
    sink(String(s));
    return true;
  });
  try {
    await program.parseAsync(["node", "simtop", "lab", name, ...args]);
  } finally {
    spy.mockRestore();
  }
}

/** The lab's --json answer. */
export async function runJson<T>(name: LabName, args: string[]): Promise<T> {
  return JSON.parse(await runLab(name, [...args, "--json"])) as T;
}
