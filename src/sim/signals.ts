// Signals: numbers, names and POSIX default actions, and how the kernel sends and delivers them.
import { Reg, SIG_IGN } from "./cpu/isa.js";
import type { SignalAction } from "./events.js";
import type { Kernel } from "./kernel.js";
import { INIT_PID, type Pcb } from "./process.js";
import { SIGNAL_ACTIONS, Step } from "./story.js";

/** Linux numbering, so exit statuses (128+n) match what a shell prints. */
export const Signal = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGSEGV: 11,
  SIGTERM: 15,
  SIGCHLD: 17,
  SIGCONT: 18,
  SIGSTOP: 19,
  SIGTSTP: 20,
  SIGTTIN: 21,
  SIGTTOU: 22,
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
    case Signal.SIGTSTP:
    case Signal.SIGTTIN:
    case Signal.SIGTTOU:
      return DefaultAction.Stop;
    case Signal.SIGCONT:
      return DefaultAction.Continue;
    case Signal.SIGSEGV:
    case Signal.SIGQUIT:
      return DefaultAction.Core;
    default:
      return DefaultAction.Terminate;
  }
}

/** The signals whose default action is to stop: SIGSTOP and the terminal's three. */
const STOP_SIGNALS =
  (1 << Signal.SIGSTOP) | (1 << Signal.SIGTSTP) | (1 << Signal.SIGTTIN) | (1 << Signal.SIGTTOU);

/** SIGKILL and SIGSTOP can be neither caught nor ignored. */
export function isCatchable(sig: number): boolean {
  return sig !== Signal.SIGKILL && sig !== Signal.SIGSTOP;
}

// ---- sending and delivery ---------------------------------------------------------------------

/** Marks `sig` pending on `p` without any checks (the kernel's own faults). */
export function raise(p: Pcb, sig: number): void {
  p.sigPending |= 1 << sig;
}

/**
 * kill(pid, sig): returns 0, or -1 if there is no such process or it is a zombie (ESRCH).
 * SIGKILL, SIGSTOP and SIGCONT act at once on a process that is not running; everything
 * else is delivered when the process next runs.
 */
export function sendSignal(k: Kernel, pid: number, sig: number, from: number): number {
  // Numbers outside 0..NSIG-1 name no signal (EINVAL); signal 0 only checks the pid exists.
  if (!Number.isInteger(sig) || sig < 0 || sig >= NSIG) return -1;
  const p = k.procs.get(pid);
  if (!p) {
    k.emit({ tick: k.now, type: "SignalSent", pid, signal: sig, from, result: "esrch" });
    return -1;
  }
  if (p.state === "zombie") {
    k.emit({ tick: k.now, type: "SignalSent", pid, signal: sig, from, result: "zombie" });
    return -1;
  }
  if (sig === 0) return 0;
  // POSIX: SIGCONT discards pending stops, and a stop discards a pending SIGCONT.
  if (sig === Signal.SIGCONT) p.sigPending &= ~STOP_SIGNALS;
  if (defaultAction(sig) === DefaultAction.Stop) p.sigPending &= ~(1 << Signal.SIGCONT);
  const disp = p.sigDisposition[sig];
  // init only receives signals it has a handler for (as on Linux).
  const discard =
    (pid === INIT_PID && (disp < 2 || !isCatchable(sig))) ||
    (isCatchable(sig) && disp === SIG_IGN && sig !== Signal.SIGCONT) ||
    (disp === 0 && defaultAction(sig) === DefaultAction.Ignore);
  if (sig === Signal.SIGCONT && p.state === "stopped") {
    signalDelivered(k, p, Signal.SIGCONT, "continued", 0);
    k.resume(p);
  }
  if (discard) {
    k.emit({ tick: k.now, type: "SignalSent", pid, signal: sig, from, result: "ignored" });
    return 0;
  }
  k.emit({ tick: k.now, type: "SignalSent", pid, signal: sig, from, result: "pending" });
  if (sig === Signal.SIGCONT && disp === 0) return 0;
  if ((sig === Signal.SIGKILL || sig === Signal.SIGSTOP) && p.state !== "running") {
    actNow(k, p, sig);
    return 0;
  }
  p.sigPending |= 1 << sig;
  if (p.state === "blocked" && p.block !== "io") interrupt(k, p);
  return 0;
}

/**
 * kill(-pgid, sig): every member of the group, in creation order. 0 if at least one member got
 * it, -1 (ESRCH) if the group has no live member.
 */
export function signalGroup(k: Kernel, pgid: number, sig: number, from: number): number {
  if (!Number.isInteger(sig) || sig < 0 || sig >= NSIG) return -1;
  let found = false;
  for (const p of [...k.procs.values()]) {
    if (p.pgid !== pgid || p.state === "zombie") continue;
    found = true;
    sendSignal(k, p.pid, sig, from);
  }
  if (!found)
    k.emit({ tick: k.now, type: "SignalSent", pid: -pgid, signal: sig, from, result: "esrch" });
  return found ? 0 : -1;
}

/** kill's target as POSIX reads it: pid > 0 a process, 0 the caller's group, < -1 a group. */
export function kill(k: Kernel, target: number, sig: number, caller: Pcb | null): number {
  if (target > 0) return sendSignal(k, target, sig, caller ? caller.pid : 0);
  if (target === 0) return caller ? signalGroup(k, caller.pgid, sig, caller.pid) : -1;
  if (target === -1) return -1; // "every process" is not offered: EPERM as for an unprivileged user
  return signalGroup(k, -target, sig, caller ? caller.pid : 0);
}

/** SIGKILL and SIGSTOP: no handler, no ignoring, no waiting behind other pending signals. */
function actNow(k: Kernel, p: Pcb, sig: number): void {
  p.sigPending &= ~(1 << sig);
  if (sig === Signal.SIGKILL) {
    signalDelivered(k, p, sig, "terminated", 128 + sig);
    k.exitProcess(p, 128 + sig, sig);
  } else {
    signalDelivered(k, p, sig, "stopped", 0);
    k.stop(p, sig);
  }
}

/**
 * A signal interrupts sleep, wait, pause and a terminal read: the call returns -1 (EINTR).
 * A terminal read is restarted instead unless a handler is to run (as with SA_RESTART for
 * stops): a process stopped by Ctrl+Z goes back to reading when continued.
 */
function interrupt(k: Kernel, p: Pcb): void {
  if (p.block === "tty" && !handlerPending(p)) {
    k.wake(p);
    return;
  }
  if (p.block === "tty") k.unwindTtyRead(p);
  p.regs[Reg.V0] = -1;
  k.wake(p);
}

function handlerPending(p: Pcb): boolean {
  for (let s = 1; s < NSIG; s++)
    if ((p.sigPending & (1 << s)) !== 0 && p.sigDisposition[s] >= 2 && isCatchable(s)) return true;
  return false;
}

/** A process inside a handler takes no further handled signals until sigreturn. */
export function canDeliver(p: Pcb): boolean {
  if (p.sigSaved === null) return true;
  for (let s = 1; s < NSIG; s++) {
    if ((p.sigPending & (1 << s)) !== 0 && (p.sigDisposition[s] < 2 || !isCatchable(s)))
      return true;
  }
  return false;
}

/** Acts on pending signals, lowest number first; stops at a handler, a stop or death. */
export function deliverSignals(k: Kernel, p: Pcb): void {
  if ((p.sigPending & (1 << Signal.SIGKILL)) !== 0) {
    actNow(k, p, Signal.SIGKILL);
    return;
  }
  for (let s = 1; s < NSIG && p.sigPending !== 0; s++) {
    const bit = 1 << s;
    if ((p.sigPending & bit) === 0) continue;
    const disp = p.sigDisposition[s];
    const handled = disp >= 2 && isCatchable(s);
    if (handled && p.sigSaved !== null) continue; // after sigreturn
    p.sigPending &= ~bit;
    if (handled) {
      runHandler(k, p, s, disp);
      return;
    }
    if (disp === SIG_IGN && isCatchable(s)) continue;
    const action = defaultAction(s);
    if (action === DefaultAction.Terminate || action === DefaultAction.Core) {
      signalDelivered(k, p, s, action === DefaultAction.Core ? "core" : "terminated", 128 + s);
      k.exitProcess(p, 128 + s, s);
      return;
    }
    if (action === DefaultAction.Stop) {
      // POSIX: the terminal's stop signals do not stop an orphaned group (nobody could resume it).
      if (s !== Signal.SIGSTOP && k.isOrphanedGroup(p.pgid)) {
        signalDelivered(k, p, s, "ignored", 0);
        continue;
      }
      signalDelivered(k, p, s, "stopped", 0);
      k.stop(p, s);
      return;
    }
    signalDelivered(k, p, s, action === DefaultAction.Continue ? "continued" : "ignored", 0);
  }
}

export function signalDelivered(
  k: Kernel,
  p: Pcb,
  signal: number,
  action: SignalAction,
  status: number,
): void {
  p.story.add(k.holdsFrom(), Step.Signal, signal | (SIGNAL_ACTIONS.indexOf(action) << 8));
  k.emit({
    tick: k.now,
    type: "SignalDelivered",
    pid: p.pid,
    name: p.name,
    signal,
    action,
    status,
  });
}

function runHandler(k: Kernel, p: Pcb, sig: number, handler: number): void {
  p.sigSaved = p.regs.slice();
  p.sigSavedPc = p.pc;
  p.pc = handler;
  p.regs[Reg.A0] = sig;
  signalDelivered(k, p, sig, "handler", 0);
  k.emit({ tick: k.now, type: "HandlerRan", pid: p.pid, signal: sig, handler });
  // A process taking a signal on its way out of a blocking call must be ready to run it.
  if (p.state === "blocked" && p.block !== "io") k.wake(p);
}

/** sigreturn: back to where the handler interrupted. */
export function sigreturn(p: Pcb): boolean {
  if (p.sigSaved === null) return false;
  p.regs.set(p.sigSaved);
  p.pc = p.sigSavedPc;
  p.sigSaved = null;
  return true;
}

/** exec: handlers do not survive it; ignored signals stay ignored (POSIX). */
export function resetHandlers(p: Pcb): void {
  for (let s = 0; s < p.sigDisposition.length; s++) {
    if (p.sigDisposition[s] !== SIG_IGN) p.sigDisposition[s] = 0;
  }
  p.sigSaved = null;
}
