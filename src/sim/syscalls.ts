// System calls: each a short function named after it, as in xv6's sysproc.c.
import { Reg, SIG_IGN, SYS_NAMES, Sys } from "./cpu/isa.js";
import { type Kernel, WNOHANG, WUNTRACED } from "./kernel.js";
import type { Pcb } from "./process.js";
import { isCatchable, kill, NSIG, Signal, signalGroup, sigreturn } from "./signals.js";

/** Performs the call whose number is in $v0; the result goes back in $v0 ($v1 for wait's status). */
export function performSyscall(k: Kernel, p: Pcb): void {
  const n = p.regs[Reg.V0];
  if (k.recordEvents) {
    k.emit({ tick: k.now, type: "SyscallEntered", pid: p.pid, syscall: SYS_NAMES[n] ?? `sys${n}` });
  }
  const a0 = p.regs[Reg.A0];
  const a1 = p.regs[Reg.A1];
  const a2 = p.regs[Reg.A2];
  switch (n) {
    case Sys.EXIT:
      return sysExit(k, p, a0);
    case Sys.FORK:
      return sysFork(k, p);
    case Sys.EXEC:
      return sysExec(k, p, a0);
    case Sys.WAIT:
      return sysWait(k, p, -1, a0 === 1, 0);
    case Sys.WAITPID:
      return sysWait(k, p, a0, false, 0);
    case Sys.WAIT4:
      return sysWait(k, p, a0, false, a1);
    case Sys.KILL:
      p.regs[Reg.V0] = kill(k, a0, a1, p);
      return;
    case Sys.GETPID:
      p.regs[Reg.V0] = p.pid;
      return;
    case Sys.GETPPID:
      p.regs[Reg.V0] = p.ppid;
      return;
    case Sys.SBRK:
      return sysSbrk(k, p, a0);
    case Sys.IO:
      k.startIo(p, Math.max(1, a0));
      return;
    case Sys.SLEEP:
      p.regs[Reg.V0] = 0;
      k.sleep(p, a0);
      return;
    case Sys.YIELD:
      p.regs[Reg.V0] = 0;
      k.requestYield(p);
      return;
    case Sys.SIGNAL:
      return sysSignal(p, a0, a1);
    case Sys.SIGRETURN:
      if (!sigreturn(p)) p.regs[Reg.V0] = -1;
      return;
    case Sys.PAUSE:
      k.block(p, "pause");
      return;
    case Sys.RAND:
      // The workload's variable parts come from the scenario's seed: same seed, same run.
      p.regs[Reg.V0] = a0 > 0 ? k.rng.below(a0) : 0;
      return;
    case Sys.READ:
      return sysRead(k, p, a0, a1, a2);
    case Sys.WRITE:
      return sysWrite(k, p, a0, a1, a2);
    case Sys.SETPGID:
      return sysSetpgid(k, p, a0, a1);
    case Sys.GETPGID:
      return sysGetpgid(k, p, a0);
    case Sys.SETSID:
      return sysSetsid(k, p);
    case Sys.TCSETPGRP:
      return sysTcsetpgrp(k, p, a0, a1);
    case Sys.TCGETPGRP:
      return sysTcgetpgrp(k, p, a0);
    case Sys.EXECVP:
      return sysExecvp(k, p, a0, a1);
    default:
      p.regs[Reg.V0] = -1; // ENOSYS
  }
}

function sysExit(k: Kernel, p: Pcb, code: number): void {
  k.exitProcess(p, code & 0xff, 0);
}

function sysFork(k: Kernel, p: Pcb): void {
  const child = k.fork(p);
  p.regs[Reg.V0] = child ? child.pid : -1;
}

function sysExec(k: Kernel, p: Pcb, programId: number, args: readonly string[] = []): void {
  if (programId < 0 || programId >= k.programs.programs.length) {
    p.regs[Reg.V0] = -1;
    return;
  }
  const name = k.programs.get(programId).name;
  k.emit({ tick: k.now, type: "Exec", pid: p.pid, program: name });
  // Reading the new image from disk and setting up main's arguments: kernel work charged to it.
  k.exec(p, programId, args);
}

/**
 * wait/waitpid: reap a zombie child now (or, with WUNTRACED, report a stopped one), block until
 * one exits, or fail with -1 (ECHILD). With WNOHANG it returns 0 rather than block.
 */
function sysWait(k: Kernel, p: Pcb, target: number, forever: boolean, options: number): void {
  const z = k.findZombieChild(p, target);
  if (z) {
    k.reap(z, p);
    return;
  }
  const stopped = (options & WUNTRACED) !== 0 ? k.findStoppedChild(p, target) : null;
  if (stopped) {
    k.reportStop(stopped, p);
    return;
  }
  if (!k.hasChild(p, target) && !forever) {
    p.regs[Reg.V0] = -1;
    return;
  }
  if ((options & WNOHANG) !== 0) {
    p.regs[Reg.V0] = 0;
    return;
  }
  p.waitTarget = target;
  p.waitForever = forever;
  p.waitOptions = options;
  k.block(p, "wait");
}

function sysSbrk(k: Kernel, p: Pcb, delta: number): void {
  const old = p.mem.sbrk(delta);
  p.regs[Reg.V0] = old;
  if (old >= 0 && delta > 0)
    k.emit({ tick: k.now, type: "HeapGrew", pid: p.pid, bytes: delta, brk: p.mem.brk });
}

/** signal(sig, how): how is SIG_DFL, SIG_IGN or a handler address. SIGKILL/SIGSTOP refuse. */
function sysSignal(p: Pcb, sig: number, how: number): void {
  if (sig <= 0 || sig >= NSIG || !isCatchable(sig)) {
    p.regs[Reg.V0] = -1; // EINVAL
    return;
  }
  p.regs[Reg.V0] = 0;
  p.sigDisposition[sig] = how;
}

// ---- the terminal, sessions and process groups (job control) ------------------------------

/** The longest string a call reads from a process's memory (a program name). */
const MAX_NAME = 64;
/** The most arguments execvp passes on. */
const MAX_ARGS = 16;

/** Reads a NUL-terminated string stored one character per word. */
function readString(p: Pcb, addr: number, max: number): string {
  let out = "";
  for (let i = 0; i < max; i++) {
    const c = p.mem.read(addr + 4 * i);
    if (p.mem.fault || c === 0) break;
    out += String.fromCharCode(c & 0xffff);
  }
  return out;
}

/**
 * read(0, buf, max) on the controlling terminal. A background group reading gets SIGTTIN (the
 * call starts again once it is continued); a foreground reader with nothing to read blocks as
 * `blocked:tty`, and starts the call again when a line (or an end of file) arrives.
 */
function sysRead(k: Kernel, p: Pcb, fd: number, buf: number, max: number): void {
  const t = k.ttyOf(p.sid);
  if (fd !== 0 || t === null || max <= 0) {
    p.regs[Reg.V0] = -1; // EBADF, or EIO: no terminal
    return;
  }
  if (t.fgPgrp !== p.pgid) {
    // A read from the background: ignored SIGTTIN or an orphaned group get EIO instead.
    if (p.sigDisposition[Signal.SIGTTIN] === SIG_IGN || k.isOrphanedGroup(p.pgid)) {
      p.regs[Reg.V0] = -1;
      return;
    }
    signalGroup(k, p.pgid, Signal.SIGTTIN, p.pid);
    restart(p);
    return;
  }
  if (!t.readable()) {
    restart(p);
    k.block(p, "tty");
    return;
  }
  const chars = t.take(max);
  for (let i = 0; i < chars.length; i++) p.mem.write(buf + 4 * i, chars[i]);
  p.regs[Reg.V0] = chars.length;
}

/** The call runs again when the process next runs: pc back onto the `syscall`, $v0 still its number. */
function restart(p: Pcb): void {
  p.pc -= 4;
}

/** write(1 or 2, buf, n): to the controlling terminal. */
function sysWrite(k: Kernel, p: Pcb, fd: number, buf: number, n: number): void {
  const t = k.ttyOf(p.sid);
  if ((fd !== 1 && fd !== 2) || t === null || n < 0) {
    p.regs[Reg.V0] = -1;
    return;
  }
  let text = "";
  for (let i = 0; i < n; i++) text += String.fromCharCode(p.mem.read(buf + 4 * i) & 0xffff);
  t.output(text);
  p.regs[Reg.V0] = n;
}

/**
 * setpgid(pid, pgid): 0 means the caller, and a pgid of 0 the pid itself. Only the caller or
 * its child, in its session, not a session leader, into a group of that session (EPERM).
 */
function sysSetpgid(k: Kernel, p: Pcb, pid: number, pgid: number): void {
  const target = pid === 0 ? p : k.procs.get(pid);
  const to = pgid === 0 ? (target ? target.pid : 0) : pgid;
  const ok =
    target !== undefined &&
    target.state !== "zombie" &&
    (target === p || target.ppid === p.pid) &&
    target.sid === p.sid &&
    target.pid !== target.sid &&
    to > 0 &&
    (to === target.pid || [...k.procs.values()].some((q) => q.pgid === to && q.sid === p.sid));
  if (!ok) {
    p.regs[Reg.V0] = -1;
    return;
  }
  p.regs[Reg.V0] = 0;
  if (target.pgid === to) return;
  target.pgid = to;
  k.emit({ tick: k.now, type: "GroupChanged", pid: target.pid, pgid: to });
}

function sysGetpgid(k: Kernel, p: Pcb, pid: number): void {
  const target = pid === 0 ? p : k.procs.get(pid);
  p.regs[Reg.V0] = target ? target.pgid : -1;
}

/** setsid(): a new session and group led by the caller, with no terminal (EPERM for a group leader). */
function sysSetsid(k: Kernel, p: Pcb): void {
  if (p.pgid === p.pid) {
    p.regs[Reg.V0] = -1;
    return;
  }
  p.sid = p.pid;
  p.pgid = p.pid;
  p.regs[Reg.V0] = p.pid;
  k.emit({ tick: k.now, type: "SessionStarted", pid: p.pid, tty: "" });
}

/**
 * tcsetpgrp(0, pgid): the terminal's foreground group, one of the caller's session. A caller
 * in the background gets SIGTTOU unless it ignores it (as a shell does).
 */
function sysTcsetpgrp(k: Kernel, p: Pcb, fd: number, pgid: number): void {
  const t = k.ttyOf(p.sid);
  const exists = [...k.procs.values()].some((q) => q.pgid === pgid && q.sid === p.sid);
  if (fd !== 0 || t === null || !exists) {
    p.regs[Reg.V0] = -1;
    return;
  }
  if (t.fgPgrp !== p.pgid && p.sigDisposition[Signal.SIGTTOU] !== SIG_IGN) {
    if (!k.isOrphanedGroup(p.pgid)) {
      signalGroup(k, p.pgid, Signal.SIGTTOU, p.pid);
      restart(p);
    } else p.regs[Reg.V0] = -1;
    return;
  }
  t.fgPgrp = pgid;
  p.regs[Reg.V0] = 0;
  k.emit({ tick: k.now, type: "ForegroundChanged", tty: t.name, pgid, by: p.pid });
}

function sysTcgetpgrp(k: Kernel, p: Pcb, fd: number): void {
  const t = k.ttyOf(p.sid);
  p.regs[Reg.V0] = fd === 0 && t !== null ? t.fgPgrp : -1;
}

/**
 * execvp(name, argv): exec by name, as execvp searches PATH; argv (0, or a null-terminated
 * array of strings) becomes the new program's arguments. -1 (ENOENT) if there is no such program.
 */
function sysExecvp(k: Kernel, p: Pcb, nameAddr: number, argvAddr: number): void {
  const id = k.programs.id(readString(p, nameAddr, MAX_NAME));
  if (id === undefined) {
    p.regs[Reg.V0] = -1;
    return;
  }
  const args: string[] = [];
  for (let i = 0; argvAddr !== 0 && i < MAX_ARGS; i++) {
    const s = p.mem.read(argvAddr + 4 * i);
    if (p.mem.fault || s === 0) break;
    args.push(readString(p, s, MAX_NAME));
  }
  sysExec(k, p, id, args);
}
