// Colours and text attributes by role, per theme and colour depth; with colour off, attributes only (no colour codes at all).
import { type Colour, type ColourDepth, colourCodes } from "./colourDepth.js";

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

/** The themes a config file or the setup screen (F2) can choose. */
export const THEME_NAMES = ["default", "light-background", "high-contrast", "monochrome"] as const;
export type ThemeName = (typeof THEME_NAMES)[number];

/** How one role looks: text attributes, then a foreground and a background colour. */
interface Style {
  bold?: boolean;
  dim?: boolean;
  underline?: boolean;
  inverse?: boolean;
  fg?: Colour;
  bg?: Colour;
}

interface ThemeSpec {
  roles: Record<Role, Style>;
  /** Backgrounds of processes in the Gantt chart, with `processFg` text on top. */
  processBg: readonly Colour[];
  processFg: Colour;
}

/** Attributes only: what every theme becomes without colour (NO_COLOR, --no-color). */
const PLAIN: Record<Role, Style> = {
  title: { inverse: true },
  heading: { bold: true },
  label: {},
  value: { bold: true },
  dim: { dim: true },
  good: {},
  warn: {},
  bad: { bold: true },
  selected: { inverse: true },
  key: { bold: true, inverse: true },
  keyText: {},
  meterLow: {},
  meterMid: {},
  meterHigh: {},
  accent: { bold: true },
  idle: { dim: true },
  switch: {},
};

// ANSI colour numbers 0-15 (the terminal's own palette); [n, "#rrggbb"] is an exact colour with
// the palette colour chosen by hand for 16-colour terminals.
const BLACK = 0;
const RED = 1;
const GREEN = 2;
const YELLOW = 3;
const BLUE = 4;
const MAGENTA = 5;
const CYAN = 6;
const WHITE = 7;
const BRIGHT_WHITE = 15;

const THEMES: Record<Exclude<ThemeName, "monochrome">, ThemeSpec> = {
  // For dark and light terminals alike: the terminal's own 16 colours.
  default: {
    roles: {
      title: { fg: BLACK, bg: CYAN },
      heading: { bold: true, fg: CYAN },
      label: { fg: CYAN },
      value: { bold: true },
      dim: { dim: true },
      good: { fg: GREEN },
      warn: { fg: YELLOW },
      bad: { bold: true, fg: RED },
      selected: { fg: BLACK, bg: CYAN },
      key: { bold: true, fg: WHITE, bg: BLUE },
      keyText: { fg: CYAN },
      meterLow: { fg: GREEN },
      meterMid: { fg: YELLOW },
      meterHigh: { fg: RED },
      accent: { bold: true, fg: YELLOW },
      idle: { dim: true },
      switch: { fg: YELLOW },
    },
    processBg: [GREEN, BLUE, MAGENTA, YELLOW, CYAN, RED, 10, 12, 13, 11, 14, 9],
    processFg: BLACK,
  },
  // Dark text on a white or pale terminal: no yellow or cyan text, deep colours instead.
  "light-background": {
    roles: {
      title: { fg: BRIGHT_WHITE, bg: [BLUE, "#005f87"] },
      heading: { bold: true, fg: [BLUE, "#005f87"] },
      label: { fg: [BLUE, "#005faf"] },
      value: { bold: true },
      dim: { dim: true },
      good: { fg: [GREEN, "#008700"] },
      warn: { fg: [MAGENTA, "#af5f00"] },
      bad: { bold: true, fg: [RED, "#d70000"] },
      selected: { fg: BLACK, bg: [14, "#afd7ff"] },
      key: { bold: true, fg: BRIGHT_WHITE, bg: [BLUE, "#005f87"] },
      keyText: { fg: [BLUE, "#005f87"] },
      meterLow: { fg: [GREEN, "#008700"] },
      meterMid: { fg: [MAGENTA, "#af5f00"] },
      meterHigh: { fg: [RED, "#d70000"] },
      accent: { bold: true, fg: [MAGENTA, "#af00af"] },
      idle: { dim: true },
      switch: { fg: [MAGENTA, "#af5f00"] },
    },
    processBg: [
      [10, "#87d787"],
      [12, "#87afff"],
      [13, "#d7afff"],
      [11, "#ffd787"],
      [14, "#87d7d7"],
      [9, "#ff8787"],
      [GREEN, "#5faf5f"],
      [BLUE, "#5f87d7"],
      [MAGENTA, "#af87d7"],
      [YELLOW, "#d7af5f"],
      [CYAN, "#5fafaf"],
      [RED, "#d75f5f"],
    ],
    processFg: BLACK,
  },
  // Bold, bright and on explicit backgrounds where it matters; meant for dark terminals.
  "high-contrast": {
    roles: {
      title: { bold: true, fg: BLACK, bg: BRIGHT_WHITE },
      heading: { bold: true, underline: true, fg: BRIGHT_WHITE },
      label: { bold: true, fg: 14 },
      value: { bold: true, fg: BRIGHT_WHITE },
      dim: { fg: WHITE },
      good: { bold: true, fg: 10 },
      warn: { bold: true, fg: 11 },
      bad: { bold: true, fg: BRIGHT_WHITE, bg: RED },
      selected: { bold: true, fg: BLACK, bg: 11 },
      key: { bold: true, fg: BLACK, bg: BRIGHT_WHITE },
      keyText: { bold: true, fg: 14 },
      meterLow: { bold: true, fg: 10 },
      meterMid: { bold: true, fg: 11 },
      meterHigh: { bold: true, fg: 9 },
      accent: { bold: true, fg: 11 },
      idle: { fg: WHITE },
      switch: { bold: true, fg: 11 },
    },
    processBg: [10, 12, 13, 11, 14, 9, BRIGHT_WHITE, GREEN, CYAN, YELLOW, MAGENTA, WHITE],
    processFg: BLACK,
  },
};

/** SGR parameters of a style at a colour depth ("" when it is drawn plain). */
function sgr(s: Style, depth: ColourDepth | null): string {
  const parts: string[] = [];
  if (s.bold) parts.push("1");
  if (s.dim) parts.push("2");
  if (s.underline) parts.push("4");
  if (s.inverse) parts.push("7");
  if (depth !== null) {
    if (s.fg !== undefined) parts.push(colourCodes(s.fg, "fg", depth));
    if (s.bg !== undefined) parts.push(colourCodes(s.bg, "bg", depth));
  }
  return parts.join(";");
}

export interface Theme {
  readonly color: boolean;
  readonly name: ThemeName;
  /** `text` wrapped in the role's codes, or unchanged when the role has none. */
  paint(text: string, role: Role): string;
  /** SGR parameters of a role ("" when it is drawn plain). */
  codes(role: Role): string;
  /** SGR parameters of a process's Gantt colour (colour slot `slot`); "" with colour off. */
  processCodes(slot: number): string;
}

export interface ThemeOptions {
  name?: ThemeName;
  /** Colours the terminal shows (default 16: every terminal has them). */
  depth?: ColourDepth;
}

const RESET = "\x1b[0m";

/** The theme `opts.name` at `opts.depth`; with `color` false (or monochrome), attributes only. */
export function createTheme(color: boolean, opts: ThemeOptions = {}): Theme {
  const name = opts.name ?? "default";
  const spec = color && name !== "monochrome" ? THEMES[name] : null;
  const depth = opts.depth ?? 16;
  const codes = Object.fromEntries(
    (Object.keys(PLAIN) as Role[]).map((r) => [
      r,
      spec ? sgr(spec.roles[r], depth) : sgr(PLAIN[r], null),
    ]),
  ) as Record<Role, string>;
  const process = spec ? spec.processBg.map((bg) => sgr({ fg: spec.processFg, bg }, depth)) : [];
  return {
    color: spec !== null,
    name,
    paint(text, role) {
      const c = codes[role];
      return c === "" || text === "" ? text : `\x1b[${c}m${text}${RESET}`;
    },
    codes: (role) => codes[role],
    processCodes: (slot) => (process.length > 0 ? process[slot % process.length] : ""),
  };
}
