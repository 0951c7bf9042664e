// The mouse on the headless dashboard: SGR reports at the cells Ink drew select, sort, scroll, choose from menus and run key bar entries.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { Signal } from "../../src/sim/signals.js";
import { createHeadlessDashboard, type HeadlessDashboard } from "../../src/ui/headless.js";
import { SIGNAL_ORDER } from "../../src/ui/menus.js";
import { BUSY, pidOf, plain, storeWith } from "./helpers.js";

let d: HeadlessDashboard | null = null;
afterEach(() => {
  d?.close();
  d = null;
});

function open(columns = 120, rows = 40, programs = BUSY): HeadlessDashboard {
  d = createHeadlessDashboard({ store: storeWith(programs), columns, rows, color: false });
  d.frame();
  d.press(" "); // paused: the rows stay where they were drawn
  d.screen();
  return d;
}

function lines(h: HeadlessDashboard): string[] {
  return plain(h.screen()).split("\n");
}

/** A press and release of the left button at column x, row y (0-based), as a terminal reports it. */
function click(h: HeadlessDashboard, x: number, y: number): void {
  h.press(`\x1b[<0;${x + 1};${y + 1}M`);
  h.press(`\x1b[<0;${x + 1};${y + 1}m`);
}

function wheel(h: HeadlessDashboard, dir: "up" | "down", x: number, y: number, notches = 1): void {
  for (let i = 0; i < notches; i++) h.press(`\x1b[<${dir === "up" ? 64 : 65};${x + 1};${y + 1}M`);
}

/** Row (0-based) of the first screen line matching `re`, and the column where the match starts. */
function find(h: HeadlessDashboard, re: RegExp): { x: number; y: number } {
  const ls = lines(h);
  const y = ls.findIndex((l) => re.test(l));
  if (y < 0) throw new Error(`${re} not on screen:\n${ls.join("\n")}`);
  return { x: ls[y].search(re), y };
}

function tableRow(h: HeadlessDashboard, pid: number): { x: number; y: number } {
  return find(h, new RegExp(`^\\s*${pid}\\s+\\d+\\s`));
}

describe("mouse on the dashboard", () => {
  it("a click on a row selects that process (details follow it)", () => {
    const h = open();
    const pid = pidOf(h.controller.store, "sleeper");
    expect(h.controller.selectedPid).not.toBe(pid);
    const at = tableRow(h, pid);
    click(h, 30, at.y);
    expect(h.controller.selectedPid).toBe(pid);
    expect(h.screen()).toMatch(new RegExp(`\\x1b\\[7m\\s*${pid}\\s`));
    // A click below the last row, on a blank line of the table, selects nothing else.
    const last = h.controller.selectedPid;
    click(h, 30, 0);
    expect(h.controller.selectedPid).toBe(last);
  });

  it("a click on a column heading sorts by it, a second click inverts the order", () => {
    const h = open();
    const heading = find(h, /%CPU/);
    click(h, heading.x + 1, heading.y);
    expect([h.controller.sort, h.controller.descending]).toEqual(["cpu", true]);
    expect(lines(h).join("\n")).toContain("sorted by %CPU ▼");
    click(h, heading.x + 1, heading.y);
    expect([h.controller.sort, h.controller.descending]).toEqual(["cpu", false]);
    expect(lines(h).join("\n")).toContain("sorted by %CPU ▲");
    const name = find(h, /NAME/);
    click(h, name.x, name.y);
    expect([h.controller.sort, h.controller.descending]).toEqual(["name", false]);
  });

  it("the wheel over the table scrolls it and the selection with it, three rows a notch", () => {
    const h = open(120, 40, [...BUSY, ...BUSY]);
    const status = find(h, /^Processes /);
    expect(lines(h)[status.y]).toMatch(/rows 1-(\d+)/);
    const shown = Number(/rows 1-(\d+)/.exec(lines(h)[status.y])![1]);
    wheel(h, "down", 10, status.y + 3);
    expect(h.controller.selectedIndex).toBe(3);
    expect(lines(h)[status.y]).toContain(`rows 4-${shown + 3}`);
    wheel(h, "up", 10, status.y + 3, 5);
    expect(h.controller.selectedIndex).toBe(0);
    expect(lines(h)[status.y]).toContain(`rows 1-${shown}`);
  });

  it.each([
    [120, 40],
    [100, 30],
    [80, 34],
  ])("the wheel over the event log panel scrolls the log, not the table (%i×%i)", (c, r) => {
    const h = open(c, r);
    for (let i = 0; i < 20; i++) h.press("s");
    const title = find(h, / Events /);
    wheel(h, "up", title.x + 5, title.y + 2);
    expect(h.controller.eventLog.back).toBe(3);
    expect(lines(h)[title.y]).toContain("3 newer below");
    expect(h.controller.selectedIndex).toBe(0);
    wheel(h, "down", title.x + 5, title.y + 2);
    expect(h.controller.eventLog.back).toBe(0);
  });

  it("the wheel scrolls the help, and the event log opened over the screen", () => {
    const h = open();
    h.press("?");
    h.screen();
    wheel(h, "down", 40, 20, 2);
    expect(h.controller.overlay).toEqual({ kind: "help", scroll: 6 });
    wheel(h, "up", 40, 20);
    expect(h.controller.overlay).toEqual({ kind: "help", scroll: 3 });
    h.press("q");
    for (let i = 0; i < 20; i++) h.press("s");
    h.press("L");
    h.screen();
    wheel(h, "up", 40, 20);
    expect(h.controller.eventLog.back).toBe(3);
  });

  it("a click on a signal menu item sends that signal; a click beside the menu closes it", () => {
    const h = open();
    const pid = pidOf(h.controller.store, "sleeper");
    click(h, 30, tableRow(h, pid).y);
    h.press("K");
    // The menu opens on SIGTERM; SIGKILL (9) is a few items above it.
    const item = find(h, / 9 SIGKILL/);
    click(h, item.x + 2, item.y);
    expect(h.controller.overlay).toBeNull();
    h.press("S");
    expect(h.controller.store.kernel.procs.has(pid)).toBe(false);
    expect(plain(h.screen())).toContain(`SIGKILL → ${pid} (sleeper)`);
    h.press("K");
    const menu = find(h, /Send signal to/);
    // The menu's title and hint do nothing; the table beside the menu closes it.
    click(h, menu.x + 3, menu.y);
    expect(h.controller.overlay).toMatchObject({ kind: "signal" });
    click(h, 100, menu.y + 4);
    expect(h.controller.overlay).toBeNull();
    expect(SIGNAL_ORDER).toContain(Signal.SIGKILL);
  });

  it("the wheel moves the menu's highlight; a click on a program starts it", () => {
    const h = open();
    h.press("n");
    h.screen();
    const menuTop = find(h, /Start a program/);
    wheel(h, "down", 5, menuTop.y + 2);
    expect(h.controller.overlay).toMatchObject({ kind: "spawn", index: 3 });
    const item = find(h, /^sleeper /);
    const before = [...h.controller.store.kernel.procs.values()].filter(
      (p) => p.name === "sleeper",
    ).length;
    click(h, item.x + 1, item.y);
    h.press("s");
    h.press("s");
    const after = [...h.controller.store.kernel.procs.values()].filter((p) => p.name === "sleeper");
    expect(after.length).toBe(before + 1);
  });

  it("a click on a key bar entry runs it, as its key would", () => {
    const h = open();
    const bar = find(h, /qQuit/).y;
    expect(bar).toBe(38);
    const tree = lines(h)[bar].indexOf("tTree");
    expect(tree).toBeGreaterThan(0);
    click(h, tree + 2, bar);
    expect(h.controller.tree).toBe(true);
    expect(lines(h).join("\n")).toContain("tree view");
    const help = lines(h)[bar].indexOf("?Help");
    click(h, help, bar);
    expect(h.controller.overlay).toEqual({ kind: "help", scroll: 0 });
    const quit = lines(h)[bar].indexOf("qQuit");
    click(h, quit + 1, bar);
    expect(h.controller.overlay).toBeNull();
    click(h, quit + 1, bar);
    expect(h.quit).toBe(true);
  });

  it("other buttons, releases and the header do nothing", () => {
    const h = open();
    const before = { pid: h.controller.selectedPid, sort: h.controller.sort };
    const heading = find(h, /%CPU/);
    h.press(`\x1b[<2;${heading.x + 2};${heading.y + 1}M`);
    h.press(`\x1b[<0;${heading.x + 2};${heading.y + 1}m`);
    click(h, 10, 1);
    expect({ pid: h.controller.selectedPid, sort: h.controller.sort }).toEqual(before);
    expect(h.controller.paused).toBe(true);
  });

  it("htop's F-key bar where it all fits (137 columns): F1Help first, F10Quit last; its entries click as keys", () => {
    for (const paused of [false, true]) {
      d = createHeadlessDashboard({ store: storeWith(BUSY), columns: 137, rows: 40, color: false });
      d.frame();
      if (paused) d.press(" ");
      const bar = lines(d)[38];
      expect(bar).toMatch(
        /^F1Help F4Filter F5Tree F6SortBy F7Nice - F8Nice \+ F9Kill fFork .* F10Quit\s*$/,
      );
      if (paused) {
        click(d, bar.indexOf("F9Kill") + 3, 38);
        expect(d.controller.overlay).toMatchObject({ kind: "signal" });
        // As its key would: F5 does nothing while a menu is open.
        click(d, bar.indexOf("F5Tree"), 38);
        expect(d.controller.tree).toBe(false);
        expect(d.controller.overlay).toMatchObject({ kind: "signal" });
        d.press("\x1b");
        click(d, bar.indexOf("F5Tree"), 38);
        expect(d.controller.tree).toBe(true);
        // F10 quits whatever is open, as the key does.
        d.press("?");
        click(d, bar.indexOf("F10Quit") + 1, 38);
        expect(d.quit).toBe(true);
      }
      d.close();
    }
    d = createHeadlessDashboard({ store: storeWith(BUSY), columns: 136, rows: 40, color: false });
    d.frame();
    d.press(" ");
    expect(lines(d)[38]).toMatch(/^\?Help \/Filter tTree .* qQuit\s*$/);
  });
});

describe("where the mouse lands agrees with what is drawn", () => {
  it("at any size, a click on any drawn process row selects the PID that row shows, with a menu open or not", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 80, max: 180 }),
        fc.integer({ min: 24, max: 60 }),
        fc.boolean(),
        (columns, rows, menu) => {
          const h = createHeadlessDashboard({
            store: storeWith([...BUSY, ...BUSY]),
            columns,
            rows,
            color: false,
          });
          try {
            h.frame();
            h.press(" ");
            if (menu) h.press("n");
            const ls = lines(h);
            // The table's rows: a PID, a PPID (left out when narrow) and a name, right of the menu.
            const at = menu ? ls.findIndex((l) => l.includes("Start a program")) : -1;
            const left = menu ? ls[at].indexOf("│") + 1 : 0;
            // Only the table's band: the event log's lines also start with numbers.
            const layout = h.controller.view(columns, rows).layout!;
            const top = layout.header.height + 2;
            const bottom = layout.header.height + layout.table.height;
            let seen = 0;
            for (const [y, l] of ls.entries()) {
              const m = /^\s*(\d+)\s+(\d+\s+)?[a-z]/.exec(l.slice(left));
              if (!m || y < top || y >= bottom) continue;
              if (menu) h.press("n");
              click(h, left + 1, y);
              expect(h.controller.selectedPid, `row ${y}`).toBe(Number(m[1]));
              seen++;
            }
            expect(seen).toBeGreaterThan(0);
          } finally {
            h.close();
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it("at any width, a click on each key bar entry presses that entry's key", () => {
    fc.assert(
      fc.property(fc.integer({ min: 80, max: 180 }), (columns) => {
        const h = createHeadlessDashboard({
          store: storeWith(BUSY),
          columns,
          rows: 30,
          color: false,
        });
        try {
          h.frame();
          const view = h.controller.view(columns, 30);
          const bar = lines(h)[28];
          for (const item of view.keybar.items) {
            const x = bar.indexOf(item.key + item.text);
            if (x < 0) continue; // left out at this width
            const c = h.controller as unknown as { key(k: string): void };
            const pressed: string[] = [];
            const original = c.key;
            c.key = (k: string) => pressed.push(k);
            click(h, x + item.key.length, 28);
            c.key = original;
            expect(pressed, item.text).toEqual([item.press]);
          }
        } finally {
          h.close();
        }
      }),
      { numRuns: 10 },
    );
  });
});
