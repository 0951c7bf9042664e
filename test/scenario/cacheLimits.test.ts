// The caches' remaining limits, refused before anything runs: one line on stderr and exit 2.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { simtop } from "../e2e/cliRun.js";

const dir = mkdtempSync(join(tmpdir(), "simtop-cache-limits-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scenario(name: string, caches: string): string {
  const p = join(dir, `${name}.yaml`);
  writeFileSync(p, `machine:\n  cores: 2\n  cpu: pipeline\n  caches:\n${caches}`);
  return p;
}

describe("cache limits of a scenario", () => {
  it("runs a 1 GiB L3 of 64-byte lines", () => {
    const r = simtop(["--scenario", scenario("big", "    l3: { size: 1GiB }\n"), "--batch"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it.each([
    [
      "l3: 1 GiB of 16-byte lines",
      "    l3: { size: 1GiB, lineSize: 16 }\n",
      [],
      "simtop: --scenario FILE: machine: the caches hold 67119104 lines in all (L1I, L1D and L2 per core, and L3): at most 33554432 (2^25; a 1 GiB L3 of 64-byte lines is 16777216)",
    ],
    [
      "l3 over 1 GiB",
      "    l3: { size: 2GiB }\n",
      [],
      "simtop: --scenario FILE: machine.caches.l3: size must be a power of two up to 1 GiB, got 2147483648",
    ],
    [
      "a 256 MiB L2 on 64 cores (--cpus)",
      "    l2: { size: 256MiB }\n",
      ["--cpus", "64"],
      "simtop: a on 64 cores: the caches hold 268566528 lines in all (L1I, L1D and L2 per core, and L3): at most 33554432 (2^25; a 1 GiB L3 of 64-byte lines is 16777216)",
    ],
  ])("refuses %s", (name, caches, extra, message) => {
    const file = scenario(name.split(" ")[0].replace(":", ""), caches);
    const r = simtop(["--scenario", file, ...extra, "--batch"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`${message.replace("FILE", file)}\n`);
  });
});
