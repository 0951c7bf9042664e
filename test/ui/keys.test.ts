// Raw terminal input to key names: F-keys in every common encoding, arrows, controls, runs of text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseKeys } from "../../src/ui/keys.js";

describe("parseKeys", () => {
  it.each([
    ["\x1bOP", "f1"],
    ["\x1b[11~", "f1"],
    ["\x1b[[A", "f1"],
    ["\x1bOR", "f3"],
    ["\x1b[13~", "f3"],
    ["\x1b[15~", "f5"],
    ["\x1b[[E", "f5"],
    ["\x1b[20~", "f9"],
    ["\x1b[21~", "f10"],
    ["\x1b[A", "up"],
    ["\x1bOB", "down"],
    ["\x1b[1;2D", "shift+left"],
    ["\x1b[1;5C", "right"],
    ["\x1b[5~", "pageup"],
    ["\x1b[6~", "pagedown"],
    ["\x1b[H", "home"],
    ["\x1b[1~", "home"],
    ["\x1b[F", "end"],
    ["\x1b[4~", "end"],
    ["\x1b", "escape"],
    ["\r", "enter"],
    ["\x7f", "backspace"],
    ["\x03", "ctrl+c"],
    ["\x0c", "ctrl+l"],
    [" ", "space"],
  ])("%j is %s", (raw, name) => {
    expect(parseKeys(raw)).toEqual([name]);
  });

  it("splits a chunk holding several keys (fast typing, a paste)", () => {
    expect(parseKeys("jj\x1b[Bq\x1b[21~/")).toEqual(["j", "j", "down", "q", "f10", "/"]);
  });

  it("drops what it does not know instead of typing it", () => {
    expect(parseKeys("\x1b[99~a\x1bxb")).toEqual(["a", "b"]);
  });

  it("every printable ASCII character is its own key, in order", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."abcXYZ019<>/?[]{}+-=".split("")) }),
        (s) => {
          expect(parseKeys(s)).toEqual([...s]);
        },
      ),
    );
  });
});
