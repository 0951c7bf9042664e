// Cell text: fixed widths, compact numbers, 1-2-5 steps, sparklines.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  clean,
  compact,
  fixed,
  grouped,
  niceCeil,
  niceSteps,
  sparkline,
  sparkPage,
} from "../../src/ui/format.js";

describe("format", () => {
  it("fixed pads or cuts to exactly the width", () => {
    expect(fixed("abc", 5)).toBe("abc  ");
    expect(fixed("abc", 5, "right")).toBe("  abc");
    expect(fixed("abcdef", 4)).toBe("abcd");
    expect(fixed("abcdef", 4, "left", true)).toBe("abc…");
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 40 }), (s, w) => fixed(s, w).length === w),
    );
  });

  it("compact keeps at most three significant digits and a unit", () => {
    expect(compact(999)).toBe("999");
    expect(compact(1234)).toBe("1.23k");
    // Round hundreds keep their zeros (they used to lose them: 100k read as 1k).
    expect(compact(100_000)).toBe("100k");
    expect(compact(150_000)).toBe("150k");
    expect(compact(200_000_000)).toBe("200M");
    expect(compact(1500)).toBe("1.5k");
    expect(compact(12_345)).toBe("12.3k");
    expect(compact(123_456)).toBe("123k");
    expect(compact(1_500_000)).toBe("1.5M");
    expect(compact(2_000_000_000)).toBe("2G");
  });

  it("grouped separates thousands", () => {
    expect(grouped(1234567)).toBe("1,234,567");
    expect(grouped(12)).toBe("12");
  });

  it("1-2-5 steps", () => {
    expect(niceSteps(100)).toEqual([1, 2, 5, 10, 20, 50, 100]);
    expect(niceCeil(101)).toBe(200);
    expect(niceCeil(100)).toBe(100);
    expect(niceCeil(0.3)).toBe(1);
  });

  it("sparkline: newest on the right, blank where there was nothing to measure", () => {
    // 0 → ▁ (lowest), 1 → █ (highest), 0.5 → index round(3.5) = 4 → ▅.
    expect(sparkline([0, 0.5, 1, Number.NaN], 6)).toBe("  ▁▅█ ");
  });

  it("clean replaces control characters so names cannot move the cursor", () => {
    expect(clean("a\x1b[2Jb\nc")).toBe("a\\x1b[2Jb\\nc");
  });

  it("sparkPage puts sample n at column (n-1) mod width and starts a new page when full", () => {
    // 3 samples on a 5-wide page: columns 0-2 (0 → ▁, 1 → █, 0.5 → round(3.5) = 4 → ▅), 2 blank.
    expect(sparkPage([0, 1, 0.5], 3, 5)).toBe("▁█▅  ");
    // Sample 6 on a 5-wide page: (6-1) mod 5 = 0, a new page holding only the newest mark.
    expect(sparkPage([0, 1, 0.5, 0, 1, 1], 6, 5)).toBe("█    ");
    // A kept history shorter than the page (cleared ring): blanks where nothing is known.
    expect(sparkPage([1], 3, 5)).toBe("  █  ");
    expect(sparkPage([], 0, 4)).toBe("    ");
  });

  it("sparkPage: one more sample changes exactly one cell, or starts a fresh page", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 20 }),
        (values, width) => {
          const n = values.length;
          const before = sparkPage(values.slice(0, n - 1), n - 1, width);
          const after = sparkPage(values, n, width);
          expect(after.length).toBe(width);
          const changed = [...after].filter((ch, i) => ch !== before[i]).length;
          if ((n - 1) % width === 0) expect(after.slice(1).trim()).toBe("");
          else expect(changed).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
