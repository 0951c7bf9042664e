import { describe, expect, it } from "vitest";
import { COLUMNS } from "../../src/ui/selectors/table.js";
import { INITIAL_TABLE_VIEW, tableViewReducer } from "../../src/ui/state/tableView.js";

describe("table view state", () => {
  it("a column sorts in the order it starts with: %CPU highest first, PID lowest first", () => {
    const cpu = tableViewReducer(INITIAL_TABLE_VIEW, { type: "sortBy", key: "cpu" });
    expect(cpu).toMatchObject({ sort: "cpu", descending: true });
    const pid = tableViewReducer(cpu, { type: "sortBy", key: "pid" });
    expect(pid).toMatchObject({ sort: "pid", descending: false });
    // The same column again keeps the order the user may have inverted.
    const inverted = tableViewReducer(pid, { type: "invert" });
    expect(tableViewReducer(inverted, { type: "sortBy", key: "pid" })).toBe(inverted);
  });

  it("stepping left and right walks the columns shown and wraps at both ends", () => {
    let s = INITIAL_TABLE_VIEW;
    // Under MLFQ with job control LVL, PGID, SID and TTY are shown, not the other schedulers' or
    // the cores' ones.
    const mlfq = { policy: "mlfq", cores: false, jobs: true };
    const shown = COLUMNS.filter(
      (c) => c.group === undefined || c.group === "mlfq" || c.group === "jobs",
    );
    for (let i = 0; i < shown.length; i++)
      s = tableViewReducer(s, { type: "sortStep", dir: 1, set: mlfq });
    expect(s.sort).toBe(INITIAL_TABLE_VIEW.sort);
    // With no optional column, LVL, PGID, SID and TTY are passed over.
    for (let i = 0; i < shown.length - 4; i++)
      s = tableViewReducer(s, { type: "sortStep", dir: 1 });
    expect(s.sort).toBe(INITIAL_TABLE_VIEW.sort);
    s = tableViewReducer(s, { type: "sortStep", dir: -1 });
    const plain = COLUMNS.filter((c) => c.group === undefined);
    expect(s.sort).toBe(plain[plain.length - 1].key);
    // With every group shown, the walk passes each column once.
    const all = { policy: "cfs", cores: true };
    const cfsShown = COLUMNS.filter(
      (c) => c.group !== "mlfq" && c.group !== "tickets" && c.group !== "jobs",
    );
    let t = INITIAL_TABLE_VIEW;
    const seen = new Set<string>();
    for (let i = 0; i < cfsShown.length; i++) {
      t = tableViewReducer(t, { type: "sortStep", dir: 1, set: all });
      seen.add(t.sort);
    }
    expect(seen).toEqual(new Set(cfsShown.map((c) => c.key)));
  });

  it("the filter is typed, erased, kept, or cleared with its prompt closed", () => {
    let s = tableViewReducer(INITIAL_TABLE_VIEW, { type: "filterStart" });
    for (const t of ["s", "l", "x"]) s = tableViewReducer(s, { type: "filterType", text: t });
    s = tableViewReducer(s, { type: "filterErase" });
    expect(s).toMatchObject({ filter: "sl", editingFilter: true });
    expect(tableViewReducer(s, { type: "filterKeep" })).toMatchObject({
      filter: "sl",
      editingFilter: false,
    });
    expect(tableViewReducer(s, { type: "filterClear" })).toMatchObject({
      filter: "",
      editingFilter: false,
    });
  });
});
