// How the process table is ordered and filtered, and its pure (state, action) → state transitions.
import { COLUMNS, type ColumnSet, NO_EXTRAS, type SortKey, sortStep } from "../selectors/table.js";

export interface TableViewState {
  sort: SortKey;
  descending: boolean;
  filter: string;
  /** The filter prompt is open and takes typed text. */
  editingFilter: boolean;
  tree: boolean;
}

export const INITIAL_TABLE_VIEW: TableViewState = {
  sort: "pid",
  descending: false,
  filter: "",
  editingFilter: false,
  tree: false,
};

export type TableViewAction =
  /** Sort by a column, in the order that column starts with (%CPU highest first, PID lowest). */
  | { type: "sortBy"; key: SortKey }
  /** Sort by the column to the left (-1) or right (1) of the current one, wrapping around. */
  | {
      type: "sortStep";
      dir: 1 | -1;
      /** The optional columns shown (LVL under MLFQ, ...); the others are passed over. */
      set?: ColumnSet;
    }
  | { type: "invert" }
  /** A click on a column's heading: sort by it, or invert the order when it is already the one. */
  | { type: "sortColumn"; key: SortKey }
  | { type: "tree" }
  | { type: "filterStart" }
  | { type: "filterType"; text: string }
  | { type: "filterErase" }
  | { type: "filterKeep" }
  | { type: "filterClear" };

export function tableViewReducer(s: TableViewState, a: TableViewAction): TableViewState {
  switch (a.type) {
    case "sortBy": {
      if (s.sort === a.key) return s;
      const column = COLUMNS.find((c) => c.key === a.key);
      return { ...s, sort: a.key, descending: column?.descending ?? false };
    }
    case "sortStep":
      return tableViewReducer(s, {
        type: "sortBy",
        key: sortStep(s.sort, a.dir, a.set ?? NO_EXTRAS),
      });
    case "invert":
      return { ...s, descending: !s.descending };
    case "sortColumn":
      return s.sort === a.key
        ? { ...s, descending: !s.descending }
        : tableViewReducer(s, { type: "sortBy", key: a.key });
    case "tree":
      return { ...s, tree: !s.tree };
    case "filterStart":
      return { ...s, editingFilter: true };
    case "filterType":
      return { ...s, filter: s.filter + a.text };
    case "filterErase":
      return { ...s, filter: s.filter.slice(0, -1) };
    case "filterKeep":
      return { ...s, editingFilter: false };
    case "filterClear":
      return { ...s, filter: "", editingFilter: false };
  }
}
