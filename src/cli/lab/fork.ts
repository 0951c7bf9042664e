// `simtop lab fork`: OSTEP's fork.py exercise, the process tree kept by simtop's kernel.
import { randomInt } from "node:crypto";
import { type Command, Option } from "commander";
import {
  actionText,
  type ForkAction,
  ForkActionError,
  type ForkResult,
  type ProcessTree,
  ROOT,
  randomActions,
  runFork,
} from "../../sim/lab/fork.js";
import { PyRandom } from "../../sim/lab/pyRandom.js";
import { UsageError } from "../errors.js";
import { anyIntOption, choiceOption, intOption, numberOption } from "../options.js";
import { checkSize } from "./ostepArgs.js";
import { pyBool, pyFloatRepr } from "./table.js";

export interface ForkFlags {
  seed: number;
  forks: number;
  actionList?: ForkAction[];
  actions: number;
  showTree?: boolean;
  printStyle: TreeStyle;
  finalOnly?: boolean;
  leafOnly?: boolean;
  localReparent?: boolean;
  compute?: boolean;
  json?: boolean;
}

const STYLES = ["basic", "line1", "line2", "fancy"] as const;
type TreeStyle = (typeof STYLES)[number];

const NAME = /^[A-Za-z0-9_]+$/;

/** -A: a+b (a forks b) and b- (b exits), comma-separated. */
export function parseActions(value: string): ForkAction[] {
  if (value.trim() === "")
    throw new UsageError("-A: expected X+Y or X- actions, got an empty list");
  return value.split(",").map((text) => {
    const bad = () =>
      new UsageError(`-A: expected X+Y or X- (X, Y process names), got ${JSON.stringify(text)}`);
    const fork = /^([^+]*)\+([^+]*)$/.exec(text);
    if (fork) {
      if (!NAME.test(fork[1]) || !NAME.test(fork[2])) throw bad();
      return { kind: "fork", parent: fork[1], child: fork[2] };
    }
    const exit = /^(.*)-$/.exec(text);
    if (exit && NAME.test(exit[1])) return { kind: "exit", name: exit[1] };
    throw bad();
  });
}

/** fork.py's tree drawing (its walk()), indented 31 columns. */
export function drawTree(tree: ProcessTree, style: TreeStyle): string {
  const chars: Record<Exclude<TreeStyle, "basic">, string[]> = {
    line1: ["|", "-", "+", "|"],
    line2: ["|", "_", "|", "|"],
    fancy: ["\u2502", "\u2500", "\u251c", "\u2514"],
  };
  const indent = " ".repeat(31);
  let out = "";
  const pmask = new Map<number, boolean>();
  const walk = (p: string, level: number, last: boolean): void => {
    const kids = tree[p] ?? [];
    if (style === "basic") {
      out += `${indent}${"   ".repeat(level)}${p.padStart(2)}\n`;
      for (const c of kids) walk(c, level + 1, false);
      return;
    }
    const [bar, dash, tee, corner] = chars[style];
    let line = indent;
    if (level > 0) {
      for (let i = 0; i < level - 1; i++) line += pmask.get(i) ? `${bar}   ` : "    ";
      if (pmask.get(level - 1)) line += `${last ? corner : tee}${dash}${dash} `;
      else line += ` ${dash}${dash}${dash} `;
    }
    out += `${line}${p}\n`;
    if (last) pmask.set(level - 1, false);
    pmask.set(level, true);
    kids.forEach((c, i) => {
      walk(c, level + 1, i === kids.length - 1);
    });
  };
  walk(ROOT, 0, false);
  return out;
}

function describe(a: ForkAction, failed: boolean): string {
  if (a.kind === "fork") return `${a.parent} forks ${a.child}`;
  return failed ? `${a.name} EXITS (failed: has children)` : `${a.name} EXITS`;
}

/**
 * fork.py's run: by default each action is shown and its tree is the question ("Process
 * Tree?"); with -t each tree is shown and its action is the question ("Action?"); -c answers.
 */
function table(r: ForkResult, actions: ForkAction[], flags: ForkFlags, style: TreeStyle): string {
  const solve = flags.compute === true;
  const showTree = flags.showTree === true;
  let s = `${" ".repeat(27)}Process Tree:\n${drawTree(r.initial, style)}\n`;
  r.steps.forEach((step, i) => {
    const action = `Action: ${describe(actions[i], step.outcome === "failed")}\n`;
    if (showTree) {
      s += solve ? action : "Action?\n";
      if (!flags.finalOnly) s += drawTree(step.tree, style);
    } else {
      s += action;
      if (!flags.finalOnly) s += solve ? drawTree(step.tree, style) : "Process Tree?\n";
    }
  });
  if (flags.finalOnly) {
    const title = `\n${" ".repeat(24)}Final Process Tree`;
    if (showTree || solve) s += `${title}:\n${drawTree(r.final, style)}\n`;
    else s += `${title}?\n\n`;
  }
  return s;
}

/** What `simtop lab fork` prints for these flags; `seed` draws the random actions. */
export function forkLab(flags: ForkFlags, seed = flags.seed): string {
  const style = flags.printStyle;
  if (flags.forks <= 0.001)
    throw new UsageError(`-f: must be more than 0.001, got ${pyFloatRepr(flags.forks)}`);
  let actions: ForkAction[];
  if (flags.actionList !== undefined) {
    actions = flags.actionList;
  } else {
    checkSize("-a", "actions", flags.actions, 100_000);
    actions = randomActions(flags.actions, flags.forks, new PyRandom(seed));
  }
  checkSize(flags.actionList ? "-A" : "-a", "actions", actions.length, 100_000);
  let r: ForkResult;
  try {
    r = runFork({
      actions,
      reparentToParent: flags.localReparent === true,
      leafOnly: flags.leafOnly === true,
    });
  } catch (e) {
    if (e instanceof ForkActionError) throw new UsageError(`-A: ${e.message}`);
    throw e;
  }
  if (flags.json) {
    const steps = r.steps.map((s) => ({ action: s.action, children: s.tree }));
    return `${JSON.stringify({ steps, final: r.final })}\n`;
  }
  const args = [
    `seed ${flags.seed}`,
    `fork_percentage ${pyFloatRepr(flags.forks)}`,
    `actions ${flags.actions}`,
    `action_list ${flags.actionList === undefined ? "" : flags.actionList.map(actionText).join(",")}`,
    `show_tree ${pyBool(flags.showTree === true)}`,
    `just_final ${pyBool(flags.finalOnly === true)}`,
    `leaf_only ${pyBool(flags.leafOnly === true)}`,
    `local_reparent ${pyBool(flags.localReparent === true)}`,
    `print_style ${style}`,
    `solve ${pyBool(flags.compute === true)}`,
  ];
  return `\n${args.map((a) => `ARG ${a}`).join("\n")}\n\n${table(r, actions, flags, style)}`;
}

/** Adds `fork` under `simtop lab`. */
export function registerForkLab(lab: Command): void {
  lab
    .command("fork")
    .description(
      "OSTEP fork.py: the process tree after each fork and exit (-c for the answer, -t to guess the actions)",
    )
    .option("-s, --seed <n>", "random seed (-1: a different run each time)", anyIntOption("-s"), -1)
    .option(
      "-f, --forks <share>",
      "share of random actions that are forks (not exits)",
      numberOption("-f", 0, 1),
      0.7,
    )
    .option(
      "-A, --action-list <list>",
      "actions instead of random ones: a+b (a forks b), b- (b exits)",
      parseActions,
    )
    .option(
      "-a, --actions <n>",
      "number of random actions",
      intOption("-a", 0, Number.MAX_SAFE_INTEGER),
      5,
    )
    .option("-t, --show-tree", "show the trees and ask for the actions (not the other way round)")
    .addOption(
      new Option("-P, --print-style <style>", "tree style")
        .choices(STYLES)
        .argParser(choiceOption("-P", STYLES))
        .default("fancy"),
    )
    .option("-F, --final-only", "show only the final tree")
    .option("-L, --leaf-only", "only processes without children may exit")
    .option("-R, --local-reparent", "orphans go to the exiting process's parent, not the root")
    .option("-c, --compute", "compute the answers")
    .option("--json", "print each step's tree and the final tree as JSON")
    .action((flags: ForkFlags) => {
      // fork.py leaves Python's generator unseeded (seeded from the OS) when the seed is -1.
      const seed = flags.seed === -1 ? randomInt(2 ** 32) : flags.seed;
      process.stdout.write(forkLab(flags, seed));
    });
}
