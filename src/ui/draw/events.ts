// The event log: kernel events in words, newest at the bottom; a long one wraps, never cut.
import { clean, grouped } from "../format.js";
import type { EventLine, EventsModel, EventTone } from "../selectors/events.js";
import type { Role, Theme } from "../theme.js";
import { wrap } from "../width.js";
import { line, type Seg, titleLine, toHeight } from "./line.js";

const TONE_ROLE: Record<EventTone, Role> = {
  signal: "warn",
  death: "bad",
  birth: "good",
  error: "bad",
  other: "value",
};

/** `text` in `role`, with every case-insensitive occurrence of `search` marked. */
function marked(text: string, role: Role, search: string): Seg[] {
  if (search === "") return [[text, role]];
  const segs: Seg[] = [];
  const lower = text.toLowerCase();
  const needle = search.toLowerCase();
  let at = 0;
  for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, at)) {
    if (i > at) segs.push([text.slice(at, i), role]);
    segs.push([text.slice(i, i + needle.length), "selected"]);
    at = i + needle.length;
  }
  if (at < text.length) segs.push([text.slice(at), role]);
  return segs;
}

/** One event's lines: the tick, then its text wrapped under itself. */
function eventBlock(
  e: EventLine,
  tickWidth: number,
  width: number,
  search: string,
  theme: Theme,
): string[] {
  const textWidth = Math.max(10, width - tickWidth - 1);
  const role = TONE_ROLE[e.tone];
  return wrap(clean(e.text), textWidth).map((part, i) =>
    line(
      theme,
      width,
      [i === 0 ? grouped(e.tick).padStart(tickWidth) : " ".repeat(tickWidth), "dim"],
      " ",
      ...marked(part, role, search),
    ),
  );
}

function title(m: EventsModel, overlay: boolean): string {
  const shows = m.all ? "everything" : "lifecycle and signals";
  // The panel says what `e` switches to; the overlay lists its keys at the end instead.
  const what = overlay
    ? shows
    : `${shows} (e: ${m.all ? "lifecycle and signals only" : "everything"})`;
  const whose = m.follow === null ? "" : ` · pid ${m.follow} only`;
  const where = m.back > 0 ? ` · ${m.back} newer below` : m.pinned ? " · held" : "";
  const find = m.search === "" ? "" : ` · "${clean(m.search)}"${m.typing ? "▏" : ""}`;
  const keys = overlay
    ? " · ↑↓ PgUp PgDn Home End scroll · e everything · f this process · / search, n N next · Esc"
    : " · L: scroll, search, follow";
  // Where the log is and what it holds first: the key hints are the part a narrow panel cuts.
  return ` Events${where}${whose}${find} · ${what}${keys}`;
}

export function eventLines(
  m: EventsModel,
  width: number,
  height: number,
  theme: Theme,
  overlay = false,
): string[] {
  const rows = height - 1;
  const shown = m.events.slice(0, m.events.length - m.back);
  const tickWidth = Math.max(6, ...shown.map((e) => grouped(e.tick).length));
  // From the newest up, whole events only (their wrapped lines), so none is shown cut.
  const body: string[] = [];
  for (let i = shown.length - 1; i >= 0; i--) {
    const block = eventBlock(shown[i], tickWidth, width, m.search, theme);
    if (body.length + block.length > rows) break;
    body.unshift(...block);
  }
  if (body.length === 0)
    body.push(
      line(theme, width, [
        m.follow === null
          ? "no events retained up to this moment"
          : `no events of pid ${m.follow} retained up to this moment`,
        "dim",
      ]),
    );
  // Blank lines above, so the newest event stays on the bottom line.
  const blank = Array.from({ length: Math.max(0, rows - body.length) }, () => " ".repeat(width));
  return toHeight([titleLine(theme, width, title(m, overlay)), ...blank, ...body], height, width);
}
