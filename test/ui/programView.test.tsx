// The program view (o): the source with the line at the process's pc marked, and the last cycles
// of its core drawn as lab pipeline draws the same instruction sequence.
import { afterEach, describe, expect, it } from "vitest";
import { parseListing } from "../../src/cli/lab/mipsListing.js";
import { runPipelineLab } from "../../src/cli/lab/pipelineRun.js";
import { Layout } from "../../src/sim/cpu/isa.js";
import { diagramLines } from "../../src/sim/cpu/pipelineDiagram.js";
import { KEY, type Mounted, mount, pidOf, storeWith } from "./helpers.js";

let app: Mounted | null = null;
afterEach(() => {
  app?.unmount();
  app = null;
});

// A loop of two ALU instructions and a taken branch: steady, no stalls once the caches are warm.
const LOOP = `main:   addi $t0, $zero, 3
loop:   addi $t0, $t0, -1
        xor $t1, $t1, $t0
        bne $t0, $zero, loop
        j main
`;

/** A drawn row: its mnemonic, flushed or not, and its cells as (cycle column, stage text). */
interface DrawnRow {
  op: string;
  flushed: boolean;
  cells: [number, string][];
}

/** Parses the diagram's lines (heading first) into rows; labels end where "1" of the heading starts. */
function parseDiagram(lines: string[]): DrawnRow[] {
  const head = lines[0];
  const w = head.indexOf(" 1 ") + 1;
  const cw = head.indexOf(" 2 ") + 1 - w;
  return lines.slice(1).map((l) => {
    const label = l.slice(0, w).trim().replace(/^\d+ /, "");
    const cells: [number, string][] = [];
    for (const m of l.slice(w).matchAll(/\S+/g)) cells.push([m.index / cw, m[0]]);
    return { op: label.split(" ")[0], flushed: label.endsWith("(flushed)"), cells };
  });
}

/** The first complete iteration addi, xor, bnez and the two fetches it squashes, from the addi's IF. */
function iteration(rows: DrawnRow[]): DrawnRow[] {
  for (let i = 0; i + 4 < rows.length; i++) {
    const block = rows.slice(i, i + 5);
    const ops = block.map((r) => `${r.op}${r.flushed ? "!" : ""}`).join(" ");
    if (!/^addi xor bne \S+! \S+!$/.test(ops)) continue;
    if (block[0].cells[0]?.[1] !== "IF" || block[2].cells.at(-1)?.[1] !== "WB") continue;
    const base = block[0].cells[0][0];
    if (base === 0) continue; // may have started before the window
    return block.map((r) => ({
      op: r.flushed ? "(flushed)" : r.op,
      flushed: r.flushed,
      cells: r.cells.map(([c, s]) => [c - base, s] as [number, string]),
    }));
  }
  throw new Error(`no complete iteration in:\n${rows.map((r) => JSON.stringify(r)).join("\n")}`);
}

describe("program view", () => {
  it("o shows the selected process's source with the line at its pc marked", async () => {
    app = await mount(storeWith(["cpu-bound"]));
    await app.frames(1);
    const pid = pidOf(app.store, "cpu-bound");
    await app.select(pid);
    await app.press("o");
    const screen = app.screen();
    expect(screen).toMatch(new RegExp(`Program of pid ${pid} cpu-bound \\(cpu-bound\\)`));
    // Where the pc is, worked out from the process itself.
    const p = app.store.kernel.procs.get(pid)!;
    const index = (p.pc - Layout.TEXT_BASE) / 4;
    const lineNo = p.program.lines[index];
    const text = p.program.source.split("\n")[lineNo - 1];
    const marked = screen.split("\n").filter((l) => /^\d+ ▶ /.test(l));
    expect(marked).toHaveLength(1);
    // (Its stage in the pipeline, if it is in flight, follows after a ◀.)
    expect(marked[0].replace(/\s+◀ .*$/, "").trimEnd()).toBe(`${lineNo} ▶ ${text}`.trimEnd());
    // The other lines of the loop are shown unmarked.
    expect(screen).toContain("   main:   li $t0, 0");
    // Stepping moves the mark with the pc, and o closes the view.
    await app.press(" ", "s");
    const q = app.store.kernel.procs.get(pid)!;
    const line2 = q.program.lines[(q.pc - Layout.TEXT_BASE) / 4];
    expect(app.screen()).toMatch(new RegExp(`^${line2} ▶ `, "m"));
    await app.press("o");
    expect(app.screen()).not.toMatch(/^\d+ ▶ /m);
    expect(app.screen()).toMatch(/PID.*PPID.*NAME/);
  });

  it("draws the core's last cycles as lab pipeline draws the same instructions", async () => {
    app = await mount(storeWith(["looper"], { programs: [{ name: "looper", source: LOOP }] }));
    await app.frames(2);
    const pid = pidOf(app.store, "looper");
    await app.select(pid);
    await app.press("o");
    const lines = app.screen().split("\n");
    const head = lines.findIndex((l) => l.startsWith("instruction "));
    expect(head).toBeGreaterThan(0);
    const drawn = lines.slice(head).filter((l, i) => i === 0 || /^\d+ /.test(l));
    const parsed = parseDiagram(drawn);
    const live = iteration(parsed);
    // The source marks the stage each instruction is in at the last cycle drawn, as the diagram's
    // last column has it.
    const lastCol = Math.max(...parsed.flatMap((r) => r.cells.map(([c]) => c)));
    const now = parsed.filter((r) => !r.flushed && r.cells.at(-1)?.[0] === lastCol);
    expect(now.length).toBeGreaterThan(2);
    const src = app.screen().split("\n");
    for (const r of now) {
      const stage = r.cells.at(-1)![1];
      const tagged = src.filter((l) => new RegExp(`^\\d+ .*◀ .*\\b${stage}\\b`).test(l));
      expect(
        tagged.map((l) => l.replace(/^\d+ [ ▶] +(\w+:\s+)?/, "").split(" ")[0]),
        stage,
      ).toContain(r.op);
    }

    // The lab runs the loop once through (it needs an end) with the dashboard's settings.
    const lab = runPipelineLab(parseListing(LOOP.replace("j main", "nop")), {
      forwarding: true,
      branch: "ex",
      regs: [],
      mem: [],
    });
    const labRows = lab.rows.map((r) => ({
      label: r.flushed ? `${r.text}  (flushed)` : r.text,
      first: r.entry.first,
      last: r.entry.last,
    }));
    const last = Math.max(...lab.rows.flatMap((r) => r.entry.last));
    const labLines = diagramLines(labRows, 1, last);
    const reference = iteration(parseDiagram(labLines));
    expect(live).toEqual(reference);
    // P&H: one instruction a cycle, each IF ID EX MEM WB, and the two fetches behind the taken
    // branch squashed before they execute.
    expect(reference.map((r) => r.cells.map(([c, s]) => `${c}${s}`).join(" "))).toEqual([
      "0IF 1ID 2EX 3MEM 4WB",
      "1IF 2ID 3EX 4MEM 5WB",
      "2IF 3ID 4EX 5MEM 6WB",
      "3IF 4ID",
      "4IF",
    ]);
  });

  it("Tab chooses another core, and the view shows the rewound tick", async () => {
    app = await mount(storeWith(["cpu-bound", "cpu-bound"]));
    await app.frames(2);
    await app.select(pidOf(app.store, "cpu-bound"));
    await app.press("o");
    expect(app.screen()).toMatch(/cpu\d \(running pid \d+\)/);
    await app.press(KEY.tab);
    expect(app.screen()).toContain("cpu0 (chosen with Tab)");
    await app.press(KEY.tab);
    expect(app.screen()).toContain("cpu1 (chosen with Tab)");
    const now = app.store.kernel.now;
    expect(app.screen()).toContain(`–${now.toLocaleString("en-US")}`);
    await app.press(" ", KEY.left);
    const then = app.controller.kernel.now;
    expect(then).toBeLessThan(now);
    expect(app.screen()).toContain(`–${then.toLocaleString("en-US")}`);
    await app.press(KEY.escape);
    expect(app.screen()).not.toContain("chosen with Tab");
  });
});
