// The config file: every kind of mistake is one line naming the file, line, column and key; settings are read, flags win, saving keeps the file whole.

import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  defaultConfigPath,
  loadConfig,
  saveConfig,
  settingsText,
} from "../../src/cli/config/file.js";
import { UsageError } from "../../src/cli/errors.js";
import { runCli } from "../../src/cli/main.js";
import { BUILTIN_NAMES } from "../../src/scenario/builtins.js";
import { COLUMNS } from "../../src/ui/selectors/table.js";

const dir = mkdtempSync(join(tmpdir(), "simtop-config-"));
let n = 0;
function file(text: string | Buffer): string {
  const p = join(dir, `c${n++}.yaml`);
  writeFileSync(p, text);
  return p;
}

/** The one line a config file is refused with, the file's name taken out. */
function refusal(text: string | Buffer): string {
  const p = file(text);
  try {
    loadConfig({ use: true, file: p });
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    const m = (e as Error).message;
    expect(m).not.toContain("\n");
    expect(m.startsWith(`--config ${p}: `)).toBe(true);
    return m.slice(`--config ${p}: `.length);
  }
  throw new Error("accepted");
}

async function simtop(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["node", "simtop", ...args], {
    stdout: (t) => {
      stdout += t;
      return true;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

describe("config file mistakes: one line each, with line, column and key", () => {
  it.each([
    ["YAML syntax", "speed: [1,\n", /^not valid YAML: line 2, column 1: /],
    ["an unknown setting", "speed: 5\ncolours: 3\n", 'line 2, column 1: unknown key "colours"'],
    [
      "a wrong type",
      "mouse: yes please\n",
      'line 1, column 8: mouse: expected true or false, got "yes please"',
    ],
    [
      "speed out of range",
      "speed: 0\n",
      "line 1, column 8: speed: must be above 0 and at most 100000000, got 0",
    ],
    ["fps out of range", "fps: 61\n", "line 1, column 6: fps: must be at most 60, got 61"],
    ["fps not an integer", "fps: 2.5\n", "line 1, column 6: fps: expected an integer, got 2.5"],
    [
      "an unknown theme",
      "theme: pink\n",
      'line 1, column 8: theme: must be one of "default", "light-background", "high-contrast", "monochrome", got "pink"',
    ],
    [
      "an unknown column",
      "columns: [pid, colour]\n",
      /^line 1, column 16: columns\[1\]: must be one of "pid", .*got "colour"$/,
    ],
    [
      "a column twice",
      "columns:\n  - pid\n  - name\n  - pid\n",
      'line 4, column 5: columns[2]: "pid" is listed twice',
    ],
    ["no columns", "columns: []\n", "line 1, column 10: columns: needs at least 1 item(s)"],
    ["an unknown action", "keys:\n  frok: x\n", 'line 2, column 3: keys: unknown key "frok"'],
    [
      "a key that is no key",
      "keys:\n  fork: [x, f13]\n",
      'line 2, column 13: keys.fork[1]: "f13" is not a key (a character, or a name such as f5, ctrl+x, up, pageup, space, tab)',
    ],
    [
      "a key menus need",
      "keys:\n  fork: enter\n",
      "line 2, column 9: keys.fork: enter is kept for menus and prompts (confirm, cancel, erase)",
    ],
    [
      "a clash with a default key",
      "keys:\n  fork: q\n",
      "line 2, column 9: keys.fork[0]: q is bound to both fork and quit",
    ],
    [
      "a clash between two bindings",
      "keys:\n  tree: b\n  fork: [y, b]\n",
      "line 3, column 13: keys.fork[1]: b is bound to both fork and tree",
    ],
    [
      "a key that always quits",
      "keys:\n  help: ctrl+c\n",
      "line 2, column 9: keys.help[0]: Ctrl+C is bound to both help and quit",
    ],
    ["a list where one value goes", "theme: [default]\n", /^line 1, column 8: theme: /],
    ["not a mapping", "- theme\n", "line 1, column 1: expected an object (a mapping), got a list"],
  ])("%s", (_what, text, expected) => {
    const m = refusal(text);
    if (typeof expected === "string") expect(m).toBe(expected);
    else expect(m).toMatch(expected);
  });

  it("more than one mistake: the first, and how many more", () => {
    expect(refusal("speed: 0\nfps: 0\n")).toBe(
      "line 1, column 8: speed: must be above 0 and at most 100000000, got 0 (and 1 more)",
    );
  });

  it("a file that cannot be read as text", () => {
    expect(refusal(Buffer.from([0xff, 0xfe, 0x00]))).toBe("is not UTF-8 text");
    expect(() => loadConfig({ use: true, file: dir })).toThrow(
      `--config ${dir}: is a directory, not a regular file`,
    );
    expect(() => loadConfig({ use: true, file: join(dir, "none.yaml") })).toThrow("no such file");
  });

  it("through the command line: simtop: ..., exit 2, also for the default file", async () => {
    const home = mkdtempSync(join(tmpdir(), "simtop-xdg-"));
    mkdirSync(join(home, "simtop"));
    writeFileSync(join(home, "simtop", "config.yaml"), "scenario: nope\n");
    const saved = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = home;
    try {
      const r = await simtop("--batch");
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `simtop: config file ${join(home, "simtop", "config.yaml")}: line 1, column 11: scenario: nope: no such scenario (built-ins: ${BUILTIN_NAMES.join(", ")}; or a .yaml/.json file)\n`,
      );
      // --no-config reads nothing: the same run works.
      expect((await simtop("--batch", "--no-config")).code).toBe(0);
      // --scenario wins over the file's (broken) one.
      expect((await simtop("--batch", "--scenario", "signals")).code).toBe(0);
    } finally {
      process.env.XDG_CONFIG_HOME = saved;
    }
  });
});

describe("reading settings", () => {
  it("$XDG_CONFIG_HOME/simtop/config.yaml, else ~/.config (a relative XDG_CONFIG_HOME is ignored)", () => {
    expect(defaultConfigPath({ XDG_CONFIG_HOME: "/x" })).toBe("/x/simtop/config.yaml");
    expect(defaultConfigPath({ XDG_CONFIG_HOME: "rel" })).toMatch(
      /\/\.config\/simtop\/config\.yaml$/,
    );
    expect(defaultConfigPath({})).toMatch(/\/\.config\/simtop\/config\.yaml$/);
  });

  it("a missing default file is no settings; --no-config reads none", () => {
    const saved = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = mkdtempSync(join(tmpdir(), "simtop-xdg-"));
    try {
      expect(loadConfig({ use: true }).settings).toEqual({});
    } finally {
      process.env.XDG_CONFIG_HOME = saved;
    }
    expect(loadConfig({ use: false })).toEqual({ path: null, settings: {} });
  });

  it("every setting, one key or a list of keys, a scenario file beside the config", () => {
    const p = file(
      "scenario: mine.yaml\nspeed: 2500\nfps: 20\ntheme: high-contrast\ncolumns: [name, pid, cpu]\nmouse: false\nkeys:\n  fork: F\n  tree: [t, y]\n  sigstop: []\n",
    );
    const loaded = loadConfig({ use: true, file: p });
    // Opened beside the config file; written back as it was.
    expect(loaded.scenario).toBe(join(dir, "mine.yaml"));
    expect(loaded.settings).toEqual({
      scenario: "mine.yaml",
      speed: 2500,
      fps: 20,
      theme: "high-contrast",
      columns: ["name", "pid", "cpu"],
      mouse: false,
      keys: { fork: ["F"], tree: ["t", "y"], sigstop: [] },
    });
    // An empty file, or one with only comments, sets nothing.
    expect(loadConfig({ use: true, file: file("# nothing yet\n") }).settings).toEqual({});
  });

  it("a scenario file named in the config is found beside it", async () => {
    const home = mkdtempSync(join(tmpdir(), "simtop-beside-"));
    writeFileSync(
      join(home, "mine.yaml"),
      "name: mine\ndescription: one sleeper beside the config\nprocesses:\n  - program: sleeper\n",
    );
    const p = join(home, "config.yaml");
    writeFileSync(p, "scenario: mine.yaml\n");
    const r = await simtop("--batch", "--config", p);
    expect(r.stderr).toBe("");
    // init and the one sleeper of the file beside the config.
    expect(r.stdout).toContain("Tasks: 2 total");
  });

  it("the config's scenario is used without --scenario; --scenario wins", async () => {
    const p = file("scenario: signals\n");
    const fromFile = await simtop("--batch", "--config", p);
    expect(fromFile.stdout).toContain("== a sleeper, a SIGINT handler");
    const flag = await simtop("--batch", "--config", p, "--scenario", "default");
    expect(flag.stdout).not.toContain("SIGINT handler");
  });
});

describe("saving settings", () => {
  it("keeps comments and other text, replaces each setting, drops unset ones", () => {
    const before = "# my simtop\ntheme: default # the usual\nspeed: 500\nfps: 10\n";
    const after = settingsText(before, {
      theme: "light-background",
      fps: 10,
      keys: { fork: ["F"] },
    });
    expect(after).toBe(
      "# my simtop\ntheme: light-background # the usual\nfps: 10\nkeys:\n  fork: F\n",
    );
    expect(settingsText("", { columns: ["pid", "name"], mouse: false })).toBe(
      "columns: [ pid, name ]\nmouse: false\n",
    );
  });

  it("what is saved reads back the same", () => {
    const p = join(dir, "round.yaml");
    const settings = {
      speed: 20000,
      theme: "monochrome" as const,
      columns: ["pid", "state", "name"] as const,
      keys: { fork: ["F", "ctrl+f"], sigstop: [] },
    };
    saveConfig(p, settings);
    expect(loadConfig({ use: true, file: p }).settings).toEqual(settings);
  });

  it("writes atomically: no temporary file left, the directory made, a link followed, the mode kept", () => {
    const home = mkdtempSync(join(tmpdir(), "simtop-save-"));
    const p = join(home, "simtop", "config.yaml");
    saveConfig(p, { theme: "high-contrast" });
    expect(readFileSync(p, "utf8")).toBe("theme: high-contrast\n");
    expect(readdirSync(join(home, "simtop"))).toEqual(["config.yaml"]);
    // A dotfiles link: the file it points to is replaced, the link stays.
    const real = join(home, "real.yaml");
    writeFileSync(real, "fps: 5\n");
    chmodSync(real, 0o600);
    const link = join(home, "link.yaml");
    symlinkSync(real, link);
    saveConfig(link, { fps: 5, mouse: false });
    expect(readFileSync(real, "utf8")).toBe("fps: 5\nmouse: false\n");
    expect(statSync(real).mode & 0o777).toBe(0o600);
    expect(readdirSync(home).sort()).toEqual(["link.yaml", "real.yaml", "simtop"]);
  });

  it("a file edited meanwhile into one that is not YAML is left as it is", () => {
    const p = file("theme: [default\n");
    expect(() => saveConfig(p, { theme: "monochrome" })).toThrow(
      `${p} was changed and is not valid YAML: line 2, column 1:`,
    );
    expect(readFileSync(p, "utf8")).toBe("theme: [default\n");
  });

  it("a place no file can be: a UsageError saying why", () => {
    const notDir = file("fps: 5\n");
    expect(() => saveConfig(join(notDir, "simtop", "config.yaml"), { fps: 30 })).toThrow(
      /^cannot save the settings to .*: a part of the path is not a directory$/,
    );
  });

  it("a directory it cannot write: a UsageError, the old file untouched", () => {
    if (process.getuid?.() === 0) return; // root writes anywhere
    const home = mkdtempSync(join(tmpdir(), "simtop-ro-"));
    const p = join(home, "config.yaml");
    writeFileSync(p, "fps: 5\n");
    chmodSync(home, 0o500);
    try {
      expect(() => saveConfig(p, { fps: 30 })).toThrow(/permission denied/);
      expect(readFileSync(p, "utf8")).toBe("fps: 5\n");
    } finally {
      chmodSync(home, 0o700);
    }
  });
});

describe("the README's config section", () => {
  it("names every column a config may list, and no other", () => {
    const readme = readFileSync(join(import.meta.dirname, "..", "..", "README.md"), "utf8");
    const para = readme.slice(
      readme.indexOf("The columns are "),
      readme.indexOf("A key is a character"),
    );
    const named = [...para.matchAll(/`([a-z0-9]+)`/g)].map((m) => m[1]).sort();
    expect(named).toEqual(COLUMNS.map((c) => c.key).sort());
  });
});
