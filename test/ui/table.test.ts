// The table's selectors: filter, sort, fork tree, and a selection that stays on its process.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ProcessRow } from "../../src/sim/view.js";
import { columnsFor, orderRows, placeSelection } from "../../src/ui/selectors/table.js";

function row(
  pid: number,
  ppid: number,
  name: string,
  cpu = 0,
  state: ProcessRow["state"] = "ready",
): ProcessRow {
  return {
    pid,
    ppid,
    name,
    state,
    letter: "R",
    stateWord: state,
    priority: 20,
    nice: 0,
    cpuPercent: cpu,
    resKiB: 8,
    cpuTicks: pid * 10,
    ipc: 1,
    l1HitPercent: Number.NaN,
    level: -1,
    tickets: -1,
    vruntime: Number.NaN,
    weight: Number.NaN,
    affinity: "all",
    cpu: -1,
    migrations: 0,
    pgid: 1,
    sid: 1,
    tty: "?",
    foreground: false,
  };
}

// init(1) ─ sh(2) ─ query(5)
//        └ forker(3) ─ forker(4)
const ROWS = [
  row(1, 0, "init", 0),
  row(2, 1, "sh", 5),
  row(3, 1, "forker", 30),
  row(4, 3, "forker", 10),
  row(5, 2, "query", 20),
];

describe("orderRows", () => {
  it("sorts by a column, ties in PID order, and inverts", () => {
    expect(orderRows(ROWS, "cpu", true, "", false).map((r) => r.pid)).toEqual([3, 5, 4, 2, 1]);
    expect(orderRows(ROWS, "cpu", false, "", false).map((r) => r.pid)).toEqual([1, 2, 4, 5, 3]);
    expect(orderRows(ROWS, "name", false, "", false).map((r) => r.pid)).toEqual([3, 4, 1, 5, 2]);
  });

  it("filters by name (any case), exact pid, or state word", () => {
    expect(orderRows(ROWS, "pid", false, "FORK", false).map((r) => r.pid)).toEqual([3, 4]);
    expect(orderRows(ROWS, "pid", false, "5", false).map((r) => r.pid)).toEqual([5]);
    const zombie = [...ROWS, row(6, 1, "x", 0, "zombie")];
    expect(orderRows(zombie, "pid", false, "zomb", false).map((r) => r.pid)).toEqual([6]);
  });

  it("tree view: depth first under parents, siblings in sort order, with glyphs", () => {
    const t = orderRows(ROWS, "pid", false, "", true);
    expect(t.map((r) => `${r.prefix}${r.name}`)).toEqual([
      "init",
      "├─ sh",
      "│  └─ query",
      "└─ forker",
      "   └─ forker",
    ]);
    // Sorted by %CPU (highest first) the siblings swap: forker (30) before sh (5).
    expect(orderRows(ROWS, "cpu", true, "", true).map((r) => r.pid)).toEqual([1, 3, 4, 2, 5]);
  });

  it("a process whose parent is filtered out becomes a root", () => {
    expect(orderRows(ROWS, "pid", false, "query", true).map((r) => [r.pid, r.prefix])).toEqual([
      [5, ""],
    ]);
  });

  it("a fork chain thousands deep does not overflow the stack", () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => row(i + 1, i, "forker"));
    expect(orderRows(chain, "pid", false, "", true)).toHaveLength(20_000);
  });
});

describe("placeSelection", () => {
  it("keeps the selection on its pid wherever it moved, and visible", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 200 }),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 40 }),
        (pids, pick, top, height) => {
          const order = pids.map((p) => row(p, 0, "p"));
          const pid = pids[pick % pids.length];
          const p = placeSelection(order, pid, 0, top, height);
          expect(p.pid).toBe(pid);
          expect(order[p.index].pid).toBe(pid);
          expect(p.index).toBeGreaterThanOrEqual(p.scrollTop);
          expect(p.index).toBeLessThan(p.scrollTop + height);
          expect(p.scrollTop).toBeLessThanOrEqual(Math.max(0, order.length - 1));
        },
      ),
    );
  });

  it("when the pid is gone, takes the row at the old index (or the last row)", () => {
    const order = [row(1, 0, "a"), row(3, 0, "c"), row(4, 0, "d")];
    expect(placeSelection(order, 2, 1, 0, 10).pid).toBe(3);
    expect(placeSelection(order, 9, 7, 0, 10).pid).toBe(4);
    expect(placeSelection([], 9, 7, 0, 10).index).toBe(-1);
  });
});

describe("columnsFor", () => {
  it("drops the least important columns first and never squeezes NAME below 8", () => {
    const wide = columnsFor(120).map((c) => c.key);
    expect(wide).toEqual([
      "pid",
      "ppid",
      "name",
      "state",
      "pri",
      "nice",
      "cpu",
      "res",
      "time",
      "ipc",
      "l1",
    ]);
    const narrow = columnsFor(60);
    expect(narrow.map((c) => c.key)).not.toContain("l1");
    expect(narrow.find((c) => c.key === "name")!.width).toBeGreaterThanOrEqual(8);
    for (const w of [50, 60, 70, 80, 100, 120]) {
      const cs = columnsFor(w);
      expect(cs.reduce((s, c) => s + c.width, 0) + cs.length - 1).toBeLessThanOrEqual(w);
    }
  });
});
