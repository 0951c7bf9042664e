// What the live dashboard costs in a terminal (CPU, bytes, memory, first frame), beside htop, and
// what a 60 s recording of it weighs.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface DashboardBenchOptions {
  /** Length of each run in seconds (default 20). */
  seconds?: number;
  /** Seconds at the start left out of the steady-state figures (default 5). */
  warmup?: number;
  /** Length of the `--record` run in seconds (default 60); 0 skips it. */
  castSeconds?: number;
}

/** Figures of one program in the pseudo-terminal. */
export interface TtyFigures {
  bytesPerSecond: number;
  /** Refreshes seen in the steady window: bursts of output separated by quiet gaps. */
  refreshes: number;
  refreshesPerSecond: number;
  bytesPerRefresh: number;
  /** CPU seconds per minute of wall time over the steady window (60 = one core, fully). */
  cpuSecondsPerMinute: number;
  cpuPercent: number;
  /** The same over the whole run, start-up included. */
  cpuSecondsPerMinuteTotal: number;
  cpuPercentTotal: number;
  peakRssMiB: number;
  /** Milliseconds from exec to the first byte of output. */
  firstByteMs: number;
  /** Milliseconds from exec to the end of the first burst of more than FULL_FRAME_BYTES. */
  firstFrameMs: number;
}

interface MeasureOptions {
  seconds: number;
  warmup: number;
  columns: number;
  rows: number;
}

/** Output chunks further apart than this start a new refresh (frames come 100 ms apart at 10/s). */
const GAP_MS = 30;
/**
 * A burst of output with more bytes than this paints a screen. simtop first writes a terminal
 * set-up sequence alone (alternate screen, clear, cursor off: 21 bytes) and its first frame tens
 * of milliseconds later; a 120×40 first frame is several KB, htop's too.
 */
const FULL_FRAME_BYTES = 1024;
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

/** The last few lines of raw terminal output, control sequences removed, for error messages. */
function tail(raw: string): string {
  const text = readFileSync(raw, "utf8")
    .replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]/g, "")
    .replace(/\r/g, "");
  return text.trim().split("\n").slice(-3).join(" / ").slice(0, 300);
}

/**
 * Runs `argv` in a private tmux server's pane of the given size: the pane waits on a FIFO
 * until pipe-pane records it, so no byte is missed and the pane's pid is the program's
 * (sh execs env, which execs the program, with CI unset: Ink behaves differently when CI is set).
 * Output growth is polled every few milliseconds; CPU and peak RSS come from /proc. After the
 * run, `quit` is typed and the program gets a few seconds to exit (a recording is then complete).
 */
async function measure(
  argv: readonly string[],
  quit: string | null,
  o: MeasureOptions,
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
      if (t - lastProc >= 250) {
        lastProc = t;
        try {
          peak = Math.max(peak, peakRssKiB(pid));
          const ticks = cpuTicks(pid);
          if (cpuAtWarmup < 0 && t >= o.warmup * 1000) {
            cpuAtWarmup = ticks;
            tWarm = t;
          }
          cpuAtEnd = ticks;
          tEnd = t;
        } catch {
          await sleep(200); // let the last output reach the file
          throw new Error(
            `${argv.slice(1).join(" ") || argv[0]} exited after ${(t / 1000).toFixed(1)} s: ${tail(raw)}`,
          );
        }
      }
    }
    if (quit !== null) {
      tmux("send-keys", "-t", "b", quit);
      for (let i = 0; i < 100 && existsSync(`/proc/${pid}`); i++) await sleep(50);
    }
    const steady = growth.filter((g) => g.t >= tWarm && g.t <= tEnd);
    const before = [...growth].reverse().find((g) => g.t < tWarm)?.size ?? 0;
    const bytes = (steady.at(-1)?.size ?? before) - before;
    let refreshes = 0;
    let last = Number.NEGATIVE_INFINITY;
    for (const g of steady) {
      if (g.t - last > GAP_MS) refreshes++;
      last = g.t;
    }
    // First frame: the end of the first burst (samples at most GAP_MS apart) of more than
    // FULL_FRAME_BYTES, so a short set-up sequence written on its own does not count.
    const firstByte = growth[0]?.t ?? Number.NaN;
    let firstFrame = Number.NaN;
    let burstStart = 0;
    for (let i = 0; i < growth.length; i++) {
      const g = growth[i];
      if (i > 0 && g.t - growth[i - 1].t > GAP_MS) burstStart = growth[i - 1].size;
      const endsBurst = i + 1 === growth.length || growth[i + 1].t - g.t > GAP_MS;
      if (endsBurst && g.size - burstStart > FULL_FRAME_BYTES) {
        firstFrame = g.t;
        break;
      }
    }
    if (process.env.SIMTOP_BENCH_TRACE) {
      // The first bursts (start ms, end ms, bytes), to check what counts as the first frame.
      const bursts: string[] = [];
      let start = 0;
      for (let i = 0; i < growth.length && bursts.length < 8; i++) {
        if (i > 0 && growth[i].t - growth[i - 1].t <= GAP_MS) continue;
        let j = i;
        while (j + 1 < growth.length && growth[j + 1].t - growth[j].t <= GAP_MS) j++;
        bursts.push(
          `${Math.round(growth[i].t)}-${Math.round(growth[j].t)} ms ${growth[j].size - start} B`,
        );
        start = growth[j].size;
      }
      process.stderr.write(
        `\n${argv.at(-1)} ${o.columns}x${o.rows} bursts: ${bursts.join(", ")}\n`,
      );
    }
    const window = (tEnd - tWarm) / 1000;
    const cpuSteady = (cpuAtEnd - cpuAtWarmup) / CLK_TCK;
    const cpuTotal = cpuAtEnd / CLK_TCK / (tEnd / 1000);
    return {
      bytesPerSecond: Math.round(bytes / window),
      refreshes,
      refreshesPerSecond: round2(refreshes / window),
      bytesPerRefresh: refreshes > 0 ? Math.round(bytes / refreshes) : 0,
      cpuSecondsPerMinute: round2((cpuSteady / window) * 60),
      cpuPercent: round2((cpuSteady / window) * 100),
      cpuSecondsPerMinuteTotal: round2(cpuTotal * 60),
      cpuPercentTotal: round2(cpuTotal * 100),
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

/** A scenario of about 1,000 long-lived processes on the default machine (2 pipelined cores). */
const THOUSAND_YAML = `name: thousand
description: 1,000 long-lived processes (plus init) on 2 pipelined cores
machine:
  cores: 2
  cpu: pipeline
  memory: 64MiB
  maxProcesses: 2048
processes:
  - program: sleeper
    count: 400
  - program: cpu-bound
    count: 300
  - program: io-bound
    count: 300
`;

/** Tasks in a scenario, from one batch snapshot (`Tasks: N total`), to check the file loads. */
function taskCount(bin: string, scenario: string): number {
  const env = { ...process.env };
  delete env.CI;
  const r = spawnSync(
    process.execPath,
    [bin, "--no-config", "-s", scenario, "--batch", "-n", "1", "-d", "100"],
    {
      encoding: "utf8",
      env,
    },
  );
  const m = /Tasks:\s+(\d+) total/.exec(r.stdout ?? "");
  if (!m) throw new Error(`simtop -s ${scenario}: ${(r.stderr || r.stdout).trim().slice(0, 300)}`);
  return Number(m[1]);
}

interface Run {
  key: string;
  title: string;
  /** Which htop run is the reference: the one in a terminal of the same size. */
  htop: string;
  figures: TtyFigures | Error | null;
}

type Verdict = "✓" | "✗" | "";

const fmt = (v: number, digits = 0): string =>
  Number.isFinite(v)
    ? v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : "n/a";

/** Aligned markdown: numbers right, text left. */
function markdownTable(head: string[], rows: string[][], right: boolean[]): string {
  const width = (s: string) => [...s].length;
  const w = head.map((h, i) => Math.max(width(h), 3, ...rows.map((r) => width(r[i] ?? ""))));
  const pad = (s: string, i: number) =>
    right[i] ? " ".repeat(w[i] - width(s)) + s : s + " ".repeat(w[i] - width(s));
  const line = (cells: string[]) => `| ${cells.map((c, i) => pad(c, i)).join(" | ")} |`;
  const rule = `| ${w.map((n, i) => (right[i] ? `${"-".repeat(n - 1)}:` : "-".repeat(n))).join(" | ")} |`;
  return [line(head), rule, ...rows.map(line)].join("\n");
}

/**
 * The dashboard (`bin/simtop.js`, 10 frames/s) and htop at 10 refreshes/s (`htop -d 1`), each
 * alone in a private tmux pane for the same time, one after the other: 120×40 and 200×60 on the
 * default scenario, the least Ink program (the floor any Ink dashboard starts from), then simtop
 * alone with 1,000 processes and with 16 cores (120×40), and a
 * 60 s `--record` of the default scenario. Needs a build (`npx tsc -p tsconfig.build.json` and
 * dist/bundle) and tmux; htop is skipped if missing.
 */
export async function benchDashboard(
  opts: DashboardBenchOptions = {},
): Promise<{ figures: Record<string, number | string>; markdown: string }> {
  const m = { seconds: opts.seconds ?? 20, warmup: opts.warmup ?? 5 };
  const castSeconds = opts.castSeconds ?? 60;
  if (!hasCommand("tmux")) throw new Error("benchDashboard needs tmux");
  const here = dirname(fileURLToPath(import.meta.url));
  // dist/bench/dashboard.js and bench/dashboard.ts both sit two levels below the repository.
  const bin = resolve(here, "..", "..", "bin", "simtop.js");
  const root = existsSync(bin) ? bin : resolve(here, "..", "bin", "simtop.js");
  const floor = resolve(dirname(root), "..", "dist", "bundle", "inkFloor.js");
  const withHtop = hasCommand("htop");
  if (!withHtop) process.stderr.write("htop not installed: its column is skipped ... ");
  const work = mkdtempSync(join(tmpdir(), "simtop-bench-files-"));
  const figures: Record<string, number | string> = {
    seconds: m.seconds,
    warmupSeconds: m.warmup,
    simtop: `${process.execPath} ${root}`,
    htop: withHtop ? "htop -d 1" : "not installed: skipped",
  };
  const runs = new Map<string, Run>();
  const attempt = async (
    key: string,
    title: string,
    htop: string,
    argv: string[],
    size: [number, number],
    seconds = m.seconds,
  ): Promise<void> => {
    let f: TtyFigures | Error;
    try {
      f = await measure(argv, "q", { ...m, seconds, columns: size[0], rows: size[1] });
      for (const [k, v] of Object.entries(f)) figures[`${key}.${k}`] = v;
    } catch (e) {
      f = e instanceof Error ? e : new Error(String(e));
      figures[`${key}.failed`] = f.message;
    }
    runs.set(key, { key, title, htop, figures: f });
  };
  // The built-in settings, whatever the machine's own config file holds (its fps, its theme).
  const simtop = [process.execPath, root, "--no-config"];
  let castBytes = Number.NaN;
  try {
    await attempt("simtop120x40", "120×40, default scenario", "htop120x40", simtop, [120, 40]);
    if (withHtop) await attempt("htop120x40", "htop 120×40", "", ["htop", "-d", "1"], [120, 40]);
    await attempt(
      "inkFloor120x40",
      "120×40, the least Ink program (a screen of text, one counter)",
      "htop120x40",
      [process.execPath, floor],
      [120, 40],
    );
    await attempt("simtop200x60", "200×60, default scenario", "htop200x60", simtop, [200, 60]);
    if (withHtop) await attempt("htop200x60", "htop 200×60", "", ["htop", "-d", "1"], [200, 60]);
    const scenario = join(work, "thousand.yaml");
    writeFileSync(scenario, THOUSAND_YAML);
    let tasks = Number.NaN;
    try {
      tasks = taskCount(root, scenario);
      figures.thousandProcesses = tasks;
    } catch (e) {
      figures.thousandProcesses = e instanceof Error ? e.message : String(e);
    }
    await attempt(
      "simtop1000",
      `120×40, ${Number.isNaN(tasks) ? "1,000" : fmt(tasks)} processes (sleeper/cpu-bound/io-bound)`,
      "htop120x40",
      [...simtop, "-s", scenario],
      [120, 40],
    );
    await attempt(
      "simtop16cores",
      "120×40, default scenario, --cpus 16",
      "htop120x40",
      [...simtop, "--cpus", "16"],
      [120, 40],
    );
    if (castSeconds > 0) {
      const cast = join(work, "x.cast");
      await attempt(
        "simtopRecord",
        `120×40, default scenario, --record, ${castSeconds} s`,
        "htop120x40",
        [...simtop, "--record", cast],
        [120, 40],
        castSeconds,
      );
      castBytes = existsSync(cast) ? statSync(cast).size : Number.NaN;
      figures.castSeconds = castSeconds;
      figures.castBytes = Number.isNaN(castBytes) ? "no file" : castBytes;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { figures, markdown: report(runs, withHtop, m, castSeconds, castBytes) };
}

/** One table: a row per run and figure, simtop beside the htop run in a terminal of its size. */
function report(
  runs: Map<string, Run>,
  withHtop: boolean,
  m: { seconds: number; warmup: number },
  castSeconds: number,
  castBytes: number,
): string {
  const rows: string[][] = [];
  for (const run of runs.values()) {
    if (run.key.startsWith("htop")) continue;
    const ref = runs.get(run.htop)?.figures;
    const h = ref instanceof Error ? ref : (ref ?? null);
    const s = run.figures;
    const htopText = !withHtop ? "htop not installed" : h instanceof Error ? "failed" : "";
    if (s instanceof Error || s === null) {
      rows.push([run.title, "failed", s?.message ?? "", htopText, "", "", ""]);
      continue;
    }
    const hf = h instanceof Error ? null : h;
    const add = (
      figure: string,
      get: (f: TtyFigures) => number,
      show: (v: number, f: TtyFigures) => string,
      ratio: boolean,
      target: string,
      ok: ((v: number, r: number) => boolean) | null,
    ) => {
      const v = get(s);
      const hv = hf ? get(hf) : Number.NaN;
      const r = v / hv;
      let verdict: Verdict = "";
      if (ok) verdict = ok(v, r) ? "✓" : "✗";
      rows.push([
        run.title,
        figure,
        show(v, s),
        hf ? show(hv, hf) : htopText,
        ratio && hf && Number.isFinite(r) ? `${fmt(r, 2)}×` : "",
        target,
        verdict,
      ]);
    };
    const cpuOk = (v: number, r: number) => v < 5 && (!withHtop || !(r > 3));
    const cpuTarget = withHtop ? "≤ 3× htop and < 5 %" : "< 5 % (htop skipped)";
    add(
      "CPU, steady state, % of a core",
      (f) => f.cpuPercent,
      (v, f) => `${fmt(v, 2)} % (${fmt(f.cpuSecondsPerMinute, 2)} s/min)`,
      true,
      cpuTarget,
      cpuOk,
    );
    add(
      "CPU, whole run incl. start-up, % of a core",
      (f) => f.cpuPercentTotal,
      (v) => `${fmt(v, 2)} %`,
      true,
      "",
      null,
    );
    add(
      "bytes per frame (per refresh burst)",
      (f) => f.bytesPerRefresh,
      (v) => fmt(v),
      true,
      withHtop ? "≤ 2× htop" : "(htop skipped)",
      withHtop && hf ? (_v, r) => r <= 2 : null,
    );
    add(
      "bytes per second",
      (f) => f.bytesPerSecond,
      (v) => fmt(v),
      true,
      "",
      null,
    );
    add(
      "refresh bursts per second",
      (f) => f.refreshesPerSecond,
      (v) => fmt(v, 1),
      false,
      "",
      null,
    );
    add(
      "peak RSS, MiB",
      (f) => f.peakRssMiB,
      (v) => fmt(v, 1),
      false,
      "< 80 MiB",
      (v) => v < 80,
    );
    add(
      "first byte, ms from exec",
      (f) => f.firstByteMs,
      (v) => fmt(v),
      false,
      "",
      null,
    );
    add(
      "first full frame, ms from exec",
      (f) => f.firstFrameMs,
      (v) => fmt(v),
      false,
      "< 150 ms",
      (v) => v < 150,
    );
  }
  if (castSeconds > 0)
    rows.push([
      `120×40, default scenario, --record, ${castSeconds} s`,
      `asciicast size (${castSeconds} s)`,
      Number.isNaN(castBytes)
        ? "no file"
        : `${fmt(castBytes / 1000, 1)} KB (${fmt(castBytes / 1024, 1)} KiB)`,
      "",
      "",
      "< 300 KB",
      Number.isNaN(castBytes) ? "✗" : castBytes < 300_000 ? "✓" : "✗",
    ]);
  const table = markdownTable(
    ["run", "figure", "simtop", withHtop ? "htop -d 1" : "htop", "simtop/htop", "target", ""],
    rows,
    [false, false, true, true, true, false, false],
  );
  const notes = [
    `Each run: the real bin/simtop.js (${process.execPath}, CI unset, TERM=tmux-256color, 10 fps)`,
    `alone in a private tmux pane for ${m.seconds} s, steady state after the first ${m.warmup} s;`,
    "htop at `htop -d 1` (10 refreshes/s) measured the same way in a pane of the same size; the",
    "1,000-process, 16-core and --record runs are compared with htop at 120×40, and so is the least",
    "Ink program (bench/inkFloor.tsx, bundled like simtop): the floor of runtime, React, Ink and Yoga",
    "that any Ink dashboard starts from. CPU is utime+stime",
    "from /proc (100 % = one core); peak RSS is VmHWM. A frame is a refresh burst: output chunks",
    `less than ${GAP_MS} ms apart. First full frame: ms from exec to the end of the first burst of`,
    `more than ${FULL_FRAME_BYTES} bytes (simtop's 21-byte alternate-screen set-up, written alone`,
    `before the first frame, does not count); times are polled every ${POLL_MS} ms. KB = 1000 bytes.`,
  ];
  return `${table}\n\n${notes.join("\n")}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const seconds = Number(process.argv[2] ?? 20);
  const castSeconds = Number(process.argv[3] ?? 60);
  const { figures, markdown } = await benchDashboard({ seconds, castSeconds });
  for (const [k, v] of Object.entries(figures)) process.stdout.write(`${k.padEnd(40)} ${v}\n`);
  process.stdout.write(`\n${markdown}\n`);
}
