// Wide characters (CJK, emoji) in names and chapter titles never make a line wider than the terminal.
import { describe, expect, it } from "vitest";
import { parseScenarioText } from "../../src/scenario/load.js";
import { scenarioConfig, startScenario } from "../../src/scenario/start.js";
import { createHeadlessDashboard } from "../../src/ui/headless.js";
import { FramePainter } from "../../src/ui/term/frame.js";
import { columns } from "../../src/ui/width.js";
import { plain } from "./helpers.js";

const SCENARIO = `
name: 広い文字
processes:
  - program: 計算機🚀
    as: ワーカー
  - program: cpu-bound
  - program: sleeper
programs:
  - name: 計算機🚀
    source: |
      loop: addi $t0, $t0, 1
      j loop
commands:
  - at: 1500
    kill: ワーカー
    signal: SIGKILL
chapters:
  - at: 0
    title: 第一章：プロセスの一生 🚀🧵 とても長いタイトルがヘッダーを埋め尽くしてもはみ出さない
  - at: 1000
    title: 第二章 🍣 殺す
`;

describe("wide characters", () => {
  for (const [w, h] of [
    [80, 24],
    [120, 40],
    [200, 60],
  ] as const) {
    it(`${w}×${h}: every line fits, and the terminal model shows each line where Ink put it`, () => {
      const s = parseScenarioText(SCENARIO, "wide.yaml");
      const store = startScenario(s, scenarioConfig(s));
      const d = createHeadlessDashboard({ store, columns: w, rows: h, chapters: s.chapters });
      const painter = new FramePainter(w, h);
      let sawName = false;
      let sawChapter = false;
      for (let i = 0; i < 25; i++) {
        if (i === 8) d.press("v");
        if (i === 12) d.press("t");
        const frame = d.frame();
        painter.paint(frame);
        const lines = frame.split("\n");
        expect(lines.length).toBeLessThanOrEqual(h);
        lines.forEach((l, y) => {
          const text = plain(l);
          expect(columns(text), `row ${y}: ${text}`).toBeLessThanOrEqual(w);
          // The cells a terminal shows: the same text, in the same columns.
          expect(painter.cells().lines()[y]).toBe(text.trimEnd());
        });
        sawName ||= frame.includes("計算機🚀");
        sawChapter ||= /第.章/.test(frame);
      }
      expect(sawName).toBe(true);
      expect(sawChapter).toBe(true);
      d.close();
    });
  }
});
