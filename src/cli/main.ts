// simtop's command line: parses arguments and hands off to the dashboard, batch mode or a lab.
import { Command, CommanderError } from "commander";
import { builtinScenario, loadScenario, ScenarioFileError } from "../scenario/load.js";
import { scenarioConfig, startScenario } from "../scenario/start.js";
import type { Chapter, Scenario } from "../scenario/types.js";
import { validateConfig } from "../sim/config.js";
import type { Store } from "../sim/store.js";
import { oneLine, quoted } from "../sim/visible.js";
import { DEFAULT_FPS, DEFAULT_SPEED } from "../ui/index.js";
import { runBatch } from "./batch.js";
import { runDashboard } from "./dashboard.js";
import { registerDemo } from "./demo/command.js";
import { UsageError } from "./errors.js";
import { registerLab } from "./lab/index.js";
import {
  type BatchFlags,
  checkBatchFlags,
  colorWanted,
  configOverrides,
  cpusOption,
  delayOption,
  fpsOption,
  iterationsOption,
  type MachineFlags,
  notATerminal,
  policyOption,
  quantumOption,
  queuesOption,
  seedOption,
  speedOption,
} from "./options.js";
import type { OutputFile } from "./outputFile.js";
import { type InputFile, type OutputRequest, openOutputs } from "./outputs.js";
import { packageVersion } from "./packageInfo.js";
import { Recorder } from "./record.js";
import { readSession, replayIterations, replayStore } from "./replay.js";
import { SessionWriter } from "./save.js";
import { registerScenarios } from "./scenarios.js";
import { writeStdout } from "./stdout.js";

const DEFAULT_DELAY = 1000;

interface DisplayFlags {
  speed?: number;
  fps?: number;
  color: boolean;
  /** false with --no-mouse. */
  mouse: boolean;
  record?: string;
  overwrite?: boolean;
}

type MainFlags = MachineFlags & BatchFlags & DisplayFlags & { scenario: string; save?: string };

/** --overwrite without a file to replace is a mistake, not something to ignore silently. */
function checkOverwriteFlag(f: DisplayFlags & { save?: string }): void {
  if (f.overwrite && f.save === undefined && f.record === undefined)
    throw new UsageError(
      "--overwrite only applies with an output file to replace (--save or --record)",
    );
}

/**
 * Opens the --save and --record files after checking both, before anything is written: a
 * refusal leaves every file as it was.
 */
function openRunOutputs(
  flags: DisplayFlags & BatchFlags & { save?: string },
  inputs: InputFile[],
): { save?: OutputFile; record?: OutputFile } {
  const outputs: OutputRequest[] = [];
  if (flags.save !== undefined) outputs.push({ flag: "--save", path: flags.save });
  if (flags.record !== undefined) outputs.push({ flag: "--record", path: flags.record });
  const files = openOutputs({
    outputs,
    inputs,
    overwrite: flags.overwrite ?? false,
    stdoutUse: flags.batch ? "the snapshots" : "the dashboard's frames",
    mode: "stream",
  });
  const byFlag = (flag: string) => files.find((f) => f.flag === flag);
  const save = byFlag("--save");
  const record = byFlag("--record");
  return { ...(save ? { save } : {}), ...(record ? { record } : {}) };
}

const EXAMPLES = `
Examples:
  simtop                                   the dashboard on the default scenario
  simtop --scenario signals                a built-in scenario (list them: simtop scenarios)
  simtop --scenario my.yaml --cpus 4       your own scenario file, on 4 cores
  simtop --batch -n 3 -d 5000              3 text snapshots, 5000 ticks apart (like top -b)
  simtop --batch --json -n 10 | jq .tick   one JSON object per snapshot
  simtop --save run.jsonl                  save the session; replay it: simtop replay run.jsonl
  simtop --record run.cast                 record the terminal as asciicast v2
  simtop demo fork-tree --cast tree.cast   render a scripted demo, no terminal needed
  simtop lab --help                        textbook exercises on simtop's engine`;

function scenarioArg(ref: string): Scenario {
  try {
    return loadScenario(ref);
  } catch (e) {
    if (e instanceof ScenarioFileError) throw new UsageError(`--scenario ${e.message}`);
    throw e;
  }
}

/** Dashboard-only flags make no sense with --batch; say so instead of ignoring them. */
function checkDisplayFlags(f: DisplayFlags & BatchFlags): void {
  if (!f.batch) return;
  const stray = [
    f.speed !== undefined ? "--speed" : null,
    f.fps !== undefined ? "--fps" : null,
    f.record !== undefined ? "--record" : null,
  ].filter((x) => x !== null);
  if (stray.length > 0)
    throw new UsageError(`${stray.join(", ")} only apply to the dashboard, not with --batch`);
}

function addBatchOptions(c: Command): Command {
  return c
    .option("-b, --batch", "print text snapshots instead of the dashboard (like top -b)")
    .option("-n, --iterations <n>", "batch: number of snapshots", iterationsOption)
    .option(
      "-d, --delay <ticks>",
      `batch: simulated ticks between snapshots (default ${DEFAULT_DELAY})`,
      delayOption,
    )
    .option("--json", "batch: one JSON object per snapshot per line")
    .option(
      "--events",
      "batch: also print forks, signals, exits and other events since the last snapshot",
    );
}

function addDisplayOptions(c: Command): Command {
  return c
    .option(
      "--speed <ticks/s>",
      `dashboard: simulated ticks per second (default ${DEFAULT_SPEED})`,
      speedOption,
    )
    .option(
      "--fps <n>",
      `dashboard: frames per second, 1 to 60 (default ${DEFAULT_FPS})`,
      fpsOption,
    )
    .option("--no-color", "dashboard: no colours (also when NO_COLOR is set)")
    .option("--no-mouse", "dashboard: no mouse (the terminal's own selection works)")
    .option("--record <file.cast>", "dashboard: record what the terminal shows as asciicast v2");
}

/** Where the command line writes: the process's stdout and stderr, or a test's buffers. */
export interface CliIo {
  /** Writes text to stdout; false once the reader has gone (a closed pipe). */
  stdout: (text: string) => boolean;
  stderr: (text: string) => void;
}

const processIo: CliIo = {
  stdout: writeStdout,
  stderr: (text) => {
    process.stderr.write(text);
  },
};

/** Batch mode on a store, saving the session alongside if asked. */
function batch(
  store: Store,
  flags: BatchFlags,
  iterations: number,
  chapters: readonly Chapter[],
  out: CliIo["stdout"],
  save?: SessionWriter,
): void {
  save?.attach(store);
  try {
    runBatch(
      store,
      {
        iterations,
        delay: flags.delay ?? DEFAULT_DELAY,
        json: flags.json ?? false,
        events: flags.events ?? false,
        chapters,
        ...(save ? { onSnapshot: (t: number) => save.progress(t) } : {}),
      },
      // A session that can no longer be saved stops the run: close() then says why.
      (text) => (save?.failed ? false : out(text)),
    );
  } finally {
    save?.close(store.now);
  }
}

/** The live dashboard on `store`, recording and saving alongside when asked. */
async function live(
  store: Store,
  flags: DisplayFlags,
  chapters: readonly Chapter[],
  title: string,
  opts: { save?: SessionWriter; record?: OutputFile; paused?: boolean } = {},
): Promise<void> {
  const stdout = process.stdout;
  const { save } = opts;
  const recorder =
    opts.record !== undefined
      ? new Recorder(opts.record, {
          width: stdout.columns ?? 80,
          height: stdout.rows ?? 24,
          chapters,
          now: () => store.now,
          title,
          timestamp: Math.floor(Date.now() / 1000),
        })
      : undefined;
  save?.attach(store);
  // Both files are completed however the dashboard ends: quit, a signal or a crash (the session
  // up to a crash is what reproduces it). The first failure to write is thrown once both are closed.
  const finish = (): void => {
    let failure: unknown = null;
    try {
      recorder?.close();
    } catch (e) {
      failure = e;
    }
    try {
      save?.close(store.now);
    } catch (e) {
      failure ??= e;
    }
    if (failure !== null) throw failure;
  };
  // A signal or crash ends the dashboard with process.exit: the files are finished then.
  const finishOnExit = (): void => {
    try {
      finish();
    } catch (e) {
      process.stderr.write(`simtop: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
      process.exitCode = 1;
    }
  };
  const onResize = (): void => recorder?.resize(stdout.columns, stdout.rows);
  process.once("exit", finishOnExit);
  stdout.on("resize", onResize);
  try {
    await runDashboard({
      store,
      ...(flags.fps !== undefined ? { fps: flags.fps } : {}),
      ...(flags.speed !== undefined ? { speed: flags.speed } : {}),
      color: colorWanted(flags.color),
      mouse: flags.mouse,
      paused: opts.paused ?? false,
      chapters,
      onOutput: (chunk) => {
        recorder?.output(chunk);
        save?.progress(store.now);
      },
    });
  } finally {
    stdout.off("resize", onResize);
    process.off("exit", finishOnExit);
    finish();
  }
}

async function runDefault(flags: MainFlags, io: CliIo): Promise<void> {
  checkBatchFlags(flags);
  checkDisplayFlags(flags);
  checkOverwriteFlag(flags);
  const scenario = scenarioArg(flags.scenario);
  const config = scenarioConfig(scenario, configOverrides(flags));
  // A scenario's caches are per core: --cpus can take them over the machine's limit.
  const problem = validateConfig(config);
  if (problem !== null)
    throw new UsageError(`${scenario.name} on ${config.cores} cores: ${problem}`);
  if (!flags.batch && !(process.stdout.isTTY && process.stdin.isTTY)) throw notATerminal();
  const meta = { scenario: scenario.name, chapters: scenario.chapters };
  const store = startScenario(scenario, config);
  const inputs = builtinScenario(flags.scenario)
    ? []
    : [{ path: flags.scenario, what: "the --scenario file" }];
  const files = openRunOutputs(flags, inputs);
  const save = files.save ? new SessionWriter(files.save, config, meta) : undefined;
  if (flags.batch) {
    batch(store, flags, flags.iterations ?? 1, scenario.chapters, io.stdout, save);
    return;
  }
  await live(store, flags, scenario.chapters, `simtop: ${scenario.name}`, {
    ...(save ? { save } : {}),
    ...(files.record ? { record: files.record } : {}),
  });
}

async function runReplay(file: string, flags: BatchFlags & DisplayFlags, io: CliIo): Promise<void> {
  checkBatchFlags(flags);
  checkDisplayFlags(flags);
  checkOverwriteFlag(flags);
  const session = readSession(file);
  if (!flags.batch && !(process.stdout.isTTY && process.stdin.isTTY)) throw notATerminal();
  const store = replayStore(session, file);
  if (flags.batch) {
    const iterations = flags.iterations ?? replayIterations(session, flags.delay ?? DEFAULT_DELAY);
    batch(store, flags, iterations, session.meta?.chapters ?? [], io.stdout);
    return;
  }
  // The whole recorded history first, then the dashboard, paused at its end: rewind to look back.
  store.advance(session.endTick);
  const files = openRunOutputs(flags, [{ path: file, what: "the session being replayed" }]);
  await live(store, flags, session.meta?.chapters ?? [], `simtop replay: ${file}`, {
    ...(files.record ? { record: files.record } : {}),
    paused: true,
  });
}

/**
 * Commander's message as one line: its "(Did you mean --seed?)" hint joined on, and whatever
 * the user typed (echoed in the message) with its control characters made visible.
 */
export function commanderLine(s: string): string {
  const joined = s
    .replace(/^error: /, "")
    .trim()
    .replace(/\s*\n\(Did you mean (.*)\?\)$/s, " (did you mean $1?)");
  return oneLine(joined, 300);
}

/** The subcommands, for the message about one that does not exist. */
const COMMANDS = "replay, scenarios, demo, lab";

function buildProgram(io: CliIo): Command {
  const program = new Command();
  program
    .name("simtop")
    .description("top for a simulated operating system: processes, scheduler, pipeline and caches")
    .version(packageVersion(), "-V, --version", "print the version")
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => {
        io.stdout(s);
      },
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(`simtop: ${commanderLine(s)}\n`),
    })
    .option("-s, --scenario <name|file>", "a built-in scenario or a .yaml/.json file", "default")
    .option("--seed <n>", "seed of the simulation's random numbers", seedOption)
    .option("-c, --cpus <n>", "number of cores, 1 to 64", cpusOption)
    .option(
      "-p, --policy <name>",
      "scheduler: fcfs, sjf, priority, rr, mlfq, lottery, stride or cfs",
      policyOption,
    )
    .option(
      "-q, --quantum <ticks>",
      "time slice for rr, priority, lottery and stride",
      quantumOption,
    )
    .option("--queues <mode>", "run queues: global (one for every core) or per-core", queuesOption)
    .option("--save <file.jsonl>", "save the session (config and commands) as it runs");
  addBatchOptions(program);
  addDisplayOptions(program);
  program.option("--overwrite", "replace an existing --save or --record file (else refused)");
  program.addHelpText("after", EXAMPLES).action((flags: MainFlags, cmd: Command) => {
    // `simtop help [command]`, as git and npm have it.
    if (cmd.args[0] === "help" && cmd.args.length <= 2) {
      const sub =
        cmd.args[1] === undefined
          ? program
          : program.commands.find((c) => c.name() === cmd.args[1]);
      if (sub) return sub.outputHelp();
    }
    // Words after `simtop` that name no subcommand: say so, not "too many arguments".
    if (cmd.args.length > 0)
      throw new UsageError(
        `unknown command ${quoted(cmd.args[0])} (commands: ${COMMANDS}; see simtop --help)`,
      );
    return runDefault(flags, io);
  });

  const replay = program
    .command("replay")
    .description("reopen a saved session (--save) with its whole history")
    .argument("<file>", "a session file written by --save");
  addBatchOptions(replay);
  addDisplayOptions(replay);
  replay.option("--overwrite", "replace an existing --record file (else refused)");
  replay
    .addHelpText(
      "after",
      "\nExamples:\n  simtop replay run.jsonl\n  simtop replay run.jsonl --batch -n 3 -d 5000   the same snapshots as the original batch run",
    )
    .action((file: string, flags: BatchFlags & DisplayFlags) => runReplay(file, flags, io));

  registerScenarios(program);
  registerDemo(program);
  registerLab(program);
  // Set last, so the subcommands (which copy settings when created) still refuse extra words.
  program.allowExcessArguments();
  return program;
}

/** Runs simtop with `argv` (as process.argv: node and script first); resolves to the exit status. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof UsageError) {
      io.stderr(`simtop: ${oneLine(err.message)}\n`);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`simtop: internal error: ${oneLine(message)}\n`);
    return 1;
  }
}
