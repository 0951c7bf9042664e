// The real bin/simtop in tmux: the details panel tells the selected process's story and start-up cost.
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { TmuxSession } from "./cliRun.js";

const hasTmux = spawnSync("sh", ["-c", "command -v tmux"]).status === 0;
let session: TmuxSession | null = null;
afterEach(() => {
  session?.kill();
  session = null;
});

describe.skipIf(!hasTmux)("the story of a process in the dashboard (tmux 120×40)", () => {
  it("startup-cost: the server's start-up steps with their ticks, start-up against useful ticks; the launcher's children", async () => {
    const t = new TmuxSession(["--scenario", "startup-cost"], 120, 40);
    session = t;
    await t.waitFor((s) => /tick (\d\d|[89]),\d{3}/.test(s));
    t.keys("Space");
    await t.waitFor((s) => s.includes("‖ paused"));
    // Filter on the server: the selection moves to it.
    t.keys("/", "s", "e", "r", "v", "e", "r", "Enter");
    let s = await t.waitFor((x) => /PID 3 server/.test(x));
    // startup-cost loads an image in 6,000 + 100 per page: 2 pages, loaded at 6,200, then
    // stdio (3) and main's arguments (2); init took cpu0 at 6,205, the server waited for the
    // launcher's turn on cpu1 and ran main 5 ticks after its dispatch.
    expect(s).toMatch(/^0 created · addr space/m);
    expect(s).toMatch(/6,200 code\+data \+6,200/);
    expect(s).toMatch(/6,203 stdio \+3/);
    expect(s).toMatch(/6,205 argv \+2 · ready/);
    expect(s).toMatch(/start-up [\d,]+ ticks · useful [\d,]+ ticks/);
    // The launcher, a few queries in: its reaped children's start-up against their useful ticks.
    t.keys("/", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "Enter", "Space");
    await t.waitFor((x) => /tick (2\d|3\d),\d{3}/.test(x), 60);
    t.keys("Space");
    await t.waitFor((x) => x.includes("‖ paused"));
    t.keys("/", "l", "a", "u", "n", "c", "h", "Enter");
    s = await t.waitFor((x) => /PID 2 query-launcher/.test(x));
    expect(s).toMatch(/\d+ reaped child(ren)?: start-up [\d,]+ · useful [\d,]+/);
    expect(s).toMatch(/fork → \d+|reaped \d+/);
  });
});
