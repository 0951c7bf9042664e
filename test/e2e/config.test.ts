// The config file through the real binary: an F2 change survives a restart (tmux), a bad file is one line and exit 2.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT, simtop, TmuxSession } from "./cliRun.js";
import { hasTmux } from "./terminalPane.js";

/** A tmux flag of the session's pane: mouse_any_flag is "1" while the program asks for the mouse. */
function paneFlag(s: TmuxSession, name: string): string {
  return spawnSync("tmux", ["-L", s.name, "display-message", "-p", "-t", s.name, `#{${name}}`], {
    encoding: "utf8",
  }).stdout.trim();
}

let session: TmuxSession | null = null;
afterEach(() => {
  session?.kill();
  session = null;
});

describe.skipIf(!hasTmux)("config file in a terminal", () => {
  it("an F2 change survives a restart", async () => {
    const home = mkdtempSync(join(tmpdir(), "simtop-e2e-xdg-"));
    const file = join(home, "simtop", "config.yaml");
    const run = () => new TmuxSession([], 120, 40, { XDG_CONFIG_HOME: home });

    session = run();
    await session.waitFor((s) => s.includes("Processes"));
    session.keys("F2");
    await session.waitFor((s) => /Theme\s+default/.test(s));
    // Theme one step on; down to Mouse and off; close (saves).
    session.keys("Right");
    await session.waitFor((s) => /Theme\s+light-background/.test(s));
    expect(paneFlag(session, "mouse_any_flag")).toBe("1");
    session.keys("Down", "Down", "Down");
    session.keys("Space");
    await session.waitFor((s) => /Mouse\s+off/.test(s));
    // Off at once: the terminal's own selection works again.
    expect(paneFlag(session, "mouse_any_flag")).toBe("0");
    session.keys("Escape");
    await session.waitFor((s) => s.includes(`settings saved to ${file}`));
    expect(readFileSync(file, "utf8")).toBe("theme: light-background\nmouse: false\n");
    session.keys("q");
    await session.waitFor((s) => s.includes("[exit 0]"));
    session.kill();

    session = run();
    await session.waitFor((s) => s.includes("Processes"));
    session.keys("F2");
    const s = await session.waitFor((t) => t.includes("Setup"));
    expect(s).toMatch(/Theme\s+light-background/);
    expect(s).toMatch(/Mouse\s+off/);
    expect(paneFlag(session, "mouse_any_flag")).toBe("0");
    // Apart: Escape and q in one read would be Alt+q.
    session.keys("Escape");
    await session.waitFor((t) => !t.includes("Setup"));
    session.keys("q");
    await session.waitFor((t) => t.includes("[exit 0]"));
  });

  it("--no-config ignores the file; command-line flags win over it", async () => {
    const home = mkdtempSync(join(tmpdir(), "simtop-e2e-xdg-"));
    mkdirSync(join(home, "simtop"));
    writeFileSync(join(home, "simtop", "config.yaml"), "speed: 2000\ncolumns: [name, pid]\n");
    session = new TmuxSession([], 120, 40, { XDG_CONFIG_HOME: home });
    let s = await session.waitFor((t) => t.includes("Processes"));
    expect(s).toContain("speed 2k ticks/s");
    expect(s).toMatch(/^ ?NAME\s+PID▲\s*$/m);
    session.keys("q");
    await session.waitFor((t) => t.includes("[exit 0]"));
    session.kill();

    session = new TmuxSession(["--speed", "500"], 120, 40, { XDG_CONFIG_HOME: home });
    s = await session.waitFor((t) => t.includes("Processes"));
    expect(s).toContain("speed 500 ticks/s");
    session.keys("q");
    await session.waitFor((t) => t.includes("[exit 0]"));
    session.kill();

    session = new TmuxSession(["--no-config"], 120, 40, { XDG_CONFIG_HOME: home });
    s = await session.waitFor((t) => t.includes("Processes"));
    expect(s).toContain("speed 10k ticks/s");
    expect(s).toMatch(/PID▲\s+PPID NAME/);
    session.keys("q");
    await session.waitFor((t) => t.includes("[exit 0]"));
  });
});

describe("a bad config file", () => {
  it("is one line on stderr and exit 2, before any terminal is needed", () => {
    const home = mkdtempSync(join(tmpdir(), "simtop-e2e-xdg-"));
    mkdirSync(join(home, "simtop"));
    const file = join(home, "simtop", "config.yaml");
    writeFileSync(file, "theme: default\nkeys:\n  help: [h, q]\n");
    const r = simtop([], { XDG_CONFIG_HOME: home });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `simtop: config file ${file}: line 3, column 13: keys.help[1]: q is bound to both help and quit\n`,
    );
    const named = simtop(["--config", join(home, "nope.yaml"), "--batch"]);
    expect(named.stderr).toBe(`simtop: --config ${join(home, "nope.yaml")}: no such file\n`);
    expect(named.status).toBe(2);
  });
});

describe("the README's config file section", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### Config file"));
  const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  const errors = /```\n(simtop: config file [\s\S]*?)```/.exec(section)?.[1] ?? "";

  it("its example is a valid config file that runs", () => {
    const home = mkdtempSync(join(tmpdir(), "simtop-e2e-xdg-"));
    mkdirSync(join(home, "simtop"));
    writeFileSync(join(home, "simtop", "config.yaml"), example);
    const r = simtop(["--batch"], { XDG_CONFIG_HOME: home });
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("SIGINT handler");
  });

  it("its error lines are what simtop says for the example with fork: q, then theme: dark", () => {
    const home = mkdtempSync(join(tmpdir(), "simtop-e2e-xdg-"));
    mkdirSync(join(home, "simtop"));
    const file = join(home, "simtop", "config.yaml");
    const said: string[] = [];
    for (const text of [
      example.replace("fork: F", "fork: q"),
      example.replace("theme: light-background", "theme: dark"),
    ]) {
      writeFileSync(file, text);
      said.push(simtop(["--batch"], { XDG_CONFIG_HOME: home }).stderr);
    }
    expect(said.join("").replaceAll(file, "/home/ada/.config/simtop/config.yaml")).toBe(errors);
  });
});
