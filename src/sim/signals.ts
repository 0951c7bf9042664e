// Signal numbers, names and POSIX default actions.

/** Linux numbering, so exit statuses (128+n) match what a shell prints. */
export const Signal = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGSEGV: 11,
  SIGTERM: 15,
  SIGCHLD: 17,
  SIGCONT: 18,
  SIGSTOP: 19,
} as const;
export type Signal = (typeof Signal)[keyof typeof Signal];

export const SIGNALS: readonly Signal[] = Object.values(Signal);
export const NSIG = 32;

const NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(Signal).map(([k, v]) => [v, k]),
);

export function signalName(sig: number): string {
  return NAMES[sig] ?? `SIG${sig}`;
}

/** Accepts `SIGINT`, `INT`, `int` or `2`; returns undefined for anything else. */
export function parseSignal(text: string): Signal | undefined {
  const t = text.trim().toUpperCase();
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    return SIGNALS.includes(n as Signal) ? (n as Signal) : undefined;
  }
  const name = t.startsWith("SIG") ? t : `SIG${t}`;
  return (Signal as Record<string, Signal>)[name];
}

/** What happens to a process when a signal arrives with the default disposition. */
export const DefaultAction = { Terminate: 0, Ignore: 1, Stop: 2, Continue: 3, Core: 4 } as const;
export type DefaultAction = (typeof DefaultAction)[keyof typeof DefaultAction];

export function defaultAction(sig: number): DefaultAction {
  switch (sig) {
    case Signal.SIGCHLD:
      return DefaultAction.Ignore;
    case Signal.SIGSTOP:
      return DefaultAction.Stop;
    case Signal.SIGCONT:
      return DefaultAction.Continue;
    case Signal.SIGSEGV:
      return DefaultAction.Core;
    default:
      return DefaultAction.Terminate;
  }
}

/** SIGKILL and SIGSTOP can be neither caught nor ignored. */
export function isCatchable(sig: number): boolean {
  return sig !== Signal.SIGKILL && sig !== Signal.SIGSTOP;
}
