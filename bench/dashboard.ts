// What the live dashboard costs in a 120×40 terminal (bytes, CPU, memory, first frame), beside htop.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface DashboardBenchOptions {
  /** Length of the whole run in seconds (default 30). */
  seconds?: number;
  /** Seconds at the start left out of the steady-state figures (default 5). */
  warmup?: number;
  columns?: number;
  rows?: number;
}

/** Figures of one program in the pseudo-terminal. */
export interface TtyFigures {
  bytesPerSecond: number;
  /** Refreshes seen in the steady window: bursts of output separated by quiet gaps. */
  refreshes: number;
  bytesPerRefresh: number;
  /** CPU seconds per minute of wall time over the steady window (60 = one core, fully). */
  cpuSecondsPerMinute: number;
  cpuPercent: number;
  /** CPU seconds per minute over the whole run, start-up included. */
  cpuSecondsPerMinuteTotal: number;
  peakRssMiB: number;
  /** Milliseconds from exec to the first byte, and to the end of the first burst. */
  firstByteMs: number;
  firstFrameMs: number;
}

/** Output chunks further apart than this start a new refresh (frames come 100 ms apart at 10/s). */
const GAP_MS = 30;
const POLL_MS = 5;
const CLK_TCK = 100;

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime, stime, cutime, cstime are fields 14-17 of /proc/<pid>/stat (12-15 after the name).
  return Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
}

function peakRssKiB(pid: number): number {
  const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : 0;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `argv` in a private tmux server's pane of the given size: the pane waits on a FIFO
 * until pipe-pane records it, so no byte is missed and the pane's pid is the program's.
 * Output growth is polled every few milliseconds; CPU and peak RSS come from /proc.
 */
async function measure(
  argv: readonly string[],
  quit: string | null,
  o: Required<DashboardBenchOptions>,
): Promise<TtyFigures> {
  const dir = mkdtempSync(join(tmpdir(), "simtop-bench-"));
  const socket = `simtop-bench-${process.pid}-${Date.now()}`;
  const tmux = (...args: string[]) =>
    execFileSync("tmux", ["-L", socket, "-f", "/dev/null", ...args], { encoding: "utf8" });
  const gate = join(dir, "gate");
  const raw = join(dir, "out.raw");
  writeFileSync(raw, "");
  execFileSync("mkfifo", [gate]);
  try {
    const cmd = `read _ < ${quote(gate)}; exec env -u CI TERM=tmux-256color ${argv.map(quote).join(" ")}`;
    tmux(
      "new-session",
      "-d",
      "-s",
      "b",
      "-x",
      String(o.columns),
      "-y",
      String(o.rows),
      "sh",
      "-c",
      cmd,
    );
    tmux("set-option", "-t", "b", "window-size", "manual");
    tmux("pipe-pane", "-t", "b", `cat >> ${quote(raw)}`);
    const pid = Number(tmux("display-message", "-p", "-t", "b", "#{pane_pid}").trim());
    writeFileSync(gate, "go\n");
    const t0 = performance.now();
    const growth: { t: number; size: number }[] = [];
    let size = 0;
    let peak = 0;
    let cpuAtWarmup = -1;
    let cpuAtEnd = 0;
    let tWarm = 0;
    let tEnd = 0;
    let lastProc = 0;
    while (performance.now() - t0 < o.seconds * 1000) {
      await sleep(POLL_MS);
      const t = performance.now() - t0;
      const s = statSync(raw).size;
      if (s !== size) {
        growth.push({ t, size: s });
        size = s;
      }
      if (t - lastProc >= 250 && existsSync(`/proc/${pid}`)) {
        lastProc = t;
        peak = Math.max(peak, peakRssKiB(pid));
        if (cpuAtWarmup < 0 && t >= o.warmup * 1000) {
          cpuAtWarmup = cpuTicks(pid);
          tWarm = t;
        }
        cpuAtEnd = cpuTicks(pid);
        tEnd = t;
      }
    }
    if (quit !== null) tmux("send-keys", "-t", "b", quit);
    const steady = growth.filter((g) => g.t >= tWarm && g.t <= tEnd);
    const before = [...growth].reverse().find((g) => g.t < tWarm)?.size ?? 0;
    const bytes = (steady.at(-1)?.size ?? before) - before;
    let refreshes = 0;
    let last = Number.NEGATIVE_INFINITY;
    for (const g of steady) {
      if (g.t - last > GAP_MS) refreshes++;
      last = g.t;
    }
    const firstByte = growth[0]?.t ?? Number.NaN;
    let firstFrame = firstByte;
    for (const g of growth) {
      if (g.t - firstFrame > GAP_MS) break;
      firstFrame = g.t;
    }
    const window = (tEnd - tWarm) / 1000;
    const cpuSteady = (cpuAtEnd - cpuAtWarmup) / CLK_TCK;
    return {
      bytesPerSecond: Math.round(bytes / window),
      refreshes,
      bytesPerRefresh: refreshes > 0 ? Math.round(bytes / refreshes) : 0,
      cpuSecondsPerMinute: round2((cpuSteady / window) * 60),
      cpuPercent: round2((cpuSteady / window) * 100),
      cpuSecondsPerMinuteTotal: round2((cpuAtEnd / CLK_TCK / (tEnd / 1000)) * 60),
      peakRssMiB: round2(peak / 1024),
      firstByteMs: Math.round(firstByte),
      firstFrameMs: Math.round(firstFrame),
    };
  } finally {
    spawnSync("tmux", ["-L", socket, "kill-server"]);
    rmSync(dir, { recursive: true, force: true });
  }
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

function hasCommand(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;
}

/**
 * The dashboard (`bin/simtop.js`, default scenario, 10 frames/s) and htop at 10 refreshes/s
 * (`htop -d 1`), each alone in a private tmux pane of the same size for the same time.
 * Needs a build (`npx tsc -p tsconfig.build.json`) and tmux; htop is skipped if missing.
 */
export async function benchDashboard(
  opts: DashboardBenchOptions = {},
): Promise<Record<string, number | string>> {
  const o: Required<DashboardBenchOptions> = {
    seconds: opts.seconds ?? 30,
    warmup: opts.warmup ?? 5,
    columns: opts.columns ?? 120,
    rows: opts.rows ?? 40,
  };
  if (!hasCommand("tmux")) throw new Error("benchDashboard needs tmux");
  const here = dirname(fileURLToPath(import.meta.url));
  // dist/bench/dashboard.js and bench/dashboard.ts both sit two levels below the repository.
  const bin = resolve(here, "..", "..", "bin", "simtop.js");
  const root = existsSync(bin) ? bin : resolve(here, "..", "bin", "simtop.js");
  const out: Record<string, number | string> = {
    terminal: `${o.columns}x${o.rows}`,
    seconds: o.seconds,
    warmupSeconds: o.warmup,
  };
  const simtop = await measure([process.execPath, root], "q", o);
  for (const [k, v] of Object.entries(simtop)) out[`simtop.${k}`] = v;
  if (hasCommand("htop")) {
    const htop = await measure(["htop", "-d", "1"], "q", o);
    for (const [k, v] of Object.entries(htop)) out[`htop.${k}`] = v;
  } else out.htop = "not installed: skipped";
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const seconds = Number(process.argv[2] ?? 30);
  const figures = await benchDashboard({ seconds });
  for (const [k, v] of Object.entries(figures)) process.stdout.write(`${k.padEnd(34)} ${v}\n`);
}
