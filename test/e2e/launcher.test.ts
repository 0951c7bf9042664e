// bin/simtop.js under a node older than 22: it re-runs itself with the project's own node, or says what it needs.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, simtop } from "./cliRun.js";
import { olderNode } from "./terminalPane.js";

const old = olderNode();

describe.runIf(old)(`bin/simtop.js started by an older node (${old})`, () => {
  const run = (bin: string, args: string[]) =>
    spawnSync(old!, [bin, ...args], { cwd: ROOT, encoding: "utf8", timeout: 50_000 });

  it("runs on the project's node: same output, same exit code", () => {
    const args = ["--batch", "-n", "3", "-d", "1000", "--no-color"];
    const r = run(BIN, args);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(simtop(args).stdout);
    const bad = run(BIN, ["--cpus", "0"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(simtop(["--cpus", "0"]).stderr);
  });

  it("passes a signal on and dies of it", async () => {
    const child = spawn(old!, [BIN, "--batch", "-n", "1000000000", "-d", "1000"], { cwd: ROOT });
    await new Promise((started) => child.stdout.once("data", started));
    child.kill("SIGTERM");
    const [code, signal] = await new Promise<[number | null, string | null]>((done) =>
      child.on("exit", (c, s) => done([c, s])),
    );
    expect({ code, signal }).toEqual({ code: null, signal: "SIGTERM" });
  });

  it("without the project's node: one line, exit 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "simtop-launcher-"));
    try {
      mkdirSync(join(dir, "bin"));
      copyFileSync(BIN, join(dir, "bin", "simtop.js"));
      const r = run(join(dir, "bin", "simtop.js"), ["--version"]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^simtop: needs Node\.js 22 or later \(this is v\d+\.\d+\.\d+\)\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
