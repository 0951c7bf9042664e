// Property: every frame is one tick's truth, whatever the time keys do, on every built-in scenario.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtinScenarios } from "../../src/scenario/builtins.js";
import { scenarioConfig, startScenario } from "../../src/scenario/start.js";
import type { Scenario } from "../../src/scenario/types.js";
import { processRows } from "../../src/sim/view.js";
import { RateWindow, Reading } from "../../src/sim/window.js";
import { DashboardController } from "../../src/ui/controller.js";
import { KEY } from "./helpers.js";

/** Keys that move time (and the selection and caches scope, to compare the panels). */
const KEYS = {
  frame: null,
  pause: " ",
  tick: "s",
  stepFrame: "S",
  rewind: KEY.left,
  rewindFar: KEY.shiftLeft,
  forward: KEY.right,
  present: "l",
  faster: "+",
  slower: "-",
  down: KEY.down,
  scope: "v",
} as const;
type KeyName = keyof typeof KEYS;

const keysArb = fc.array(
  fc.constantFrom(...(Object.keys(KEYS) as KeyName[]), "frame", "frame", "frame"),
  { minLength: 10, maxLength: 40 },
);

function start(s: Scenario) {
  return startScenario(s, scenarioConfig(s));
}

/** Checks one frame of `c` against the kernel it shows; `s` to replay a rewound one afresh. */
function checkFrame(c: DashboardController, s: Scenario): void {
  const v = c.view(120, 40);
  const k = c.kernel;
  const w = c.rates;
  expect(v.header.tick).toBe(k.now);
  expect(w.tick).toBe(k.now);
  expect(v.header.window).toBe(w.span);
  // Every row shown: the state the kernel has at that very tick.
  for (const r of v.table.rows) {
    const p = k.procs.get(r.pid);
    expect(p, `pid ${r.pid} at tick ${k.now}`).toBeDefined();
    expect(r.state).toBe(p!.state);
    expect(r.cpuTicks).toBe(p!.acct.cycles);
  }
  // The log tells what happened before this tick, nothing after it.
  for (const e of v.events?.events ?? []) expect(e.tick).toBeLessThan(k.now);
  // %CPU of every process (exited ones together) adds up to the cores' busy share.
  const rows = processRows(k, w);
  const perProcess = rows.reduce((a, r) => a + r.cpuPercent, 0) + v.header.exitedPercent;
  const cores = v.header.cores.reduce((a, x) => a + 100 * x.utilisation, 0);
  expect(perProcess).toBeCloseTo(cores, 6);
  // The caches panel's figures for a process are its table columns.
  const caches = v.caches;
  if (caches?.kind === "process") {
    const row = rows.find((r) => r.pid === caches.pid)!;
    const l1d = caches.levels.find((l) => l.name === "L1D")!;
    if (Number.isNaN(row.l1HitPercent)) expect(l1d.rate).toBeNaN();
    else expect(100 * l1d.rate).toBeCloseTo(row.l1HitPercent, 9);
    // AMAT and the 3C split are the window's; every L1 miss has exactly one cause.
    const amat = w.processAmat(caches.pid);
    if (Number.isNaN(amat)) expect(caches.amat).toBeNaN();
    else expect(caches.amat).toBe(amat);
    for (const l of caches.levels) {
      if (l.name !== "L1I" && l.name !== "L1D") {
        expect(l.misses).toBeNull();
        continue;
      }
      expect(l.misses).toEqual(w.processMisses(caches.pid, l.name));
      const lw = w.processLevel(caches.pid, l.name);
      const m = l.misses!;
      expect(m.compulsory + m.capacity + m.conflict).toBe(lw.accesses - lw.hits);
    }
  }
  if (caches?.kind === "machine") {
    expect(caches.amat).toBe(v.header.amat);
    caches.levels.forEach((l, i) => {
      const lw = w.machineLevel(i)!;
      const m = l.misses;
      if (i < 2) expect(m!.compulsory + m!.capacity + m!.conflict).toBe(lw.accesses - lw.hits);
      else expect(m).toBeNull();
    });
  }
  // A frame of the past equals a fresh run stopped at its tick, rates over the same window.
  if (v.header.mode === "past") {
    const fresh = start(s);
    const from = Math.max(0, k.now - c.windowTicks);
    fresh.advance(from);
    const before = Reading.of(fresh.kernel);
    fresh.advance(k.now - from);
    const again = processRows(fresh.kernel, new RateWindow(before, Reading.of(fresh.kernel)));
    expect(rows).toEqual(again);
  }
}

describe("one tick, one truth", () => {
  for (const s of builtinScenarios()) {
    it(`${s.name}: every frame shows one tick, rates add up, panels agree, the past replays`, () => {
      fc.assert(
        fc.property(keysArb, (keys) => {
          const c = new DashboardController({ store: start(s), color: false });
          c.press("v");
          checkFrame(c, s);
          for (const name of keys) {
            const raw = KEYS[name];
            if (raw === null) c.tickFrame();
            else c.press(raw);
            checkFrame(c, s);
          }
        }),
        { numRuns: 6, seed: 42 },
      );
    });
  }
});
