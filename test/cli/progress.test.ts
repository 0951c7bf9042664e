// The progress line: nothing off a terminal, nothing for short work, throttled, one row, cleared.
import { describe, expect, it } from "vitest";
import { ProgressLine, progressBarText, progressLine } from "../../src/cli/progress.js";

/** A terminal's stderr stand-in with a settable clock. */
function terminal(columns = 80) {
  const writes: string[] = [];
  let now = 1000;
  const stream = { isTTY: true, columns, write: (s: string) => writes.push(s) };
  return {
    writes,
    stream,
    clock: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

describe("progress line", () => {
  it("is nothing at all when stderr is not a terminal", () => {
    const writes: string[] = [];
    expect(progressLine({ isTTY: false, write: (s) => writes.push(s) })).toBeNull();
    expect(progressLine({ write: (s) => writes.push(s) })).toBeNull();
    expect(progressLine({ isTTY: true, write: (s) => writes.push(s) })).toBeInstanceOf(
      ProgressLine,
    );
  });

  it("draws nothing in the first 250 ms, then at most once per 100 ms, and builds text only then", () => {
    const t = terminal();
    const line = new ProgressLine(t.stream, { now: t.clock });
    let built = 0;
    const text = () => {
      built++;
      return `step ${built}`;
    };
    for (let i = 0; i < 24; i++) {
      line.update(text);
      t.advance(10);
    }
    expect(t.writes).toEqual([]);
    expect(built).toBe(0);
    t.advance(10); // 250 ms
    line.update(text);
    line.update(text);
    expect(t.writes).toEqual(["\rstep 1\u001b[K"]);
    t.advance(99);
    line.update(text);
    expect(t.writes).toHaveLength(1);
    t.advance(1);
    line.update(text);
    expect(t.writes).toEqual(["\rstep 1\u001b[K", "\rstep 2\u001b[K"]);
    line.clear();
    expect(t.writes[2]).toBe("\r\u001b[K");
    line.clear();
    expect(t.writes).toHaveLength(3);
  });

  it("clears nothing when it never drew (a short run leaves stderr untouched)", () => {
    const t = terminal();
    const line = new ProgressLine(t.stream, { now: t.clock });
    line.update(() => "x");
    line.clear();
    expect(t.writes).toEqual([]);
  });

  it("stays on one row: cut to the terminal's width less one column, wide characters counted", () => {
    const t = terminal(10);
    const line = new ProgressLine(t.stream, { now: t.clock, delayMs: 0 });
    line.update(() => "0123456789abcdef");
    expect(t.writes[0]).toBe("\r012345678\u001b[K");
    t.advance(100);
    line.update(() => "日本語のデモ");
    // Four two-column characters fit in nine columns.
    expect(t.writes[1]).toBe("\r日本語の\u001b[K");
  });

  it("takes a terminal that reports no size as 80 columns", () => {
    const t = terminal(0);
    const line = new ProgressLine(t.stream, { now: t.clock, delayMs: 0 });
    line.update(() => "x".repeat(100));
    expect(t.writes[0]).toBe(`\r${"x".repeat(79)}\u001b[K`);
  });

  it("shows control characters from file names as escapes, never raw", () => {
    const t = terminal();
    const line = new ProgressLine(t.stream, { now: t.clock, delayMs: 0 });
    line.update(() => "demo \u001b[2Jevil\n");
    expect(t.writes[0]).toBe("\rdemo \\x1b[2Jevil\\n\u001b[K");
  });

  it("draws a bar and a percentage", () => {
    expect(progressBarText(0, 10, 10)).toBe("[..........]   0%");
    expect(progressBarText(5, 10, 10)).toBe("[#####.....]  50%");
    expect(progressBarText(10, 10, 10)).toBe("[##########] 100%");
    expect(progressBarText(12, 10, 10)).toBe("[##########] 100%");
    expect(progressBarText(1, 0, 4)).toBe("[....]   0%");
  });
});
