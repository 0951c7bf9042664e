// The setup screen (F2): its rows (settings, columns, keys), the selection among them, and the step lists it offers.
import { ACTIONS, type Action } from "../keymap.js";
import { COLUMNS, type SortKey } from "../selectors/table.js";

export type SetupRow =
  | { kind: "theme" }
  | { kind: "speed" }
  | { kind: "fps" }
  | { kind: "mouse" }
  | { kind: "scenario" }
  | { kind: "column"; key: SortKey }
  | { kind: "key"; action: Action };

/** Frames per second the setup screen steps through (a config file may hold any of 1-60). */
export const FPS_STEPS: readonly number[] = [1, 2, 5, 10, 15, 20, 30, 60];

/** The setup screen as opened: the row selected, and whether the next key is being bound. */
export interface SetupState {
  kind: "setup";
  index: number;
  /** The next key pressed is bound to the selected action (Enter on a key row). */
  capturing: boolean;
  /** A setting changed since the screen opened (saved when it closes). */
  changed: boolean;
}

export const SETUP_OPENED: SetupState = {
  kind: "setup",
  index: 0,
  capturing: false,
  changed: false,
};

/** Columns as the setup screen lists them: those shown, in order, then the others. */
export function columnOrder(chosen: readonly SortKey[] | null): SortKey[] {
  const shown = chosen ? [...chosen] : COLUMNS.map((c) => c.key);
  return [...shown, ...COLUMNS.map((c) => c.key).filter((k) => !shown.includes(k))];
}

/** Every row, top to bottom: the settings, the table's columns, then a key row per action. */
export function setupRows(chosen: readonly SortKey[] | null): SetupRow[] {
  return [
    { kind: "theme" },
    { kind: "speed" },
    { kind: "fps" },
    { kind: "mouse" },
    { kind: "scenario" },
    ...columnOrder(chosen).map((key): SetupRow => ({ kind: "column", key })),
    ...ACTIONS.map((action): SetupRow => ({ kind: "key", action })),
  ];
}

/** The list `chosen` with column `key` shown or hidden (a list keeps at least one column). */
export function toggleColumn(chosen: readonly SortKey[] | null, key: SortKey): SortKey[] {
  const order = chosen ? [...chosen] : COLUMNS.map((c) => c.key);
  if (!order.includes(key)) return [...order, key];
  const rest = order.filter((k) => k !== key);
  return rest.length > 0 ? rest : order;
}

/** The list `chosen` with shown column `key` moved one place left (-1) or right (1). */
export function moveColumn(
  chosen: readonly SortKey[] | null,
  key: SortKey,
  dir: 1 | -1,
): SortKey[] {
  const order = chosen ? [...chosen] : COLUMNS.map((c) => c.key);
  const i = order.indexOf(key);
  const j = i + dir;
  if (i < 0 || j < 0 || j >= order.length) return order;
  [order[i], order[j]] = [order[j], order[i]];
  return order;
}
