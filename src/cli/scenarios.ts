// `simtop scenarios`: lists the built-in scenarios, prints one as a file, or lists the programs.
import type { Command } from "commander";
import { stringify } from "yaml";
import { BUILTIN_FILES, builtinScenarios } from "../scenario/builtins.js";
import { BUILTIN_PROGRAMS } from "../sim/programs/library.js";
import { UsageError } from "./errors.js";

/** One line per built-in: its name and what it shows. */
export function scenarioList(): string {
  const all = builtinScenarios();
  const w = Math.max(...all.map((s) => s.name.length));
  return all.map((s) => `${s.name.padEnd(w)}  ${s.description}`).join("\n");
}

/** One line per program of the built-in library. */
export function programList(): string {
  const w = Math.max(...BUILTIN_PROGRAMS.map((p) => p.name.length));
  return BUILTIN_PROGRAMS.map((p) => `${p.name.padEnd(w)}  ${p.description ?? ""}`).join("\n");
}

/** A built-in program's source, headed by a comment with its name and what it does. */
export function programSource(name: string): string {
  const p = BUILTIN_PROGRAMS.find((q) => q.name === name);
  if (!p) {
    const names = BUILTIN_PROGRAMS.map((q) => q.name).join(", ");
    throw new UsageError(
      `scenarios: no built-in program ${JSON.stringify(name)} (programs: ${names})`,
    );
  }
  const head = `# ${p.name} — ${p.description ?? ""}`.trimEnd();
  return `${head}\n${p.source.replace(/^\n+/, "")}`;
}

/** A built-in as YAML: a starting point for a scenario file of one's own. */
export function scenarioYaml(name: string): string {
  const file = BUILTIN_FILES.find((f) => f.name === name);
  if (!file) {
    const names = BUILTIN_FILES.map((f) => f.name).join(", ");
    throw new UsageError(
      `scenarios: no built-in scenario ${JSON.stringify(name)} (built-ins: ${names})`,
    );
  }
  return stringify(file, { lineWidth: 0 });
}

export function registerScenarios(program: Command): void {
  program
    .command("scenarios")
    .description("list the built-in scenarios, or print one as YAML to start your own")
    .argument("[name]", "a built-in scenario to print as a scenario file")
    .option(
      "--programs [program]",
      "list the built-in programs scenarios can run, or print one's source",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  simtop scenarios\n  simtop scenarios signals > my.yaml   # edit, then: simtop --scenario my.yaml\n  simtop scenarios --programs\n  simtop scenarios --programs row-scan   # its source, in the op language (docs/ops.md)",
    )
    .action((name: string | undefined, opts: { programs?: boolean | string }) => {
      if (opts.programs !== undefined && name !== undefined)
        throw new UsageError("scenarios: give a name or --programs, not both");
      const text =
        typeof opts.programs === "string"
          ? programSource(opts.programs)
          : opts.programs
            ? programList()
            : name !== undefined
              ? scenarioYaml(name)
              : scenarioList();
      process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
    });
}
