// The event log: recent kernel events in words, newest at the bottom.
import { clean, grouped } from "../format.js";
import type { EventLine, EventTone } from "../selectors/events.js";
import type { Role, Theme } from "../theme.js";
import { line, titleLine, toHeight } from "./line.js";

const TONE_ROLE: Record<EventTone, Role> = {
  signal: "warn",
  death: "bad",
  birth: "good",
  error: "bad",
  other: "value",
};

export function eventLines(
  events: readonly EventLine[],
  all: boolean,
  width: number,
  height: number,
  theme: Theme,
): string[] {
  const title = titleLine(
    theme,
    width,
    ` Events · ${all ? "everything (e: lifecycle and signals only)" : "lifecycle and signals (e: everything)"}`,
  );
  const tickWidth = Math.max(6, ...events.map((e) => grouped(e.tick).length));
  const body = events.map((e) =>
    line(theme, width, [grouped(e.tick).padStart(tickWidth), "dim"], " ", [
      clean(e.text),
      TONE_ROLE[e.tone],
    ]),
  );
  if (body.length === 0)
    body.push(line(theme, width, ["no events retained up to this moment", "dim"]));
  return toHeight([title, ...body], height, width);
}
