// The `simtop lab` subcommands: textbook exercises answered by simtop's own engine.
import type { Command } from "commander";
import { UsageError } from "../errors.js";
import { registerCacheLab } from "./cache.js";
import { registerForkLab } from "./fork.js";
import { registerLotteryLab } from "./lottery.js";
import { registerMlfqLab } from "./mlfq.js";
import { registerMultiLab } from "./multi.js";
import { registerPipelineLab } from "./pipeline.js";
import { registerProcessRunLab } from "./processRun.js";
import { quoteExcerpt } from "./quote.js";
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
  registerLotteryLab(lab);
  registerMultiLab(lab);
  registerForkLab(lab);
  const names = lab.commands.map((c) => c.name());
  // `simtop lab` alone, or with a word that is no exercise: one line, not the whole help.
  lab.argument("[exercise]").action((exercise: string | undefined) => {
    const list = `one of: ${names.join(", ")}`;
    if (exercise === undefined)
      throw new UsageError(`lab: missing exercise (${list}); see simtop lab --help`);
    throw new UsageError(
      `lab: unknown exercise ${quoteExcerpt(exercise)} (${list}); see simtop lab --help`,
    );
  });
}
