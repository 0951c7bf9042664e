// The terminal panel: the keyboard goes to tty1 and back, keys become recorded commands, the job-control columns.
import { afterEach, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/sim/config.js";
import { Store } from "../../src/sim/store.js";
import { KEY, type Mounted, mount, pidOf, storeWith } from "./helpers.js";

let app: Mounted | null = null;
afterEach(() => {
  app?.unmount();
  app = null;
});

/** init and a shell logged in on tty1, on two ideal cores. */
function loggedIn(): Store {
  const store = new Store(defaultConfig({ cores: 2, cpu: "ideal" }));
  store.schedule([{ tick: 0, command: { type: "spawn", program: "sh", terminal: true } }]);
  return store;
}

/** Frames until `cond` holds (at most 100). */
async function until(m: Mounted, cond: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !cond(); i++) await m.frames(1);
  expect(cond()).toBe(true);
}

const typed = (store: Store) =>
  store.log.filter((c) => c.command.type === "type").map((c) => c.command);

describe("the terminal panel", () => {
  it("shows tty1 in the details panel's place, with the job-control columns and ! in the key bar", async () => {
    app = await mount(loggedIn());
    await until(app, () => app!.screen().includes("$ "));
    const s = app.screen();
    expect(s).toContain(" tty1 · !: type here · session 2 (sh)");
    expect(s).toMatch(/PID▲\s+PPID\s+PGID\s+SID\s+TTY\s+NAME/);
    expect(app.row(2)).toMatch(/^\s*2\s+1\s+2\s+2\s+tty1\s+sh\s+S\+ blocked:tty/);
    expect(app.row(1)).toMatch(/^\s*1\s+0\s+1\s+1\s+\?\s+init\s+S blocked:wait/);
    expect(s).toContain("!Term");
  });

  it("! gives it the keyboard: typing runs a program, Ctrl+C interrupts it and never quits simtop", async () => {
    const m = await mount(loggedIn());
    app = m;
    await until(m, () => m.screen().includes("$ "));
    await m.press("!");
    expect(m.screen()).toContain("tty1 · typing here · Esc: back to simtop");
    expect(m.screen()).toContain("EscBack to simtop");
    await m.press("cpu-bound", KEY.enter);
    await m.frames(1);
    // Each chunk of keys is one command, recorded in the session like any other.
    expect(typed(m.store)).toEqual([
      { type: "type", text: "cpu-bound" },
      { type: "type", text: "\n" },
    ]);
    await until(
      m,
      () => m.store.kernel.ttys[0].fgPgrp !== 2 && m.row(pidOf(m.store, "cpu-bound")) !== undefined,
    );
    const job = pidOf(m.store, "cpu-bound");
    expect(m.row(job)).toMatch(/R\+ running/);
    expect(m.store.kernel.ttys[0].fgPgrp).toBe(job);
    await m.press(KEY.ctrlC);
    expect(m.controller.quitRequested).toBe(false);
    await until(m, () => !m.store.kernel.procs.has(job) && /\^C\s/.test(m.screen()));
    expect(m.screen()).toContain(`${job} (cpu-bound) killed by SIGINT, status 130`);
    // Esc gives the keyboard back: now q and Ctrl+C are the dashboard's again.
    await m.press(KEY.escape);
    expect(m.screen()).toContain("tty1 · !: type here");
    expect(m.screen()).not.toContain("EscBack to simtop");
    await m.press(KEY.ctrlC);
    expect(m.controller.quitRequested).toBe(true);
  });

  it("with nobody logged in, ! logs a shell in on tty1", async () => {
    const m = await mount(storeWith(["sleeper"]));
    app = m;
    await m.frames(1);
    expect(m.screen()).not.toContain("tty1");
    expect(m.screen()).not.toContain("PGID");
    expect(m.screen()).not.toContain("!Term");
    await m.press("!");
    expect(m.screen()).toContain("tty1 · a key logs a shell in · Esc: back to simtop");
    await m.frames(1);
    expect(m.store.log.at(-1)?.command).toEqual({ type: "spawn", program: "sh", terminal: true });
    await until(m, () => m.screen().includes("$ "));
    expect(m.row(3)).toMatch(/^\s*3\s+1\s+3\s+3\s+tty1\s+sh\s+S\+ blocked:tty/);
    // The cursor is on the prompt while the keyboard is there.
    expect(m.screen()).toContain("$ █");
  });

  it("! closes the views drawn over the body, so the panel the keys go to is in sight", async () => {
    const m = await mount(loggedIn());
    app = m;
    await until(m, () => m.screen().includes("$ "));
    await m.press("L");
    expect(m.screen()).not.toContain("tty1 ·");
    await m.press("!");
    expect(m.screen()).toContain("tty1 · typing here");
    await m.press(KEY.escape, "o");
    expect(m.screen()).not.toContain("tty1 ·");
    await m.press("!");
    expect(m.screen()).toContain("tty1 · typing here");
  });

  it("on a small screen it takes the whole body while it has the keyboard", async () => {
    const m = await mount(loggedIn(), { columns: 80, rows: 24 });
    app = m;
    await until(m, () => m.store.kernel.ttys[0].screen(1)[0] === "$ ");
    expect(m.screen()).not.toContain("tty1 ·");
    await m.press("!", "jobs", KEY.enter);
    await m.frames(3);
    expect(m.screen()).toContain(" tty1 · typing here · Esc: back to simtop · session 2 (sh)");
    expect(m.screen()).toContain("$ jobs");
    expect(m.screen()).not.toContain("PID▲");
  });
});

describe("the signal menu and process groups", () => {
  it("g in the menu sends to the selected process's whole group", async () => {
    const m = await mount(loggedIn());
    app = m;
    await until(m, () => m.screen().includes("$ "));
    await m.press("!", "forker &", KEY.enter, KEY.escape);
    await until(
      m,
      () => [...m.store.kernel.procs.values()].filter((p) => p.pgid === 3).length === 2,
    );
    await m.select(3);
    await m.press("K");
    expect(m.screen()).toContain("Send signal to 3 (forker)");
    expect(m.screen()).toContain("Enter send · g group · Esc cancel");
    await m.press("g");
    expect(m.screen()).toContain("Signal to group 3 (2 processes)");
    await m.press(KEY.enter);
    await m.frames(2);
    expect(m.store.log.at(-1)?.command).toEqual({ type: "kill", pid: 3, signal: 15, group: true });
    expect(
      [...m.store.kernel.procs.values()].filter((p) => p.pgid === 3 && p.state !== "zombie"),
    ).toEqual([]);
  });

  it("the PGID, SID and TTY columns sort like the others", async () => {
    const m = await mount(loggedIn());
    app = m;
    await until(m, () => m.screen().includes("$ "));
    await m.press(">", ">");
    expect(m.screen()).toMatch(/PGID▲/);
    await m.press(">");
    expect(m.screen()).toMatch(/SID▲/);
    await m.press(">");
    expect(m.screen()).toMatch(/TTY▲/);
    await m.press("t");
    expect(m.screen()).toMatch(/init\s/);
    expect(m.screen()).toMatch(/└─ sh/);
  });
});
