// Round robin: arrival order, each process runs at most one quantum before going to the back.
import type { Pcb } from "../process.js";
import { FcfsPolicy } from "./fcfs.js";
import type { PolicyName } from "./policy.js";

export class RoundRobinPolicy extends FcfsPolicy {
  override readonly name: PolicyName = "rr";
  private quantum: number;

  constructor(quantum: number) {
    super();
    this.quantum = quantum;
  }
  override ranTick(p: Pcb): boolean {
    return p.sched.quantumUsed >= this.quantum;
  }
  override setQuantum(q: number): void {
    this.quantum = q;
  }
  protected override fresh(): RoundRobinPolicy {
    return new RoundRobinPolicy(this.quantum);
  }
}
