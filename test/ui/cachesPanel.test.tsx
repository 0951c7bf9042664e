// The caches panel per process: L1I and L1D apart, misses by cause and AMAT, the rate window's figures, drawn with Ink.
import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import { DashboardController } from "../../src/ui/controller.js";
import { compact } from "../../src/ui/format.js";
import { Caches } from "../../src/ui/panels/Caches.js";
import { createTheme } from "../../src/ui/theme.js";
import { pidOf, plain, storeWith } from "./helpers.js";

const mono = createTheme(false);

describe("caches panel for the selected process", () => {
  it("shows its AMAT and each L1's window misses as compulsory/capacity/conflict, as the rate window has them", () => {
    const store = storeWith(["row-scan", "col-scan"]);
    const c = new DashboardController({ store, color: false });
    c.tickFrame();
    c.select(pidOf(store, "col-scan"));
    c.press("v");
    for (let i = 0; i < 100; i++) c.tickFrame();
    const view = c.view(120, 40);
    const m = view.caches!;
    expect(m.kind).toBe("process");
    if (m.kind !== "process") return;
    const w = c.rates;
    expect(m.amat).toBe(w.processAmat(m.pid));
    const l1d = m.levels.find((l) => l.name === "L1D")!;
    const split = w.processMisses(m.pid, "L1D");
    expect(l1d.misses).toEqual(split);
    // Column-major: nearly every miss is a conflict one.
    expect(split.conflict).toBeGreaterThan(split.compulsory);
    const r = render(<Caches model={m} width={72} height={7} theme={mono} />);
    const s = plain(r.lastFrame() ?? "");
    r.unmount();
    expect(s).toContain(`pid ${m.pid} col-scan · AMAT ${m.amat.toFixed(2)} cycles · v: machine`);
    expect(s).toContain("3C cmp/cap/cnf");
    const text = `${compact(split.compulsory)}/${compact(split.capacity)}/${compact(split.conflict)}`;
    expect(s.split("\n").find((l) => l.startsWith("L1D"))).toContain(` ${text} `);
    // L1I and L1D are separate rows; L2 and below have no split.
    expect(s).toMatch(/^L1I .*\d+\/\d+\/\d+/m);
    expect(s.split("\n").find((l) => l.startsWith("L2"))).not.toMatch(/\d+\/\d+\/\d+/);
  });
});
