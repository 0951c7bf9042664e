// OSTEP's fork.py on simtop's kernel: the process tree after each fork and exit.
import { defaultConfig } from "../config.js";
import { INIT_PID, Kernel } from "../kernel.js";
import type { Pcb } from "../process.js";
import type { Uniform } from "./pyRandom.js";

/** fork.py's actions: `a+b` (a forks b) and `b-` (b exits). */
export type ForkAction =
  | { kind: "fork"; parent: string; child: string }
  | { kind: "exit"; name: string };

export interface ForkSpec {
  actions: ForkAction[];
  /** -R: orphans go to the exiting process's parent (else every descendant goes to the root). */
  reparentToParent: boolean;
  /** -L: only a process without children may exit; otherwise the exit fails. */
  leafOnly: boolean;
}

/** Each live process's children, in the order they joined it; keys in creation order. */
export type ProcessTree = Record<string, string[]>;

export type ForkOutcome = "forked" | "exited" | "failed";

export interface ForkStep {
  action: string;
  outcome: ForkOutcome;
  tree: ProcessTree;
}

export interface ForkResult {
  root: string;
  initial: ProcessTree;
  steps: ForkStep[];
  final: ProcessTree;
}

/** The root process's name, as in fork.py. */
export const ROOT = "a";

/** A bad action: names the action and why (the CLI reports it against -A). */
export class ForkActionError extends Error {}

export function actionText(a: ForkAction): string {
  return a.kind === "fork" ? `${a.parent}+${a.child}` : `${a.name}-`;
}

/** fork.py's name sequence after the root: b..z, A..Z, then two letters, and so on. */
export function* processNames(): Generator<string> {
  const base = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let names = base.split("");
  let i = 1;
  for (;;) {
    if (i === names.length) {
      names = names.flatMap((n) => base.split("").map((b) => n + b));
      i = 0;
    }
    yield names[i++];
  }
}

/**
 * fork.py's random actions: each a fork (probability `forkShare`) by a random live process, or
 * the exit of a random live process other than the root.
 */
export function randomActions(count: number, forkShare: number, rng: Uniform): ForkAction[] {
  const live = [ROOT];
  const names = processNames();
  const out: ForkAction[] = [];
  while (out.length < count) {
    if (rng.next() < forkShare) {
      const parent = live[Math.floor(rng.next() * live.length)];
      const child = names.next().value as string;
      out.push({ kind: "fork", parent, child });
      live.push(child);
    } else {
      const name = live[Math.floor(rng.next() * live.length)];
      if (name === ROOT) continue;
      live.splice(live.indexOf(name), 1);
      out.push({ kind: "exit", name });
    }
  }
  return out;
}

/**
 * Replays the actions with the kernel's own fork and exit: the root is init (pid 1), whose
 * adoption rule is set to fork.py's (-R: the exiting process's parent; otherwise init takes
 * every descendant). An exited process is reaped by its parent at once, as fork.py drops it.
 */
export function runFork(spec: ForkSpec): ForkResult {
  const forks = spec.actions.filter((a) => a.kind === "fork").length;
  const k = new Kernel(
    defaultConfig({
      cpu: "ideal",
      cores: 1,
      forkCost: { base: 0, perPage: 0 },
      execCost: { base: 0, perPage: 0 },
      maxProcesses: forks + 2,
      reparentTo: spec.reparentToParent ? "grandparent" : "init-all",
    }),
  );
  k.recordEvents = false;
  const names = new Map<number, string>([[INIT_PID, ROOT]]);
  const live = new Map<string, Pcb>([[ROOT, k.procs.get(INIT_PID)!]]);
  const find = (name: string, action: ForkAction): Pcb => {
    const p = live.get(name);
    if (p === undefined)
      throw new ForkActionError(`${actionText(action)}: no live process ${name}`);
    return p;
  };
  const tree = (): ProcessTree => {
    const out: ProcessTree = {};
    for (const p of k.procs.values())
      out[names.get(p.pid)!] = k.childrenOf(p).map((c) => names.get(c.pid)!);
    return out;
  };
  const initial = tree();
  const steps: ForkStep[] = [];
  for (const a of spec.actions) {
    let outcome: ForkOutcome;
    if (a.kind === "fork") {
      const parent = find(a.parent, a);
      if (live.has(a.child))
        throw new ForkActionError(`${actionText(a)}: ${a.child} is already running`);
      const child = k.fork(parent);
      if (child === null) throw new ForkActionError(`${actionText(a)}: the process table is full`);
      names.set(child.pid, a.child);
      live.set(a.child, child);
      outcome = "forked";
    } else {
      const p = find(a.name, a);
      if (p.pid === INIT_PID)
        throw new ForkActionError(`${actionText(a)}: the root process cannot exit`);
      if (spec.leafOnly && k.hasChild(p, -1)) {
        outcome = "failed";
      } else {
        const parent = k.procs.get(p.ppid)!;
        k.exitProcess(p, 0, 0);
        k.reap(p, parent);
        live.delete(a.name);
        names.delete(p.pid);
        outcome = "exited";
      }
    }
    steps.push({ action: actionText(a), outcome, tree: tree() });
  }
  return {
    root: ROOT,
    initial,
    steps,
    final: steps.length > 0 ? steps[steps.length - 1].tree : initial,
  };
}
