// Text from files made visible: every control character becomes an escape, everything else stays.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { oneLine, quoted, safeJson, shown, visible } from "../../src/sim/visible.js";

const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe("visible", () => {
  it("writes a clear-screen-and-retitle title as escapes", () => {
    expect(visible("\x1b[2J\x1b]0;pwned\x07")).toBe("\\x1b[2J\\x1b]0;pwned\\x07");
  });

  it("names tab, newline and carriage return; other C0, DEL and C1 as \\xNN", () => {
    expect(visible("a\tb\nc\rd")).toBe("a\\tb\\nc\\rd");
    expect(visible("\x00\x7f\x9b")).toBe("\\x00\\x7f\\x9b");
  });

  it("shows the characters that reorder or break lines as \\uNNNN", () => {
    expect(visible("abc\u202edcb\u2066x\u2028y")).toBe("abc\\u202edcb\\u2066x\\u2028y");
  });

  it("leaves printable text alone: letters of any script, emoji, backslashes", () => {
    for (const s of ["sleeper", "проц-1", "数据", "🐢.slow", "a\\x1b", "é", "\u200d"])
      expect(visible(s)).toBe(s);
  });

  it("never lets a control character through, and a second pass changes nothing (200 strings)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => {
        const v = visible(s);
        expect(UNSAFE.test(v)).toBe(false);
        expect(visible(v)).toBe(v);
      }),
      { numRuns: 200 },
    );
  });
});

describe("safeJson", () => {
  it("escapes what JSON.stringify leaves raw: C1 CSI, DEL, a right-to-left override", () => {
    expect(safeJson(JSON.stringify({ name: "a\u009b2Jb\u007f\u202e" }))).toBe(
      '{"name":"a\\u009b2Jb\\u007f\\u202e"}',
    );
  });

  it("parses back to the same value and holds no control character (200 strings)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => {
        const j = safeJson(JSON.stringify({ s }));
        expect(UNSAFE.test(j)).toBe(false);
        expect(JSON.parse(j)).toEqual({ s });
      }),
      { numRuns: 200 },
    );
  });
});

describe("text from outside inside a message", () => {
  it("quotes, escapes and cuts, saying how long the text was", () => {
    expect(quoted('say "hi"\n')).toBe('"say \\"hi\\"\\n"');
    expect(quoted("x".repeat(5_000_000))).toBe(`"${"x".repeat(40)}"… (5000000 characters)`);
    expect(quoted("🙂".repeat(50), 3)).toBe('"🙂🙂🙂"… (50 characters)');
  });

  it("keeps a whole message on one line of bounded length", () => {
    expect(oneLine("a\nb")).toBe("a\\nb");
    expect(oneLine("y".repeat(1000), 10)).toBe(`${"y".repeat(10)}…`);
  });

  it("shows a plain name as is, a strange one quoted", () => {
    expect(shown("run.jsonl")).toBe("run.jsonl");
    expect(shown("a\u001b[2Jb")).toBe('"a\\x1b[2Jb"');
    expect(shown("")).toBe('""');
  });
});
