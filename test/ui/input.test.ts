// Mouse reports read out of raw input (SGR, urxvt, X10 split across chunks), the keys around them untouched.
import { describe, expect, it } from "vitest";
import { withoutMouseReports } from "../../src/cli/term/mouseInput.js";
import { InputReader, type MouseEvent, MouseSplitter } from "../../src/ui/input.js";

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

describe("MouseSplitter (before Ink reads the input)", () => {
  it("takes whole reports out, keys stay in order; a report cut between reads is put together", () => {
    const s = new MouseSplitter();
    expect(s.split("a\x1b[<0;10;5Mb\x1b[A")).toEqual({
      reports: ["\x1b[<0;10;5M"],
      rest: "ab\x1b[A",
    });
    expect(s.split("q\x1b[<64;1")).toEqual({ reports: [], rest: "q" });
    expect(s.split("0;3Mj")).toEqual({ reports: ["\x1b[<64;10;3M"], rest: "j" });
    // A lone Escape (or ESC [) is not held: it may be the Escape key.
    expect(s.split("\x1b")).toEqual({ reports: [], rest: "\x1b" });
  });

  it("X10 reports with their three bytes, also when the bytes come in the next read", () => {
    const s = new MouseSplitter();
    expect(s.split("\x1b[M *%k")).toEqual({ reports: ["\x1b[M *%"], rest: "k" });
    expect(s.split("\x1b[M ")).toEqual({ reports: [], rest: "" });
    expect(s.split("*")).toEqual({ reports: [], rest: "" });
    expect(s.split("%q")).toEqual({ reports: ["\x1b[M *%"], rest: "q" });
  });

  it("the stream Ink reads: read() without the reports, each report handed on in order", () => {
    const chunks = ["j\x1b[<0;3;4M", "\x1b[<0;3;4m", null];
    const stdin = {
      read: () => chunks.shift() ?? null,
      isTTY: true,
    } as unknown as NodeJS.ReadStream;
    const reports: string[] = [];
    const wrapped = withoutMouseReports(stdin, (r) => reports.push(r));
    expect([wrapped.read(), wrapped.read(), wrapped.read()]).toEqual(["j", "", null]);
    expect(reports).toEqual(["\x1b[<0;3;4M", "\x1b[<0;3;4m"]);
    expect(wrapped.isTTY).toBe(true);
  });
});
