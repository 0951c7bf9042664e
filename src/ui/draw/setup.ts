// The setup screen (F2) drawn: a title, the settings, columns and keys, the selected one highlighted.
import { clean, fixed } from "../format.js";
import type { SetupModel } from "../selectors/setup.js";
import type { Theme } from "../theme.js";
import { line, titleLine, toHeight } from "./line.js";

const LABEL_WIDTH = 20;
const VALUE_WIDTH = 28;

export function setupLines(m: SetupModel, width: number, height: number, theme: Theme): string[] {
  const where = m.path === null ? "this run only (--no-config)" : `saved to ${m.path}`;
  const title = titleLine(
    theme,
    width,
    ` Setup · ↑↓ choose · ←→ Enter change · Esc, q or F2 closes (${clean(where)})`,
  );
  const body: string[] = [];
  let selectedAt = 0;
  for (const [i, l] of m.lines.entries()) {
    if (l.section !== null) body.push(line(theme, width, [l.section, "heading"]));
    if (i === m.index) selectedAt = body.length;
    const value = i === m.index && m.capturing ? "press a key… (Esc cancels)" : l.value;
    const text = `  ${fixed(l.label, LABEL_WIDTH)} ${fixed(clean(value), VALUE_WIDTH)} `;
    body.push(
      i === m.index
        ? line(theme, width, [text, "selected"], [clean(l.note), "dim"])
        : line(
            theme,
            width,
            ["  ", "label"],
            [fixed(l.label, LABEL_WIDTH), "label"],
            " ",
            [fixed(clean(value), VALUE_WIDTH), "value"],
            " ",
            [clean(l.note), "dim"],
          ),
    );
  }
  // The last line says what a change did (saved, refused), as the table's status line would.
  const rows = Math.max(1, height - 2);
  // The selection stays on screen, with its section heading when there is room.
  const top = Math.max(0, Math.min(selectedAt - Math.floor(rows / 2), body.length - rows));
  const status = line(theme, width, [m.message ?? "", "accent"]);
  return [...toHeight([title, ...body.slice(top, top + rows)], height - 1, width), status];
}
