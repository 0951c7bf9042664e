// Builds a scheduling policy by name.
import { FcfsPolicy } from "./fcfs.js";
import { MlfqPolicy } from "./mlfq.js";
import type { PolicyName, SchedOptions, SchedPolicy } from "./policy.js";
import { PriorityPolicy } from "./priority.js";
import { RoundRobinPolicy } from "./rr.js";
import { SjfPolicy } from "./sjf.js";

export function createPolicy(name: PolicyName, opts: SchedOptions): SchedPolicy {
  switch (name) {
    case "fcfs":
      return new FcfsPolicy();
    case "sjf":
      return new SjfPolicy();
    case "priority":
      return new PriorityPolicy(opts.quantum);
    case "rr":
      return new RoundRobinPolicy(opts.quantum);
    case "mlfq":
      return new MlfqPolicy({
        ...opts.mlfq,
        quanta: opts.mlfq.quanta.slice(),
        allotments: opts.mlfq.allotments.slice(),
      });
  }
}
