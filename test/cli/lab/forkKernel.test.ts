// The kernel's reparenting options `lab fork` uses, and the sibling order it keeps (Linux's).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultConfig, type KernelConfig } from "../../../src/sim/config.js";
import { INIT_PID, Kernel } from "../../../src/sim/kernel.js";
import type { Pcb } from "../../../src/sim/process.js";

function tree(reparentTo?: KernelConfig["reparentTo"]) {
  const k = new Kernel(
    defaultConfig({ cores: 1, cpu: "ideal", reparentTo, forkCost: { base: 0, perPage: 0 } }),
  );
  const init = k.procs.get(INIT_PID)!;
  const fork = (p: Pcb) => k.fork(p)!;
  // Live children only: exited ones stay zombies until someone reaps them.
  const kids = (p: Pcb) =>
    k
      .childrenOf(p)
      .filter((c) => c.state !== "zombie")
      .map((c) => c.pid);
  return { k, init, fork, kids };
}

describe("reparenting", () => {
  it("by default orphans go to init, in the order they joined their parent", () => {
    const { k, init, fork, kids } = tree();
    const b = fork(init); // 2
    const c = fork(b); // 3
    const d = fork(b); // 4
    const e = fork(d); // 5
    k.exitProcess(d, 0, 0); // e: to init
    k.exitProcess(b, 0, 0); // c: to init, after e
    expect(kids(init)).toEqual([e.pid, c.pid]);
  });

  it("grandparent: orphans join the exiting process's parent, after its children", () => {
    const { k, init, fork, kids } = tree("grandparent");
    const b = fork(init);
    const c = fork(b);
    const d = fork(init);
    const e = fork(c);
    const f = fork(b);
    k.exitProcess(c, 0, 0); // e joins b after f
    expect(kids(b)).toEqual([f.pid, e.pid]);
    k.exitProcess(b, 0, 0); // f, e join init after b and d
    expect(kids(init)).toEqual([d.pid, f.pid, e.pid]);
    expect(e.ppid).toBe(INIT_PID);
  });

  it("init-all: the whole subtree moves under init, flattened in pre-order", () => {
    const { k, init, fork, kids } = tree("init-all");
    const b = fork(init);
    const c = fork(b);
    const d = fork(c);
    const e = fork(b);
    k.exitProcess(b, 0, 0);
    expect(kids(init)).toEqual([c.pid, d.pid, e.pid]);
    expect(kids(c)).toEqual([]);
  });
});

describe("child counts", () => {
  it("always equal the processes whose ppid is the process, whatever forks, exits and reaps", () => {
    const op = fc.tuple(fc.constantFrom("fork", "exit", "reap"), fc.nat());
    fc.assert(
      fc.property(
        fc.constantFrom<KernelConfig["reparentTo"]>("init", "grandparent", "init-all"),
        fc.array(op, { maxLength: 60 }),
        (mode, ops) => {
          const { k } = tree(mode);
          for (const [what, n] of ops) {
            const all = [...k.procs.values()];
            const live = all.filter((p) => p.state !== "zombie");
            const zombies = all.filter((p) => p.state === "zombie");
            if (what === "fork") k.fork(live[n % live.length]);
            else if (what === "exit" && live.length > 1)
              k.exitProcess(live[1 + (n % (live.length - 1))], 0, 0);
            else if (what === "reap" && zombies.length > 0) {
              const z = zombies[n % zombies.length];
              const parent = k.procs.get(z.ppid);
              if (parent) k.reap(z, parent);
            }
            for (const p of k.procs.values()) {
              const actual = [...k.procs.values()].filter(
                (c) => c.ppid === p.pid && c !== p,
              ).length;
              expect(p.childCount).toBe(actual);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
