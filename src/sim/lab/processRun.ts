// OSTEP's process-run.py on simtop's kernel: per-tick process states, CPU and I/O use.
import { GANTT_IDLE } from "../gantt.js";
import { Kernel } from "../kernel.js";
import type { Pcb } from "../process.js";
import { TableOrderPolicy } from "../sched/tableOrder.js";
import { framesFor, labConfig, startJob, tickSource } from "./jobs.js";
import type { Uniform } from "./pyRandom.js";

/** process-run's instructions: an I/O is an `io` plus the `io_done` that handles its completion. */
export type PrInstruction = "cpu" | "io" | "io_done";

export interface ProcessRunSpec {
  /** Each process's instructions, in order. */
  programs: PrInstruction[][];
  /** Ticks a process stays blocked on one I/O (-L). */
  ioLength: number;
  /** SWITCH_ON_END: the CPU stays with a process that waits on I/O (else SWITCH_ON_IO). */
  switchOnEnd: boolean;
  /** IO_RUN_IMMEDIATE: a process whose I/O completes runs at once (else IO_RUN_LATER). */
  ioRunImmediate: boolean;
  /** Build the per-tick trace (false: statistics only, for very large runs). */
  trace?: boolean;
}

export interface ProcessRunTick {
  /** 1-based, as process-run counts. */
  time: number;
  /** Per process: RUN:<instruction>, READY, BLOCKED, DONE (RUNNING if it held the CPU idle). */
  procs: string[];
  /** 1 when an instruction ran. */
  cpu: 0 | 1;
  /** I/Os in flight. */
  io: number;
  /** An I/O completed this tick (process-run marks the time with `*`). */
  ioDone: boolean;
}

export interface ProcessRunStats {
  total: number;
  cpuBusy: number;
  ioBusy: number;
}

export interface ProcessRunResult {
  trace: ProcessRunTick[];
  stats: ProcessRunStats;
}

/** process-run's -l X:Y: X instructions, each a CPU instruction with probability Y%, else an I/O. */
export function randomProgram(
  instructions: number,
  cpuPercent: number,
  rng: Uniform,
): PrInstruction[] {
  const out: PrInstruction[] = [];
  for (let i = 0; i < instructions; i++) {
    if (rng.next() < cpuPercent / 100) out.push("cpu");
    else out.push("io", "io_done");
  }
  return out;
}

/** Frames the run needs (callers check it against MAX_FRAMES before running). */
export function processRunFrames(programs: readonly PrInstruction[][]): number {
  let n = 0;
  for (const p of programs) n += framesFor(p.length);
  return n;
}

const STATE_WORD: Record<Pcb["state"], string> = {
  new: "READY",
  ready: "READY",
  running: "RUNNING",
  blocked: "BLOCKED",
  stopped: "BLOCKED",
  zombie: "DONE",
};

/**
 * Runs the processes on a one-core ideal machine: each instruction is one instruction of a
 * real program (an `io` is a `syscall` that blocks on a disk taking L+1 ticks from the request
 * to the tick the process is ready again), scheduled in process-table order.
 */
export function runProcessRun(spec: ProcessRunSpec): ProcessRunResult {
  const n = spec.programs.length;
  const withTrace = spec.trace !== false;
  // A process of no instructions still needs an image to assemble: it gets one instruction
  // and starts past it, so its main returns at once (one tick on the CPU, as process-run has it).
  const programs = spec.programs.map((code, i) => ({
    name: `proc${i}`,
    source: tickSource(
      code.length === 0 ? ["compute"] : code.map((x) => (x === "io" ? "io" : "compute")),
    ),
  }));
  const k = new Kernel(
    labConfig({
      programs,
      processes: n,
      frames: processRunFrames(spec.programs),
      ioTicks: spec.ioLength + 1,
    }),
  );
  k.recordEvents = withTrace;
  k.policy = new TableOrderPolicy({
    holdOnBlock: spec.switchOnEnd,
    wakePreempts: spec.ioRunImmediate,
  });
  const procs = programs.map((p) => startJob(k, p.name));
  procs.forEach((p, i) => {
    if (spec.programs[i].length === 0) p.pc = p.mem.textEnd;
  });
  const firstPid = procs[0]?.pid ?? 1;
  const retired = new Float64Array(n);

  const trace: ProcessRunTick[] = [];
  const stats: ProcessRunStats = { total: 0, cpuBusy: 0, ioBusy: 0 };
  let ios = 0;
  for (const code of spec.programs) for (const x of code) if (x === "io") ios++;
  let instructions = 0;
  for (const code of spec.programs) instructions += code.length;
  // However badly they overlap, every tick runs an instruction or waits on some I/O.
  const limit = instructions + ios * spec.ioLength + n + 1;

  while (k.totalExits < n) {
    if (k.now >= limit) throw new Error(`process-run did not finish within ${limit} ticks`);
    k.step();
    const time = k.now;
    const who = k.gantt[0].current();
    let ran = -1;
    let kind: PrInstruction | null = null;
    if (who !== GANTT_IDLE && who >= firstPid) {
      const j = who - firstPid;
      const count = procs[j].acct.instructions;
      if (count > retired[j]) {
        retired[j] = count;
        ran = j;
        kind = spec.programs[j][count - 1];
      }
    }
    // In flight: requests issued before this tick (those issued now complete at time + L).
    let io = 0;
    for (const r of k.disk.active) if (r.until !== time + spec.ioLength) io++;
    if (kind !== null) stats.cpuBusy++;
    if (io > 0) stats.ioBusy++;
    stats.total = time;
    if (!withTrace) continue;
    let ioDone = false;
    for (const e of k.drainEvents()) if (e.type === "IoCompleted") ioDone = true;
    trace.push({
      time,
      procs: procs.map((p, j) =>
        j === ran ? `RUN:${kind}` : j === who - firstPid ? "RUNNING" : STATE_WORD[p.state],
      ),
      cpu: kind === null ? 0 : 1,
      io,
      ioDone,
    });
  }
  return { trace, stats };
}
