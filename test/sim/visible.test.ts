// Text from outside inside a message: controls made visible, long text cut.
import { describe, expect, it } from "vitest";
import { oneLine, quoted, shown, visible } from "../../src/sim/visible.js";

describe("visible text", () => {
  it("writes control characters as escapes", () => {
    expect(visible("a\nb\tc\r\u001b[31m\u0007\u007f\u009b\u2028")).toBe(
      "a\\nb\\tc\\r\\e[31m\\x07\\x7f\\x9b\\u2028",
    );
    expect(visible("plain é 🙂")).toBe("plain é 🙂");
    expect(visible("abc\u202edef")).toBe("abc\\u202edef");
  });

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
    expect(shown("a\u001b[2Jb")).toBe('"a\\e[2Jb"');
    expect(shown("")).toBe('""');
  });
});
