// Colours and text attributes by role; with colour off, attributes only (no colour codes at all).

/** What a piece of text is, not how it looks: panels ask for roles, the theme picks the codes. */
export type Role =
  | "title"
  | "heading"
  | "label"
  | "value"
  | "dim"
  | "good"
  | "warn"
  | "bad"
  | "selected"
  | "key"
  | "keyText"
  | "meterLow"
  | "meterMid"
  | "meterHigh"
  | "accent"
  | "idle"
  | "switch";

/** SGR parameters per role: [with colour, without colour]. Attributes survive NO_COLOR. */
const ROLES: Record<Role, [string, string]> = {
  title: ["30;46", "7"],
  heading: ["1;36", "1"],
  label: ["36", ""],
  value: ["1", "1"],
  dim: ["2", "2"],
  good: ["32", ""],
  warn: ["33", ""],
  bad: ["1;31", "1"],
  selected: ["30;46", "7"],
  key: ["1;37;44", "1;7"],
  keyText: ["36", ""],
  meterLow: ["32", ""],
  meterMid: ["33", ""],
  meterHigh: ["31", ""],
  accent: ["1;33", "1"],
  idle: ["2", "2"],
  switch: ["33", ""],
};

/** Background colours for processes in the Gantt chart (foreground black on top). */
const PROCESS_BG = ["42", "44", "45", "43", "46", "41", "102", "104", "105", "103", "106", "101"];

export interface Theme {
  readonly color: boolean;
  /** `text` wrapped in the role's codes, or unchanged when the role has none. */
  paint(text: string, role: Role): string;
  /** SGR parameters of a role ("" when it is drawn plain). */
  codes(role: Role): string;
  /** SGR parameters of a process's Gantt colour (colour slot `slot`); "" with colour off. */
  processCodes(slot: number): string;
}

const RESET = "\x1b[0m";

export function createTheme(color: boolean): Theme {
  const codes = Object.fromEntries(
    (Object.keys(ROLES) as Role[]).map((r) => [r, ROLES[r][color ? 0 : 1]]),
  ) as Record<Role, string>;
  return {
    color,
    paint(text, role) {
      const c = codes[role];
      return c === "" || text === "" ? text : `\x1b[${c}m${text}${RESET}`;
    },
    codes: (role) => codes[role],
    processCodes: (slot) => (color ? `30;${PROCESS_BG[slot % PROCESS_BG.length]}` : ""),
  };
}
