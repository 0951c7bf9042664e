// taskset: setting the cores a process may run on, and moving it off a core or queue it may no longer use.
import { type Kernel, SwitchReason } from "../kernel.js";
import { affinityText, affinityWords, allowedOn } from "./affinity.js";
import { PerCoreQueues } from "./perCore.js";

/** The cores `pid` may run on; off a core it may no longer use at its next switch. */
export function setAffinity(
  k: Kernel,
  pid: number,
  cores: readonly number[],
  fail: (why: string) => void,
): void {
  const p = k.procs.get(pid);
  if (!p || p.state === "zombie") return fail(`no process ${pid}`);
  const n = k.running.length;
  const valid = cores.filter((c) => Number.isInteger(c) && c >= 0 && c < n);
  if (valid.length === 0) return fail(`no core of 0-${n - 1} in the list`);
  const w = affinityWords(valid);
  p.affinityLo = w.lo;
  p.affinityHi = w.hi;
  k.emit({
    tick: k.now,
    type: "AffinitySet",
    pid: p.pid,
    cores: affinityText(p, n),
  });
  const policy = k.policy;
  if (policy instanceof PerCoreQueues) policy.affinityChanged();
  if (p.state === "running" && !allowedOn(p, p.core)) k.wantSwitch[p.core] = SwitchReason.Affinity;
  else if (p.state === "ready" && policy instanceof PerCoreQueues) {
    const q = p.sched.queue;
    if (!allowedOn(p, q) && p.sched.lastCore < 0) {
      // Never ran (spawned with an affinity): it joins an allowed queue as the new process it is.
      policy.remove(p);
      policy.enqueue(p, "new");
    } else if (!allowedOn(p, q)) {
      let to = -1;
      for (let c = 0; c < n; c++)
        if (allowedOn(p, c) && (to < 0 || policy.loadOf(c) < policy.loadOf(to))) to = c;
      policy.migrate(p, to, "affinity");
      k.recheckPreemption(p);
    }
  }
}
