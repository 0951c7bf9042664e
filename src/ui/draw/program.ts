// The program view: the selected process's source with the line at its pc marked, beside (or
// above) the last cycles of a core as a Patterson & Hennessy multi-cycle pipeline diagram.
import { diagramLabelWidth, diagramLines } from "../../sim/cpu/pipelineDiagram.js";
import { grouped, hex } from "../format.js";
import { type ProgramModel, programPanes } from "../selectors/program.js";
import type { Role, Theme } from "../theme.js";
import { line, type Seg, titleLine, toHeight } from "./line.js";

function sourceLines(m: ProgramModel, width: number, height: number, theme: Theme): string[] {
  const p = m.process;
  if (p === null)
    return toHeight([line(theme, width, ["no process selected", "dim"])], height, width);
  const nw = String(p.source.length).length;
  const longest = Math.max(...p.source.map((l) => l.length));
  // Keep the marked line in view, a third of the way down when the source is longer.
  const start = Math.max(
    0,
    Math.min(p.pcLine - 1 - Math.floor(height / 3), p.source.length - height),
  );
  const out: string[] = [];
  for (let i = start; i < Math.min(p.source.length, start + height); i++) {
    const n = i + 1;
    const here = n === p.pcLine;
    // The stages its instructions are in at the last cycle drawn, after the longest line.
    const stages = p.inFlight.get(n);
    const tag = stages ? ` ◀ ${stages.join(" ")}` : "";
    const room = Math.max(0, Math.min(longest + 1, width - nw - 3 - tag.length));
    const src = p.source[i];
    const text = tag === "" ? src : src.length > room ? src.slice(0, room) : src.padEnd(room);
    out.push(
      line(
        theme,
        width,
        [String(n).padStart(nw), "dim"],
        here ? [" ▶ ", "accent"] : "   ",
        here ? [text, "selected"] : text,
        [tag, "heading"],
      ),
    );
  }
  return toHeight(out, height, width);
}

/** A diagram line with its held (lowercase) cells marked as stalls. */
function cellSegs(text: string): Seg[] {
  const segs: Seg[] = [];
  for (const m of text.matchAll(/(\s*)(\S+)/g)) {
    const held = m[2] === m[2].toLowerCase();
    segs.push(m[1], held ? [m[2], "warn"] : [m[2], "value"]);
  }
  return segs;
}

function diagramPane(m: ProgramModel, width: number, height: number, theme: Theme): string[] {
  const v = m.pipeline;
  if (v.kind === "ideal")
    return toHeight(
      [
        line(theme, width, [
          "The ideal CPU runs one instruction a tick: no pipeline to draw.",
          "dim",
        ]),
        line(theme, width, ["A scenario with machine.cpu: pipeline has one.", "dim"]),
      ],
      height,
      width,
    );
  const n = v.to - v.from + 1;
  const whose = v.chosen
    ? "chosen with Tab"
    : m.process && m.process.core >= 0
      ? `running pid ${m.process.pid}`
      : "the process is not running";
  const head = line(
    theme,
    width,
    [`cpu${v.core}`, "heading"],
    [` (${whose})  `, "label"],
    n > 0 ? `last ${n} cycles, ${grouped(v.from)}–${grouped(v.to)}` : "no cycles yet",
  );
  const key = line(
    theme,
    width,
    ["MEM", "value"],
    [" in a stage;  ", "dim"],
    ["mem", "warn"],
    [" held there by a stall;  ", "dim"],
    ["(flushed)", "bad"],
    [" squashed wrong-path fetch", "dim"],
  );
  if (n <= 0) return toHeight([head, key], height, width);
  const text = diagramLines(v.rows, v.from, v.to);
  const w = diagramLabelWidth(v.rows);
  const pid = m.process?.pid ?? -1;
  // The newest instructions are the ones kept when they do not all fit.
  const room = Math.max(0, height - 3);
  const first = Math.max(0, v.rows.length - room);
  const out = [head, key, line(theme, width, [text[0], "heading"])];
  for (let i = first; i < v.rows.length; i++) {
    const r = v.rows[i];
    const t = text[i + 1];
    const role: Role = r.flushed ? "bad" : r.pid === pid ? "value" : "dim";
    out.push(line(theme, width, [t.slice(0, w), role], ...cellSegs(t.slice(w))));
  }
  return toHeight(out, height, width);
}

/** The whole view: a title line, then the two parts. */
export function programLines(
  m: ProgramModel,
  width: number,
  height: number,
  theme: Theme,
): string[] {
  const p = m.process;
  const where = p === null ? "" : p.zombie ? "  zombie" : p.core >= 0 ? `  on cpu${p.core}` : "";
  const at =
    p === null
      ? ""
      : p.instruction === null
        ? `  pc ${hex(p.pc)}`
        : `  pc ${hex(p.pc)} ${p.instruction} (line ${p.pcLine})`;
  const title = titleLine(
    theme,
    width,
    ` Program${p ? ` of pid ${p.pid} ${p.name} (${p.program})${where}${at}` : ""}   Tab core  o/Esc close`,
  );
  const panes = programPanes(width, height);
  const src = sourceLines(m, panes.source.width, panes.source.height, theme);
  const dia = diagramPane(m, panes.diagram.width, panes.diagram.height, theme);
  if (!panes.side) return toHeight([title, ...src, ...dia], height, width);
  const rule = theme.paint("│", "dim");
  return toHeight([title, ...src.map((s, i) => `${s}${rule}${dia[i]}`)], height, width);
}
