// Kernel events in words, for the event log panel and batch output.
import type { EventType, KernelEvent } from "./events.js";
import { signalName } from "./signals.js";

/**
 * Scheduling chatter (dispatch, preemption, state flips, syscalls, disk, page copies, MLFQ
 * moves): dozens of times a frame, and what the Gantt chart and the table already show. Event
 * logs leave it out by default so the lifecycle and signals stand out.
 */
export const SCHEDULING_CHATTER: ReadonlySet<EventType> = new Set<EventType>([
  "StateChanged",
  "Dispatched",
  "Preempted",
  "SyscallEntered",
  "IoStarted",
  "IoCompleted",
  "AddressSpaceCreated",
  "StdioSetUp",
  "StackSetUp",
  "CowCopied",
  "HeapGrew",
  "StackGrew",
  "Demoted",
  "PriorityBoost",
  "Migrated",
]);

/** One line, e.g. "SIGINT → 7 (sleeper): default action, terminated, status 130". */
export function describeEvent(e: KernelEvent): string {
  switch (e.type) {
    case "ProcessCreated":
      return `pid ${e.pid} (${e.name}) created, parent ${e.ppid}`;
    case "AddressSpaceCreated":
      return `${e.pid}: address space created`;
    case "ImageLoaded":
      return `${e.pid}: ${e.program} loaded (${e.textBytes} B code, ${e.dataBytes} B data)`;
    case "StdioSetUp":
      return `${e.pid}: standard input, output and error open (fds 0 1 2)`;
    case "StackSetUp":
      return `${e.pid}: main's arguments set up, sp=0x${e.sp.toString(16)}`;
    case "Forked":
      return `${e.pid} forked → child ${e.child} (${e.name})`;
    case "Exec":
      return `${e.pid}: exec ${e.program}`;
    case "StateChanged":
      return `${e.pid}: ${e.from} → ${e.to}${e.block !== "none" ? ` (${e.block})` : ""}`;
    case "Dispatched":
      return `${e.pid} dispatched on cpu${e.core}`;
    case "Preempted":
      return `${e.pid} preempted on cpu${e.core} (${e.reason})`;
    case "SyscallEntered":
      return `${e.pid}: syscall ${e.syscall}`;
    case "IoStarted":
      return `${e.pid}: disk read of ${e.blocks} block${e.blocks === 1 ? "" : "s"}${e.until >= 0 ? `, done at ${e.until}` : ", queued"}`;
    case "IoCompleted":
      return `${e.pid}: disk interrupt, I/O complete`;
    case "SignalSent": {
      const s = signalName(e.signal);
      const from = e.from === 0 ? "user" : `${e.from}`;
      if (e.result === "esrch") return `${s} from ${from} → ${e.pid}: no such process (ESRCH)`;
      if (e.result === "zombie")
        return `${s} from ${from} → ${e.pid}: zombie, nothing to signal (ESRCH)`;
      if (e.result === "ignored") return `${s} from ${from} → ${e.pid}: ignored`;
      return `${s} from ${from} → ${e.pid}: pending`;
    }
    case "SignalDelivered": {
      const head = `${signalName(e.signal)} → ${e.pid} (${e.name})`;
      switch (e.action) {
        case "handler":
          return `${head}: caught by handler`;
        case "terminated":
          return `${head}: default action, terminated, status ${e.status}`;
        case "core":
          return `${head}: default action, terminated (core), status ${e.status}`;
        case "stopped":
          return `${head}: stopped`;
        case "continued":
          return `${head}: continued`;
        default:
          return `${head}: ignored`;
      }
    }
    case "HandlerRan":
      return `${e.pid}: handler for ${signalName(e.signal)} at 0x${e.handler.toString(16)}`;
    case "Exited":
      return e.signal !== 0
        ? `${e.pid} (${e.name}) killed by ${signalName(e.signal)}, status ${e.status}`
        : `${e.pid} (${e.name}) exited, status ${e.status}`;
    case "BecameZombie":
      return `${e.pid} is a zombie until its parent waits`;
    case "Reaped":
      return e.by === 0
        ? `${e.pid} discarded (no init)`
        : `${e.pid} reaped by ${e.by}, status ${e.status}`;
    case "Reparented":
      return `${e.pid} orphaned by ${e.from}, adopted by ${e.to}`;
    case "HeapGrew":
      return `${e.pid}: heap grew ${e.bytes} B, brk=0x${e.brk.toString(16)}`;
    case "StackGrew":
      return `${e.pid}: stack grew ${e.bytes} B`;
    case "CowCopied":
      return `${e.pid}: copy-on-write fault, page 0x${(e.page * 4096).toString(16)} copied`;
    case "OomKilled":
      return `out of memory: killed ${e.pid} (${e.name}), ${e.pages} pages`;
    case "PolicyChanged":
      return `scheduler: ${e.policy}, quantum ${e.quantum}`;
    case "Reniced":
      return `${e.pid} reniced to ${e.nice}`;
    case "TicketsSet":
      return `${e.pid} now holds ${e.tickets} tickets`;
    case "AffinitySet":
      return `${e.pid} may run on cpus ${e.cores}`;
    case "Migrated":
      return `${e.pid} migrated cpu${e.from} → cpu${e.to} (${e.reason})`;
    case "RunQueuesChanged":
      return e.queues === "global"
        ? "run queues: one global queue for every core"
        : `run queues: one per core, balancing ${e.balance > 0 ? `every ${e.balance} ticks` : "off"}, stealing ${e.steal ? "on" : "off"}`;
    case "PriorityBoost":
      return "MLFQ priority boost: every process to the top queue";
    case "Demoted":
      return `${e.pid} demoted to MLFQ level ${e.level}`;
    case "CommandFailed":
      return `${e.command} failed: ${e.reason}`;
    case "GroupChanged":
      return `${e.pid}: process group ${e.pgid}`;
    case "SessionStarted":
      return e.tty === ""
        ? `${e.pid}: new session ${e.pid}, no terminal`
        : `${e.pid}: new session ${e.pid}, controlling terminal ${e.tty}`;
    case "ForegroundChanged":
      return `${e.tty}: foreground group ${e.pgid}${e.by === 0 ? "" : ` (set by ${e.by})`}`;
    case "TtyKey":
      if (e.signal === 0) return `${e.tty}: ${e.key}, end of file`;
      return e.pgid === 0
        ? `${e.tty}: ${e.key}, no foreground group`
        : `${e.tty}: ${e.key} → ${signalName(e.signal)} to group ${e.pgid}`;
    case "TtyHungUp":
      return `${e.tty} hung up: session ${e.sid}'s leader exited`;
    case "StopReported":
      return `${e.pid} stopped by ${signalName(e.signal)}: reported to ${e.by} (WUNTRACED)`;
  }
}
