// Checks every output a command names before any is opened, then opens all of them or none.
import { fstatSync, lstatSync, realpathSync, type Stats, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { isatty } from "node:tty";
import { UsageError } from "./errors.js";
import { OutputFile, type OutputTarget, reason, type WriteMode } from "./outputFile.js";

/** A file the command is asked to write: the option naming it and the path given. */
export interface OutputRequest {
  flag: string;
  path: string;
}

/** A file the command reads, which no output may replace. */
export interface InputFile {
  path: string;
  /** What it is, in a message: "the --scenario file", "the session being replayed". */
  what: string;
}

export interface OutputPlan {
  outputs: readonly OutputRequest[];
  inputs?: readonly InputFile[];
  /** --overwrite: an existing file may be replaced. */
  overwrite: boolean;
  /**
   * What simtop itself writes to its stdout during the run ("the snapshots"), or null when it
   * writes nothing there: then `/dev/stdout` is a fine output (e.g. a demo's cast into a pipe).
   */
  stdoutUse: string | null;
  mode: WriteMode;
}

/** Same file, whichever path names it: device and inode once it exists, else the resolved path. */
type Identity = string;

function identity(st: Stats): Identity {
  return `${st.dev}:${st.ino}`;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

const NULL_DEVICE = statOrNull("/dev/null");

/** /dev/null takes any number of writers and loses nothing of anyone's. */
function isNullDevice(st: Stats): boolean {
  return NULL_DEVICE !== null && st.isCharacterDevice() && st.rdev === NULL_DEVICE.rdev;
}

interface Resolved {
  target: OutputTarget;
  id: Identity;
  stat: Stats | null;
}

/** Where `path` leads, refusing what can never be written: a directory, a missing directory. */
function resolve(o: OutputRequest): Resolved {
  const refuse = (why: string): never => {
    throw new UsageError(`${o.flag}: cannot write ${o.path}: ${why}`);
  };
  if (o.path === "") throw new UsageError(`${o.flag}: expected a file name, got ""`);
  let st: Stats | null = null;
  try {
    st = statSync(o.path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") refuse(reason(e));
    let link = false;
    try {
      link = lstatSync(o.path).isSymbolicLink();
    } catch {
      // Nothing there at all: the usual case of a new file.
    }
    if (link) refuse("a symbolic link to a file that does not exist");
  }
  if (st !== null) {
    if (st.isDirectory()) refuse("is a directory");
    const real = realpathSync(o.path);
    const target = { flag: o.flag, path: o.path, real, exists: st.isFile(), special: !st.isFile() };
    return { target, id: identity(st), stat: st };
  }
  if (/[/\\]$/.test(o.path)) refuse("no such directory");
  const dir = dirname(o.path);
  const dirStat = statOrNull(dir);
  if (dirStat === null) refuse("no such directory");
  if (!dirStat!.isDirectory()) refuse(`${dir} is not a directory`);
  const real = join(realpathSync(dir), basename(o.path));
  return {
    target: { flag: o.flag, path: o.path, real, exists: false, special: false },
    id: `path:${real}`,
    stat: null,
  };
}

/**
 * Checks every output of `plan` (asciinema's rule: an existing file only with --overwrite; never
 * an input, another output or simtop's own stdout) without touching any: a refusal is a
 * UsageError naming the option. Returns where each one goes, for openTargets().
 */
export function checkOutputs(plan: Omit<OutputPlan, "mode">): OutputTarget[] {
  const resolved = plan.outputs.map(resolve);
  const inputs = (plan.inputs ?? []).map((i) => ({ what: i.what, st: statOrNull(i.path) }));
  const stdout = (() => {
    try {
      return fstatSync(1);
    } catch {
      return null;
    }
  })();
  resolved.forEach((r, i) => {
    const { flag, path } = r.target;
    if (r.stat !== null && isNullDevice(r.stat)) return;
    for (const input of inputs)
      if (input.st !== null && identity(input.st) === r.id)
        throw new UsageError(`${flag}: ${path} is ${input.what}; write to another file`);
    for (const other of resolved.slice(0, i))
      if (other.id === r.id)
        throw new UsageError(`${flag}: ${path} is also the ${other.target.flag} output`);
    if (stdout !== null && identity(stdout) === r.id) {
      if (plan.stdoutUse !== null)
        throw new UsageError(
          `${flag}: ${path} is simtop's standard output, where ${plan.stdoutUse} go`,
        );
      // The shell opened it for simtop (`> out.cast`, `>> log`, `| player`): write through that.
      r.target.fd = 1;
      r.target.special = true;
      return;
    }
    if (r.target.exists && !plan.overwrite)
      throw new UsageError(`${flag}: ${path} already exists (add --overwrite to replace it)`);
  });
  return resolved.map((r) => r.target);
}

/**
 * Opens checked outputs, all or none (a failure removes what the others created). Nothing is
 * written or emptied yet: an existing file is emptied by OutputFile.begin(), at the first write.
 */
export function openTargets(targets: readonly OutputTarget[], mode: WriteMode): OutputFile[] {
  const files: OutputFile[] = [];
  try {
    for (const t of targets) {
      const f = new OutputFile(t, mode);
      files.push(f);
      if (t.special && t.fd === undefined && f.descriptor !== null && isatty(f.descriptor))
        throw new UsageError(`${t.flag}: ${t.path} is a terminal, not a file`);
    }
  } catch (e) {
    for (const f of files) f.discard();
    throw e;
  }
  return files;
}

/** checkOutputs, then openTargets: every output checked before any is opened. */
export function openOutputs(plan: OutputPlan): OutputFile[] {
  return openTargets(checkOutputs(plan), plan.mode);
}

/** Finishes every file (see OutputFile.finish), all of them even if one fails; throws the first failure. */
export function finishOutputs(files: readonly (OutputFile | undefined)[]): void {
  let first: unknown = null;
  for (const f of files) {
    try {
      f?.finish();
    } catch (e) {
      first ??= e;
    }
  }
  if (first !== null) throw first;
}

/** Removes what the run created (it did not happen); existing files are left as they were. */
export function discardOutputs(files: readonly (OutputFile | undefined)[]): void {
  for (const f of files) f?.discard();
}
