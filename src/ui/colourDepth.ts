// Colours at the depth a terminal shows (16, 256 or truecolor), and that depth read from the environment.

/** Colours a terminal shows: its 16-colour palette, xterm's 256, or 24-bit truecolor. */
export type ColourDepth = 16 | 256 | "truecolor";

/**
 * A palette colour 0-15 (the terminal's own, at every depth), or an exact colour with the
 * palette colour to use on a 16-colour terminal: `[4, "#005f87"]`.
 */
export type Colour = number | readonly [number, string];

function rgbOf(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Levels of xterm's 6×6×6 colour cube (indexes 16-231). */
const CUBE = [0, 95, 135, 175, 215, 255];

function nearestLevel(v: number): number {
  let best = 0;
  for (let i = 1; i < CUBE.length; i++)
    if (Math.abs(CUBE[i] - v) < Math.abs(CUBE[best] - v)) best = i;
  return best;
}

/** The nearest of xterm's 256 colours to `hex` (the cube or the grey ramp 232-255), from 16 up. */
export function xterm256(hex: string): number {
  const [r, g, b] = rgbOf(hex);
  const [ri, gi, bi] = [nearestLevel(r), nearestLevel(g), nearestLevel(b)];
  const cube = 16 + 36 * ri + 6 * gi + bi;
  const cubeDist = (CUBE[ri] - r) ** 2 + (CUBE[gi] - g) ** 2 + (CUBE[bi] - b) ** 2;
  const avg = (r + g + b) / 3;
  const grey = Math.max(0, Math.min(23, Math.round((avg - 8) / 10)));
  const level = 8 + grey * 10;
  const greyDist = (level - r) ** 2 + (level - g) ** 2 + (level - b) ** 2;
  return greyDist < cubeDist ? 232 + grey : cube;
}

/** SGR parameters for a colour as foreground or background at `depth`. */
export function colourCodes(c: Colour, as: "fg" | "bg", depth: ColourDepth): string {
  const base = as === "fg" ? 30 : 40;
  const palette = typeof c === "number" ? c : c[0];
  if (typeof c === "number" || depth === 16)
    return String(palette < 8 ? base + palette : base + 60 + palette - 8);
  if (depth === 256) return `${base + 8};5;${xterm256(c[1])}`;
  const [r, g, b] = rgbOf(c[1]);
  return `${base + 8};2;${r};${g};${b}`;
}

/**
 * The colour depth the terminal announces, by the common conventions: FORCE_COLOR 1, 2 or 3
 * (as chalk and supports-color read it) first, then COLORTERM=truecolor or 24bit, then TERM
 * (`*-direct` truecolor, `*256color*` 256); anything else gets the 16 colours every terminal has.
 */
export function detectColourDepth(env: NodeJS.ProcessEnv = process.env): ColourDepth {
  const force = env.FORCE_COLOR;
  if (force === "3") return "truecolor";
  if (force === "2") return 256;
  if (force === "1" || force === "true") return 16;
  const colorterm = (env.COLORTERM ?? "").toLowerCase();
  if (colorterm === "truecolor" || colorterm === "24bit") return "truecolor";
  const term = (env.TERM ?? "").toLowerCase();
  if (term.endsWith("-direct") || term.endsWith("-truecolor")) return "truecolor";
  if (term.includes("256col")) return 256;
  return 16;
}

/** FORCE_COLOR=0 (or false) asks for no colour at all, as NO_COLOR does. */
export function colourForcedOff(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.FORCE_COLOR === "0" || env.FORCE_COLOR === "false";
}
