// The ideal CPU: every cycle retires exactly one instruction and memory takes no time.
import { Executor, Trap } from "./exec.js";
import { Layout } from "./isa.js";
import type { CpuModel, Hart } from "./model.js";

export class IdealCpu implements CpuModel {
  readonly kind = "ideal" as const;
  private readonly ex = new Executor();

  cycle(_core: number, hart: Hart | null, fetch: boolean): Trap {
    if (hart === null || !fetch) return Trap.None;
    const ex = this.ex;
    ex.run(hart.code, Layout.TEXT_BASE, hart.regs, hart.pc, hart.mem);
    if (ex.trap === Trap.Fault || ex.trap === Trap.BadPc) return ex.trap;
    hart.pc = ex.nextPc;
    hart.acct.instructions++;
    return ex.trap;
  }

  drained(_core: number): boolean {
    return true;
  }

  flush(_core: number): void {}

  clone(): CpuModel {
    return new IdealCpu();
  }
}
