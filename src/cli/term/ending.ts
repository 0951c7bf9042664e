// Every way a full-screen run can end or pause from outside (signals, crashes, a terminal that is gone), and the exit each one gets.
import { closeSync, openSync } from "node:fs";
import { constants } from "node:os";
import { isatty } from "node:tty";

/**
 * Signals whose default action ends the process and that JavaScript may catch: each one
 * restores the terminal and exits 128+n. Every name Ink's signal-exit listens to is here,
 * aliases included (SIGIOT is SIGABRT, SIGPOLL is SIGIO): on a signal nothing else listens
 * to, signal-exit unmounts Ink and raises it again, which ends the process before the
 * terminal is restored (or, for an alias, lets the dashboard return and exit 0). Left out:
 * SIGUSR1 (bin/simtop.js ignores it, so Node opens no debugger port), SIGPROF (profilers),
 * and the faults (SIGSEGV, SIGBUS, SIGFPE, SIGILL) after which no JavaScript can safely run.
 */
const ENDING: readonly string[] = [
  "SIGHUP",
  "SIGINT",
  "SIGQUIT",
  "SIGTRAP",
  "SIGABRT",
  "SIGIOT",
  "SIGUSR2",
  "SIGPIPE",
  "SIGALRM",
  "SIGTERM",
  "SIGSTKFLT",
  "SIGXCPU",
  "SIGXFSZ",
  "SIGVTALRM",
  "SIGIO",
  "SIGPOLL",
  "SIGPWR",
  "SIGSYS",
  "SIGUNUSED",
];

/** The ending signals this platform has (Linux has them all; macOS lacks a few). */
export const ENDING_SIGNALS: readonly NodeJS.Signals[] = ENDING.filter(
  (s): s is NodeJS.Signals => s in constants.signals,
);

/** Signals Node ignores (SIG_IGN) until something listens to them. */
const IGNORED_BY_NODE: readonly NodeJS.Signals[] = ["SIGPIPE", "SIGXFSZ"];

function ignore(): void {}

export type Ending =
  | { kind: "signal"; signal: NodeJS.Signals }
  | { kind: "crash"; error: unknown }
  /** The terminal is gone: a write failed with EIO or EPIPE, or input ended. */
  | { kind: "hangup" };

export interface EndingHandlers {
  /** Restores what it can; the process then exits (see exitFor). */
  end(ending: Ending): void;
  /** SIGTSTP: give the terminal back and stop. */
  suspend(): void;
  /** SIGCONT: take the terminal again. */
  resume(): void;
}

/**
 * Listens for every ending while the terminal is held; returns the function that stops
 * listening. Listening to the terminating signals also stops Ink's own handler (signal-exit)
 * from re-raising them before the terminal is restored.
 */
export function watchEnding(
  streams: { stdin: NodeJS.ReadStream; stdout: NodeJS.WriteStream },
  h: EndingHandlers,
  isGone: (err: unknown) => boolean,
): () => void {
  const { stdin, stdout } = streams;
  const onSignal = (signal: NodeJS.Signals): void => h.end({ kind: "signal", signal });
  const onCrash = (error: unknown): void => h.end({ kind: "crash", error });
  const onStreamError = (error: unknown): void =>
    h.end(isGone(error) ? { kind: "hangup" } : { kind: "crash", error });
  // Input from a terminal in raw mode ends only when the terminal hangs up.
  const onInputEnd = (): void => h.end({ kind: "hangup" });
  const onSuspend = (): void => h.suspend();
  const onResume = (): void => h.resume();
  // Every listener once, so attaching and detaching cannot drift apart.
  type Listener = Parameters<NodeJS.EventEmitter["on"]>[1];
  const listeners: [NodeJS.EventEmitter, string, Listener][] = [
    ...ENDING_SIGNALS.map((sig): [NodeJS.EventEmitter, string, Listener] => [
      process,
      sig,
      onSignal,
    ]),
    [process, "SIGTSTP", onSuspend],
    [process, "SIGCONT", onResume],
    [process, "uncaughtException", onCrash],
    [process, "unhandledRejection", onCrash],
    [stdout, "error", onStreamError],
    [stdin, "error", onStreamError],
    [stdin, "end", onInputEnd],
  ];
  for (const [emitter, event, f] of listeners) emitter.on(event, f);
  return () => {
    for (const [emitter, event, f] of listeners) emitter.off(event, f);
    // Node ignores SIGPIPE and SIGXFSZ (a write fails with EPIPE or EFBIG instead), but the
    // last listener removed leaves a signal at its default, which kills: a listener that does
    // nothing keeps them ignored.
    for (const s of IGNORED_BY_NODE)
      if (ENDING_SIGNALS.includes(s) && process.listenerCount(s) === 0) process.on(s, ignore);
  };
}

/** The standard descriptors that are terminals, noted before the terminal can go away. */
const STDIO_TTYS = [0, 1, 2].filter((fd) => isatty(fd));

/**
 * Points the standard descriptors that were a terminal at /dev/null. At exit Node puts back
 * the terminal modes it found at start and, on a terminal that is gone, fails an assertion
 * (a native dump, then SIGSEGV); a descriptor that is no longer the terminal it skips.
 */
export function detachFromTerminal(): void {
  for (const fd of STDIO_TTYS) {
    try {
      closeSync(fd);
      // open() takes the lowest free descriptor: the one just closed.
      const got = openSync("/dev/null", "r+");
      if (got !== fd) closeSync(got);
    } catch {
      // A descriptor left closed is skipped at exit too.
    }
  }
}

/**
 * Ends the process after the terminal was restored (or found gone): 128+n for a signal
 * (129 when the terminal hung up), 1 and a one-line message for a crash. Files being written
 * are closed by the process's 'exit' listeners.
 */
export function exitFor(ending: Ending, terminalLost: boolean): never {
  const hangup =
    ending.kind === "hangup" || (ending.kind === "signal" && ending.signal === "SIGHUP");
  if (hangup || terminalLost) detachFromTerminal();
  if (ending.kind === "crash") {
    const { error } = ending;
    process.stderr.write(
      `simtop: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
  const signal = ending.kind === "signal" ? ending.signal : "SIGHUP";
  process.exit(128 + constants.signals[signal]);
}
