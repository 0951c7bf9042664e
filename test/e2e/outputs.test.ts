// The real binary on real paths: no output replaces a file by surprise, and text from files is shown, not obeyed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseCast } from "../../src/cli/cast.js";
import { parseSession } from "../../src/sim/session.js";
import { BIN, ROOT, simtop, TmuxSession } from "./cliRun.js";

const dir = mkdtempSync(join(tmpdir(), "simtop-e2e-outputs-"));
const at = (name: string): string => join(dir, name);

/** A one-line message on stderr, nothing else, and no internal error. */
function oneLine(stderr: string): string {
  expect(stderr.endsWith("\n")).toBe(true);
  expect(stderr.trim().split("\n")).toHaveLength(1);
  expect(stderr).not.toContain("internal error");
  return stderr.trim();
}

describe("--save", () => {
  it("refuses an existing file, and replaces it with --overwrite", () => {
    const f = at("existing.txt");
    writeFileSync(f, "my notes\n");
    const r = simtop(["--batch", "--save", f]);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe(
      `simtop: --save: ${f} already exists (add --overwrite to replace it)`,
    );
    expect(r.stdout).toBe("");
    expect(readFileSync(f, "utf8")).toBe("my notes\n");
    const o = simtop(["--batch", "--save", f, "--overwrite"]);
    expect(o.status).toBe(0);
    expect(parseSession(readFileSync(f, "utf8")).endTick).toBe(1000);
  });

  it("never replaces the scenario it runs, even with --overwrite", () => {
    const f = at("my.yaml");
    writeFileSync(f, "name: mine\nchapters: [{ at: 10, title: mine }]\n");
    const r = simtop(["--batch", "--scenario", f, "--save", f, "--overwrite"]);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe(
      `simtop: --save: ${f} is the --scenario file; write to another file`,
    );
    expect(readFileSync(f, "utf8")).toBe("name: mine\nchapters: [{ at: 10, title: mine }]\n");
  });

  it("refuses simtop's own stdout where the snapshots go (a pipe), in one line", () => {
    const r = simtop(["--batch", "--save", "/dev/stdout"]);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe(
      "simtop: --save: /dev/stdout is simtop's standard output, where the snapshots go",
    );
    expect(r.stdout).toBe("");
  });

  it("/dev/full: a one-line write error, exit 1, and the run stops", () => {
    const r = simtop(["--batch", "-n", "5", "--save", "/dev/full"]);
    expect(r.status).toBe(1);
    expect(oneLine(r.stderr)).toBe(
      "simtop: --save: cannot write /dev/full: no space left on device",
    );
    expect(r.stdout).toBe("");
  });

  it("--overwrite with no output to replace is a mistake, said so", () => {
    const r = simtop(["--batch", "--overwrite"]);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe(
      "simtop: --overwrite only applies with an output file to replace (--save or --record)",
    );
  });
});

describe("demo outputs", () => {
  it("a bad --svg is blamed as --svg and leaves no cast behind, nor touches an existing one", () => {
    const cast = at("ok.cast");
    const r = simtop(["demo", "ctrl-c", "--cast", cast, "--svg", "/nonexistent/x.svg"]);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe(
      "simtop: --svg: cannot write /nonexistent/x.svg: no such directory",
    );
    expect(existsSync(cast)).toBe(false);
    writeFileSync(cast, "mine");
    const o = simtop([
      "demo",
      "ctrl-c",
      "--cast",
      cast,
      "--svg",
      "/nonexistent/x.svg",
      "--overwrite",
    ]);
    expect(o.status).toBe(2);
    expect(readFileSync(cast, "utf8")).toBe("mine");
  });

  it("refuses an existing cast without --overwrite; with it, replaces it and leaves no temporary file", () => {
    const sub = mkdtempSync(join(dir, "demo-"));
    const cast = join(sub, "a.cast");
    writeFileSync(cast, "mine");
    const r = simtop(["demo", "ctrl-c", "--cast", cast]);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe(
      `simtop: --cast: ${cast} already exists (add --overwrite to replace it)`,
    );
    expect(simtop(["demo", "ctrl-c", "--cast", cast, "--overwrite"]).status).toBe(0);
    expect(parseCast(readFileSync(cast, "utf8")).header.width).toBe(120);
    expect(readdirSync(sub)).toEqual(["a.cast"]);
  });

  it("--cast and --svg naming one file are refused", () => {
    const f = at("both");
    const r = simtop(["demo", "ctrl-c", "--cast", f, "--svg", f]);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe(`simtop: --svg: ${f} is also the --cast output`);
    expect(existsSync(f)).toBe(false);
  });

  it("--cast /dev/stdout writes the cast into the pipe", () => {
    const r = simtop(["demo", "ctrl-c", "--cast", "/dev/stdout"]);
    expect(r.status).toBe(0);
    expect(parseCast(r.stdout).events.length).toBeGreaterThan(10);
  });

  it("demo --all refuses to replace demos/ without --overwrite, which npm run demos gives", () => {
    const before = readFileSync(join(ROOT, "demos", "ctrl-c.cast"), "utf8");
    const r = simtop(["demo", "--all"]);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toMatch(
      /^simtop: demo --all: .*demos\/[a-z-]+\.cast already exists \(add --overwrite to replace it\)$/,
    );
    expect(readFileSync(join(ROOT, "demos", "ctrl-c.cast"), "utf8")).toBe(before);
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(pkg.scripts.demos).toMatch(/demo --all .*--overwrite/);
  });
});

describe("text from files reaches the terminal with its control characters visible", () => {
  const evil = "\x1b[2J\x1b]0;pwned\x07";

  it("batch --events: a chapter title that would clear the screen and retitle the window", () => {
    const f = at("evil.yaml");
    writeFileSync(f, `chapters:\n  - { at: 10, title: "\\e[2J\\e]0;pwned\\a" }\n`);
    const r = simtop(["--batch", "--events", "-s", f]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain("\x1b");
    expect(r.stdout).not.toContain("\x07");
    expect(r.stdout.split("\n")[0]).toBe("== \\x1b[2J\\x1b]0;pwned\\x07");
    // JSON keeps the text itself, escaped as JSON escapes it.
    const j = simtop(["--batch", "--json", "-s", f]);
    expect(j.stdout).not.toContain("\x1b");
    expect(JSON.parse(j.stdout).chapters).toEqual([evil]);
  });

  it("an error message quoting a path", () => {
    const r = simtop(["--batch", "--scenario", `no${evil}.yaml`]);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toContain("\x1b");
    expect(oneLine(r.stderr)).toBe(
      'simtop: --scenario "no\\x1b[2J\\x1b]0;pwned\\x07.yaml": no such file',
    );
  });

  it("the dashboard's header: the chapter title as escapes", async () => {
    const f = at("evil-live.yaml");
    writeFileSync(f, `chapters:\n  - { at: 0, title: "\\e[2Jevil\\e]0;pwned\\a" }\n`);
    const s = new TmuxSession(["--scenario", f], 120, 40);
    try {
      const screen = await s.waitFor((x) => x.includes("Processes") && x.includes("evil"));
      expect(screen).toContain("\\x1b[2Jevil\\x1b]0;pwned");
      s.keys("q");
      await s.waitFor((x) => x.includes("[exit 0]"));
    } finally {
      s.kill();
    }
  });
});

describe("the dashboard's outputs (in a terminal)", () => {
  const sessions: TmuxSession[] = [];
  afterAll(() => {
    for (const s of sessions) s.kill();
  });
  const run = (args: string[]): TmuxSession => {
    const s = new TmuxSession(args, 120, 40);
    sessions.push(s);
    return s;
  };

  it("--save f --record f: refused before either is written", async () => {
    const f = at("one-file");
    const s = run(["--save", f, "--record", f]);
    const screen = await s.waitFor((x) => x.includes("[exit 2]"));
    expect(screen).toContain(`simtop: --record: ${f} is also the --save output`);
    expect(existsSync(f)).toBe(false);
  });

  it("--save ok.jsonl --record /nonexistent/x.cast: refused, ok.jsonl neither created nor emptied", async () => {
    const ok = at("ok.jsonl");
    const s = run(["--save", ok, "--record", "/nonexistent/x.cast"]);
    const screen = await s.waitFor((x) => x.includes("[exit 2]"));
    expect(screen).toContain(
      "simtop: --record: cannot write /nonexistent/x.cast: no such directory",
    );
    expect(existsSync(ok)).toBe(false);
    writeFileSync(ok, "kept");
    const again = run(["--save", ok, "--record", "/nonexistent/x.cast", "--overwrite"]);
    await again.waitFor((x) => x.includes("[exit 2]"));
    expect(readFileSync(ok, "utf8")).toBe("kept");
  });

  it("replay run.jsonl --record run.jsonl: the session being replayed is kept", async () => {
    const f = at("run.jsonl");
    expect(simtop(["--batch", "--save", f]).status).toBe(0);
    const before = readFileSync(f, "utf8");
    const s = run(["replay", f, "--record", f, "--overwrite"]);
    const screen = await s.waitFor((x) => x.includes("[exit 2]"));
    expect(screen).toContain(`simtop: --record: ${f} is the session being replayed`);
    expect(readFileSync(f, "utf8")).toBe(before);
  });

  it("SIGTERM during the dashboard completes --save and --record: both files valid and whole", async () => {
    const save = at("term.jsonl");
    const cast = at("term.cast");
    const s = run(["--save", save, "--record", cast, "--speed", "5000"]);
    await s.waitFor((x) => /tick ([3-9],\d{3}|\d{2},\d{3})/.test(x));
    process.kill(s.pid(), "SIGTERM");
    await s.waitFor((x) => x.includes("[exit 143]"));
    const lines = readFileSync(save, "utf8").trim().split("\n");
    expect(JSON.parse(lines[lines.length - 1]).type).toBe("end");
    expect(parseSession(lines.join("\n")).endTick).toBeGreaterThanOrEqual(3000);
    expect(parseCast(readFileSync(cast, "utf8")).events.length).toBeGreaterThan(0);
    // And it replays.
    const r = spawnSync(process.execPath, [BIN, "replay", save, "--batch", "-n", "1"], {
      encoding: "utf8",
    });
    expect(r.status).toBe(0);
  });
});
