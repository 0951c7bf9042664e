// Events: the facts the kernel emits, read by the event log, tests and recordings.
import type { BlockReason, ProcessState } from "./process.js";
import type { PolicyName } from "./sched/policy.js";

/** What a delivered signal did. */
export type SignalAction = "terminated" | "core" | "ignored" | "stopped" | "continued" | "handler";

export type KernelEvent =
  | { tick: number; type: "ProcessCreated"; pid: number; ppid: number; name: string }
  | { tick: number; type: "AddressSpaceCreated"; pid: number }
  | {
      tick: number;
      type: "ImageLoaded";
      pid: number;
      program: string;
      textBytes: number;
      dataBytes: number;
    }
  | { tick: number; type: "StdioSetUp"; pid: number }
  | { tick: number; type: "StackSetUp"; pid: number; sp: number }
  | { tick: number; type: "Forked"; pid: number; child: number; name: string }
  | { tick: number; type: "Exec"; pid: number; program: string }
  | {
      tick: number;
      type: "StateChanged";
      pid: number;
      from: ProcessState;
      to: ProcessState;
      block: BlockReason;
    }
  | { tick: number; type: "Dispatched"; pid: number; core: number }
  | {
      tick: number;
      type: "Preempted";
      pid: number;
      core: number;
      reason: "quantum" | "priority" | "yield" | "affinity";
    }
  | { tick: number; type: "SyscallEntered"; pid: number; syscall: string }
  | { tick: number; type: "IoStarted"; pid: number; blocks: number; until: number }
  | { tick: number; type: "IoCompleted"; pid: number }
  | {
      tick: number;
      type: "SignalSent";
      pid: number;
      signal: number;
      from: number;
      result: "pending" | "ignored" | "esrch" | "zombie";
    }
  | {
      tick: number;
      type: "SignalDelivered";
      pid: number;
      name: string;
      signal: number;
      action: SignalAction;
      status: number;
    }
  | { tick: number; type: "HandlerRan"; pid: number; signal: number; handler: number }
  | { tick: number; type: "Exited"; pid: number; name: string; status: number; signal: number }
  | { tick: number; type: "BecameZombie"; pid: number }
  | { tick: number; type: "Reaped"; pid: number; by: number; status: number }
  | { tick: number; type: "Reparented"; pid: number; from: number; to: number }
  | { tick: number; type: "HeapGrew"; pid: number; bytes: number; brk: number }
  | { tick: number; type: "StackGrew"; pid: number; bytes: number }
  | { tick: number; type: "CowCopied"; pid: number; page: number }
  | { tick: number; type: "OomKilled"; pid: number; name: string; pages: number }
  | { tick: number; type: "PolicyChanged"; policy: PolicyName; quantum: number }
  | { tick: number; type: "Reniced"; pid: number; nice: number }
  | { tick: number; type: "TicketsSet"; pid: number; tickets: number }
  | { tick: number; type: "AffinitySet"; pid: number; cores: string }
  | {
      tick: number;
      type: "Migrated";
      pid: number;
      from: number;
      to: number;
      reason: "balance" | "steal" | "affinity";
    }
  | {
      tick: number;
      type: "RunQueuesChanged";
      queues: "global" | "per-core";
      balance: number;
      steal: boolean;
    }
  | { tick: number; type: "PriorityBoost" }
  | { tick: number; type: "Demoted"; pid: number; level: number }
  | { tick: number; type: "CommandFailed"; command: string; reason: string }
  | { tick: number; type: "GroupChanged"; pid: number; pgid: number }
  | { tick: number; type: "SessionStarted"; pid: number; tty: string }
  | { tick: number; type: "ForegroundChanged"; tty: string; pgid: number; by: number }
  | { tick: number; type: "TtyKey"; tty: string; key: string; signal: number; pgid: number }
  | { tick: number; type: "TtyHungUp"; tty: string; sid: number }
  | { tick: number; type: "StopReported"; pid: number; by: number; signal: number };

export type EventType = KernelEvent["type"];
