import { describe, expect, it } from "vitest";
import { eventLines } from "../../src/ui/draw/events.js";
import type { EventsModel } from "../../src/ui/selectors/events.js";
import { eventLogReducer, INITIAL_EVENT_LOG } from "../../src/ui/state/eventLog.js";
import { createTheme } from "../../src/ui/theme.js";
import { wrap } from "../../src/ui/width.js";

const mono = createTheme(false);
const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "");

describe("event log state", () => {
  it("scrolling back holds the log at the tick it was scrolled at; back to 0 follows time again", () => {
    let s = eventLogReducer(INITIAL_EVENT_LOG, { type: "scroll", by: 3, now: 500 });
    expect(s).toMatchObject({ pinned: 500, back: 3 });
    s = eventLogReducer(s, { type: "scroll", by: 2, now: 900 });
    expect(s).toMatchObject({ pinned: 500, back: 5 });
    s = eventLogReducer(s, { type: "scroll", by: -10, now: 900 });
    expect(s).toMatchObject({ pinned: null, back: 0 });
  });

  it("another set of events (everything, one process) starts at the newest again", () => {
    let s = eventLogReducer(INITIAL_EVENT_LOG, { type: "scroll", by: 3, now: 500 });
    s = eventLogReducer(s, { type: "toggleFollow", pid: 7 });
    expect(s).toMatchObject({ follow: 7, pinned: null, back: 0 });
    s = eventLogReducer(s, { type: "toggleFollow", pid: 9 });
    expect(s.follow).toBeNull();
    s = eventLogReducer(s, { type: "scroll", by: 1, now: 600 });
    s = eventLogReducer(s, { type: "toggleAll" });
    expect(s).toMatchObject({ all: true, pinned: null, back: 0 });
  });

  it("search text is typed, erased, kept or cleared", () => {
    let s = eventLogReducer(INITIAL_EVENT_LOG, { type: "searchStart" });
    for (const t of ["S", "I", "G", "X"]) s = eventLogReducer(s, { type: "searchType", text: t });
    s = eventLogReducer(s, { type: "searchErase" });
    expect(s).toMatchObject({ search: "SIG", typing: true });
    s = eventLogReducer(s, { type: "searchKeep" });
    expect(s).toMatchObject({ search: "SIG", typing: false });
    s = eventLogReducer(s, { type: "searchClear" });
    expect(s.search).toBe("");
  });
});

describe("wrap", () => {
  it("breaks at spaces, cuts only a word longer than the line, and loses nothing", () => {
    expect(wrap("default action, terminated, status 130", 16)).toEqual([
      "default action,",
      "terminated,",
      "status 130",
    ]);
    expect(wrap("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
    expect(wrap("中文中文", 5)).toEqual(["中文", "中文"]);
  });
});

describe("event log drawing", () => {
  const model = (events: EventsModel["events"], back = 0): EventsModel => ({
    events,
    back,
    all: false,
    follow: null,
    search: "",
    typing: false,
    pinned: back > 0,
  });
  const long = {
    tick: 14_004,
    text: "SIGTERM → 5 (cpu-bound): default action, terminated, status 143",
    tone: "signal" as const,
  };

  it("a long event wraps under itself instead of being cut, the newest on the bottom line", () => {
    const lines = eventLines(
      model([{ tick: 100, text: "1 forked → child 2", tone: "birth" }, long]),
      40,
      5,
      mono,
    ).map(strip);
    expect(lines).toHaveLength(5);
    const text = lines.slice(1).join("\n");
    expect(text.replace(/\s+/g, " ")).toContain(
      "SIGTERM → 5 (cpu-bound): default action, terminated, status 143",
    );
    expect(lines[4].trim()).toMatch(/status 143$/);
    expect(lines[2]).toMatch(/^ {3}100 1 forked/);
  });

  it("scrolled back, the newer events are below the window and the title says how many", () => {
    const events = Array.from({ length: 10 }, (_, i) => ({
      tick: i * 10,
      text: `event ${i}`,
      tone: "other" as const,
    }));
    const lines = eventLines(model(events, 3), 60, 4, mono).map(strip);
    expect(lines[0]).toContain("3 newer below");
    expect(lines.slice(1).map((l) => l.trim())).toEqual(["40 event 4", "50 event 5", "60 event 6"]);
  });
});
