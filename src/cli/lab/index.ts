// The `simtop lab` subcommands: textbook exercises answered by simtop's own engine.
import type { Command } from "commander";
import { registerCacheLab } from "./cache.js";
import { registerForkLab } from "./fork.js";
import { registerMlfqLab } from "./mlfq.js";
import { registerPipelineLab } from "./pipeline.js";
import { registerProcessRunLab } from "./processRun.js";
import { registerSchedLab } from "./sched.js";

/** Adds every lab subcommand under `lab`. */
export function registerLab(program: Command): void {
  const lab = program
    .command("lab")
    .description("run a textbook exercise on simtop's engine (OSTEP, Dinero IV, P&H)");
  registerPipelineLab(lab);
  registerCacheLab(lab);
  registerProcessRunLab(lab);
  registerSchedLab(lab);
  registerMlfqLab(lab);
  registerForkLab(lab);
}
