// simtop's command line: parses arguments and hands off to the dashboard, batch mode or a lab.
import { Command, CommanderError } from "commander";
import { UsageError } from "./errors.js";
import { DEFAULT_SCENARIO } from "../scenario/builtins.js";
import { scenarioConfig, startScenario } from "../scenario/start.js";
import { runBatch } from "./batch.js";
import { registerLab } from "./lab/index.js";

function buildProgram(): Command {
  const program = new Command();
  program
    .name("simtop")
    .description("top for a simulated operating system")
    .version("0.1.0")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program.action(() => {
    const store = startScenario(DEFAULT_SCENARIO, scenarioConfig(DEFAULT_SCENARIO));
    runBatch(store, 1, 20_000, (s) => process.stdout.write(s));
  });
  registerLab(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`simtop: ${err.message}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`simtop: internal error: ${message}\n`);
    process.exitCode = 1;
  }
}

await main(process.argv);
