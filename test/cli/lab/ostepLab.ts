// Runs an OSTEP lab subcommand in process, through commander, and returns what it printed.
import { Command } from "commander";
import { vi } from "vitest";
import { registerForkLab } from "../../../src/cli/lab/fork.js";
import { registerLotteryLab } from "../../../src/cli/lab/lottery.js";
import { registerMlfqLab } from "../../../src/cli/lab/mlfq.js";
import { registerMultiLab } from "../../../src/cli/lab/multi.js";
import { registerProcessRunLab } from "../../../src/cli/lab/processRun.js";
import { registerSchedLab } from "../../../src/cli/lab/sched.js";

/** The OSTEP labs these tests run in process. */
export type LabName = "process-run" | "sched" | "mlfq" | "fork" | "lottery" | "multi";

export async function runLab(name: LabName, args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  const lab = program.command("lab");
  registerProcessRunLab(lab);
  registerSchedLab(lab);
  registerMlfqLab(lab);
  registerForkLab(lab);
  registerLotteryLab(lab);
  registerMultiLab(lab);
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => {
    out.push(String(s));
    return true;
  });
  try {
    await program.parseAsync(["node", "simtop", "lab", name, ...args]);
  } finally {
    spy.mockRestore();
  }
  return out.join("");
}

/** The lab's --json answer. */
export async function runJson<T>(name: LabName, args: string[]): Promise<T> {
  return JSON.parse(await runLab(name, [...args, "--json"])) as T;
}
