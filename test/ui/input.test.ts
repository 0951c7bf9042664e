// Mouse reports read out of raw input (SGR, urxvt, X10 split across chunks), the keys around them untouched.
import { describe, expect, it } from "vitest";
import { InputReader, type MouseEvent } from "../../src/ui/input.js";

function mouse(over: Partial<MouseEvent>): MouseEvent {
  return { kind: "mouse", button: "left", release: false, motion: false, x: 0, y: 0, ...over };
}

describe("InputReader", () => {
  it("SGR (1006): press, release, wheel, at 0-based cells; keys before and after stay keys", () => {
    const r = new InputReader();
    expect(r.read("j\x1b[<0;10;5Mk")).toEqual(["j", mouse({ x: 9, y: 4 }), "k"]);
    expect(r.read("\x1b[<0;10;5m")).toEqual([mouse({ x: 9, y: 4, release: true })]);
    expect(r.read("\x1b[<64;1;1M\x1b[<65;200;60M")).toEqual([
      mouse({ button: "wheelUp", x: 0, y: 0 }),
      mouse({ button: "wheelDown", x: 199, y: 59 }),
    ]);
    expect(r.read("\x1b[<2;3;4M")).toEqual([mouse({ button: "right", x: 2, y: 3 })]);
    // Shift, Alt and Ctrl (4, 8, 16) leave the button as it is; 32 is motion with a button held.
    expect(r.read("\x1b[<20;3;4M\x1b[<32;5;6M")).toEqual([
      mouse({ x: 2, y: 3 }),
      mouse({ x: 4, y: 5, motion: true }),
    ]);
  });

  it("a mouse report never types a key (no space, no digits, no q reach the keymap)", () => {
    const r = new InputReader();
    const got = r.read("\x1b[<0;32;113M\x1b[<0;32;113m");
    expect(got.every((i) => typeof i !== "string")).toBe(true);
  });

  it("urxvt (1015) and X10, even when Ink hands over ESC [ M and its three bytes apart", () => {
    const r = new InputReader();
    expect(r.read("\x1b[32;10;5M")).toEqual([mouse({ x: 9, y: 4 })]);
    // X10: button 0 (" "), column 10 ("*" = 42 - 32), row 5 ("%").
    expect(r.read("\x1b[M *%")).toEqual([mouse({ x: 9, y: 4 })]);
    expect(r.read("\x1b[M")).toEqual([]);
    expect(r.read(" *")).toEqual([]);
    expect(r.read("%q")).toEqual([mouse({ x: 9, y: 4 }), "q"]);
    // Release (3) in X10 names no button.
    expect(r.read("\x1b[M#*%")).toEqual([mouse({ button: "other", release: true, x: 9, y: 4 })]);
  });

  it("keys read as before: arrows, F-keys, text", () => {
    const r = new InputReader();
    expect(r.read("\x1b[A\x1bOP\x1b[21~ q")).toEqual(["up", "f1", "f10", "space", "q"]);
  });
});
