// The help screen: every key from the keymap table, grouped, plus the keys inside menus.
import { KEYMAP, keyLabel, MENU_KEYS } from "../keymap.js";
import type { Theme } from "../theme.js";
import { line, titleLine, toHeight } from "./line.js";

const KEYS_WIDTH = 22;

/** All help lines before scrolling (group headings, then one line per action). */
export function helpBody(width: number, theme: Theme): string[] {
  const out: string[] = [];
  let group = "";
  for (const b of KEYMAP) {
    if (b.group !== group) {
      group = b.group;
      out.push(line(theme, width, [group, "heading"]));
    }
    const keys = b.keys.map(keyLabel).join(" ");
    out.push(line(theme, width, "  ", [keys.padEnd(KEYS_WIDTH), "key"], " ", b.help));
  }
  out.push(line(theme, width, ["In menus and the filter prompt", "heading"]));
  for (const m of MENU_KEYS)
    out.push(line(theme, width, "  ", [m.keys.padEnd(KEYS_WIDTH), "key"], " ", m.help));
  return out;
}

export function helpLines(scroll: number, width: number, height: number, theme: Theme): string[] {
  const title = titleLine(theme, width, " Help · simtop keys · ↑↓ scroll · Esc, q or ? closes");
  const body = helpBody(width, theme);
  const rows = height - 1;
  // Two columns when the screen is wide and one column would not fit.
  if (body.length > rows && width >= 120) {
    const half = Math.floor((width - 1) / 2);
    const left = helpBody(half, theme);
    const right = helpBody(width - half - 1, theme);
    const split = Math.ceil(left.length / 2);
    const cols: string[] = [];
    for (let i = 0; i < split; i++) {
      cols.push(
        `${left[i]}${theme.paint("│", "dim")}${right[split + i] ?? " ".repeat(width - half - 1)}`,
      );
    }
    const top = Math.max(0, Math.min(scroll, cols.length - rows));
    return toHeight([title, ...cols.slice(top, top + rows)], height, width);
  }
  const top = Math.max(0, Math.min(scroll, body.length - rows));
  return toHeight([title, ...body.slice(top, top + rows)], height, width);
}
