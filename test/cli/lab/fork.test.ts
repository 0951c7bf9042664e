// `simtop lab fork`: OSTEP fork.py's process trees, worked by hand from its rules.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/cli/errors.js";
import { drawTree } from "../../../src/cli/lab/fork.js";
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

  it("prints each action and tree, or with -F only the final tree", async () => {
    const pad = " ".repeat(31);
    const out = await runLab("fork", ["-A", "a+b,b-", "-c"]);
    expect(out).toContain(
      `${" ".repeat(27)}Process Tree:\n${pad}a\n\n` +
        `Action: a forks b\n${pad}a\n${pad}\u2514\u2500\u2500 b\n` +
        `Action: b EXITS\n${pad}a\n`,
    );
    expect(out).toContain("ARG action_list a+b,b-\n");
    // -c is accepted and changes nothing: the trees are always shown.
    expect(await runLab("fork", ["-A", "a+b,b-"])).toBe(out);
    const final = await runLab("fork", ["-A", "a+b,a+c", "-F"]);
    expect(
      final.endsWith(
        "Action: a forks b\nAction: a forks c\n\n" +
          `${" ".repeat(24)}Final Process Tree:\n${pad}a\n${pad}\u251c\u2500\u2500 b\n${pad}\u2514\u2500\u2500 c\n\n`,
      ),
    ).toBe(true);
  });
});

describe("fork arguments", () => {
  it.each([
    [["-A", "a+b,c-"], "-A: c-: no live process c"],
    [["-A", "a-"], "-A: a-: the root process cannot exit"],
    [["-A", "a+b,a+b"], "-A: a+b: b is already running"],
    [["-A", "a+b,b-x"], '-A: expected X+Y or X- (X, Y process names), got "b-x"'],
    [["-A", "a+"], '-A: expected X+Y or X- (X, Y process names), got "a+"'],
    [["-A", "x+y"], "-A: x+y: no live process x"],
    [["-P", "weird"], '-P: expected basic, line1, line2 or fancy, got "weird"'],
    [["-f", "0"], '-f: must be more than 0.001, got "0"'],
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
