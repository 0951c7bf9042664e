// Scenario files: found by built-in name or path, parsed as JSON or YAML, errors naming the file.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario, parseScenarioText, ScenarioFileError } from "../../src/scenario/load.js";

const dir = mkdtempSync(join(tmpdir(), "simtop-scenario-"));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioFileError);
    return (e as Error).message;
  }
  throw new Error("expected an error");
}

const YAML = `
description: two sleepers and a script
machine:
  cores: 1
programs:
  - name: nap
    source: |
      main: sleep 100
            j main
processes:
  - { program: nap, as: napper }
  - program: sleeper
commands:
  - { at: 500, kill: napper, signal: INT }
chapters:
  - { at: 500, title: Ctrl+C }
`;

describe("loading", () => {
  it("finds a built-in by name", () => {
    expect(loadScenario("signals").name).toBe("signals");
  });

  it("reads a YAML file, naming the scenario after the file", () => {
    const s = loadScenario(file("naps.yaml", YAML));
    expect(s.name).toBe("naps");
    expect(s.commands).toEqual([{ tick: 500, command: { type: "kill", pid: 2, signal: 2 } }]);
    expect(s.chapters).toEqual([{ tick: 500, title: "Ctrl+C" }]);
    expect(s.config.programs?.[0].name).toBe("nap");
  });

  it("reads a JSON file", () => {
    const s = loadScenario(
      file("j.json", JSON.stringify({ name: "jj", processes: [{ program: "sh" }] })),
    );
    expect(s.name).toBe("jj");
    expect(s.processes).toEqual([{ program: "sh" }]);
  });

  it("reports a validation mistake with the file and path", () => {
    const p = file(
      "bad.yaml",
      "processes:\n  - program: sh\n  - program: sleeper\n  - program: foo\n",
    );
    expect(errorOf(() => loadScenario(p))).toBe(
      `${p}: processes[2].program: unknown program "foo" (see \`simtop scenarios --programs\`, or define it under programs)`,
    );
  });

  it("reports YAML syntax with its line and column", () => {
    const msg = errorOf(() =>
      parseScenarioText("name: x\nprocesses: [\n  { program: sh\n", "s.yaml"),
    );
    expect(msg).toMatch(/^s\.yaml: not valid YAML: line \d+, column \d+: /);
    expect(msg).not.toContain("\n");
  });

  it("rejects a duplicate key in YAML", () => {
    expect(errorOf(() => parseScenarioText("name: a\nname: b\n", "d.yaml"))).toContain(
      "not valid YAML",
    );
  });

  it("reports JSON syntax", () => {
    expect(errorOf(() => parseScenarioText('{"name": ', "s.json"))).toMatch(
      /^s\.json: not valid JSON: /,
    );
  });

  it("tells a missing file from an unknown built-in name", () => {
    expect(errorOf(() => loadScenario("nosuch"))).toMatch(
      /^nosuch: no such scenario \(built-ins: default, lifecycle/,
    );
    expect(errorOf(() => loadScenario(join(dir, "missing.yaml")))).toBe(
      `${join(dir, "missing.yaml")}: no such file`,
    );
    const sub = join(dir, "folder.yaml");
    mkdirSync(sub);
    expect(errorOf(() => loadScenario(sub))).toBe(`${sub}: is a directory, not a scenario file`);
  });
});
