// The story of a process, worked by hand: its start-up steps and their ticks from the kernel's costs.
import { describe, expect, it } from "vitest";
import { builtinScenario } from "../../src/scenario/builtins.js";
import { scenarioConfig, startScenario } from "../../src/scenario/start.js";
import type { Kernel } from "../../src/sim/kernel.js";
import { Step } from "../../src/sim/story.js";

const S = Step;

function lifecycle() {
  const s = builtinScenario("lifecycle")!;
  return startScenario(s, scenarioConfig(s));
}

/** [tick, step] of each kept step of `pid`. */
function story(k: Kernel, pid: number): [number, number][] {
  return k.procs
    .get(pid)!
    .story.entries()
    .map((e) => [e.tick, e.step]);
}

describe("the story of a process in the lifecycle scenario", () => {
  // The machine: default costs (load 100 + 10 per page, stdio 3, args 2, context switch 5) on
  // 2 pipelined cores. fork-tree is 16 instructions (3 forks of 2, sleep 3, wait 3, bge 1,
  // exit 3) = 64 bytes: one text page, no data, one stack page, so 2 pages.
  it("fork-tree (pid 2): created at 0, loaded at 120, stdio 123, argv 125, ready and on cpu1 at 125, main at 130", () => {
    const store = lifecycle();
    store.advance(1000);
    expect(story(store.kernel, 2).slice(0, 8)).toEqual([
      [0, S.Created], // spawned at tick 0: a pid and an entry in the process list
      [0, S.AddressSpace], // an empty address space at once
      [120, S.Loaded], // 100 + 2 pages × 10 = 120 ticks reading code and static data
      [123, S.Stdio], // + 3: stdin, stdout, stderr
      [125, S.Args], // + 2: argc and argv on the stack
      [125, S.Ready], // into the run queue as soon as the arguments are in place
      // init (pid 1, also 2 pages) became ready at 125 just before it and took cpu0: cpu1 is free.
      [125, S.Dispatched],
      [130, S.Main], // the context switch takes 125..129: main's first instruction runs at 130
    ]);
    const p = store.kernel.procs.get(2)!;
    expect(p.story.entries()[6].arg).toBe(1);
    expect(p.story.entries()[4].arg).toBe(0x3ffff0); // sp: argc, argv at the top of the stack
    expect(p.times.firstRun).toBe(130);
    // Its first fork follows main: the child's story begins with the fork.
    expect(p.story.entries()[8].step).toBe(S.Forked);
    const child = p.story.entries()[8].arg;
    const c = story(store.kernel, child);
    expect(c.slice(0, 3).map(([, s]) => s)).toEqual([S.Created, S.ForkedFrom, S.Ready]);
    expect(c[0][0]).toBe(store.kernel.procs.get(child)!.times.created);
  });

  it("the shell (spawned at 6,000) and its query child: exec loads the query (120 ticks) and its arguments (2)", () => {
    const store = lifecycle();
    store.advance(9000);
    const k = store.kernel;
    const sh = [...k.procs.values()].find((p) => p.program.name === "auto-sh")!;
    // sh is 13 instructions (sleep 3, fork 2, beqz 1, wait 3, b 1, exec 3): 2 pages like fork-tree.
    // Every fork-tree process sleeps or has exited by 6,000: both cores are free, cpu0 takes it.
    expect(story(k, sh.pid).slice(0, 8)).toEqual([
      [6000, S.Created],
      [6000, S.AddressSpace],
      [6120, S.Loaded],
      [6123, S.Stdio],
      [6125, S.Args],
      [6125, S.Ready],
      [6125, S.Dispatched],
      [6130, S.Main],
    ]);
    // It sleeps 2,000 ticks, forks; the child execs the query.
    const forked = sh.story.entries().find((e) => e.step === S.Forked)!;
    const q = k.procs.get(forked.arg);
    const steps = q ? q.story.entries() : [];
    const exec = steps.findIndex((e) => e.step === S.Exec);
    expect(exec).toBeGreaterThan(0);
    // The query is 4 instructions, no data: 2 pages, 100 + 2 × 10 = 120 ticks of loading on its
    // core, then 2 for main's arguments (exec keeps the open files: no stdio step), then main.
    const [ex, loaded, args, main] = steps.slice(exec, exec + 4);
    expect([loaded.step, args.step, main.step]).toEqual([S.Loaded, S.Args, S.Main]);
    expect(loaded.tick - ex.tick).toBe(120);
    expect(args.tick - loaded.tick).toBe(2);
    expect(main.tick).toBe(args.tick);
    expect(q!.story.startedAt).toBe(main.tick);
  });

  it("a rewound frame holds only the steps before its tick", () => {
    const store = lifecycle();
    store.advance(9000);
    const sh = [...store.kernel.procs.values()].find((p) => p.program.name === "auto-sh")!;
    const past = store.seek(6122).procs.get(sh.pid)!;
    expect(past.story.entries().map((e) => [e.tick, e.step])).toEqual([
      [6000, S.Created],
      [6000, S.AddressSpace],
      [6120, S.Loaded],
    ]);
    expect(past.story.startedAt).toBe(-1);
    expect(store.seek(5999).procs.has(sh.pid)).toBe(false);
  });

  it("zombies and reaping: the zombie-maker's children exit, stay zombies; the parent that reaps counts them", () => {
    const store = lifecycle();
    store.advance(13000);
    const k = store.kernel;
    const zombies = [...k.procs.values()].filter((p) => p.state === "zombie");
    expect(zombies.length).toBe(3);
    for (const z of zombies) {
      const tail = z.story.entries().slice(-2);
      expect(tail.map((e) => e.step)).toEqual([S.Exited, S.Zombie]);
      expect(tail[0].arg & 0xff).toBe(7); // exit 7
      expect(tail[0].tick).toBe(z.times.exited);
    }
    // init reaped fork-tree's exits: each reaped child adds its start-up and useful ticks.
    const init = k.procs.get(1)!;
    expect(init.story.reapedChildren).toBeGreaterThan(0);
    expect(init.story.childStartup).toBeGreaterThan(0);
  });
});
