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

  it("stepping left and right walks the columns and wraps at both ends", () => {
    let s = INITIAL_TABLE_VIEW;
    // Under MLFQ with job control every column is shown (LVL, PGID, SID, TTY too); otherwise
    // the walk passes LVL over, and without job control PGID, SID and TTY.
    for (let i = 0; i < COLUMNS.length; i++)
      s = tableViewReducer(s, { type: "sortStep", dir: 1, mlfq: true, jobs: true });
    expect(s.sort).toBe(INITIAL_TABLE_VIEW.sort);
    const jobs = COLUMNS.filter((c) => c.jobsOnly).length;
    for (let i = 0; i < COLUMNS.length - 1 - jobs; i++)
      s = tableViewReducer(s, { type: "sortStep", dir: 1 });
    expect(s.sort).toBe(INITIAL_TABLE_VIEW.sort);
    s = tableViewReducer(s, { type: "sortStep", dir: -1 });
    expect(s.sort).toBe(
      COLUMNS[(COLUMNS.findIndex((c) => c.key === "pid") - 1 + COLUMNS.length) % COLUMNS.length]
        .key,
    );
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
