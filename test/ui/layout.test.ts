// The layout: what fits at each terminal size, one row shorter than the terminal, never overlapping.
import { describe, expect, it } from "vitest";
import { computeLayout, type Layout } from "../../src/ui/layout.js";

function rowsUsed(l: Layout): number {
  const band1 = l.details ? l.details.height : 0;
  const band2 = l.gantt ? l.gantt.height : 0;
  const lowerEvents = !l.details && l.events ? l.events.height : 0;
  return l.header.height + l.table.height + band1 + band2 + lowerEvents + l.keybar.height;
}

describe("computeLayout", () => {
  it("below 80×24 there is no layout (the dashboard says the terminal is too small)", () => {
    expect(computeLayout({ columns: 79, rows: 40, cores: 2, menuWidth: 0 })).toBeNull();
    expect(computeLayout({ columns: 200, rows: 23, cores: 2, menuWidth: 0 })).toBeNull();
  });

  it("80×24: header, process table and key bar", () => {
    const l = computeLayout({ columns: 80, rows: 24, cores: 2, menuWidth: 0 })!;
    expect(l.kind).toBe("compact");
    // 23 rows drawn: header 4 (status, tasks, one line of 2 core meters, memory) + key bar 1 → table 18.
    expect([l.height, l.header.height, l.table.height, l.keybar.height]).toEqual([23, 4, 18, 1]);
    expect(l.details).toBeNull();
  });

  it("120×40: every panel", () => {
    const l = computeLayout({ columns: 120, rows: 40, cores: 2, menuWidth: 0 })!;
    expect(l.kind).toBe("full");
    for (const p of [l.details, l.pipeline, l.caches, l.gantt, l.events]) expect(p).not.toBeNull();
    // Side by side: left + rule + right = the full width.
    expect(l.details!.width + 1 + l.pipeline!.width).toBe(120);
    expect(l.gantt!.width + 1 + l.events!.width).toBe(120);
  });

  it("uses exactly rows-1 lines at every size from 80×24 to 240×80, for 1 to 64 cores", () => {
    for (let columns = 80; columns <= 240; columns += 7)
      for (let rows = 24; rows <= 80; rows += 3)
        for (const cores of [1, 2, 4, 16, 64]) {
          const l = computeLayout({ columns, rows, cores, menuWidth: 0 })!;
          expect(rowsUsed(l), `${columns}x${rows} ${cores} cores`).toBe(rows - 1);
          expect(l.table.height).toBeGreaterThanOrEqual(6);
        }
  });

  it("an open side menu narrows the table by its width and a rule", () => {
    const l = computeLayout({ columns: 120, rows: 40, cores: 2, menuWidth: 36 })!;
    expect(l.menu!.width + 1 + l.table.width).toBe(120);
    expect(l.menu!.height).toBe(l.table.height);
  });
});
