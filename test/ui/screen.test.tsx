// The Ink screen and the line-composed screen (first frame, headless) are the same cells, at every size.
import { renderToString } from "ink";
import { describe, expect, it } from "vitest";
import { DashboardController } from "../../src/ui/controller.js";
import { screenLines } from "../../src/ui/draw/screen.js";
import { Screen } from "../../src/ui/Screen.js";
import { toCells } from "../../src/ui/screenDiff.js";
import { BUSY, KEY, storeWith } from "./helpers.js";

/** Cells of a screen with trailing blanks dropped (Ink trims them, the composer pads). */
function cells(s: string): string[] {
  return toCells(s).rows.map((r) => {
    const t = r.chars.map((c, i) => `${c}\u0000${r.styles[i]}`);
    while (t.length > 0 && t[t.length - 1] === " \u00000") t.pop();
    return t.join("\u0001");
  });
}

function busy(opts: { cpu?: "ideal" | "pipeline"; cores?: number; color?: boolean } = {}) {
  const store = storeWith(BUSY, { cpu: opts.cpu ?? "pipeline", cores: opts.cores ?? 2 });
  const c = new DashboardController({ store, color: opts.color ?? true });
  for (let i = 0; i < 8; i++) c.tickFrame();
  return c;
}

const SIZES: [number, number][] = [
  [60, 20],
  [80, 24],
  [100, 30],
  [120, 40],
  [160, 50],
];

describe("screenLines ≡ <Screen>", () => {
  const cases: [string, () => DashboardController, string?][] = [
    ["pipeline, colour", () => busy()],
    ["pipeline, no colour", () => busy({ color: false })],
    ["ideal CPU", () => busy({ cpu: "ideal" })],
    ["16 cores", () => busy({ cores: 16 })],
    ["help open", () => busy(), "?"],
    ["signal menu open", () => busy(), "jK"],
    ["program picker open", () => busy(), "n"],
    ["typing a filter, tree view", () => busy(), "t/o"],
    ["rewound", () => busy(), KEY.left],
  ];
  for (const [name, make, keys] of cases) {
    it(name, () => {
      const c = make();
      if (keys) c.press(keys);
      for (const [columns, rows] of SIZES) {
        const view = c.view(columns, rows);
        const composed = screenLines(view).join("\n");
        const ink = renderToString(<Screen view={view} />, { columns });
        expect(cells(ink), `${columns}x${rows}`).toEqual(cells(composed));
        const lines = toCells(composed).rows;
        expect(lines).toHaveLength(rows - 1);
        for (const l of lines) expect(l.chars.length).toBeLessThanOrEqual(columns);
      }
    });
  }
});
