// Benchmark: simulated core-cycles per second of PipelinedCpu on 2 cores running a loop.
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import type { DataMemory } from "../src/sim/cpu/exec.js";
import { Layout, REG_COUNT } from "../src/sim/cpu/isa.js";
import { emptyAccounting, type Hart } from "../src/sim/cpu/model.js";
import { PipelinedCpu } from "../src/sim/cpu/pipeline.js";
import { MEM_LEVELS, PerfectMemory } from "../src/sim/cpu/pipelineDefs.js";
import { assemble } from "../src/sim/programs/assembler.js";

/** Increments a 64-word array forever: loads, stores, load-use stalls and taken branches. */
const LOOP = `
outer: li   $t0, 0
loop:  lw   $t1, 0($t0)
       addi $t1, $t1, 1
       sw   $t1, 0($t0)
       add  $t2, $t2, $t1
       addi $t0, $t0, 4
       bne  $t0, $s1, loop
       j    outer
`;

/** A flat 1 KiB data memory; physical address = virtual address. */
class BenchMemory implements DataMemory {
  fault = false;
  private readonly words = new Int32Array(256);
  read(addr: number): number {
    this.fault = addr < 0 || addr >= 1024 || (addr & 3) !== 0;
    return this.fault ? 0 : this.words[addr >> 2];
  }
  write(addr: number, value: number): void {
    this.fault = addr < 0 || addr >= 1024 || (addr & 3) !== 0;
    if (!this.fault) this.words[addr >> 2] = value;
  }
  phys(addr: number): number {
    return addr;
  }
}

function hart(pid: number): Hart {
  const program = assemble(LOOP, { name: "bench-loop" });
  const regs = new Int32Array(REG_COUNT);
  regs[17] = 256; // $s1: bytes to walk
  return {
    pid,
    regs,
    pc: Layout.TEXT_BASE,
    code: program.code,
    mem: new BenchMemory(),
    acct: emptyAccounting(MEM_LEVELS),
  };
}

function run(cpu: PipelinedCpu, harts: Hart[], cycles: number): void {
  const n = harts.length;
  for (let i = 0; i < cycles; i++) for (let c = 0; c < n; c++) cpu.cycle(c, harts[c], true);
}

export async function benchPipeline(): Promise<Record<string, number | string>> {
  const cores = 2;
  const perCore = 5_000_000;
  const cpu = new PipelinedCpu({ cores, memory: new PerfectMemory() });
  const harts = [hart(1), hart(2)];
  run(cpu, harts, 200_000); // warm up the JIT
  cpu.resetWindow();
  const t0 = performance.now();
  run(cpu, harts, perCore);
  const seconds = (performance.now() - t0) / 1000;
  const s = cpu.coreStats(0, true);
  return {
    "pipeline.program": "array-increment loop (lw/addi/sw/add/addi/bne/j)",
    "pipeline.cores": cores,
    "pipeline.coreCycles": perCore * cores,
    "pipeline.seconds": Number(seconds.toFixed(3)),
    "pipeline.coreCyclesPerSec": Math.round((perCore * cores) / seconds),
    "pipeline.ipc": Number(s.ipc.toFixed(3)),
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await benchPipeline();
  for (const [k, v] of Object.entries(results)) process.stdout.write(`${k}: ${v}\n`);
}
