// Builds a scheduling policy by name.
import { CfsPolicy } from "./cfs.js";
import { FcfsPolicy } from "./fcfs.js";
import { LotteryPolicy } from "./lottery.js";
import { MlfqPolicy } from "./mlfq.js";
import type { PolicyName, SchedOptions, SchedPolicy } from "./policy.js";
import { PriorityPolicy } from "./priority.js";
import { RoundRobinPolicy } from "./rr.js";
import { SjfPolicy } from "./sjf.js";
import { StridePolicy } from "./stride.js";

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
    case "lottery":
      return new LotteryPolicy(opts.quantum, opts.seed);
    case "stride":
      return new StridePolicy(opts.quantum);
    case "cfs":
      return new CfsPolicy(opts.cfs);
  }
}
