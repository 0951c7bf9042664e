// The operator's commands (spawn, fork, kill, renice, type, the scheduler's settings): checked, applied, or refused with a reason.
import type { Command } from "./commands.js";
import { describeCommand } from "./commands.js";
import { type Kernel, MAX_TICKETS } from "./kernel.js";
import { INIT_PID } from "./process.js";
import { rebuildQueues, setPolicy } from "./sched/runQueues.js";
import { setAffinity } from "./sched/taskset.js";
import { login, typeInto } from "./sessions.js";
import { kill, NSIG, signalGroup } from "./signals.js";

/** Applies one command at the kernel's current tick; a refusal is a CommandFailed event. */
export function applyCommand(k: Kernel, c: Command): void {
  const fail = (reason: string) =>
    k.emit({ tick: k.now, type: "CommandFailed", command: describeCommand(c), reason });
  switch (c.type) {
    case "spawn": {
      const ppid = c.ppid ?? INIT_PID;
      const parent = k.procs.get(ppid);
      if (k.programs.id(c.program) === undefined) return fail(`no program "${c.program}"`);
      if (!parent || parent.state === "zombie") return fail(`no process ${ppid}`);
      const nice = Math.max(-20, Math.min(19, Math.trunc(c.nice ?? 0)));
      const t = k.ttys[0];
      if (c.terminal && t.sid !== 0) return fail(`${t.name} is in use by session ${t.sid}`);
      const p = k.createProcess(c.program, ppid, nice);
      if (!p) return fail("process table full");
      if (c.tickets !== undefined)
        p.tickets = Math.max(1, Math.min(MAX_TICKETS, Math.trunc(c.tickets)));
      if (c.affinity !== undefined) setAffinity(k, p.pid, c.affinity, fail);
      if (c.terminal) login(k, p, t);
      return;
    }
    case "fork": {
      const p = k.procs.get(c.pid);
      if (!p || p.state === "zombie") return fail(`no process ${c.pid}`);
      if (!k.fork(p)) return fail("process table full");
      return;
    }
    case "kill":
      // A negative pid names a process group, as kill(1) reads it.
      if (!Number.isInteger(c.signal) || c.signal < 0 || c.signal >= NSIG)
        fail(`no signal ${c.signal}`);
      else if (c.group === true) {
        // killpg: a group by its id, so init's group 1 is reachable (kill -1 means "every process").
        if (signalGroup(k, c.pid, c.signal, 0) < 0) fail(`no process group ${c.pid}`);
      } else if (kill(k, c.pid, c.signal, null) < 0)
        fail(c.pid < 0 ? `no process group ${-c.pid}` : `no process ${c.pid}`);
      return;
    case "type":
      if (k.ttys[0].sid === 0) return fail(`nobody is logged in on ${k.ttys[0].name}`);
      typeInto(k, k.ttys[0], c.text);
      return;
    case "renice": {
      const p = k.procs.get(c.pid);
      if (!p || p.state === "zombie") return fail(`no process ${c.pid}`);
      const old = p.nice;
      p.nice = Math.max(-20, Math.min(19, Math.trunc(c.nice)));
      k.emit({ tick: k.now, type: "Reniced", pid: p.pid, nice: p.nice });
      // CFS: a new weight, so a new share; its vruntime so far stands.
      if (p.state === "ready") {
        k.policy.reweight?.(p, old);
        k.recheckPreemption(p);
      }
      // A running process that lost priority may now have to give way to one that waits.
      else if (p.state === "running") for (const q of k.policy.queued()) k.recheckPreemption(q);
      return;
    }
    case "setPolicy":
      setPolicy(k, c.policy);
      return;
    case "setTickets": {
      const p = k.procs.get(c.pid);
      if (!p || p.state === "zombie") return fail(`no process ${c.pid}`);
      if (!Number.isInteger(c.tickets) || c.tickets < 1 || c.tickets > MAX_TICKETS)
        return fail(`tickets must be 1 to ${MAX_TICKETS}`);
      p.tickets = c.tickets;
      k.emit({ tick: k.now, type: "TicketsSet", pid: p.pid, tickets: p.tickets });
      return;
    }
    case "setAffinity":
      return setAffinity(k, c.pid, c.cores, fail);
    case "setRunQueues": {
      if (c.balance !== undefined) {
        if (!Number.isInteger(c.balance) || c.balance < 0)
          return fail("balance interval must be >= 0");
        k.balanceInterval = c.balance;
      }
      if (c.steal !== undefined) k.steal = c.steal;
      rebuildQueues(k, k.policy.name, c.queues);
      k.emit({
        tick: k.now,
        type: "RunQueuesChanged",
        queues: c.queues,
        balance: k.balanceInterval,
        steal: k.steal,
      });
      return;
    }
    case "setQuantum": {
      if (!Number.isInteger(c.quantum) || c.quantum < 1) return fail("quantum must be >= 1");
      k.quantum = c.quantum;
      k.policy.setQuantum(c.quantum);
      k.emit({ tick: k.now, type: "PolicyChanged", policy: k.policy.name, quantum: c.quantum });
      return;
    }
  }
}
