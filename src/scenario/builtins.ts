// The built-in scenarios, each making one of the lecture's points visible.
import { compileScenario } from "./compile.js";
import type { ScenarioFile } from "./schema.js";
import type { Scenario } from "./types.js";

const DEFAULT: ScenarioFile = {
  name: "default",
  description: "init, a shell and a handful of processes of different kinds on 2 pipelined cores",
  machine: { cores: 2, cpu: "pipeline" },
  processes: [
    { program: "auto-sh" },
    { program: "cpu-bound" },
    { program: "io-bound" },
    { program: "forker" },
    { program: "sigint-handler" },
    { program: "sleeper" },
    { program: "row-scan" },
    { program: "col-scan" },
  ],
};

const LIFECYCLE: ScenarioFile = {
  name: "lifecycle",
  description: "fork, exec, wait and exit; zombies until a parent waits; orphans adopted by init",
  machine: { cores: 2 },
  programs: [
    {
      name: "fork-tree",
      description:
        "fork(); fork(); fork(); — one process becomes eight, then each waits for its children",
      source: `
main:   fork                    # both parent and child go on from here...
        fork                    # ...so each fork doubles the processes: 2, 4, 8
        fork
        sleep 3000
reap:   wait                    # -1 (ECHILD) once every child is reaped
        bge $v0, $zero, reap
        exit 0
`,
    },
  ],
  processes: [{ program: "fork-tree" }],
  commands: [
    { at: 6000, spawn: "auto-sh" },
    { at: 12000, spawn: "zombie-maker" },
    { at: 20000, spawn: "orphan-maker" },
  ],
  chapters: [
    { at: 0, title: "fork ×3: one process becomes a tree of eight" },
    { at: 3000, title: "wait: each parent reaps its children as they exit" },
    { at: 6000, title: "fork + exec + wait: the shell runs a query as a child" },
    { at: 12000, title: "zombies: three children exit, their parent never waits" },
    { at: 20000, title: "orphans: the parent exits first, init adopts the child" },
    { at: 42000, title: "the zombies' parent exits: init adopts and reaps them" },
  ],
};

const SIGNALS: ScenarioFile = {
  name: "signals",
  description:
    "Ctrl+C with and without a handler, ignoring it, stop and continue, SIGKILL and SIGTERM",
  machine: { cores: 2 },
  processes: [
    { program: "sleeper", as: "sleeper" },
    { program: "sigint-handler", as: "handler" },
    { program: "sigint-ignorer", as: "ignorer" },
    { program: "cpu-bound", as: "worker" },
  ],
  commands: [
    { at: 2000, kill: "sleeper", signal: "SIGINT" },
    { at: 2000, kill: "handler", signal: "SIGINT" },
    { at: 2000, kill: "ignorer", signal: "SIGINT" },
    { at: 5000, kill: "worker", signal: "SIGSTOP" },
    { at: 8000, kill: "worker", signal: "SIGCONT" },
    { at: 11000, kill: "handler", signal: "SIGKILL" },
    { at: 11000, kill: "ignorer", signal: "SIGKILL" },
    { at: 14000, kill: "worker", signal: "SIGTERM" },
  ],
  chapters: [
    { at: 0, title: "a sleeper, a SIGINT handler, a SIGINT ignorer and a busy worker" },
    {
      at: 2000,
      title: "Ctrl+C (SIGINT) to three: the default kills, a handler catches, ignore ignores",
    },
    { at: 5000, title: "SIGSTOP: the worker is stopped (T) and gets no CPU" },
    { at: 8000, title: "SIGCONT: the worker runs again" },
    { at: 11000, title: "SIGKILL can be neither caught nor ignored" },
    { at: 14000, title: "SIGTERM: the default action ends the worker" },
  ],
};

const SCHED_CHAPTER = 60000;
const JOBS = ["long-job", "short-job", "short-job", "interactive"];
const POLICIES = ["fcfs", "sjf", "rr", "mlfq"] as const;
const POLICY_WORDS: Record<(typeof POLICIES)[number], string> = {
  fcfs: "FCFS: arrival order, never preempted: all wait behind the long job's 4000-tick bursts",
  sjf: "SJF: shortest predicted burst first: short jobs finish early, long bursts still block",
  rr: "RR: 100-tick slices in turn: every job makes progress, the long job finishes last",
  mlfq: "MLFQ: every job starts on top and sinks as it uses CPU; the long job sinks fastest",
};

const SCHEDULING: ScenarioFile = {
  name: "scheduling",
  description:
    "the same four jobs under FCFS, SJF, RR and MLFQ on one core, one policy per chapter",
  // The ideal CPU runs one instruction per tick, so a job's length in ticks is exact, as in the
  // textbook's exercises; the pipeline would only scale every job alike.
  machine: { cores: 1, cpu: "ideal" },
  policy: "fcfs",
  mlfq: { levels: 3, quanta: [20, 100, 400], allotments: [100, 400, 400], boostInterval: 20000 },
  programs: [
    {
      name: "long-job",
      description: "6 CPU bursts of about 4000 ticks",
      source: `
main:   li $s0, 6
burst:  li $t0, 2000
spin:   addi $t0, $t0, -1       # 2 instructions per turn: 4000 ticks per burst
        bnez $t0, spin
        sleep 1                 # blocking ends the burst (SJF learns its length)
        addi $s0, $s0, -1
        bnez $s0, burst
        exit 0
`,
    },
    {
      name: "short-job",
      description: "20 CPU bursts of about 200 ticks",
      source: `
main:   li $s0, 20
burst:  li $t0, 100
spin:   addi $t0, $t0, -1
        bnez $t0, spin
        sleep 1
        addi $s0, $s0, -1
        bnez $s0, burst
        exit 0
`,
    },
    {
      name: "interactive",
      description: "40 times: 20 ticks of work, then a disk read",
      source: `
main:   li $s0, 40
burst:  li $t0, 10
spin:   addi $t0, $t0, -1
        bnez $t0, spin
        io 1
        addi $s0, $s0, -1
        bnez $s0, burst
        exit 0
`,
    },
  ],
  commands: POLICIES.flatMap((policy, i) => [
    ...(i > 0 ? [{ at: i * SCHED_CHAPTER, setPolicy: policy }] : []),
    ...JOBS.map((job) => ({ at: i * SCHED_CHAPTER, spawn: job })),
  ]),
  chapters: POLICIES.map((policy, i) => ({ at: i * SCHED_CHAPTER, title: POLICY_WORDS[policy] })),
};

const CPU_VS_IO: ScenarioFile = {
  name: "cpu-vs-io",
  description:
    "a CPU-bound and an I/O-bound process side by side: one always running, one mostly blocked",
  // A core each, so neither waits for the other: the I/O-bound one's %CPU is the share of time
  // it runs, the rest it is blocked on the disk. Its bursts and reads are drawn from the seed.
  machine: { cores: 2, cpu: "pipeline" },
  processes: [{ program: "cpu-bound" }, { program: "io-bound" }],
  chapters: [
    {
      at: 0,
      title: "cpu-bound never blocks; io-bound computes a little, then waits for the disk",
    },
  ],
};

const LOCALITY: ScenarioFile = {
  name: "locality",
  description:
    "the same 256x256 matrix scanned row by row and column by column, through the caches",
  machine: { cores: 2, cpu: "pipeline" },
  processes: [{ program: "row-scan" }, { program: "col-scan" }],
  chapters: [
    { at: 0, title: "row-major: 8 elements share a 64-byte line: 15 of 16 accesses hit L1" },
    {
      at: 0,
      title: "column-major: a 2 KiB stride, a new line every load: each load misses L1 and L2",
    },
  ],
};

const STARTUP_COST: ScenarioFile = {
  name: "startup-cost",
  description: "20 queries: a new process for each (fork + exec + wait) vs one long-lived server",
  // Starting a process costs about as much as the query it runs (loading a program and its
  // libraries, setting up a connection): the proportions of a small SQL query, not the defaults.
  machine: { cores: 2, latencies: { fork: 1000, forkPerPage: 20, exec: 6000, execPerPage: 100 } },
  processes: [{ program: "query-launcher" }, { program: "server" }],
  chapters: [
    {
      at: 0,
      title: "the launcher forks and execs a query process 20 times; the server loops 20 times",
    },
  ],
};

const PIPELINE: ScenarioFile = {
  name: "pipeline",
  description:
    "pipeline hazards: independent work, load-use stalls and taken branches side by side",
  machine: { cores: 3, cpu: "pipeline" },
  programs: [
    {
      name: "independent",
      description: "a long run of instructions that do not depend on each other",
      source: `
main:   addi $t0, $t0, 1
        addi $t1, $t1, 1
        addi $t2, $t2, 1
        addi $t3, $t3, 1
        addi $t4, $t4, 1
        addi $t5, $t5, 1
        addi $t6, $t6, 1
        addi $t7, $t7, 1
        j main
`,
    },
    {
      name: "load-use",
      description: "each load's result is used by the very next instruction: a stall every time",
      source: `
.data
x:      .word 1
.text
main:   la $s0, x
loop:   lw $t0, 0($s0)
        add $t1, $t1, $t0       # needs $t0 now: load-use hazard
        lw $t2, 0($s0)
        add $t3, $t3, $t2
        j loop
`,
    },
    {
      name: "branchy",
      description:
        "a taken branch every other instruction: the fetched instructions behind it are flushed",
      source: `
main:   addi $t0, $t0, 1
        beq $zero, $zero, over  # always taken, predicted not taken: the next fetch is flushed
        addi $t9, $t9, 1        # never executed
over:   addi $t1, $t1, 1
        bne $t1, $zero, main    # taken again
`,
    },
  ],
  processes: [{ program: "independent" }, { program: "load-use" }, { program: "branchy" }],
  chapters: [{ at: 0, title: "compare the IPC column: hazards cost cycles" }],
};

const SHARE_CHAPTER = 30_000;

const PROPORTIONAL_SHARE: ScenarioFile = {
  name: "proportional-share",
  description:
    "tickets 1:2:4 under lottery, then stride: random shares that wander, then exact ones",
  // The ideal CPU and short slices: many draws a second of dashboard, so the shares can be seen
  // to converge (lottery) or hold exactly (stride) in the %CPU column. No switch cost: it would
  // be charged to whoever comes in, and a job running two slices in a row saves one.
  machine: { cores: 1, cpu: "ideal", latencies: { contextSwitch: 0 } },
  policy: "lottery",
  quantum: 10,
  processes: [
    { program: "cpu-bound", tickets: 100, as: "small" },
    { program: "cpu-bound", tickets: 200, as: "middle" },
    { program: "cpu-bound", tickets: 400, as: "large" },
  ],
  commands: [
    { at: SHARE_CHAPTER, setPolicy: "stride" },
    { at: 2 * SHARE_CHAPTER, setTickets: "small", tickets: 400 },
    { at: 3 * SHARE_CHAPTER, setPolicy: "lottery" },
  ],
  chapters: [
    {
      at: 0,
      title:
        "lottery, tickets 100:200:400: shares near 14:29:57%, but they wander from window to window",
    },
    {
      at: SHARE_CHAPTER,
      title: "stride: the lowest pass runs; shares exactly 1:2:4, every window",
    },
    {
      at: 2 * SHARE_CHAPTER,
      title: "stride: small now holds 400 tickets: 4:2:4, at once and exactly",
    },
    { at: 3 * SHARE_CHAPTER, title: "lottery again with 4:2:4: right on average, never exactly" },
  ],
};

const CFS_CHAPTER = 30_000;

const CFS: ScenarioFile = {
  name: "cfs",
  description: "nice 0 against nice 5 under Linux's CFS (weights 1024:335), then under priority",
  // No switch cost, so %CPU is exactly the share the scheduler gives.
  machine: { cores: 1, cpu: "ideal", latencies: { contextSwitch: 0 } },
  policy: "cfs",
  cfs: { targetLatency: 240, minGranularity: 30, wakeupGranularity: 40 },
  processes: [
    { program: "cpu-bound", as: "nice0" },
    { program: "cpu-bound", nice: 5, as: "nice5" },
  ],
  commands: [
    { at: CFS_CHAPTER, setPolicy: "priority" },
    { at: 2 * CFS_CHAPTER, setPolicy: "cfs" },
    { at: 3 * CFS_CHAPTER, renice: "nice5", nice: 0 },
  ],
  chapters: [
    {
      at: 0,
      title:
        "CFS: the lower vruntime runs; nice 5 weighs 335 against 1024: 25% and 75% of the core",
    },
    { at: CFS_CHAPTER, title: "priority scheduling: nice 0 always wins, nice 5 starves" },
    { at: 2 * CFS_CHAPTER, title: "CFS again: both start at min_vruntime, shares 75:25 return" },
    { at: 3 * CFS_CHAPTER, title: "renice 0: the same weight, half the core each" },
  ],
};

const MULTI_CHAPTER = 60_000;

const MULTICORE: ScenarioFile = {
  name: "multicore",
  description:
    "6 cache-hungry processes on 4 cores: one global queue, per-core queues pinned, then migration",
  machine: { cores: 4, cpu: "pipeline" },
  policy: "rr",
  quantum: 500,
  runQueues: "global",
  balance: { interval: 2000, steal: true },
  programs: [
    {
      name: "scanner",
      description: "sums a 4 KiB array (a few fit any L1), then sleeps a little",
      source: `
.data
array:  .space 4096
.text
main:   la $s2, array
        li $t4, 4096
outer:  li $t0, 0
scan:   add $t1, $t0, $s2
        lw $t2, 0($t1)
        add $t3, $t3, $t2
        addi $t0, $t0, 4
        bne $t0, $t4, scan
        sleep 300               # a pause: its core may take another process meanwhile
        j outer
`,
    },
  ],
  processes: [
    { program: "scanner", as: "s1" },
    { program: "scanner", as: "s2" },
    { program: "scanner", as: "s3" },
    { program: "scanner", as: "s4" },
    { program: "scanner", as: "s5" },
    { program: "scanner", as: "s6" },
  ],
  commands: [
    { at: MULTI_CHAPTER, runQueues: "per-core", balance: 0, steal: false },
    { at: MULTI_CHAPTER, taskset: "s1", cores: [0] },
    { at: MULTI_CHAPTER, taskset: "s2", cores: [0] },
    { at: MULTI_CHAPTER, taskset: "s3", cores: [1] },
    { at: MULTI_CHAPTER, taskset: "s4", cores: [1] },
    { at: MULTI_CHAPTER, taskset: "s5", cores: [2] },
    { at: MULTI_CHAPTER, taskset: "s6", cores: [3] },
    ...["s1", "s2", "s3", "s4", "s5", "s6"].map((s) => ({
      at: 2 * MULTI_CHAPTER,
      taskset: s,
      cores: "0-3",
    })),
    { at: 2 * MULTI_CHAPTER, runQueues: "per-core", balance: 2000, steal: true },
  ],
  chapters: [
    {
      at: 0,
      title: "one global queue: each slice lands on any core, whose L1 holds others' data",
    },
    {
      at: MULTI_CHAPTER,
      title: "a queue per core, everyone pinned (AFF): warm L1s, the best hit rates and IPC",
    },
    {
      at: 2 * MULTI_CHAPTER,
      title: "unpinned, idle cores steal and balance: each migration (MIG) meets a cold L1",
    },
  ],
};

/** The built-ins as files would write them (`simtop scenarios <name>` prints one). */
/** A student at the terminal: what each keystroke makes the kernel do. */
const JOB_CONTROL: ScenarioFile = {
  name: "job-control",
  description:
    "a shell on the terminal: Ctrl+C, & and jobs, Ctrl+Z, bg, fg, kill, and Ctrl+D hanging up the jobs",
  machine: { cores: 2 },
  processes: [{ program: "sh", terminal: true }],
  commands: [
    { at: 3000, type: "cpu-bound\n" },
    { at: 8000, type: "\u0003" },
    { at: 11000, type: "work 300 &\n" },
    { at: 15000, type: "sleeper &\n" },
    { at: 19000, type: "cpu-bound\n" },
    { at: 24000, type: "\u001a" },
    { at: 28000, type: "jobs\n" },
    { at: 32000, type: "bg %3\n" },
    { at: 36000, type: "fg %1\n" },
    { at: 42000, type: "\u0003" },
    { at: 46000, type: "kill -9 %3\n" },
    { at: 50000, type: "jobs\n" },
    { at: 54000, type: "\u0004" },
  ],
  chapters: [
    { at: 0, title: "a shell on tty1: its session, its group, the terminal's foreground" },
    { at: 3000, title: "a command: fork, setpgid, exec, tcsetpgrp, waitpid" },
    { at: 8000, title: "Ctrl+C: SIGINT to the foreground group" },
    { at: 11000, title: "& : jobs in the background, each its own group" },
    { at: 24000, title: "Ctrl+Z: SIGTSTP stops the group, the shell takes the terminal" },
    { at: 32000, title: "bg: SIGCONT, and the job runs in the background" },
    { at: 36000, title: "fg: the job gets the terminal back" },
    { at: 46000, title: "kill -9 %3: SIGKILL to the job's group, status 137" },
    { at: 54000, title: "Ctrl+D: end of file, the shell exits, its jobs get SIGHUP" },
  ],
};

export const BUILTIN_FILES: readonly ScenarioFile[] = [
  DEFAULT,
  LIFECYCLE,
  SIGNALS,
  JOB_CONTROL,
  SCHEDULING,
  CPU_VS_IO,
  LOCALITY,
  STARTUP_COST,
  PIPELINE,
  PROPORTIONAL_SHARE,
  CFS,
  MULTICORE,
];

/** Names of the built-ins, in order (the first is the default). */
export const BUILTIN_NAMES: readonly string[] = BUILTIN_FILES.map((f) => String(f.name));

const compiled = new Map<string, Scenario>();

/**
 * A built-in scenario by name, compiled when first asked for: compiling goes through the same
 * schema as files do, and start-up needs only the one it runs.
 */
export function builtinScenario(name: string): Scenario | undefined {
  let s = compiled.get(name);
  if (s === undefined) {
    const f = BUILTIN_FILES.find((x) => x.name === name);
    if (f === undefined) return undefined;
    s = compileScenario(f, { defaultName: String(f.name) });
    compiled.set(name, s);
  }
  return s;
}

/** Every built-in, compiled. */
export function builtinScenarios(): Scenario[] {
  return BUILTIN_NAMES.map((n) => builtinScenario(n)!);
}

/** The scenario simtop runs when none is named. */
export function defaultScenario(): Scenario {
  return builtinScenario(BUILTIN_NAMES[0])!;
}
