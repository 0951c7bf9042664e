// The README stays true: the quick start, every option, key, scenario, lab and demo it must name, every figure it quotes.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinScenarios } from "../../src/scenario/builtins.js";
import { parseScenarioText } from "../../src/scenario/load.js";
import { scenarioConfig } from "../../src/scenario/start.js";
import { defaultConfig } from "../../src/sim/config.js";
import { defaultHierarchyConfig } from "../../src/sim/cpu/hierarchy.js";
import { KEYMAP, keyLabel } from "../../src/ui/keymap.js";
import { computeLayout } from "../../src/ui/layout.js";
import { BIN, ROOT, simtop } from "./cliRun.js";

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

/** Runs a README command line (pipes allowed) with `simtop` as the built binary. */
function sh(command: string): string {
  const r = spawnSync(
    "bash",
    ["-c", `simtop() { "${process.execPath}" "${BIN}" "$@"; }\n${command}`],
    {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "" },
      timeout: 120_000,
    },
  );
  return r.stdout.replace(/\n$/, "");
}

/** Every `$ command` of the README's console blocks with the output shown under it. */
function consoleCommands(text: string): { command: string; output: string }[] {
  const out: { command: string; output: string }[] = [];
  for (const block of text.matchAll(/^```console\n([\s\S]*?)^```$/gm)) {
    let current: { command: string; lines: string[] } | null = null;
    const flush = () => {
      if (current) out.push({ command: current.command, output: current.lines.join("\n") });
    };
    for (const l of block[1].replace(/\n$/, "").split("\n")) {
      if (l.startsWith("$ ")) {
        flush();
        current = { command: l.slice(2), lines: [] };
      } else current?.lines.push(l);
    }
    flush();
  }
  return out;
}

/** A figure as the README writes it: 12,345 → 12345. */
const num = (s: string) => Number(s.replace(/,/g, ""));

describe("README figures", () => {
  const commands = consoleCommands(readme);

  it("every console block shows exactly what its command prints now (README_UPDATE=1 rewrites them)", () => {
    expect(commands.length).toBeGreaterThanOrEqual(9);
    if (process.env.README_UPDATE === "1") {
      let text = readme;
      for (const c of commands) {
        const now = sh(c.command);
        text = text.replace(`$ ${c.command}\n${c.output}`, `$ ${c.command}\n${now}`);
      }
      writeFileSync(join(ROOT, "README.md"), text);
      return;
    }
    for (const c of commands) expect(sh(c.command), c.command).toBe(c.output);
  });

  /** The output the README shows for the command containing `part`. */
  function shown(part: string): string {
    const c = commands.find((x) => x.command.includes(part));
    expect(c, part).toBeDefined();
    return c!.output;
  }

  it("the scheduling table is the turnaround of each job from its chapter's start", () => {
    const exits = [
      ...shown("--scenario scheduling").matchAll(/\[(\d+)\] \d+ \(([\w-]+)\) exited/g),
    ];
    const rows = [...readme.matchAll(/^\| (FCFS|SJF|RR \(quantum \d+\)|MLFQ) +\|(.*)\|$/gm)];
    expect(rows.map((r) => r[1])).toEqual(["FCFS", "SJF", "RR (quantum 100)", "MLFQ"]);
    const chapter = 60_000;
    rows.forEach((r, i) => {
      const of = (job: string) =>
        exits
          .filter((e) => e[2] === job && num(e[1]) >= i * chapter && num(e[1]) < (i + 1) * chapter)
          // Turned around at the end of the tick it exits in (the scheduling view's count).
          .map((e) => num(e[1]) + 1 - i * chapter);
      const cells = r[2].split("|").map((c) => c.trim());
      expect(cells[0], r[1]).toBe(of("long-job")[0].toLocaleString("en-US"));
      expect(cells[1], r[1]).toBe(
        of("short-job")
          .map((t) => t.toLocaleString("en-US"))
          .join(" / "),
      );
      expect(cells[2], r[1]).toBe(of("interactive")[0].toLocaleString("en-US"));
    });
    const short = (i: number) => num(rows[i][2].split("|")[1].split("/")[0]);
    const ratio = /SJF finishes the short\s+jobs (\d+\.\d)× sooner/.exec(readme);
    expect(ratio).not.toBeNull();
    expect(ratio![1]).toBe((short(0) / short(1)).toFixed(1));
  });

  it("the prose figures are those of the blocks: io-bound's %CPU, the server's and launcher's exits", () => {
    const io = /\s\d+\s+\d+ io-bound\s+\S+ \S+\s+-?\d+\s+-?\d+\s+([\d.]+)/.exec(shown("cpu-vs-io"));
    expect(io).not.toBeNull();
    expect(readme).toMatch(new RegExp(`its \`%CPU\` says \\(${io![1].replace(".", "\\.")}%\\)`));
    const exits = shown("startup-cost");
    const at = (name: string) =>
      num(new RegExp(`\\[(\\d+)\\] \\d+ \\(${name}\\) exited`).exec(exits)![1]).toLocaleString(
        "en-US",
      );
    expect(readme).toMatch(
      new RegExp(
        `20 queries by tick\\s+${at("server")}; the launcher, .*\\s+.*by ${at("query-launcher")}\\.`,
      ),
    );
  });

  it("option defaults and ranges are what simtop --help and simtop say", () => {
    const help = simtop(["--help"]).stdout.replace(/\s+/g, " ");
    for (const [flag, value] of [
      ["--speed", "10000"],
      ["--fps", "10"],
      ["--delay", "1000"],
    ]) {
      expect(readme).toMatch(new RegExp(`\x60[^\x60]*${flag}[^|]*\\|[^|]*\\(default ${value}\\)`));
      expect(help).toMatch(new RegExp(`${flag} .*?\\(default ${value}\\)`));
    }
    // -n: one snapshot unless told.
    expect(readme).toMatch(/`-n, --iterations <n>` +\| batch: number of snapshots \(default 1\)/);
    expect(simtop(["--batch"]).stdout.match(/^simtop - tick/gm)).toHaveLength(1);
    // The rate window in the header is one second at the default speed.
    expect(readme).toContain('("rates over the last 10,000 ticks": one second of wall time');
    // The quoted error is the one simtop gives.
    const bad = /e\.g\. `(simtop: --cpus: [^`]*)`/.exec(readme.replace(/\n/g, " "));
    expect(bad).not.toBeNull();
    const r = simtop(["--batch", "--cpus", "99"]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(bad![1]);
  });

  it("the layout sizes it quotes are where the layout changes", () => {
    expect(readme).toContain("the full set of panels from 120×40");
    expect(readme).toContain("smaller than 80×24");
    const at = (columns: number, rows: number) =>
      computeLayout({ columns, rows, cores: 2, menuWidth: 0 });
    expect(at(120, 40)?.kind).toBe("full");
    expect(at(119, 40)?.kind).not.toBe("full");
    expect(at(120, 39)?.kind).not.toBe("full");
    expect(at(80, 24)).not.toBeNull();
    expect(at(79, 24)).toBeNull();
    expect(at(80, 23)).toBeNull();
  });

  it("the scenario file example runs, and its machine figures are the defaults", () => {
    const m = /^```yaml\n(name: my-scenario[\s\S]*?)^```$/m.exec(readme);
    expect(m).not.toBeNull();
    const dir = mkdtempSync(join(tmpdir(), "simtop-readme-"));
    const file = join(dir, "my.yaml");
    writeFileSync(file, m![1]);
    expect(simtop(["--batch", "--scenario", file]).status).toBe(0);
    const s = parseScenarioText(m![1], file);
    const c = scenarioConfig(s);
    const d = defaultConfig();
    for (const key of [
      "cores",
      "memoryFrames",
      "switchCost",
      "disk",
      "forkCost",
      "execCost",
    ] as const)
      expect(c[key], key).toEqual(d[key]);
    expect(c.quantum).toBe(d.quantum);
    expect(c.maxProcesses).toBe(d.maxProcesses);
    expect(c.mlfq).toMatchObject({
      quanta: d.mlfq.quanta,
      allotments: d.mlfq.allotments,
      boostInterval: d.mlfq.boostInterval,
    });
    expect(c.caches?.ramLatency).toBe(defaultHierarchyConfig(c.cores).ramLatency);
    expect(c.caches?.l1d).toMatchObject(defaultHierarchyConfig(c.cores).l1d);
  });
});
