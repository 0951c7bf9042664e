// The screen model: what a terminal shows after the sequences full-screen programs write.
import { describe, expect, it } from "vitest";
import { Attr, DEFAULT_COLOR, RGB_FLAG, Screen } from "../../../src/ui/term/screen.js";

const ESC = "\u001b[";

function screen(w: number, h: number, ...writes: string[]): Screen {
  const s = new Screen(w, h);
  for (const x of writes) s.write(x);
  return s;
}

describe("text and cursor", () => {
  it("prints, returns and feeds lines", () => {
    expect(screen(10, 3, "ab\r\ncd").lines()).toEqual(["ab", "cd", ""]);
    // A bare LF keeps the column: "cd" starts under the "b" cursor position (column 2).
    expect(screen(10, 3, "ab\ncd").lines()).toEqual(["ab", "  cd", ""]);
  });

  it("wraps at the right edge only when the next character comes (pending wrap)", () => {
    const s = screen(4, 3, "abcd");
    expect(s.cursorY).toBe(0);
    s.write("e");
    expect(s.lines()).toEqual(["abcd", "e", ""]);
  });

  it("scrolls when a line feed leaves the bottom", () => {
    expect(screen(5, 2, "1\r\n2\r\n3").lines()).toEqual(["2", "3"]);
  });

  it("moves the cursor absolutely and relatively", () => {
    const s = screen(10, 5, `${ESC}3;4Hx`, `${ESC}A${ESC}2Dy`, `${ESC}5Gz`, `${ESC}Hw`);
    // x at row 3 col 4; up one, two left of the cursor (col 5 after x) → col 3: y; col 5 on that row: z.
    expect(s.lines()).toEqual(["w", "  y z", "   x", "", ""]);
  });

  it("erases lines and the screen", () => {
    expect(screen(6, 2, "abcdef", `${ESC}1;3H${ESC}K`).lines()).toEqual(["ab", ""]);
    expect(screen(6, 2, "abcdef", `${ESC}1;3H${ESC}1K`).lines()).toEqual(["   def", ""]);
    expect(screen(6, 2, "abc\r\ndef", `${ESC}2J`).lines()).toEqual(["", ""]);
    // Ink's eraseLines: erase, up, erase, then column 1.
    expect(
      screen(6, 3, "one\r\ntwo\r\nthree", `${ESC}2K${ESC}1A${ESC}2K${ESC}G`, "X").lines(),
    ).toEqual(["one", "X", ""]);
  });

  it("keeps a partial escape sequence for the next write", () => {
    expect(screen(6, 2, "a\u001b[3", "1mb").cell(1, 0).style.fg).toBe(1);
  });

  it("switches to the alternate screen and back, restoring the main one", () => {
    const s = screen(6, 2, "main", `${ESC}?1049h${ESC}H`, "alt");
    expect(s.altScreen).toBe(true);
    expect(s.lines()).toEqual(["alt", ""]);
    s.write(`${ESC}?1049l`);
    expect(s.lines()).toEqual(["main", ""]);
    expect(s.cursorX).toBe(4);
  });

  it("hides and shows the cursor", () => {
    const s = screen(3, 1, `${ESC}?25l`);
    expect(s.cursorVisible).toBe(false);
    s.write(`${ESC}?25h`);
    expect(s.cursorVisible).toBe(true);
  });

  it("gives wide characters two cells", () => {
    const s = screen(6, 1, "a中b");
    expect(s.cell(1, 0).ch).toBe("中");
    expect(s.cell(2, 0).ch).toBe("");
    expect(s.cell(3, 0).ch).toBe("b");
    expect(s.lines()).toEqual(["a中b"]);
  });

  it("notes sequences it does not know, and ignores titles", () => {
    const s = screen(6, 1, "\u001b]0;title\u0007", `${ESC}5y`, "ok");
    expect(s.lines()).toEqual(["ok"]);
    expect(s.unknown).toEqual(["CSI 5y"]);
  });
});

describe("SGR", () => {
  it("sets and resets colours and attributes", () => {
    const s = screen(8, 1, `${ESC}1;31;42mA${ESC}22;39mB${ESC}0;7mC${ESC}mD`);
    expect(s.cell(0, 0).style).toEqual({ fg: 1, bg: 2, attrs: Attr.bold });
    expect(s.cell(1, 0).style).toEqual({ fg: DEFAULT_COLOR, bg: 2, attrs: 0 });
    expect(s.cell(2, 0).style).toEqual({
      fg: DEFAULT_COLOR,
      bg: DEFAULT_COLOR,
      attrs: Attr.inverse,
    });
    expect(s.cell(3, 0).style).toEqual({ fg: DEFAULT_COLOR, bg: DEFAULT_COLOR, attrs: 0 });
  });

  it("reads bright, 256-colour and RGB colours", () => {
    const s = screen(8, 1, `${ESC}92mA${ESC}38;5;208mB${ESC}48;2;1;2;3mC`);
    expect(s.cell(0, 0).style.fg).toBe(10);
    expect(s.cell(1, 0).style.fg).toBe(208);
    expect(s.cell(2, 0).style.bg).toBe(RGB_FLAG | 0x010203);
  });

  it("erases with the current background colour", () => {
    const s = screen(4, 1, `${ESC}44m${ESC}2K`);
    expect(s.cell(3, 0).style.bg).toBe(4);
  });
});
