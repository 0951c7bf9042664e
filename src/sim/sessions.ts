// Sessions and process groups: the controlling terminal, hang-ups, orphaned groups, logins and keystrokes.
import type { Kernel } from "./kernel.js";
import type { Pcb } from "./process.js";
import { Signal, signalGroup } from "./signals.js";
import { Ctl, type Tty } from "./tty.js";

/** The terminal a session has as controlling terminal, or null. */
export function ttyOf(k: Kernel, sid: number): Tty | null {
  if (sid === 0) return null;
  for (const t of k.ttys) if (t.sid === sid) return t;
  return null;
}

/**
 * POSIX: a group is orphaned when no member has a parent in another group of the same
 * session: nobody is left to continue it from a shell.
 */
export function isOrphanedGroup(k: Kernel, pgid: number): boolean {
  for (const q of k.procs.values()) {
    if (q.pgid !== pgid || q.state === "zombie") continue;
    const parent = k.procs.get(q.ppid);
    if (parent && parent.pgid !== pgid && parent.sid === q.sid) return false;
  }
  return true;
}

/**
 * The controlling process is gone: its foreground group gets SIGHUP and SIGCONT, and the
 * terminal belongs to nobody (Linux's disassociate_ctty).
 */
export function sessionLeaderExited(k: Kernel, p: Pcb): void {
  const t = ttyOf(k, p.sid);
  if (t === null) return;
  const fg = t.fgPgrp;
  t.hangUp();
  k.emit({ tick: k.now, type: "TtyHungUp", tty: t.name, sid: p.sid });
  if (fg !== 0 && fg !== p.pgid) {
    signalGroup(k, fg, Signal.SIGHUP, 0);
    signalGroup(k, fg, Signal.SIGCONT, 0);
  }
}

/**
 * An exit may orphan its own group and its children's groups (`groups`): each such group with
 * a stopped member gets SIGHUP, then SIGCONT (POSIX), so it is not left stopped forever.
 */
export function orphanedGroupsAfterExit(k: Kernel, groups: ReadonlySet<number>): void {
  for (const g of groups) {
    let stopped = false;
    let live = false;
    for (const q of k.procs.values()) {
      if (q.pgid !== g || q.state === "zombie") continue;
      live = true;
      if (q.state === "stopped") stopped = true;
    }
    if (!live || !stopped || !isOrphanedGroup(k, g)) continue;
    signalGroup(k, g, Signal.SIGHUP, 0);
    signalGroup(k, g, Signal.SIGCONT, 0);
  }
}

/** A login: `p` leads a new session and group, with `t` as its terminal, in the foreground. */
export function login(k: Kernel, p: Pcb, t: Tty): void {
  p.sid = p.pid;
  p.pgid = p.pid;
  t.sid = p.pid;
  t.fgPgrp = p.pid;
  k.emit({ tick: k.now, type: "SessionStarted", pid: p.pid, tty: t.name });
}

/** Keystrokes into a terminal, through its line discipline; its readers try again. */
export function typeInto(k: Kernel, t: Tty, text: string): void {
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    const sig = t.receive(c);
    if (sig !== 0 || c === Ctl.EOF) {
      const key = `^${String.fromCharCode(c ^ 0x40)}`;
      k.emit({ tick: k.now, type: "TtyKey", tty: t.name, key, signal: sig, pgid: t.fgPgrp });
    }
    if (sig !== 0 && t.fgPgrp !== 0) signalGroup(k, t.fgPgrp, sig, 0);
  }
  if (!t.readable()) return;
  for (const q of k.procs.values())
    if (q.state === "blocked" && q.block === "tty" && q.sid === t.sid) k.wake(q);
}
