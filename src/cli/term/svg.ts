// Draws a terminal screen as an SVG picture (for the README): backgrounds as rects, text as runs.
import {
  Attr,
  type Cell,
  DEFAULT_COLOR,
  RGB_FLAG,
  type Screen,
  type Style,
  sameStyle,
} from "../../ui/term/screen.js";

export interface SvgTheme {
  background: string;
  foreground: string;
  /** The 16 ANSI colours, normal then bright. */
  ansi: readonly string[];
  fontFamily: string;
  fontSize: number;
  /** Cell width and height as a share of the font size. */
  cellWidth: number;
  lineHeight: number;
  padding: number;
}

/** A dark theme with the xterm colours most terminals default to. */
export const DARK: SvgTheme = {
  background: "#1c1c1c",
  foreground: "#d0d0d0",
  ansi: [
    "#000000",
    "#cd3131",
    "#0dbc79",
    "#e5e510",
    "#2472c8",
    "#bc3fbc",
    "#11a8cd",
    "#e5e5e5",
    "#666666",
    "#f14c4c",
    "#23d18b",
    "#f5f543",
    "#3b8eea",
    "#d670d6",
    "#29b8db",
    "#ffffff",
  ],
  fontFamily: "'DejaVu Sans Mono', 'Cascadia Mono', Menlo, Consolas, 'Liberation Mono', monospace",
  fontSize: 14,
  cellWidth: 0.6,
  lineHeight: 1.2,
  padding: 10,
};

const hex = (n: number) => n.toString(16).padStart(2, "0");

/** An xterm palette colour (0–255) or RGB value as #rrggbb. */
export function colorHex(c: number, theme: SvgTheme, fallback: string): string {
  if (c === DEFAULT_COLOR) return fallback;
  if (c >= RGB_FLAG) return `#${hex((c >> 16) & 0xff)}${hex((c >> 8) & 0xff)}${hex(c & 0xff)}`;
  if (c < 16) return theme.ansi[c];
  if (c < 232) {
    const i = c - 16;
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    return `#${hex(level(Math.floor(i / 36)))}${hex(level(Math.floor(i / 6) % 6))}${hex(level(i % 6))}`;
  }
  const g = 8 + (c - 232) * 10;
  return `#${hex(g)}${hex(g)}${hex(g)}`;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Foreground and background a cell is drawn with, inverse applied. */
function colors(s: Style, t: SvgTheme): { fg: string; bg: string | null } {
  let fg = colorHex(s.fg, t, t.foreground);
  let bg: string | null = s.bg === DEFAULT_COLOR ? null : colorHex(s.bg, t, t.background);
  if (s.attrs & Attr.inverse) {
    const f = fg;
    fg = bg ?? t.background;
    bg = f;
  }
  return { fg, bg };
}

/** Block elements U+2580–U+2590 as (x, y, w, h) fractions of a cell: drawn as rects, gap-free. */
function blockRect(ch: string): [number, number, number, number] | null {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp === 0x2588) return [0, 0, 1, 1];
  if (cp === 0x2580) return [0, 0, 1, 0.5];
  if (cp >= 0x2581 && cp <= 0x2587) {
    const h = (cp - 0x2580) / 8;
    return [0, 1 - h, 1, h];
  }
  if (cp >= 0x2589 && cp <= 0x258f) return [0, 0, (0x2590 - cp) / 8, 1];
  if (cp === 0x2590) return [0.5, 0, 0.5, 1];
  return null;
}

const round = (v: number) => Math.round(v * 100) / 100;

/** The whole screen as a standalone SVG document. */
export function screenToSvg(screen: Screen, theme: SvgTheme = DARK, title = "simtop"): string {
  const cw = theme.fontSize * theme.cellWidth;
  const ch = theme.fontSize * theme.lineHeight;
  const W = round(screen.width * cw + 2 * theme.padding);
  const H = round(screen.height * ch + 2 * theme.padding);
  const px = (x: number) => round(theme.padding + x * cw);
  const py = (y: number) => round(theme.padding + y * ch);
  const rects: string[] = [];
  const texts: string[] = [];
  for (let y = 0; y < screen.height; y++) {
    // Backgrounds: one rect per run of cells with the same background.
    let x = 0;
    while (x < screen.width) {
      const bg = colors(screen.cell(x, y).style, theme).bg;
      let end = x + 1;
      while (end < screen.width && colors(screen.cell(end, y).style, theme).bg === bg) end++;
      if (bg !== null)
        rects.push(
          `<rect x="${px(x)}" y="${py(y)}" width="${round((end - x) * cw)}" height="${round(ch)}" fill="${bg}"/>`,
        );
      x = end;
    }
    // Text: one <text> per run of the same style; block elements as rects.
    x = 0;
    while (x < screen.width) {
      const cell: Cell = screen.cell(x, y);
      const block = blockRect(cell.ch);
      if (block && !(cell.style.attrs & Attr.hidden)) {
        const [bx, by, bw, bh] = block;
        const fill = colors(cell.style, theme).fg;
        rects.push(
          `<rect x="${round(px(x) + bx * cw)}" y="${round(py(y) + by * ch)}" width="${round(bw * cw)}" height="${round(bh * ch)}" fill="${fill}"/>`,
        );
        x++;
        continue;
      }
      if (cell.ch === " " || cell.ch === "" || cell.style.attrs & Attr.hidden) {
        x++;
        continue;
      }
      let end = x + 1;
      let text = cell.ch;
      while (end < screen.width) {
        const c = screen.cell(end, y);
        if (!sameStyle(c.style, cell.style) || blockRect(c.ch)) break;
        text += c.ch === "" ? "" : c.ch;
        end++;
      }
      const trimmed = text.replace(/\s+$/, "");
      const cells = end - x - (text.length - trimmed.length);
      const { fg } = colors(cell.style, theme);
      const a = cell.style.attrs;
      const attrs = [
        `x="${px(x)}"`,
        `y="${round(py(y) + ch * 0.78)}"`,
        `fill="${fg}"`,
        `textLength="${round(cells * cw)}"`,
        'lengthAdjust="spacingAndGlyphs"',
        a & Attr.bold ? 'font-weight="bold"' : "",
        a & Attr.italic ? 'font-style="italic"' : "",
        a & Attr.dim ? 'opacity="0.6"' : "",
        a & Attr.underline
          ? 'text-decoration="underline"'
          : a & Attr.strike
            ? 'text-decoration="line-through"'
            : "",
      ].filter((s) => s !== "");
      texts.push(`<text ${attrs.join(" ")}>${escapeXml(trimmed)}</text>`);
      x = end;
    }
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" rx="6" fill="${theme.background}"/>`,
    `<g shape-rendering="crispEdges">${rects.join("")}</g>`,
    `<g font-family="${theme.fontFamily}" font-size="${theme.fontSize}" xml:space="preserve">`,
    texts.join("\n"),
    "</g>",
    "</svg>",
    "",
  ].join("\n");
}
