// The kernel's run queues: its policy built by name, global or one per core, and rebuilt when either changes.
import type { RunQueueMode } from "../commands.js";
import type { Kernel } from "../kernel.js";
import { DEFAULT_CFS } from "./cfs.js";
import { createPolicy } from "./index.js";
import { type MigrationListener, PerCoreQueues } from "./perCore.js";
import type { PolicyName, SchedOptions, SchedPolicy } from "./policy.js";

function schedOptions(k: Kernel, seed: number): SchedOptions {
  return {
    quantum: k.quantum,
    mlfq: k.config.mlfq,
    cfs: k.config.cfs ?? DEFAULT_CFS,
    seed,
  };
}

/** Per-core queues' migrations as the kernel's Migrated events. */
export function migrationEvents(k: Kernel): MigrationListener {
  return (p, from, to, reason) =>
    k.emit({ tick: k.now, type: "Migrated", pid: p.pid, from, to, reason });
}

/** A fresh policy `name`, one queue or one per core of `k` (needs only its config, quantum and cores). */
export function buildPolicy(k: Kernel, name: PolicyName, mode: RunQueueMode): SchedPolicy {
  if (mode === "global") return createPolicy(name, schedOptions(k, k.config.seed));
  // Each core's lottery draws from its own generator.
  const queues = k.running.map((_, c) =>
    createPolicy(name, schedOptions(k, (k.config.seed + Math.imul(c, 0x9e3779b9)) >>> 0)),
  );
  const q = new PerCoreQueues(queues, k.running);
  q.onMigrate = migrationEvents(k);
  return q;
}

/**
 * Fresh queues under `name`: every waiting process joins them anew, in queue order, with the
 * policies' clocks (vruntime, pass) started afresh, as for a process just created.
 */
export function rebuildQueues(k: Kernel, name: PolicyName, mode: RunQueueMode): void {
  const queued = k.policy.queued();
  for (const p of k.procs.values()) {
    p.sched.vruntime = 0;
    p.sched.pass = 0;
  }
  k.policy = buildPolicy(k, name, mode);
  for (const p of queued) k.policy.enqueue(p, "new");
  for (const p of queued) k.recheckPreemption(p);
}

/** Moves every ready process, in queue order, into a fresh policy (per core if the queues are). */
export function setPolicy(k: Kernel, name: PolicyName): void {
  rebuildQueues(k, name, k.runQueueMode);
  k.emit({ tick: k.now, type: "PolicyChanged", policy: name, quantum: k.quantum });
}
