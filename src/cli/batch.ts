// Batch mode (like `top -b`): text snapshots of the header and process table on stdout.
import { headerView, processRows, RateSampler, type HeaderView, type ProcessRow } from "../sim/view.js";
import type { Store } from "../sim/store.js";

function pad(s: string | number, w: number, left = false): string {
  const t = String(s);
  return left ? t.padEnd(w) : t.padStart(w);
}

export function formatHeader(h: HeaderView): string {
  const c = h.counts;
  const cores = h.cores.map((x, i) => `cpu${i} ${(x.utilisation * 100).toFixed(1)}%`).join("  ");
  return [
    `simtop - tick ${h.tick}  policy ${h.policy} (quantum ${h.quantum})  load average: ${h.load.map((l) => l.toFixed(2)).join(", ")}`,
    `Tasks: ${h.total} total, ${c.running} running, ${c.ready} ready, ${c.blocked} blocked, ${c.stopped} stopped, ${c.zombie} zombie, ${c.new} new`,
    `${cores}  IPC ${h.ipc.toFixed(2)}`,
    `Mem: ${h.framesUsed * 4} KiB used of ${h.framesTotal * 4} KiB (${h.framesUsed}/${h.framesTotal} frames)`,
  ].join("\n");
}

export function formatRows(rows: ProcessRow[]): string {
  const head = `${pad("PID", 6)} ${pad("PPID", 6)} ${pad("NAME", 15, true)} S ${pad("STATE", 13, true)} ${pad("PRI", 3)} ${pad("NI", 3)} ${pad("%CPU", 5)} ${pad("RES", 6)} ${pad("TIME", 9)} ${pad("IPC", 4)} ${pad("L1%", 5)}`;
  const lines = rows.map(
    (r) =>
      `${pad(r.pid, 6)} ${pad(r.ppid, 6)} ${pad(r.name.slice(0, 15), 15, true)} ${r.letter} ${pad(r.stateWord, 13, true)} ${pad(r.priority, 3)} ${pad(r.nice, 3)} ${pad(r.cpuPercent.toFixed(1), 5)} ${pad(`${r.resKiB}K`, 6)} ${pad(r.cpuTicks, 9)} ${pad(r.ipc.toFixed(2), 4)} ${pad(r.l1HitPercent < 0 ? "-" : r.l1HitPercent.toFixed(1), 5)}`,
  );
  return [head, ...lines].join("\n");
}

/** Runs `iterations` snapshots `delay` ticks apart, writing each to `out`. */
export function runBatch(store: Store, iterations: number, delay: number, out: (s: string) => void): void {
  const sampler = new RateSampler();
  sampler.sample(store.kernel);
  for (let i = 0; i < iterations; i++) {
    store.advance(delay);
    sampler.sample(store.kernel);
    const k = store.kernel;
    out(`${formatHeader(headerView(k, sampler))}\n\n${formatRows(processRows(k, sampler))}\n\n`);
  }
}
