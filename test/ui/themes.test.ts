// Every theme at every colour depth draws every panel and overlay at 120×40 with no text in its own background colour.
import { describe, expect, it } from "vitest";
import { builtinScenario } from "../../src/scenario/builtins.js";
import { scenarioConfig, startScenario } from "../../src/scenario/start.js";
import {
  type ColourDepth,
  colourCodes,
  colourForcedOff,
  detectColourDepth,
  xterm256,
} from "../../src/ui/colourDepth.js";
import { createHeadlessDashboard } from "../../src/ui/headless.js";
import { createTheme, type Role, THEME_NAMES, type ThemeName } from "../../src/ui/theme.js";
import { KEY, plain } from "./helpers.js";

/** Every role (a record, so a role added to the theme must be added here). */
const ROLE_SAMPLE: Record<Role, true> = {
  title: true,
  heading: true,
  label: true,
  value: true,
  dim: true,
  good: true,
  warn: true,
  bad: true,
  selected: true,
  key: true,
  keyText: true,
  meterLow: true,
  meterMid: true,
  meterHigh: true,
  accent: true,
  idle: true,
  switch: true,
};

/** A colour as the terminal would show it: "p<n>" a palette colour, "x<n>" one of 256, "#rrggbb". */
type Shown = string | null;

/** One terminal cell with the colours it is drawn in (inverse applied). */
interface Cell {
  ch: string;
  fg: Shown;
  bg: Shown;
}

/** Reads the SGR codes of a screen as a terminal would, cell by cell. */
function cells(screen: string): Cell[][] {
  return screen.split("\n").map((line) => {
    const out: Cell[] = [];
    let fg: Shown = null;
    let bg: Shown = null;
    let inverse = false;
    const re = /\x1b\[([0-9;]*)m|([^\x1b])/gu;
    for (let m = re.exec(line); m !== null; m = re.exec(line)) {
      if (m[2] !== undefined) {
        out.push(inverse ? { ch: m[2], fg: bg, bg: fg } : { ch: m[2], fg, bg });
        continue;
      }
      const p = m[1] === "" ? [0] : m[1].split(";").map(Number);
      for (let i = 0; i < p.length; i++) {
        const n = p[i];
        if (n === 0) [fg, bg, inverse] = [null, null, false];
        else if (n === 7) inverse = true;
        else if (n === 27) inverse = false;
        else if (n >= 30 && n <= 37) fg = `p${n - 30}`;
        else if (n >= 90 && n <= 97) fg = `p${n - 82}`;
        else if (n >= 40 && n <= 47) bg = `p${n - 40}`;
        else if (n >= 100 && n <= 107) bg = `p${n - 92}`;
        else if (n === 39) fg = null;
        else if (n === 49) bg = null;
        else if (n === 38 || n === 48) {
          const c =
            p[i + 1] === 5
              ? p[i + 2] < 16
                ? `p${p[i + 2]}`
                : `x${p[i + 2]}`
              : `#${p
                  .slice(i + 2, i + 5)
                  .map((v) => v.toString(16).padStart(2, "0"))
                  .join("")}`;
          i += p[i + 1] === 5 ? 2 : 4;
          if (n === 38) fg = c;
          else bg = c;
        }
      }
    }
    return out;
  });
}

/** Cells whose text is drawn in its own background colour (unreadable), as "row:col 'x' fg/bg". */
function unreadable(screen: string): string[] {
  const bad: string[] = [];
  for (const [r, row] of cells(screen).entries())
    for (const [c, cell] of row.entries())
      if (cell.ch !== " " && cell.fg !== null && cell.fg === cell.bg)
        bad.push(`${r}:${c} '${cell.ch}' ${cell.fg}/${cell.bg}`);
  return bad;
}

/** The overlays and views: the keys that open each from the plain dashboard, and that close it. */
const VIEWS: [string, string[], string[]][] = [
  ["dashboard", [], []],
  ["help", ["?"], [KEY.escape]],
  ["setup", ["\x1bOQ"], [KEY.escape]],
  ["signal menu", ["K"], [KEY.escape]],
  ["program picker", ["n"], [KEY.escape]],
  ["event log", ["L"], [KEY.escape]],
  ["program view", ["o"], [KEY.escape]],
  ["scheduling view", ["w"], ["w"]],
  ["filter prompt", ["/", "s", "h"], [KEY.escape]],
  ["paused, rewound", [" ", KEY.left], []],
];

const DEPTHS: ColourDepth[] = [16, 256, "truecolor"];

/** The screen of each view (or of the first `count`) in theme `name` at `depth`. */
function screens(name: ThemeName, depth: ColourDepth, count = VIEWS.length): Map<string, string> {
  const s = builtinScenario("default")!;
  const d = createHeadlessDashboard({
    store: startScenario(s, scenarioConfig(s)),
    chapters: s.chapters,
    columns: 120,
    rows: 40,
    settings: { theme: name },
    depth,
  });
  for (let i = 0; i < 10; i++) d.frame();
  const out = new Map<string, string>();
  for (const [view, open, close] of VIEWS.slice(0, count)) {
    for (const k of open) d.press(k);
    out.set(view, d.screen());
    for (const k of close) d.press(k);
  }
  d.close();
  return out;
}

describe("themes", () => {
  it("the dashboard at 120×40 has every panel (so every panel is checked below)", () => {
    const s = builtinScenario("default")!;
    const d = createHeadlessDashboard({
      store: startScenario(s, scenarioConfig(s)),
      columns: 120,
      rows: 40,
    });
    d.frame();
    const l = d.controller.view(120, 40).layout!;
    expect([l.details, l.pipeline, l.caches, l.gantt, l.events].every((p) => p !== null)).toBe(
      true,
    );
    d.close();
  });

  for (const name of THEME_NAMES)
    for (const depth of name === "monochrome" ? ([16] as const) : DEPTHS)
      it(`${name} at ${depth} colours: no text in its own background, in every view`, () => {
        const all = screens(name, depth);
        for (const [view, screen] of all) {
          expect(unreadable(screen), `${view}`).toEqual([]);
          // Colour codes only where the theme has colour, and only those the depth allows.
          if (name === "monochrome") expect(screen).not.toMatch(/\x1b\[[0-9;]*(3|4|9|10)[0-7][;m]/);
          if (depth === 16) expect(screen).not.toMatch(/[34]8;[25];/);
          if (depth === 256) expect(screen).not.toMatch(/[34]8;2;/);
        }
        // Every view drew something of its own.
        expect(new Set([...all.values()].map(plain)).size).toBe(VIEWS.length);
      });

  it("the themes look different, the text they show is the same", () => {
    const looks = THEME_NAMES.map((n) => screens(n, 256, 1).get("dashboard")!);
    expect(new Set(looks).size).toBe(THEME_NAMES.length);
    // Ink leaves out trailing blanks that carry no colour: compare lines without them.
    const texts = looks.map((l) => plain(l).replace(/ +$/gm, ""));
    for (const t of texts) expect(t).toBe(texts[0]);
  });

  it("no role and no process colour of any theme, at any depth, is text on its own colour", () => {
    const roles = Object.keys(ROLE_SAMPLE) as Role[];
    for (const name of THEME_NAMES)
      for (const depth of DEPTHS) {
        const t = createTheme(true, { name, depth });
        for (const r of roles)
          expect(unreadable(`\x1b[${t.codes(r)}mX`), `${name} ${r}`).toEqual([]);
        for (let slot = 0; slot < 12; slot++)
          expect(unreadable(`\x1b[${t.processCodes(slot)}mX`), `${name} ${slot}`).toEqual([]);
      }
  });

  it("the checker finds an unreadable pair when there is one", () => {
    expect(unreadable("\x1b[31;41mx\x1b[0m ok")).toEqual(["0:0 'x' p1/p1"]);
    expect(unreadable("\x1b[7;36;46mx\x1b[0m")).toEqual(["0:0 'x' p6/p6"]);
    expect(unreadable("\x1b[38;5;24;48;5;24mx")).toEqual(["0:0 'x' x24/x24"]);
    expect(unreadable("\x1b[30;46mx\x1b[0m")).toEqual([]);
  });

  it("the default theme keeps its 16 colours at every depth; NO_COLOR leaves attributes only", () => {
    for (const depth of DEPTHS) expect(createTheme(true, { depth }).codes("title")).toBe("30;46");
    for (const name of THEME_NAMES) {
      const t = createTheme(false, { name, depth: "truecolor" });
      expect(t.color).toBe(false);
      expect(t.codes("title")).toBe("7");
      expect(t.processCodes(0)).toBe("");
    }
  });

  it("a role's colours degrade with the depth", () => {
    const t = (depth: ColourDepth) => createTheme(true, { name: "light-background", depth });
    const role: Role = "title";
    expect(t(16).codes(role)).toBe("97;44");
    expect(t(256).codes(role)).toBe("97;48;5;24");
    expect(t("truecolor").codes(role)).toBe("97;48;2;0;95;135");
  });
});

describe("colour depth", () => {
  it("is read from FORCE_COLOR, COLORTERM and TERM", () => {
    expect(detectColourDepth({})).toBe(16);
    expect(detectColourDepth({ TERM: "xterm" })).toBe(16);
    expect(detectColourDepth({ TERM: "xterm-256color" })).toBe(256);
    expect(detectColourDepth({ TERM: "tmux-256color" })).toBe(256);
    expect(detectColourDepth({ TERM: "xterm-direct" })).toBe("truecolor");
    expect(detectColourDepth({ TERM: "xterm-256color", COLORTERM: "truecolor" })).toBe("truecolor");
    expect(detectColourDepth({ TERM: "xterm", COLORTERM: "24bit" })).toBe("truecolor");
    expect(detectColourDepth({ TERM: "xterm-256color", FORCE_COLOR: "1" })).toBe(16);
    expect(detectColourDepth({ TERM: "xterm", FORCE_COLOR: "2" })).toBe(256);
    expect(detectColourDepth({ FORCE_COLOR: "3" })).toBe("truecolor");
  });

  it("FORCE_COLOR=0 (or false) turns colour off, as NO_COLOR does; other values do not", () => {
    expect(colourForcedOff({ FORCE_COLOR: "0" })).toBe(true);
    expect(colourForcedOff({ FORCE_COLOR: "false" })).toBe(true);
    expect(colourForcedOff({ FORCE_COLOR: "1" })).toBe(false);
    expect(colourForcedOff({})).toBe(false);
  });

  it("maps exact colours to xterm's 256 (cube and grey ramp) and palette colours stay", () => {
    expect(xterm256("#005f87")).toBe(24);
    expect(xterm256("#ffffff")).toBe(231);
    expect(xterm256("#000000")).toBe(16);
    expect(xterm256("#808080")).toBe(244);
    expect(colourCodes(4, "bg", "truecolor")).toBe("44");
    expect(colourCodes(12, "fg", 256)).toBe("94");
    expect(colourCodes([4, "#005f87"], "fg", 16)).toBe("34");
  });
});
