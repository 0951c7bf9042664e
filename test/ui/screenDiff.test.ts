// Cell-level screen updates: replayed on a tiny terminal, they always leave exactly the next screen.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { screenUpdate, toCells } from "../../src/ui/screenDiff.js";

/**
 * Just enough of a terminal for what screenUpdate writes: CUP, ED 2, EL, and SGR sequences that
 * always start from a reset (so the parameters are the whole style of the cells written after).
 */
class Terminal {
  rows: { ch: string; style: string }[][] = [];
  private r = 0;
  private c = 0;
  private style = "0";

  write(s: string): void {
    let i = 0;
    while (i < s.length) {
      if (s[i] === "\x1b" && s[i + 1] === "[") {
        let j = i + 2;
        while (!/[@-~]/.test(s[j])) j++;
        const params = s.slice(i + 2, j);
        const f = s[j];
        if (f === "H") {
          const [r, c] = params === "" ? [1, 1] : params.split(";").map(Number);
          this.r = r - 1;
          this.c = c - 1;
        } else if (f === "J" && params === "2") this.rows = [];
        else if (f === "K") this.row().length = Math.min(this.row().length, this.c);
        else if (f === "m") this.style = params === "" ? "0" : params;
        else if (f === "h" || f === "l") {
          // private modes (synchronized output): no effect on cells
        } else throw new Error(`unexpected sequence ${JSON.stringify(s.slice(i, j + 1))}`);
        i = j + 1;
        continue;
      }
      const row = this.row();
      while (row.length < this.c) row.push({ ch: " ", style: "0" });
      row[this.c++] = { ch: s[i], style: this.style };
      i++;
    }
  }

  private row() {
    while (this.rows.length <= this.r) this.rows.push([]);
    return this.rows[this.r];
  }

  /** Cells of row r up to `width`, blanks where nothing was written. */
  cells(r: number, width: number): string[] {
    const row = this.rows[r] ?? [];
    return Array.from({ length: width }, (_, i) => {
      const x = row[i];
      return x === undefined || (x.ch === " " && x.style === "0") ? " |0" : `${x.ch}|${x.style}`;
    });
  }
}

function expected(screen: string, width: number): string[][] {
  return toCells(screen).rows.map((r) =>
    Array.from({ length: width }, (_, i) => {
      const ch = r.chars[i] ?? " ";
      const st = r.styles[i] ?? "0";
      return ch === " " && st === "0" ? " |0" : `${ch}|${st}`;
    }),
  );
}

const SGR = [
  "\x1b[1m",
  "\x1b[22m",
  "\x1b[31m",
  "\x1b[39m",
  "\x1b[44m",
  "\x1b[49m",
  "\x1b[7m",
  "\x1b[27m",
  "\x1b[0m",
  "\x1b[30;46m",
  "\x1b[2m",
];
const piece = fc.oneof(
  fc.constantFrom(...SGR),
  fc.string({ unit: fc.constantFrom(..."ab █│ xy".split("")), maxLength: 6 }),
);
const screen = fc
  .array(
    fc.array(piece, { maxLength: 8 }).map((ps) => ps.join("")),
    { minLength: 1, maxLength: 6 },
  )
  .map((ls) => ls.join("\n"));

describe("screenUpdate", () => {
  it("turns any screen into any other: the terminal ends up with exactly the next screen's cells", () => {
    fc.assert(
      fc.property(screen, screen, screen, (a, b, c) => {
        const t = new Terminal();
        t.write(screenUpdate(null, a));
        t.write(screenUpdate(a, b));
        t.write(screenUpdate(b, c));
        const want = expected(c, 60);
        const rows = Math.max(want.length, t.rows.length);
        for (let r = 0; r < rows; r++)
          expect(t.cells(r, 60)).toEqual(want[r] ?? Array(60).fill(" |0"));
      }),
      { numRuns: 300 },
    );
  });

  it("writes nothing for an unchanged screen, and only the changed cells otherwise", () => {
    const a = "tick 1,000  running\nrow two";
    expect(screenUpdate(a, a)).toBe("");
    // Only "2" of "1,000" → "2,000" changes: one cursor move to row 1, column 6, then "2".
    expect(screenUpdate(a, "tick 2,000  running\nrow two")).toBe("\x1b[1;6H\x1b[0m2");
  });

  it("reads styles the way Ink writes them: separate codes and a compound one are the same look", () => {
    const x = toCells("\x1b[30m\x1b[46mA\x1b[39m\x1b[49m");
    const y = toCells("\x1b[30;46mA\x1b[0m");
    expect(x).toEqual(y);
  });
});
