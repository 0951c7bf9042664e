// System calls: each a short function named after it, as in xv6's sysproc.c.
import { Reg, SYS_NAMES, Sys } from "./cpu/isa.js";
import type { Kernel } from "./kernel.js";
import type { Pcb } from "./process.js";
import { isCatchable, NSIG } from "./signals.js";

/** Performs the call whose number is in $v0; the result goes back in $v0 ($v1 for wait's status). */
export function performSyscall(k: Kernel, p: Pcb): void {
  const n = p.regs[Reg.V0];
  if (k.recordEvents) {
    k.emit({ tick: k.now, type: "SyscallEntered", pid: p.pid, syscall: SYS_NAMES[n] ?? `sys${n}` });
  }
  const a0 = p.regs[Reg.A0];
  const a1 = p.regs[Reg.A1];
  switch (n) {
    case Sys.EXIT:
      return sysExit(k, p, a0);
    case Sys.FORK:
      return sysFork(k, p);
    case Sys.EXEC:
      return sysExec(k, p, a0);
    case Sys.WAIT:
      return sysWait(k, p, -1, a0 === 1);
    case Sys.WAITPID:
      return sysWait(k, p, a0, false);
    case Sys.KILL:
      p.regs[Reg.V0] = k.sendSignal(a0, a1, p.pid);
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
      if (!k.sigreturn(p)) p.regs[Reg.V0] = -1;
      return;
    case Sys.PAUSE:
      k.block(p, "pause");
      return;
    case Sys.RAND:
      // The workload's variable parts come from the scenario's seed: same seed, same run.
      p.regs[Reg.V0] = a0 > 0 ? k.rng.below(a0) : 0;
      return;
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

function sysExec(k: Kernel, p: Pcb, programId: number): void {
  if (programId < 0 || programId >= k.programs.programs.length) {
    p.regs[Reg.V0] = -1;
    return;
  }
  const name = k.programs.get(programId).name;
  k.emit({ tick: k.now, type: "Exec", pid: p.pid, program: name });
  // Reading the new image from disk and setting up main's arguments: kernel work charged to it.
  k.exec(p, programId);
}

/** wait/waitpid: reap a zombie child now, block until one exits, or fail with -1 (ECHILD). */
function sysWait(k: Kernel, p: Pcb, target: number, forever: boolean): void {
  const z = k.findZombieChild(p, target);
  if (z) {
    k.reap(z, p);
    return;
  }
  if (!k.hasChild(p, target) && !forever) {
    p.regs[Reg.V0] = -1;
    return;
  }
  p.waitTarget = target;
  p.waitForever = forever;
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
