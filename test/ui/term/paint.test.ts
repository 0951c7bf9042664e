// The painter: replaying its bytes on a terminal shows exactly the screen it was given, frame after frame.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Painter, sgr } from "../../../src/ui/term/paint.js";
import { Attr, DEFAULT_COLOR, RGB_FLAG, Screen } from "../../../src/ui/term/screen.js";

const ESC = "\u001b[";

/** Cell-by-cell equality, styles included. */
function expectSame(a: Screen, b: Screen): void {
  for (let y = 0; y < b.height; y++)
    for (let x = 0; x < b.width; x++)
      expect({ x, y, ...a.cell(x, y) }).toEqual({ x, y, ...b.cell(x, y) });
}

describe("sgr", () => {
  it("writes a style from a reset", () => {
    expect(sgr({ fg: DEFAULT_COLOR, bg: DEFAULT_COLOR, attrs: 0 })).toBe(`${ESC}0m`);
    expect(sgr({ fg: 1, bg: 12, attrs: Attr.bold | Attr.inverse })).toBe(`${ESC}0;1;7;31;104m`);
    expect(sgr({ fg: 208, bg: RGB_FLAG | 0x0a0b0c, attrs: 0 })).toBe(
      `${ESC}0;38;5;208;48;2;10;11;12m`,
    );
  });
});

describe("Painter", () => {
  it("sends only what changed", () => {
    const p = new Painter();
    const a = new Screen(20, 3);
    a.write("tick 100   cpu 50%");
    p.paint(a);
    const b = a.clone();
    b.write(`${ESC}1;6H200`);
    // "100" → "200": the cursor is still on row 1, so a jump to column 6 and the one new character.
    expect(p.paint(b)).toBe(`${ESC}6G2`);
    expect(p.paint(b)).toBe("");
  });

  it("moves down by carriage return and line feed, and rewrites short unchanged gaps", () => {
    const p = new Painter();
    const a = new Screen(20, 3);
    a.write("tick 100   cpu 50%");
    p.paint(a);
    const b = a.clone();
    b.write(`${ESC}1;6H2${ESC}1;8H1${ESC}2;1Hx${ESC}3;1Hy`);
    // "100" → "201": rewriting the unchanged "0" (1 byte) is cheaper than jumping over it (3);
    // the starts of the next rows are reached by CR LF (2 bytes; CUP would take 4).
    expect(p.paint(b)).toBe(`${ESC}6G201\r\nx\r\ny`);
  });

  const frame = fc.array(
    fc.record({
      x: fc.nat(15),
      y: fc.nat(5),
      fg: fc.constantFrom(-1, 1, 9, 208, RGB_FLAG | 0x336699),
      bg: fc.constantFrom(-1, 4, 236),
      bold: fc.boolean(),
      text: fc.constantFrom("a", "bc", "█▌", "中", " x ", "│─┼", "é"),
    }),
    { maxLength: 20 },
  );

  it("property: a terminal fed the painted frames shows each frame exactly", () => {
    fc.assert(
      fc.property(fc.array(frame, { minLength: 1, maxLength: 5 }), (frames) => {
        const painter = new Painter();
        const terminal = new Screen(16, 6);
        const app = new Screen(16, 6);
        for (const f of frames) {
          for (const w of f)
            app.write(
              `${ESC}${w.y + 1};${w.x + 1}H${sgr({ fg: w.fg, bg: w.bg, attrs: w.bold ? Attr.bold : 0 })}${w.text}`,
            );
          terminal.write(painter.paint(app));
          expectSame(terminal, app);
          expect(terminal.unknown).toEqual([]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
