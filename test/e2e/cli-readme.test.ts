// The README stays true: the quick start, every option, key, scenario, lab and demo it must name.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinScenarios } from "../../src/scenario/builtins.js";
import { KEYMAP, keyLabel } from "../../src/ui/keymap.js";
import { ROOT, simtop } from "./cliRun.js";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");

describe("README", () => {
  it("has the two-command quick start", () => {
    expect(readme).toContain("npm ci && npm start");
    expect(readme).toContain("npm ci && npm test");
    expect(readme).toContain("npm run bench");
  });

  it("shows the dashboard picture inline, and the picture exists", () => {
    const m = /!\[[^\]]+\]\((demos\/[\w-]+\.svg)\)/.exec(readme);
    expect(m).not.toBeNull();
    expect(existsSync(join(ROOT, m![1]))).toBe(true);
  });

  it("documents every option of simtop --help", () => {
    const help = simtop(["--help"]).stdout;
    const flags = [...help.matchAll(/^\s+(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]);
    expect(flags.length).toBeGreaterThan(10);
    for (const f of flags) expect(readme, f).toMatch(new RegExp(`\x60(-\\w, )?${f}[ \x60]`));
  });

  it("lists every key of the keymap", () => {
    for (const b of KEYMAP)
      for (const k of b.keys) expect(readme, k).toContain(`\`${keyLabel(k)}\``);
  });

  it("describes every built-in scenario", () => {
    for (const s of builtinScenarios())
      expect(readme).toMatch(new RegExp(`^\\| \`${s.name}\` +\\|`, "m"));
  });

  it("lists every lab exercise", () => {
    const labs = [...simtop(["lab", "--help"]).stdout.matchAll(/^ {2}([a-z][\w-]*) /gm)]
      .map((m) => m[1])
      .filter((n) => n !== "help");
    expect(labs.length).toBeGreaterThanOrEqual(2);
    for (const l of labs) expect(readme).toContain(`simtop lab ${l}`);
  });

  it("links every demo", () => {
    for (const f of readdirSync(join(ROOT, "demos")).filter((f) => f.endsWith(".yaml")))
      expect(readme).toContain(`(demos/${f})`);
  });
});
