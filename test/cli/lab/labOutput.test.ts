// Lab output streams: it reaches the reader piece by piece while the lab still runs, never held
// whole, and a reader that goes away (`| head`) ends the run quietly.
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ChunkedWriter, writeLab } from "../../../src/cli/lab/labOutput.js";
import { BIN } from "../../e2e/cliRun.js";
import { type LabName, runLab, runLabInto } from "./ostepLab.js";

const PIECE = 65536;

describe("ChunkedWriter", () => {
  it("never holds more than a piece and the last text given, and loses nothing", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 20_000 }), { maxLength: 60 }), (texts) => {
        const pieces: string[] = [];
        const w = new ChunkedWriter((s) => {
          pieces.push(s);
          return true;
        });
        let given = 0;
        for (const t of texts) {
          w.write(t);
          given += t.length;
          const written = pieces.reduce((a, p) => a + p.length, 0);
          expect(given - written).toBeLessThan(PIECE);
        }
        w.end();
        expect(pieces.join("")).toBe(texts.join(""));
        expect(pieces.every((p) => p.length > 0)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it("stops the lab at the first piece its reader no longer takes, quietly", () => {
    const pieces: string[] = [];
    let lines = 0;
    writeLab(
      (out) => {
        for (let i = 0; i < 1_000_000; i++) {
          out(`line ${i}\n`);
          lines++;
        }
      },
      (s) => {
        pieces.push(s);
        return pieces.length < 2;
      },
    );
    expect(pieces).toHaveLength(2);
    // The lab was stopped at the second piece, long before its millionth line.
    expect(lines).toBeLessThan(1_000_000);
    expect(pieces.join("")).toMatch(/^line 0\nline 1\n/);
  });

  it("passes a lab's own error on after writing what it printed before", () => {
    const pieces: string[] = [];
    const run = () =>
      writeLab(
        (out) => {
          out("before\n");
          throw new RangeError("lab failed");
        },
        (s) => {
          pieces.push(s);
          return true;
        },
      );
    expect(run).toThrow(RangeError);
    expect(pieces).toEqual(["before\n"]);
  });
});

// Runs whose whole output is a few MB: each ends with a line printed only after the last tick.
const BIG: [LabName, string[], string][] = [
  ["mlfq", ["-l", "0,30000,0:0,30000,0", "-c"], "Final statistics:"],
  ["multi", ["-L", "a:40000:50,b:40000:50", "-n", "2", "-t", "-T", "-c"], "Finished time"],
  ["lottery", ["-l", "30000:10,30000:20", "-c"], "DONE at time 60000"],
];

describe("mlfq, multi and lottery stream their output", () => {
  it.each(BIG)(
    "%s: the first pieces reach the reader before the run ends",
    async (name, args, last) => {
      const whole = await runLab(name, args);
      expect(whole.length).toBeGreaterThan(4 * PIECE);
      expect(whole).toContain(last);
      // A reader that takes three pieces and goes: had the lab held its text until the end, the
      // first piece would have been all of it, its last line included.
      const pieces: string[] = [];
      await runLabInto(name, args, (s) => {
        pieces.push(s);
        return pieces.length < 3;
      });
      expect(pieces).toHaveLength(3);
      const seen = pieces.join("");
      expect(whole.startsWith(seen)).toBe(true);
      expect(seen).not.toContain(last);
      for (const p of pieces) expect(p.length).toBeLessThan(PIECE + 1000);
    },
  );

  it.each(BIG)(
    "%s | head -n 2 through the binary: the first lines, exit 0, nothing on stderr",
    (name, args) => {
      const quoted = args.map((a) => `'${a}'`).join(" ");
      const r = spawnSync(
        "bash",
        [
          "-o",
          "pipefail",
          "-c",
          `'${process.execPath}' '${BIN}' lab ${name} ${quoted} | head -n 2`,
        ],
        { encoding: "utf8", timeout: 50_000 },
      );
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(r.stdout.split("\n")).toHaveLength(3);
    },
  );
});
