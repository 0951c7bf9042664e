// Property-based tests: random workloads and commands keep every kernel invariant, and replay is exact.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Command, StampedCommand } from "../../src/sim/commands.js";
import { defaultConfig, type KernelConfig } from "../../src/sim/config.js";
import { stateDigest } from "../../src/sim/digest.js";
import { Kernel } from "../../src/sim/kernel.js";
import { BUILTIN_PROGRAMS } from "../../src/sim/programs/library.js";
import { POLICY_NAMES } from "../../src/sim/sched/policy.js";
import { parseSession, serializeSession } from "../../src/sim/session.js";
import { Store } from "../../src/sim/store.js";
import { progs } from "./helpers.js";
import { checkInvariants } from "./invariants.js";

/** Programs that exercise the corners: fork storms, handlers, faults, exec, waits, heap and stack. */
const CHAOS = progs({
  chaos: `
main:   getpid
        move $s0, $v0
        fork
        beqz $v0, child
        move $s1, $v0
        kill $s1, SIGUSR1
        waitpid $s1
        yield
        sbrk 8192
        blt $v0, $zero, main
        sw $s0, 0($v0)
        sbrk -4096
        j main
child:  addi $sp, $sp, -12288
        sw $t0, 0($sp)
        signal SIGUSR1, h
        io 1
        exec query
h:      sigreturn
`,
  sigplay: `
main:   signal SIGINT, h
        signal SIGTERM, ignore
        signal SIGCHLD, h
        getppid
        move $s0, $v0
        kill $s0, SIGUSR1
        pause
        sleep 7
        li $t0, 3
        kill $t0, SIGSTOP
        li $t0, 4
        kill $t0, SIGCONT
        j main
h:      addi $s7, $s7, 1
        sigreturn
`,
  segv: "main: sleep 13\n lw $t0, 0($zero)",
  cow: ".data\nx: .word 1\n.text\nmain: fork\n sw $v0, x\n beqz $v0, done\n wait\n sleep 3\n j main\ndone: io 1\n exit 1",
  waiter: "main: fork\n beqz $v0, c\n wait\n wait\n exit 4\nc: sleep 20\n exit 2",
  becomer: "main: li $t0, 50\nl: addi $t0, $t0, -1\n bnez $t0, l\n exec sleeper",
  grouper: `
main:   fork
        beqz $v0, kid
        setpgid $v0, $v0
        tcsetpgrp 0, $v0
        waitpid -1, 3
        tcgetpgrp 0
        la $t0, buf
        read 0, $t0, 4
        write 1, $t0, $v0
        setsid
        j main
kid:    setpgid 0, 0
        la $t0, buf
        read 0, $t0, 4
        getpgid 0
        kill $zero, SIGTSTP
        sleep 5
        exit 3
.data
buf:    .space 16
`,
  hog: ".data\nbuf: .space 40000\n.text\nmain: la $t0, buf\nl: sw $t0, 0($t0)\n addi $t0, $t0, 4096\n j l",
});

const PROGRAM_NAMES = [
  ...BUILTIN_PROGRAMS.map((p) => p.name),
  ...CHAOS.map((p) => p.name),
  "no-such-program",
];
const SIGNAL_NUMBERS = [0, 1, 2, 3, 9, 10, 11, 12, 15, 17, 18, 19, 20, 21, 22, 33, -1];

/** Keystrokes into the terminal: lines the shell runs, the control keys, an erase. */
const TYPED = [
  "cpu-bound\n",
  "sleeper &\n",
  "cat &\n",
  "cat\n",
  "grouper\n",
  "work 1 &\n",
  "jobs\n",
  "fg\n",
  "bg\n",
  "kill -9 %1\n",
  "kill -TSTP %2\n",
  "wait\n",
  "sh\n",
  "ab\u007f\n",
  "\u0003",
  "\u001a",
  "\u001c",
  "\u0004",
];

/** Pids a command aims at: mostly ones likely to exist in a short run. */
const pidArb = fc.oneof(
  { weight: 9, arbitrary: fc.integer({ min: 1, max: 12 }) },
  fc.integer({ min: 0, max: 60 }),
);

const spawnArb = fc.record({
  type: fc.constant("spawn" as const),
  program: fc.constantFrom(...PROGRAM_NAMES),
  ppid: fc.option(pidArb, { nil: undefined, freq: 3 }),
  nice: fc.option(fc.integer({ min: -25, max: 25 }), { nil: undefined }),
  terminal: fc.option(fc.boolean(), { nil: undefined, freq: 2 }),
});

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: spawnArb },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("fork" as const), pid: pidArb }) },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant("kill" as const),
      pid: fc.oneof({ weight: 4, arbitrary: pidArb }, fc.integer({ min: -12, max: -1 })),
      signal: fc.constantFrom(...SIGNAL_NUMBERS),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ type: fc.constant("type" as const), text: fc.constantFrom(...TYPED) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant("renice" as const),
      pid: pidArb,
      nice: fc.integer({ min: -25, max: 25 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant("setPolicy" as const),
      policy: fc.constantFrom(...POLICY_NAMES),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant("setTickets" as const),
      pid: pidArb,
      tickets: fc.integer({ min: -1, max: 400 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant("setAffinity" as const),
      pid: pidArb,
      cores: fc.array(fc.integer({ min: -1, max: 4 }), { maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant("setRunQueues" as const),
      queues: fc.constantFrom("global" as const, "per-core" as const),
      balance: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
      steal: fc.option(fc.boolean(), { nil: undefined }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant("setQuantum" as const),
      quantum: fc.integer({ min: 0, max: 20 }),
    }),
  },
);

const configArb: fc.Arbitrary<KernelConfig> = fc
  .record({
    seed: fc.integer({ min: 0, max: 1 << 30 }),
    cores: fc.integer({ min: 1, max: 4 }),
    policy: fc.constantFrom(...POLICY_NAMES),
    quantum: fc.integer({ min: 1, max: 20 }),
    switchCost: fc.integer({ min: 0, max: 3 }),
    // Sometimes so little memory that the OOM killer has work.
    memoryFrames: fc.oneof(fc.integer({ min: 16, max: 40 }), fc.constant(256)),
    maxProcesses: fc.integer({ min: 6, max: 40 }),
    latency: fc.integer({ min: 1, max: 60 }),
    perBlock: fc.integer({ min: 0, max: 10 }),
    channels: fc.integer({ min: 1, max: 2 }),
    forkBase: fc.integer({ min: 0, max: 20 }),
    execBase: fc.integer({ min: 0, max: 30 }),
    perPage: fc.integer({ min: 0, max: 3 }),
    levels: fc.integer({ min: 1, max: 3 }),
    quanta: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 3, maxLength: 3 }),
    extraAllot: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 3, maxLength: 3 }),
    boostInterval: fc.integer({ min: 0, max: 200 }),
    ioToFront: fc.boolean(),
    ioResetsAllotment: fc.boolean(),
    cpu: fc.constantFrom("ideal" as const, "pipeline" as const),
    forwarding: fc.boolean(),
    branchStage: fc.constantFrom("id" as const, "ex" as const, "mem" as const),
    runQueues: fc.constantFrom("global" as const, "per-core" as const),
    balanceInterval: fc.integer({ min: 0, max: 60 }),
    steal: fc.boolean(),
    cfs: fc.record({
      targetLatency: fc.integer({ min: 8, max: 40 }),
      minGranularity: fc.integer({ min: 1, max: 8 }),
      wakeupGranularity: fc.integer({ min: 1, max: 10 }),
    }),
  })
  .map((r) =>
    defaultConfig({
      // Both CPU models must keep every invariant and replay byte for byte.
      cpu: r.cpu,
      pipeline: { forwarding: r.forwarding, branchStage: r.branchStage },
      seed: r.seed,
      cores: r.cores,
      policy: r.policy,
      quantum: r.quantum,
      switchCost: r.switchCost,
      memoryFrames: r.memoryFrames,
      maxProcesses: r.maxProcesses,
      disk: { latency: r.latency, perBlock: r.perBlock, channels: r.channels },
      forkCost: { base: r.forkBase, perPage: r.perPage },
      execCost: { base: r.execBase, perPage: r.perPage },
      mlfq: {
        levels: r.levels,
        quanta: r.quanta,
        allotments: r.quanta.map((q, i) => q + r.extraAllot[i]),
        boostInterval: r.boostInterval,
        ioToFront: r.ioToFront,
        ioResetsAllotment: r.ioResetsAllotment,
      },
      runQueues: r.runQueues,
      balanceInterval: r.balanceInterval,
      steal: r.steal,
      cfs: r.cfs,
      ganttLength: 16,
      programs: CHAOS,
    }),
  );

interface Run {
  config: KernelConfig;
  ticks: number;
  commands: StampedCommand[];
  snapshotEvery: number;
  /** The store's least gap between snapshots per process (0 = every snapshotEvery ticks). */
  gap: number;
  seeks: number[];
}

const runArb: fc.Arbitrary<Run> = fc
  .record({
    config: configArb,
    ticks: fc.integer({ min: 100, max: 1500 }),
    initial: fc.array(spawnArb, { minLength: 2, maxLength: 8 }),
    /** Often a shell logged in on the terminal, for the typed commands to reach. */
    login: fc.boolean(),
    commands: fc.array(
      fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), command: commandArb }),
      {
        maxLength: 60,
      },
    ),
    snapshotEvery: fc.constantFrom(16, 64, 4096),
    gap: fc.constantFrom(0, 0, 4, 64),
    seeks: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }),
  })
  .map((r) => ({
    config: r.config,
    ticks: r.ticks,
    commands: [
      ...(r.login
        ? [{ tick: 0, command: { type: "spawn" as const, program: "sh", terminal: true } }]
        : []),
      ...r.initial.map((command) => ({ tick: 0, command })),
      ...r.commands
        .map((c) => ({ tick: Math.floor(c.at * r.ticks), command: c.command }))
        .sort((a, b) => a.tick - b.tick),
    ],
    snapshotEvery: r.snapshotEvery,
    gap: r.gap,
    seeks: r.seeks.map((s) => Math.floor(s * r.ticks)),
  }));

/** A fresh kernel stepped to `tick` with the logged commands: the reference for seek. */
function replayTo(config: KernelConfig, log: readonly StampedCommand[], tick: number): Kernel {
  const k = new Kernel(config);
  let i = 0;
  while (k.now < tick) {
    const cmds: Command[] = [];
    while (i < log.length && log[i].tick === k.now) cmds.push(log[i++].command);
    k.step(cmds.length > 0 ? cmds : undefined);
  }
  return k;
}

function liveRun(r: Run): Store {
  const store = new Store(r.config, {
    snapshotEvery: r.snapshotEvery,
    snapshotGapPerProcess: r.gap,
    maxSnapshots: 4,
    eventCapacity: 64,
  });
  store.schedule(r.commands);
  checkInvariants(store.kernel);
  for (let t = 0; t < r.ticks; t++) {
    store.advance(1);
    checkInvariants(store.kernel);
  }
  return store;
}

describe("kernel invariants under random workloads", () => {
  it("hold after every tick, with random commands, policies, cores and memory sizes", () => {
    fc.assert(
      fc.property(runArb, (r) => {
        liveRun(r);
      }),
      { numRuns: 200 },
    );
  });
});

describe("event sourcing", () => {
  it("replay(save(run)) reproduces the run byte for byte; seek(t) equals a fresh replay to t", () => {
    fc.assert(
      fc.property(runArb, (r) => {
        const store = liveRun(r);
        const text = serializeSession({
          config: r.config,
          commands: store.log,
          endTick: store.now,
        });
        const saved = parseSession(text);
        expect(saved.endTick).toBe(r.ticks);
        const again = new Store(saved.config);
        again.schedule(saved.commands);
        again.advance(saved.endTick);
        expect(stateDigest(again.kernel)).toBe(stateDigest(store.kernel));
        expect(again.log).toEqual(store.log);
        for (const t of r.seeks) {
          const at = Math.max(t, store.oldestTick);
          const seen = store.seek(at);
          expect(seen.now).toBe(at);
          expect(stateDigest(seen)).toBe(stateDigest(replayTo(r.config, store.log, at)));
          checkInvariants(seen);
        }
        // Seeking never disturbs the live kernel, and a clone runs on exactly like the original.
        const clone = store.kernel.clone();
        store.kernel.run(50);
        clone.run(50);
        expect(stateDigest(clone)).toBe(stateDigest(store.kernel));
      }),
      { numRuns: 120 },
    );
  });
});
