// `simtop lab fork`: OSTEP fork.py's process trees, worked by hand from its rules.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/cli/errors.js";
import { drawTree } from "../../../src/cli/lab/fork.js";
import { pyFloatRepr } from "../../../src/cli/lab/table.js";
import { type ProcessTree, randomActions, runFork } from "../../../src/sim/lab/fork.js";
import { PyRandom } from "../../../src/sim/lab/pyRandom.js";
import { runJson, runLab } from "./ostepLab.js";

interface Answer {
  steps: { action: string; children: ProcessTree }[];
  final: ProcessTree;
}

const fork = (args: string[]) => runJson<Answer>("fork", args);

describe("fork trees", () => {
  it("records each fork under its parent, in order", async () => {
    expect(await fork(["-A", "a+b"])).toEqual({
      steps: [{ action: "a+b", children: { a: ["b"], b: [] } }],
      final: { a: ["b"], b: [] },
    });
    const a = await fork(["-A", "a+b,a+c,b+d"]);
    expect(a.final).toEqual({ a: ["b", "c"], b: ["d"], c: [], d: [] });
  });

  it("without -R every descendant of an exiting process moves under the root, flattened", async () => {
    // b's subtree in pre-order is c, d: both go to the end of a's children; c loses d.
    const a = await fork(["-A", "a+b,b+c,c+d,a+e,b-"]);
    expect(a.final).toEqual({ a: ["e", "c", "d"], e: [], c: [], d: [] });
  });

  it("with -R the orphans go to the exiting process's parent, after its own children", async () => {
    // a[b,d], b[c,e]; c exits childless; b exits: e joins a after d.
    const a = await fork(["-A", "a+b,b+c,a+d,b+e,c-,b-", "-R"]);
    expect(a.steps[4].children).toEqual({ a: ["b", "d"], b: ["e"], d: [], e: [] });
    expect(a.final).toEqual({ a: ["d", "e"], d: [], e: [] });
    // Grandchildren stay with their parents: c keeps d.
    expect((await fork(["-A", "a+b,b+c,c+d,b-", "-R"])).final).toEqual({
      a: ["c"],
      c: ["d"],
      d: [],
    });
    expect((await fork(["-A", "a+b,b+c,c+d,b-"])).final).toEqual({ a: ["c", "d"], c: [], d: [] });
  });

  it("with -L a process with children fails to exit and the tree stays as it was", async () => {
    const a = await fork(["-A", "a+b,b+c,b-,c-,b-", "-L"]);
    expect(a.steps[2]).toEqual({ action: "b-", children: { a: ["b"], b: ["c"], c: [] } });
    expect(a.final).toEqual({ a: [] });
    const out = await runLab("fork", ["-A", "a+b,b+c,b-", "-L"]);
    expect(out).toContain("Action: b EXITS (failed: has children)\n");
  });

  it("a name may be used again once its process has exited", async () => {
    expect((await fork(["-A", "a+b,b-,a+b"])).final).toEqual({ a: ["b"], b: [] });
  });

  it("draws random actions as fork.py does, from Python's random.random()", () => {
    // random.seed(0): 0.844 >= 0.7 -> an exit, whose choice (0.757) can only be the root, so
    // it is skipped; 0.420 < 0.7 -> a fork by live[int(0.258 * 1)] = a, of the next name, b.
    const actions = randomActions(1, 0.7, new PyRandom(0));
    expect(actions).toEqual([{ kind: "fork", parent: "a", child: "b" }]);
  });
});

describe("fork output", () => {
  it("draws the tree as fork.py's fancy style", () => {
    const tree = { a: ["b", "d"], b: ["c"], c: [], d: [] };
    const pad = " ".repeat(31);
    expect(drawTree(tree, "fancy")).toBe(
      `${pad}a\n${pad}\u251c\u2500\u2500 b\n${pad}\u2502   \u2514\u2500\u2500 c\n${pad}\u2514\u2500\u2500 d\n`,
    );
    expect(drawTree(tree, "basic")).toBe(`${pad} a\n${pad}    b\n${pad}       c\n${pad}    d\n`);
  });

  it("with -c prints each action and tree, or with -F only the final tree", async () => {
    const pad = " ".repeat(31);
    const out = await runLab("fork", ["-A", "a+b,b-", "-c"]);
    expect(out).toContain(
      `${" ".repeat(27)}Process Tree:\n${pad}a\n\n` +
        `Action: a forks b\n${pad}a\n${pad}\u2514\u2500\u2500 b\n` +
        `Action: b EXITS\n${pad}a\n`,
    );
    expect(out).toContain("ARG action_list a+b,b-\n");
    expect(out).toContain("ARG solve True\n");
    const final = await runLab("fork", ["-A", "a+b,a+c", "-F", "-c"]);
    expect(
      final.endsWith(
        "Action: a forks b\nAction: a forks c\n\n" +
          `${" ".repeat(24)}Final Process Tree:\n${pad}a\n${pad}\u251c\u2500\u2500 b\n${pad}\u2514\u2500\u2500 c\n\n`,
      ),
    ).toBe(true);
  });

  it("without -c shows the actions and asks for the trees", async () => {
    const pad = " ".repeat(31);
    const out = await runLab("fork", ["-A", "a+b,b-"]);
    expect(out).toContain("ARG show_tree False\n");
    expect(out).toContain("ARG solve False\n");
    expect(
      out.endsWith(
        `Process Tree:\n${pad}a\n\nAction: a forks b\nProcess Tree?\nAction: b EXITS\nProcess Tree?\n`,
      ),
    ).toBe(true);
    const final = await runLab("fork", ["-A", "a+b,a+c", "-F"]);
    expect(
      final.endsWith(
        `Action: a forks b\nAction: a forks c\n\n${" ".repeat(24)}Final Process Tree?\n\n`,
      ),
    ).toBe(true);
  });

  it("with -t shows the trees and asks for the actions (-c names them)", async () => {
    const pad = " ".repeat(31);
    const trees = `${pad}a\n${pad}\u2514\u2500\u2500 b\n`;
    const out = await runLab("fork", ["-A", "a+b,b-", "-t"]);
    expect(out).toContain("ARG show_tree True\n");
    expect(out.endsWith(`\nAction?\n${trees}Action?\n${pad}a\n`)).toBe(true);
    const solved = await runLab("fork", ["-A", "a+b,b-", "-t", "-c"]);
    expect(solved.endsWith(`\nAction: a forks b\n${trees}Action: b EXITS\n${pad}a\n`)).toBe(true);
    // With -F the final tree is the one thing shown: the question is every action.
    const final = await runLab("fork", ["-A", "a+b", "-t", "-F"]);
    expect(final.endsWith(`Action?\n\n${" ".repeat(24)}Final Process Tree:\n${trees}\n`)).toBe(
      true,
    );
  });

  it("without a seed (or with -s -1) draws a new run each time, as fork.py does", async () => {
    const runs = new Set<string>();
    for (let i = 0; i < 3; i++) runs.add(await runLab("fork", ["-a", "40", "-c"]));
    for (let i = 0; i < 2; i++) runs.add(await runLab("fork", ["-s", "-1", "-a", "40", "-c"]));
    expect(runs.size).toBe(5);
    for (const out of runs) expect(out).toContain("ARG seed -1\n");
    // A seed gives the same run every time.
    expect(await runLab("fork", ["-s", "3", "-c"])).toBe(await runLab("fork", ["-s", "3", "-c"]));
  });
});

describe("fork against OSTEP's fork.py", () => {
  // fixtures/fork: each line of `cases` run through the original fork.py (fixtures/regenerate.sh).
  const dir = new URL("./fixtures/fork/", import.meta.url);
  const cases = readFileSync(new URL("cases", dir), "utf8").trimEnd().split("\n");
  it.each(cases.map((args, i) => [args, i + 1] as const))(
    "prints what fork.py %s prints",
    async (args, n) => {
      const expected = readFileSync(new URL(`${n}.txt`, dir), "utf8");
      expect((await runLab("fork", args.split(" "))).split("\n")).toEqual(expected.split("\n"));
    },
  );
});

describe("fork arguments", () => {
  it.each([
    [["-A", "a+b,c-"], "-A: c-: no live process c"],
    [["-A", "a-"], "-A: a-: the root process cannot exit"],
    [["-A", "a+b,a+b"], "-A: a+b: b is already running"],
    [["-A", "a+b,b-x"], '-A: expected X+Y or X- (X, Y process names), got "b-x"'],
    [["-A", "a+"], '-A: expected X+Y or X- (X, Y process names), got "a+"'],
    [["-A", "x+y"], "-A: x+y: no live process x"],
    [["-A", ""], "-A: expected X+Y or X- actions, got an empty list"],
    [["-P", "weird"], '-P: expected basic, line1, line2 or fancy, got "weird"'],
    [["-f", "0"], "-f: must be more than 0.001, got 0.0"],
    [["-f", "2"], '-f: expected a number from 0 to 1, got "2"'],
    [["-s", "1.5"], '-s: expected an integer, got "1.5"'],
  ])("%j is a usage error", async (args, message) => {
    await expect(runLab("fork", args)).rejects.toThrow(new UsageError(message));
  });
});

describe("fork invariants", () => {
  it("every live process but the root is exactly one other's child", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 40 }),
        fc.boolean(),
        fc.boolean(),
        (seed, count, reparentToParent, leafOnly) => {
          const actions = randomActions(count, 0.7, new PyRandom(seed));
          const r = runFork({ actions, reparentToParent, leafOnly });
          for (const step of [r.initial, ...r.steps.map((s) => s.tree)]) {
            const names = Object.keys(step);
            const kids = Object.values(step).flat();
            expect(kids.slice().sort()).toEqual(names.filter((n) => n !== "a").sort());
            expect(names[0]).toBe("a");
          }
          r.steps.forEach((s, i) => {
            if (s.outcome === "failed")
              expect(s.tree).toEqual(i === 0 ? r.initial : r.steps[i - 1].tree);
          });
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("Python float repr", () => {
  it.each([
    [0.7, "0.7"],
    [1, "1.0"],
    [1e-5, "1e-05"],
    [0.0001, "0.0001"],
    [1e16, "1e+16"],
    [123456789012345680, "1.2345678901234568e+17"],
    [2.5e-7, "2.5e-07"],
    [100, "100.0"],
    [0.30000000000000004, "0.30000000000000004"],
    [-3.5, "-3.5"],
  ])("%d prints as Python prints it, %s", (x, py) => {
    expect(pyFloatRepr(x)).toBe(py);
  });
});
