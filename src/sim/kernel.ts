// The kernel: process table, the state machine, dispatch and preemption, one tick at a time.
import type { Command, RunQueueMode } from "./commands.js";
import type { KernelConfig } from "./config.js";
import { validateConfig } from "./config.js";
import { Trap } from "./cpu/exec.js";
import { defaultHierarchyConfig, Hierarchy } from "./cpu/hierarchy.js";
import { IdealCpu } from "./cpu/ideal.js";
import { Layout, Reg, SIG_IGN } from "./cpu/isa.js";
import type { CpuModel } from "./cpu/model.js";
import { PipelinedCpu } from "./cpu/pipeline.js";
import { Disk } from "./devices.js";
import type { KernelEvent } from "./events.js";
import { GANTT_IDLE, GANTT_SWITCH, GanttHistory } from "./gantt.js";
import { FinishedJobs } from "./jobTimes.js";
import { AddressSpace, type MemoryListener } from "./memory.js";
import { applyCommand } from "./operator.js";
import { PhysicalMemory } from "./physmem.js";
import {
  type BlockReason,
  INIT_PID,
  Pcb,
  PROCESS_STATES,
  type ProcessState,
  startupTicks,
  usefulTicks,
} from "./process.js";
import { ProgramTable } from "./programs/table.js";
import { Rng } from "./rng.js";
import { allowedOn } from "./sched/affinity.js";
import { PerCoreQueues } from "./sched/perCore.js";
import type { EnqueueReason, SchedPolicy } from "./sched/policy.js";
import { buildPolicy, migrationEvents } from "./sched/runQueues.js";
import {
  isOrphanedGroup,
  orphanedGroupsAfterExit,
  sessionLeaderExited,
  ttyOf,
} from "./sessions.js";
import {
  canDeliver,
  deliverSignals,
  raise,
  resetHandlers,
  Signal,
  sendSignal,
  signalDelivered,
} from "./signals.js";
import { Step } from "./story.js";
import { performSyscall } from "./syscalls.js";
import { Tty } from "./tty.js";

export { GANTT_IDLE, GANTT_SWITCH, INIT_PID };
/** waitpid options: return at once if no child changed; report stopped children too. */
export const WNOHANG = 1;
export const WUNTRACED = 2;
/** $v1 of a wait that reports a stop: this bit, or'd with the stop signal (above any exit status). */
export const WAIT_STOPPED = 0x100;
/** The most tickets one process may hold. */
export const MAX_TICKETS = 1_000_000;
/** Why a core's process must leave once the pipeline drains (Kernel.wantSwitch); None: it stays. */
export const SwitchReason = {
  None: 0,
  /** Its slice is over (the policy's ranTick said so). */
  Quantum: 1,
  /** A ready process the policy ranks higher wants the core. */
  Priority: 2,
  /** It called yield. */
  Yield: 3,
  /** Its affinity no longer includes this core. */
  Affinity: 4,
} as const;
const PREEMPT_REASON = ["quantum", "quantum", "priority", "yield", "affinity"] as const;

/** Per-100-tick decay of the 1k, 5k and 15k-tick load averages. */
const LOAD_DECAY = [1000, 5000, 15000].map((span) => Math.exp(-100 / span));

/** Per-core counters (ticks). */
export interface CoreStats {
  busy: Float64Array;
  /** Of the busy ticks, those in the kernel on the process's behalf (fork, exec). */
  system: Float64Array;
  idle: Float64Array;
  switching: Float64Array;
}

/*
 * Time accounting: every tick a core is not idle is charged to exactly one process, its
 * acct.cycles (switching into a process and kernel work on its behalf as system time). So the
 * cores' busy + switching ticks equal the processes' cycles, those of exited ones included.
 */

export class Kernel implements MemoryListener {
  readonly config: KernelConfig;
  readonly programs: ProgramTable;
  now = 0;
  nextPid = INIT_PID;
  /** Live and zombie processes by pid, in creation order. */
  readonly procs = new Map<number, Pcb>();
  policy: SchedPolicy;
  quantum: number;
  ram: PhysicalMemory;
  cpu: CpuModel;
  /** The caches the pipelined CPU goes through (null with the ideal CPU). */
  hierarchy: Hierarchy | null = null;
  disk: Disk;
  rng: Rng;
  /** Process on each core (null = idle). */
  readonly running: (Pcb | null)[];
  /** Context-switch ticks left before the core's process executes. */
  readonly switchLeft: Int32Array;
  /** Non-zero when the core's process must leave after the pipeline drains: a SwitchReason. */
  readonly wantSwitch: Uint8Array;
  /** The process that last ran on each core (no switch cost to resume it). */
  readonly lastOnCore: Int32Array;
  readonly coreStats: CoreStats;
  readonly gantt: GanttHistory[];
  /** Per-core run queues: ticks between load-balancing passes (0 = never). */
  balanceInterval: number;
  /** Per-core run queues: an idle core with an empty queue steals a waiting process. */
  steal: boolean;
  /** The terminals (one: tty1). */
  readonly ttys: Tty[];
  /** Processes with a timed wake-up (sleep, image loading). */
  private timers: Pcb[] = [];
  private nextTimer = Number.POSITIVE_INFINITY;
  /** Processes made ready since the last preemption check. */
  private justReady: Pcb[] = [];
  /**
   * True while the cores execute a tick: what happens then (an exit, a preemption, a wake-up by
   * another process) takes effect at the end of the tick, so times count from now + 1.
   */
  private cycling = false;
  /** Count of processes per state, kept incrementally for the header. */
  readonly stateCounts = new Map<ProcessState, number>(PROCESS_STATES.map((s) => [s, 0]));
  /** Exponential load averages over ~1k, 5k and 15k ticks, updated every 100 ticks. */
  readonly loadAvg = new Float64Array(3);
  totalForks = 0;
  totalExits = 0;
  /** CPU time of the processes removed from the table (so rates can account for every busy tick). */
  exitedCycles = 0;
  /** Processes removed from the table, for their scheduling times (the scheduling view). */
  finished = new FinishedJobs();
  /** Stamps Pcb.joined: the order processes joined their parents (sibling order). */
  private joinSeq = 0;
  /** Events emitted since the consumer last drained them. */
  events: KernelEvent[] = [];
  /** When false the kernel skips building events (benchmarks of the bare loop). */
  recordEvents = true;

  constructor(config: KernelConfig, cpu?: CpuModel) {
    const problem = validateConfig(config);
    if (problem) throw new Error(`bad configuration: ${problem}`);
    this.config = config;
    this.programs = new ProgramTable(config.programs);
    this.quantum = config.quantum;
    this.ram = new PhysicalMemory(config.memoryFrames);
    this.ram.onExhausted = () => this.oomKill();
    if (cpu) this.cpu = cpu;
    else if (config.cpu === "pipeline") {
      this.hierarchy = new Hierarchy(
        config.caches ?? defaultHierarchyConfig(config.cores),
        new Rng(config.seed ^ 0x5eed),
      );
      this.cpu = new PipelinedCpu({
        cores: config.cores,
        forwarding: config.pipeline.forwarding,
        branchStage: config.pipeline.branchStage,
        memory: this.hierarchy,
      });
    } else this.cpu = new IdealCpu();
    this.disk = new Disk(config.disk.latency, config.disk.perBlock, config.disk.channels);
    this.rng = new Rng(config.seed);
    const n = config.cores;
    this.running = new Array<Pcb | null>(n).fill(null);
    this.switchLeft = new Int32Array(n);
    this.wantSwitch = new Uint8Array(n);
    this.lastOnCore = new Int32Array(n).fill(-1);
    this.coreStats = {
      busy: new Float64Array(n),
      system: new Float64Array(n),
      idle: new Float64Array(n),
      switching: new Float64Array(n),
    };
    this.gantt = Array.from({ length: n }, () => new GanttHistory(config.ganttLength));
    this.balanceInterval = config.balanceInterval ?? 1000;
    this.steal = config.steal ?? true;
    this.policy = buildPolicy(this, config.policy, config.runQueues ?? "global");
    this.ttys = [new Tty("tty1")];
    this.boot();
  }

  // ---- events and state bookkeeping -------------------------------------------------------

  emit(e: KernelEvent): void {
    if (this.recordEvents) this.events.push(e);
  }

  drainEvents(): KernelEvent[] {
    const e = this.events;
    this.events = [];
    return e;
  }

  private setState(p: Pcb, to: ProcessState, block: BlockReason = "none"): void {
    const from = p.state;
    if (from === to && p.block === block) return;
    this.stateCounts.set(from, this.stateCounts.get(from)! - 1);
    this.stateCounts.set(to, this.stateCounts.get(to)! + 1);
    p.state = to;
    p.block = block;
    if (this.recordEvents)
      this.emit({ tick: this.now, type: "StateChanged", pid: p.pid, from, to, block });
  }

  // ---- process creation -------------------------------------------------------------------

  private boot(): void {
    if (this.config.noInit) return;
    const init = this.createProcess("init", 0, 0);
    if (!init) throw new Error("not enough memory to start init");
    init.times.readySince = 0;
  }

  /**
   * Starts a program the textbook way: pid and process-list entry, address space, code and
   * static data loaded, main's arguments on the stack; ready once the image is loaded.
   */
  createProcess(programName: string, ppid: number, nice: number): Pcb | null {
    const id = this.programs.id(programName);
    if (id === undefined) return null;
    if (this.liveCount() >= this.config.maxProcesses) return null;
    const program = this.programs.get(id);
    const pid = this.nextPid++;
    const mem = new AddressSpace(this.ram, pid);
    mem.listener = this;
    const p = new Pcb(pid, ppid, program, id, mem, this.now);
    p.nice = nice;
    p.joined = ++this.joinSeq;
    const parent = this.procs.get(ppid);
    if (parent) parent.childCount++;
    // A child starts in its parent's group and session; init starts both.
    p.pgid = parent ? parent.pgid : pid;
    p.sid = parent ? parent.sid : pid;
    this.procs.set(pid, p);
    this.stateCounts.set("new", this.stateCounts.get("new")! + 1);
    this.emit({ tick: this.now, type: "ProcessCreated", pid, ppid, name: program.name });
    p.story.add(p.times.created, Step.Created, ppid);
    this.emit({ tick: this.now, type: "AddressSpaceCreated", pid });
    p.story.add(p.times.created, Step.AddressSpace);
    if (!this.loadImage(p, id)) return p;
    // The image comes in from disk, then the files and arguments: the process stays `new`.
    p.story.pendingStart = Step.Main;
    this.beginStep(p, Step.Loaded);
    return p;
  }

  /** The tick from which something done now holds: the next one while the cores execute. */
  holdsFrom(): number {
    return this.cycling ? this.now + 1 : this.now;
  }

  /** Whether `p` is starting up as a new process (spawn), rather than in exec. */
  private isNew(p: Pcb): boolean {
    return p.state === "new" || (p.state === "stopped" && p.resumeState === "new");
  }

  private stepCost(p: Pcb, step: number): number {
    const c = this.config.execCost;
    if (step === Step.Loaded) return this.loadTime(p);
    return (step === Step.Stdio ? c.stdio : c.args) ?? 0;
  }

  /**
   * Starts a start-up step. A new process waits for it in `new` (a timer ends it); a process in
   * exec does it as kernel work on its core (its kernel ticks end it). Free steps end at once.
   */
  private beginStep(p: Pcb, step: number): void {
    p.startStep = step;
    const cost = this.stepCost(p, step);
    if (cost === 0) this.endStep(p);
    else if (this.isNew(p)) {
      p.wakeAt = this.now + cost;
      this.addTimer(p);
    } else p.kernelTicks += cost;
  }

  /** The start-up step under way is done: its event, then the next step, or ready to run. */
  private endStep(p: Pcb): void {
    const step = p.startStep;
    const at = this.holdsFrom();
    const spawned = this.isNew(p);
    if (step === Step.Loaded) {
      this.emit({
        tick: this.now,
        type: "ImageLoaded",
        pid: p.pid,
        program: p.program.name,
        textBytes: (p.program.code.length / 5) * 4,
        dataBytes: p.program.dataSize,
      });
      p.story.add(at, Step.Loaded, p.mem.resident);
      // exec keeps the open files: only a new process has its standard streams opened.
      return this.beginStep(p, spawned ? Step.Stdio : Step.Args);
    }
    if (step === Step.Stdio) {
      this.emit({ tick: this.now, type: "StdioSetUp", pid: p.pid });
      p.story.add(at, Step.Stdio);
      return this.beginStep(p, Step.Args);
    }
    const sp = p.regs[Reg.SP];
    this.emit({ tick: this.now, type: "StackSetUp", pid: p.pid, sp });
    p.story.add(at, Step.Args, sp);
    p.startStep = 0;
    if (!spawned) return;
    if (p.state === "stopped") p.resumeState = "ready";
    else {
      this.makeReady(p, "new");
      p.story.add(this.now, Step.Ready);
    }
  }

  private loadTime(p: Pcb): number {
    return this.config.execCost.base + this.config.execCost.perPage * p.mem.resident;
  }

  /**
   * exec: a fresh image, then loading it and main's arguments as kernel work on the caller's
   * core. False if memory ran out (the process is killed).
   */
  exec(p: Pcb, programId: number, args: readonly string[] = []): boolean {
    p.story.add(this.holdsFrom(), Step.Exec, programId);
    if (!this.loadImage(p, programId, args)) return false;
    // Its start-up goes on until the new program's main runs.
    p.story.startedAt = -1;
    p.story.pendingStart = Step.Main;
    this.beginStep(p, Step.Loaded);
    return true;
  }

  /** exec's core: a fresh image, registers and stack. False if memory ran out (process killed). */
  loadImage(p: Pcb, programId: number, args: readonly string[] = []): boolean {
    const program = this.programs.get(programId);
    p.mem.release();
    if (!p.mem.load(program)) {
      this.exitProcess(p, 128 + Signal.SIGKILL, Signal.SIGKILL);
      return false;
    }
    p.program = program;
    p.programId = programId;
    p.code = program.code;
    p.name = program.name;
    p.regs.fill(0);
    p.pc = Layout.TEXT_BASE + program.entry * 4;
    // argc and argv at the top of the stack, where main expects them, and in $a0 and $a1 as
    // MIPS passes them; argv's strings one character per word (the time this takes is the Args
    // start-up step).
    let words = 0;
    for (const a of args) words += a.length + 1;
    const sp = Layout.VA_SIZE - 16 - (args.length === 0 ? 0 : 4 * (args.length + 1 + words));
    const argv = sp + 8;
    p.mem.write(sp, args.length);
    p.mem.write(sp + 4, args.length === 0 ? 0 : argv);
    let at = argv + 4 * (args.length + 1);
    args.forEach((a, i) => {
      p.mem.write(argv + 4 * i, at);
      for (const ch of a) {
        p.mem.write(at, ch.charCodeAt(0));
        at += 4;
      }
      p.mem.write(at, 0);
      at += 4;
    });
    if (args.length > 0) p.mem.write(argv + 4 * args.length, 0);
    p.regs[Reg.SP] = sp;
    p.regs[Reg.A0] = args.length;
    p.regs[Reg.A1] = args.length === 0 ? 0 : argv;
    resetHandlers(p);
    return true;
  }

  /** fork: a copy of `parent` sharing its frames copy-on-write. Returns the child or null. */
  fork(parent: Pcb): Pcb | null {
    if (this.liveCount() >= this.config.maxProcesses) return null;
    const pid = this.nextPid++;
    const mem = new AddressSpace(this.ram, pid);
    mem.listener = this;
    mem.copyFrom(parent.mem);
    const child = new Pcb(pid, parent.pid, parent.program, parent.programId, mem, this.now);
    child.name = parent.name;
    child.nice = parent.nice;
    child.tickets = parent.tickets;
    child.affinityLo = parent.affinityLo;
    child.affinityHi = parent.affinityHi;
    child.regs.set(parent.regs);
    child.pc = parent.pc;
    child.sigDisposition.set(parent.sigDisposition);
    child.pgid = parent.pgid;
    child.sid = parent.sid;
    if (parent.sigSaved) {
      child.sigSaved = parent.sigSaved.slice();
      child.sigSavedPc = parent.sigSavedPc;
    }
    child.regs[Reg.V0] = 0;
    child.joined = ++this.joinSeq;
    parent.childCount++;
    this.procs.set(pid, child);
    this.stateCounts.set("new", this.stateCounts.get("new")! + 1);
    this.totalForks++;
    this.emit({ tick: this.now, type: "ProcessCreated", pid, ppid: parent.pid, name: child.name });
    this.emit({ tick: this.now, type: "Forked", pid: parent.pid, child: pid, name: child.name });
    child.story.add(child.times.created, Step.Created, parent.pid);
    child.story.add(child.times.created, Step.ForkedFrom, parent.pid);
    child.story.pendingStart = Step.ForkReturn;
    parent.story.add(this.holdsFrom(), Step.Forked, pid);
    parent.kernelTicks +=
      this.config.forkCost.base + this.config.forkCost.perPage * parent.mem.resident;
    this.makeReady(child, "new");
    // In the run queue from now: another core may take it within this very tick.
    child.story.add(this.now, Step.Ready);
    return child;
  }

  liveCount(): number {
    return this.procs.size;
  }

  // ---- scheduling mechanism ---------------------------------------------------------------

  makeReady(p: Pcb, why: EnqueueReason): void {
    this.setState(p, "ready");
    p.times.readySince = this.cycling ? this.now + 1 : this.now;
    p.core = -1;
    this.policy.enqueue(p, why);
    this.justReady.push(p);
  }

  /** `p` is to be checked against the running processes: the queues changed under it. */
  recheckPreemption(p: Pcb): void {
    this.justReady.push(p);
  }

  private addTimer(p: Pcb): void {
    this.timers.push(p);
    if (p.wakeAt < this.nextTimer) this.nextTimer = p.wakeAt;
  }

  /** Takes `p` off its core (it blocked, stopped or died). */
  private leaveCore(p: Pcb): void {
    const c = p.core;
    if (c < 0) return;
    if (this.running[c] === p) {
      this.running[c] = null;
      this.switchLeft[c] = 0;
      this.wantSwitch[c] = SwitchReason.None;
    }
    p.core = -1;
  }

  /** Ends a CPU burst (SJF learns its length): tau' = (burst + tau) / 2. */
  private endBurst(p: Pcb): void {
    if (p.sched.burst > 0) {
      p.sched.estimate = (p.sched.burst + p.sched.estimate) / 2;
      p.sched.burst = 0;
    }
  }

  block(p: Pcb, reason: BlockReason): void {
    this.endBurst(p);
    this.leaveCore(p);
    p.acct.contextSwitches++;
    this.setState(p, "blocked", reason);
  }

  sleep(p: Pcb, ticks: number): void {
    this.block(p, "sleep");
    p.wakeAt = this.now + Math.max(1, ticks);
    this.addTimer(p);
  }

  startIo(p: Pcb, blocks: number): void {
    this.block(p, "io");
    const r = this.disk.submit(p.pid, blocks, this.now);
    this.emit({ tick: this.now, type: "IoStarted", pid: p.pid, blocks, until: r.until });
  }

  /** Wakes a blocked process: back to ready, or to its resume state if stopped meanwhile. */
  wake(p: Pcb): void {
    if (p.state === "stopped") {
      p.resumeState = "ready";
      return;
    }
    if (p.state === "blocked" || p.state === "new") this.makeReady(p, "wake");
  }

  private fireTimers(now: number): void {
    // A start-up step that ends may start the next one's timer: it goes on the fresh list.
    const list = this.timers;
    this.timers = [];
    this.nextTimer = Number.POSITIVE_INFINITY;
    for (const p of list) {
      // A timer left over from a sleep cut short by a signal must not wake a later wait or pause.
      const asleep =
        (p.state === "blocked" && p.block === "sleep") ||
        p.state === "new" ||
        (p.state === "stopped" && p.resumeState === "blocked" && p.block === "sleep") ||
        (p.state === "stopped" && p.resumeState === "new");
      if (!asleep || !this.procs.has(p.pid)) continue;
      if (p.wakeAt <= now) {
        if (this.isNew(p)) this.endStep(p);
        else this.wake(p);
      } else this.addTimer(p);
    }
  }

  private completeIo(now: number): void {
    for (const r of this.disk.complete(now)) {
      const p = this.procs.get(r.pid);
      if (!p) continue;
      this.emit({ tick: now, type: "IoCompleted", pid: p.pid });
      if (p.state === "blocked" && p.block === "io") this.wake(p);
      else if (p.state === "stopped" && p.resumeState === "blocked") p.resumeState = "ready";
    }
  }

  /** Picks the next process for an idle core and starts the context switch to it. */
  private dispatch(c: number): Pcb | null {
    let p = this.policy.pick(c);
    if (p === null && this.steal && this.policy instanceof PerCoreQueues && this.policy.steal(c))
      p = this.policy.pick(c);
    if (p === null) return null;
    p.sched.lastCore = c;
    // A process made ready by a lower-numbered core may be dispatched in the same tick.
    p.times.waiting += Math.max(0, this.now - p.times.readySince);
    p.core = c;
    p.sched.quantumUsed = 0;
    this.running[c] = p;
    this.wantSwitch[c] = SwitchReason.None;
    this.setState(p, "running");
    this.switchLeft[c] = this.lastOnCore[c] === p.pid ? 0 : this.config.switchCost;
    this.emit({ tick: this.now, type: "Dispatched", pid: p.pid, core: c });
    if (!p.story.dispatched) {
      p.story.dispatched = true;
      p.story.add(this.now, Step.Dispatched, c);
    }
    return p;
  }

  /** Involuntary switch: the running process goes back to the ready queue. */
  private preempt(c: number, p: Pcb): void {
    const reason = PREEMPT_REASON[this.wantSwitch[c]];
    this.leaveCore(p);
    p.acct.contextSwitches++;
    this.emit({ tick: this.now, type: "Preempted", pid: p.pid, core: c, reason });
    this.makeReady(p, reason === "yield" ? "yield" : "preempt");
    // A preempted process was not waiting on anything: its burst goes on.
  }

  requestYield(p: Pcb): void {
    if (p.core >= 0) this.wantSwitch[p.core] = SwitchReason.Yield;
  }

  private checkPreemption(): void {
    const list = this.justReady;
    this.justReady = [];
    const perCore = this.policy instanceof PerCoreQueues;
    for (const p of list) {
      if (p.state !== "ready") continue;
      let victim = -1;
      for (let c = 0; c < this.running.length; c++) {
        // Only the cores it may run on; with per-core queues, only its queue's core.
        if (!allowedOn(p, c) || (perCore && p.sched.queue !== c)) continue;
        const r = this.running[c];
        if (r === null) {
          victim = -1;
          break; // an idle core will take it
        }
        if (this.wantSwitch[c] === SwitchReason.None && this.policy.preempts(p, r)) {
          if (victim < 0 || this.policy.preempts(this.running[victim]!, r)) victim = c;
        }
      }
      if (victim >= 0) this.wantSwitch[victim] = SwitchReason.Priority;
    }
  }

  /** Processes waiting that core `c` could run instead of its current one. */
  private waitingFor(c: number): number {
    return this.policy instanceof PerCoreQueues ? this.policy.sizeOf(c) : this.policy.size;
  }

  // ---- the tick ---------------------------------------------------------------------------

  /** Applies `commands` (stamped for this tick), then advances every core by one cycle. */
  step(commands?: readonly Command[]): void {
    const now = this.now;
    if (commands) for (const c of commands) this.apply(c);
    if (this.nextTimer <= now) this.fireTimers(now);
    if (this.disk.nextCompletion <= now) this.completeIo(now);
    if (this.policy.tick(now, this.running)) {
      this.emit({ tick: now, type: "PriorityBoost" });
      // A boost reorders the queues: whoever now comes first may have to take a core.
      for (const q of this.policy.queued()) this.justReady.push(q);
    }
    if (
      this.balanceInterval > 0 &&
      now % this.balanceInterval === 0 &&
      this.policy instanceof PerCoreQueues
    )
      this.policy.balance();
    if (this.justReady.length > 0) this.checkPreemption();
    const cores = this.running.length;
    this.cycling = true;
    for (let c = 0; c < cores; c++) this.cycleCore(c);
    this.cycling = false;
    if (now % 100 === 0) this.updateLoad();
    this.now = now + 1;
  }

  /** Runs `n` ticks with no commands. */
  run(n: number): void {
    for (let i = 0; i < n; i++) this.step();
  }

  private cycleCore(c: number): void {
    let p = this.running[c];
    const stats = this.coreStats;
    if (
      p !== null &&
      this.wantSwitch[c] !== SwitchReason.None &&
      this.switchLeft[c] === 0 &&
      this.cpu.drained(c)
    ) {
      // A preemption asked for before this cycle, with nothing in flight to drain (ideal CPU):
      // switch now rather than hold the core for a cycle that fetches nothing.
      this.preempt(c, p);
      p.times.readySince = this.now;
      p = null;
    }
    if (p === null) {
      p = this.dispatch(c);
      if (p === null) {
        stats.idle[c]++;
        this.ganttMark(c, GANTT_IDLE);
        this.cpu.cycle(c, null, false);
        return;
      }
    }
    if (this.switchLeft[c] > 0) {
      this.switchLeft[c]--;
      stats.switching[c]++;
      p.acct.cycles++;
      p.acct.systemTicks++;
      this.ganttMark(c, GANTT_SWITCH);
      this.cpu.cycle(c, p, false);
      return;
    }
    if (this.lastOnCore[c] !== p.pid) this.lastOnCore[c] = p.pid;
    this.ganttMark(c, p.pid);
    if (p.times.firstRun < 0) p.times.firstRun = this.now;
    stats.busy[c]++;
    p.acct.cycles++;
    // Signals are taken on the way back to user mode: fetch stops until nothing is in flight.
    const signalled = p.sigPending !== 0 && this.canDeliver(p);
    if (signalled && this.cpu.drained(c)) {
      this.deliverSignals(p);
      if (this.running[c] !== p) return;
    }
    if (p.kernelTicks > 0) {
      p.kernelTicks--;
      p.acct.systemTicks++;
      stats.system[c]++;
      this.cpu.cycle(c, p, false);
      if (p.kernelTicks === 0 && p.startStep !== 0) this.endStep(p);
      return;
    }
    if (p.story.pendingStart !== 0) this.started(p);
    const fetch =
      this.wantSwitch[c] === SwitchReason.None && !(p.sigPending !== 0 && this.canDeliver(p));
    const trap = this.cpu.cycle(c, p, fetch);
    if (fetch) {
      p.sched.quantumUsed++;
      p.sched.burst++;
    }
    if (trap !== Trap.None) this.handleTrap(p, trap);
    // It left the core: a trap, or the OOM killer chose it during its own access.
    if (this.running[c] !== p) return;
    if (this.config.exitAtTextEnd && p.pc === p.mem.textEnd && this.cpu.drained(c)) {
      this.exitProcess(p, 0, 0);
      return;
    }
    if (this.wantSwitch[c] === SwitchReason.None && fetch) {
      const level = p.sched.level;
      if (this.policy.ranTick(p)) this.wantSwitch[c] = SwitchReason.Quantum;
      // Any policy that moves a process down a level (MLFQ) says so through its level.
      if (p.sched.level > level)
        this.emit({ tick: this.now, type: "Demoted", pid: p.pid, level: p.sched.level });
    }
    if (this.wantSwitch[c] !== SwitchReason.None && this.cpu.drained(c)) {
      if (this.wantSwitch[c] === SwitchReason.Quantum && this.waitingFor(c) === 0) {
        // Nobody else wants the core: a new slice, no switch.
        this.wantSwitch[c] = SwitchReason.None;
        p.sched.quantumUsed = 0;
      } else {
        this.preempt(c, p);
      }
    }
  }

  /** Its first user instruction (of main, or fork returning 0): start-up ends, useful work begins. */
  private started(p: Pcb): void {
    const s = p.story;
    s.add(this.now, s.pendingStart as Step);
    s.pendingStart = 0;
    s.startedAt = this.now;
    // This tick is already counted as a cycle, and it is the first one of useful work.
    s.userAtStart = p.acct.cycles - 1 - p.acct.systemTicks;
  }

  private ganttMark(c: number, who: number): void {
    const g = this.gantt[c];
    if (g.current() !== who) g.push(who, this.now);
  }

  private handleTrap(p: Pcb, trap: Trap): void {
    if (trap === Trap.Syscall) {
      p.acct.syscalls++;
      performSyscall(this, p);
      return;
    }
    if (p.mem.outOfMemory) {
      // This process was the OOM killer's victim during the access.
      p.mem.outOfMemory = false;
      return;
    }
    if (trap === Trap.BadPc && this.config.exitAtTextEnd && p.pc === p.mem.textEnd) {
      // Resumed after a blocking call that was its last instruction: main has returned.
      this.exitProcess(p, 0, 0);
      return;
    }
    // A bad access or a jump into nowhere: SIGSEGV, which cannot be ignored for a real fault,
    // nor caught while a handler runs (it could not be delivered: the fault would repeat forever).
    if (p.sigDisposition[Signal.SIGSEGV] === SIG_IGN || p.sigSaved !== null)
      p.sigDisposition[Signal.SIGSEGV] = 0;
    this.raise(p, Signal.SIGSEGV);
    this.deliverSignals(p);
  }

  private updateLoad(): void {
    const runnable = this.stateCounts.get("ready")! + this.stateCounts.get("running")!;
    for (let i = 0; i < 3; i++) {
      const a = LOAD_DECAY[i];
      this.loadAvg[i] = this.loadAvg[i] * a + runnable * (1 - a);
    }
  }

  // ---- signals (their rules are in signals.ts) ----------------------------------------------

  /** kill(pid, sig) from outside any process: see signals.ts. */
  sendSignal(pid: number, sig: number, from: number): number {
    return sendSignal(this, pid, sig, from);
  }

  deliverSignals(p: Pcb): void {
    deliverSignals(this, p);
  }

  /** Delegates kept so the per-tick loop reads as before. */
  private canDeliver(p: Pcb): boolean {
    return canDeliver(p);
  }

  private raise(p: Pcb, sig: number): void {
    raise(p, sig);
  }

  /** A stop signal took effect: off the core, and its parent learns of it (WUNTRACED, SIGCHLD). */
  stop(p: Pcb, sig: number): void {
    if (p.state === "stopped" || p.state === "zombie") return;
    // A process stopped while its image loads still has to wait for the load when continued.
    p.resumeState = p.state === "running" || p.state === "ready" ? "ready" : p.state;
    if (p.state === "ready") this.policy.remove(p);
    if (p.state === "running") {
      this.endBurst(p);
      this.cpu.flush(p.core);
      this.leaveCore(p);
    }
    this.setState(p, "stopped", p.state === "blocked" ? p.block : "none");
    p.stopSignal = sig;
    const parent = this.procs.get(p.ppid);
    if (parent && parent !== p && !this.offerToWaiter(parent))
      sendSignal(this, parent.pid, Signal.SIGCHLD, p.pid);
  }

  /** SIGCONT: back to what it was doing. */
  resume(p: Pcb): void {
    const block = p.block;
    p.stopSignal = 0;
    if (p.resumeState === "blocked") {
      this.setState(p, "blocked", block);
      // A signal that arrived while it was stopped now interrupts the call, as it would have;
      // a terminal read starts again (it may now be in the background, or have input).
      if (block === "tty") this.wake(p);
      else if (p.sigPending !== 0 && block !== "io") {
        p.regs[Reg.V0] = -1;
        this.wake(p);
      }
    } else if (p.resumeState === "new") {
      this.setState(p, "new");
    } else {
      this.makeReady(p, "wake");
    }
  }

  // ---- exit, wait and reaping -------------------------------------------------------------

  /** The process ends: memory freed, children to init, a zombie until its parent reaps it. */
  exitProcess(p: Pcb, status: number, signal: number): void {
    if (p.state === "zombie") return;
    if (p.state === "ready") this.policy.remove(p);
    if (p.state === "running" && p.core >= 0) this.cpu.flush(p.core);
    // Stopped in the middle of I/O counts too: the request must not hold the disk for a corpse.
    if (p.block === "io" && (p.state === "blocked" || p.state === "stopped"))
      this.disk.cancel(p.pid, this.now);
    this.leaveCore(p);
    p.mem.release();
    p.exitStatus = status & 0xff;
    p.killedBy = signal;
    p.times.exited = this.cycling ? this.now + 1 : this.now;
    p.sigPending = 0;
    this.totalExits++;
    this.emit({
      tick: this.now,
      type: "Exited",
      pid: p.pid,
      name: p.name,
      status: p.exitStatus,
      signal,
    });
    p.story.add(p.times.exited, Step.Exited, p.exitStatus | (signal << 8));
    this.setState(p, "zombie");
    this.emit({ tick: this.now, type: "BecameZombie", pid: p.pid });
    p.story.add(p.times.exited, Step.Zombie, p.ppid);
    const heirPid = this.heirOf(p);
    const heir = this.procs.get(heirPid);
    let orphanZombie = false;
    const groups = new Set<number>([p.pgid]);
    for (const child of this.orphansOf(p)) {
      groups.add(child.pgid);
      const from = child.ppid;
      const old = this.procs.get(from);
      if (old) old.childCount--;
      child.ppid = heirPid;
      child.joined = ++this.joinSeq;
      if (heir) heir.childCount++;
      this.emit({ tick: this.now, type: "Reparented", pid: child.pid, from, to: heirPid });
      if (child.state === "zombie") orphanZombie = true;
    }
    if (orphanZombie && heir) this.offerToWaiter(heir);
    const parent = this.procs.get(p.ppid);
    if (parent) {
      if (!this.offerToWaiter(parent)) this.sendSignal(parent.pid, Signal.SIGCHLD, p.pid);
    }
    if (p.pid === INIT_PID) this.reapOrphansOfDeadInit();
    if (p.pid === p.sid) sessionLeaderExited(this, p);
    orphanedGroupsAfterExit(this, groups);
  }

  // ---- sessions, process groups and the terminal (their rules are in sessions.ts) -----------

  /** The terminal a session has as controlling terminal, or null. */
  ttyOf(sid: number): Tty | null {
    return ttyOf(this, sid);
  }

  /** POSIX: no member has a parent in another group of the same session. */
  isOrphanedGroup(pgid: number): boolean {
    return isOrphanedGroup(this, pgid);
  }

  /** A terminal read interrupted for a handler: it returns -1 rather than starting again. */
  unwindTtyRead(p: Pcb): void {
    p.pc += 4;
  }

  /** Who adopts the children of exiting `p` (config.reparentTo): init unless it is "grandparent". */
  private heirOf(p: Pcb): number {
    if (this.config.reparentTo !== "grandparent") return INIT_PID;
    const up = this.procs.get(p.ppid);
    return up && up !== p && up.state !== "zombie" ? up.pid : INIT_PID;
  }

  /** Children of `p` in the order they joined it (fork or adoption), as Linux's children list. */
  childrenOf(p: Pcb): Pcb[] {
    if (p.childCount === 0) return [];
    const out: Pcb[] = [];
    for (const c of this.procs.values()) if (c.ppid === p.pid && c !== p) out.push(c);
    return out.sort((a, b) => a.joined - b.joined);
  }

  /** Who moves when `p` exits: its children, or for "init-all" its whole subtree in pre-order. */
  private orphansOf(p: Pcb): Pcb[] {
    if (this.config.reparentTo !== "init-all") return this.childrenOf(p);
    const out: Pcb[] = [];
    const stack = this.childrenOf(p).reverse();
    while (stack.length > 0) {
      const q = stack.pop()!;
      out.push(q);
      stack.push(...this.childrenOf(q).reverse());
    }
    return out;
  }

  /**
   * If `parent` is blocked in wait for a child that is now a zombie (or stopped, with
   * WUNTRACED), reap it or report the stop, and wake parent.
   */
  private offerToWaiter(parent: Pcb): boolean {
    const waiting =
      (parent.state === "blocked" && parent.block === "wait") ||
      (parent.state === "stopped" && parent.block === "wait");
    if (!waiting) return false;
    const z = this.findZombieChild(parent, parent.waitTarget);
    const s =
      z === null && (parent.waitOptions & WUNTRACED) !== 0
        ? this.findStoppedChild(parent, parent.waitTarget)
        : null;
    if (z) this.reap(z, parent);
    else if (s) this.reportStop(s, parent);
    else return false;
    if (parent.state === "stopped") parent.resumeState = "ready";
    else this.makeReady(parent, "wake");
    return true;
  }

  findZombieChild(parent: Pcb, target: number): Pcb | null {
    for (const c of this.procs.values()) {
      if (c.ppid === parent.pid && c.state === "zombie" && (target < 0 || c.pid === target))
        return c;
    }
    return null;
  }

  /** A stopped child whose stop its parent has not yet been told of. */
  findStoppedChild(parent: Pcb, target: number): Pcb | null {
    for (const c of this.procs.values()) {
      if (
        c.ppid === parent.pid &&
        c.state === "stopped" &&
        c.stopSignal !== 0 &&
        (target < 0 || c.pid === target)
      )
        return c;
    }
    return null;
  }

  /** waitpid with WUNTRACED: the child's pid in $v0, WAIT_STOPPED | its stop signal in $v1. */
  reportStop(c: Pcb, by: Pcb): void {
    by.regs[Reg.V0] = c.pid;
    by.regs[Reg.V1] = WAIT_STOPPED | c.stopSignal;
    this.emit({
      tick: this.now,
      type: "StopReported",
      pid: c.pid,
      by: by.pid,
      signal: c.stopSignal,
    });
    c.stopSignal = 0;
  }

  hasChild(parent: Pcb, target: number): boolean {
    for (const c of this.procs.values()) {
      if (c.ppid === parent.pid && c !== parent && (target < 0 || c.pid === target)) return true;
    }
    return false;
  }

  /** Removes a zombie for good; the waiter gets its pid in $v0 and status in $v1. */
  reap(z: Pcb, by: Pcb): void {
    by.regs[Reg.V0] = z.pid;
    by.regs[Reg.V1] = z.exitStatus;
    const parent = this.procs.get(z.ppid);
    if (parent) parent.childCount--;
    this.procs.delete(z.pid);
    this.exitedCycles += z.acct.cycles;
    this.finished.add(z);
    this.stateCounts.set("zombie", this.stateCounts.get("zombie")! - 1);
    this.emit({ tick: this.now, type: "Reaped", pid: z.pid, by: by.pid, status: z.exitStatus });
    // As times() counts reaped children's time: their start-up and useful ticks add to the waiter's.
    const s = by.story;
    s.add(this.holdsFrom(), Step.ReapedChild, z.pid);
    s.reapedChildren++;
    s.childStartup += startupTicks(z, this.now) + z.story.childStartup;
    s.childUseful += usefulTicks(z) + z.story.childUseful;
  }

  /** Without init nobody adopts; zombies left behind are dropped so memory stays bounded. */
  private reapOrphansOfDeadInit(): void {
    for (const c of [...this.procs.values()]) {
      if (c.ppid === INIT_PID && c.state === "zombie") {
        const init = this.procs.get(INIT_PID);
        if (init) init.childCount--;
        this.procs.delete(c.pid);
        this.exitedCycles += c.acct.cycles;
        this.finished.add(c);
        this.stateCounts.set("zombie", this.stateCounts.get("zombie")! - 1);
        this.emit({ tick: this.now, type: "Reaped", pid: c.pid, by: 0, status: c.exitStatus });
      }
    }
  }

  // ---- memory events ----------------------------------------------------------------------

  stackGrew(space: AddressSpace, bytes: number): void {
    this.emit({ tick: this.now, type: "StackGrew", pid: space.pid, bytes });
  }

  cowCopied(space: AddressSpace, vpn: number): void {
    this.emit({ tick: this.now, type: "CowCopied", pid: space.pid, page: vpn });
  }

  /** Out of frames: kill the process with the most resident pages (never init). */
  private oomKill(): boolean {
    let victim: Pcb | null = null;
    for (const p of this.procs.values()) {
      if (p.pid === INIT_PID || p.state === "zombie" || p.mem.resident === 0) continue;
      if (victim === null || p.mem.resident > victim.mem.resident) victim = p;
    }
    if (victim === null) return false;
    this.emit({
      tick: this.now,
      type: "OomKilled",
      pid: victim.pid,
      name: victim.name,
      pages: victim.mem.resident,
    });
    signalDelivered(this, victim, Signal.SIGKILL, "terminated", 128 + Signal.SIGKILL);
    this.exitProcess(victim, 128 + Signal.SIGKILL, Signal.SIGKILL);
    return true;
  }

  // ---- commands (their rules are in operator.ts) -----------------------------------------------

  apply(c: Command): void {
    applyCommand(this, c);
  }

  /** One global run queue, or one per core. */
  get runQueueMode(): RunQueueMode {
    return this.policy instanceof PerCoreQueues ? "per-core" : "global";
  }

  // ---- snapshots --------------------------------------------------------------------------

  private cloneCpu(): { cpu: CpuModel; hierarchy: Hierarchy | null } {
    if (this.hierarchy && this.cpu instanceof PipelinedCpu) {
      const hierarchy = this.hierarchy.clone();
      return { hierarchy, cpu: this.cpu.clone(hierarchy) };
    }
    return { hierarchy: null, cpu: this.cpu.clone() };
  }

  /**
   * A deep copy sharing nothing mutable with this kernel. A `frozen` copy (for the store's
   * snapshots) keeps only the memory frames in use: clone it again to get one that can run.
   */
  clone(frozen = false): Kernel {
    const k = Object.create(Kernel.prototype) as Kernel;
    const snap = this.ram.snapshot();
    const ram = frozen ? PhysicalMemory.frozen(snap) : PhysicalMemory.restore(snap);
    const map = new Map<number, Pcb>();
    for (const [pid, p] of this.procs) {
      const mem = p.mem.cloneOnto(ram, frozen);
      mem.listener = k;
      map.set(pid, p.cloneWith(mem));
    }
    const re = (p: Pcb | null) => (p === null ? null : map.get(p.pid)!);
    // A policy may still name a process that has been reaped (the last one to run): it keeps it.
    const policy = this.policy.clone((p) => map.get(p.pid) ?? p);
    const running = this.running.map(re);
    if (policy instanceof PerCoreQueues) {
      policy.running = running;
      policy.onMigrate = migrationEvents(k);
    }
    Object.assign(k, {
      config: this.config,
      programs: this.programs,
      now: this.now,
      nextPid: this.nextPid,
      procs: map,
      policy,
      quantum: this.quantum,
      ram,
      ...this.cloneCpu(),
      disk: this.disk.clone(),
      rng: this.rng.clone(),
      running,
      balanceInterval: this.balanceInterval,
      steal: this.steal,
      switchLeft: this.switchLeft.slice(),
      wantSwitch: this.wantSwitch.slice(),
      lastOnCore: this.lastOnCore.slice(),
      coreStats: {
        busy: this.coreStats.busy.slice(),
        system: this.coreStats.system.slice(),
        idle: this.coreStats.idle.slice(),
        switching: this.coreStats.switching.slice(),
      },
      gantt: this.gantt.map((g) => g.clone()),
      ttys: this.ttys.map((t) => t.clone()),
      timers: this.timers.filter((p) => map.has(p.pid)).map((p) => map.get(p.pid)!),
      nextTimer: this.nextTimer,
      cycling: false,
      justReady: this.justReady.filter((p) => map.has(p.pid)).map((p) => map.get(p.pid)!),
      stateCounts: new Map(this.stateCounts),
      loadAvg: this.loadAvg.slice(),
      totalForks: this.totalForks,
      totalExits: this.totalExits,
      exitedCycles: this.exitedCycles,
      finished: this.finished.clone(),
      joinSeq: this.joinSeq,
      events: [],
      recordEvents: this.recordEvents,
    });
    ram.onExhausted = () => k.oomKill();
    return k;
  }
}
