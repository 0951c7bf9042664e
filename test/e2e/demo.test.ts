// `simtop demo`: renders scripted demos headlessly; byte-identical runs; the committed casts are current.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCast } from "../../src/cli/cast.js";
import { castScreen } from "../../src/cli/term/castScreen.js";
import { Screen } from "../../src/ui/term/screen.js";
import { inPty, ROOT, simtop } from "./cliRun.js";

const dir = mkdtempSync(join(tmpdir(), "simtop-e2e-demo-"));
const demos = readdirSync(join(ROOT, "demos"))
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => f.replace(/\.yaml$/, ""))
  .sort();
const hasAsciinema = spawnSync("asciinema", ["--version"]).status === 0;

describe("simtop demo", () => {
  it("lists the demos: at least the five the lessons need", () => {
    const r = simtop(["demo"]);
    expect(r.status).toBe(0);
    const names = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => l.split(/\s+/)[0]);
    expect(names).toEqual(demos);
    for (const n of ["fork-tree", "ctrl-c", "scheduling", "locality", "pipeline-hazards"])
      expect(names).toContain(n);
  });

  it("renders the same bytes on every run, without a terminal", () => {
    const a = join(dir, "a.cast");
    const b = join(dir, "b.cast");
    expect(simtop(["demo", "ctrl-c", "--cast", a]).status).toBe(0);
    expect(simtop(["demo", "ctrl-c", "--cast", b, "--svg", join(dir, "b.svg")]).status).toBe(0);
    expect(readFileSync(b, "utf8")).toBe(readFileSync(a, "utf8"));
    expect(readFileSync(join(dir, "b.svg"), "utf8")).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/,
    );
  });

  it("the committed demos/*.cast are what the demos render now (else: npm run demos)", () => {
    for (const name of demos) {
      const out = join(dir, `${name}.cast`);
      expect(simtop(["demo", name, "--cast", out]).status).toBe(0);
      const fresh = readFileSync(out, "utf8");
      const committed = readFileSync(join(ROOT, "demos", `${name}.cast`), "utf8");
      expect(committed === fresh, `demos/${name}.cast is stale: run npm run demos`).toBe(true);
    }
  }, 180_000);

  it("every committed cast is valid asciicast v2 and draws only sequences a terminal knows", () => {
    for (const name of demos) {
      const cast = parseCast(readFileSync(join(ROOT, "demos", `${name}.cast`), "utf8"));
      expect(cast.header.version).toBe(2);
      expect(cast.events.some((e) => e[1] === "m")).toBe(true);
      const screen = castScreen(cast);
      expect(screen.unknown).toEqual([]);
      // The header, with the scenario's chapter when it has chapters (the demos show them too).
      expect(screen.lines()[0]).toMatch(/^simtop (· \d+\/\d+ .*)? tick/);
    }
  });

  it.runIf(hasAsciinema)(
    "asciinema cat and play accept a demo and show the same final screen",
    () => {
      const file = join(ROOT, "demos", "ctrl-c.cast");
      const cast = parseCast(readFileSync(file, "utf8"));
      const cat = inPty(`asciinema cat '${file}'`);
      expect(cat.status).toBe(0);
      const viaCat = new Screen(cast.header.width, cast.header.height);
      viaCat.write(cat.stdout);
      expect(viaCat.lines()).toEqual(castScreen(cast).lines());
      const play = inPty(`asciinema play -s 20 '${file}'`);
      expect(play.status).toBe(0);
      const viaPlay = new Screen(cast.header.width, cast.header.height);
      viaPlay.write(play.stdout);
      expect(viaPlay.lines()).toEqual(castScreen(cast).lines());
    },
  );

  it("bad input is a one-line error, exit 2", () => {
    const none = simtop(["demo", "nosuch", "--cast", join(dir, "x.cast")]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^simtop: demo: no demo "nosuch" \(demos: cfs, ctrl-c, /);
    const noCast = simtop(["demo", "ctrl-c"]);
    expect(noCast.status).toBe(2);
    expect(noCast.stderr).toBe(
      "simtop: demo: --cast <file.cast> or --html <file.html> is required (where to write it)\n",
    );
    const badFile = simtop(["demo", "./missing.yaml", "--cast", join(dir, "x.cast")]);
    expect(badFile.stderr).toBe("simtop: ./missing.yaml: no such demo file\n");
  });
});
