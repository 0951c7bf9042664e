// Runs every benchmark module under bench/ and prints one markdown table with the machine it ran on.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

type Figures = Record<string, number | string>;
/** What a benchmark may return instead of bare figures: its own table, printed after the summary. */
interface Report {
  figures: Figures;
  markdown: string;
}

function isReport(v: unknown): v is Report {
  return (
    typeof v === "object" &&
    v !== null &&
    typeof (v as Report).markdown === "string" &&
    typeof (v as Report).figures === "object"
  );
}

const here = dirname(fileURLToPath(import.meta.url));
/** bench/ sources next to dist/bench/, when the repository is there (dist may hold stale files). */
const sources = join(here, "..", "..", "bench");

/**
 * The compiled benchmark modules: dist/bench/<name>.js for each bench/<name>.ts, kernel first,
 * then by name; only those whose name contains an argument, if any are given.
 */
function benchModules(only: readonly string[]): string[] {
  const compiled = readdirSync(here).filter((f) => f.endsWith(".js") && f !== "run.js");
  const present = existsSync(sources)
    ? compiled.filter((f) => existsSync(join(sources, f.replace(/\.js$/, ".ts"))))
    : compiled;
  return present
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort((a, b) => (a === "kernel.js" ? -1 : b === "kernel.js" ? 1 : a.localeCompare(b)));
}

function format(v: number | string): string {
  if (typeof v === "string") return v;
  return Number.isInteger(v) ? v.toLocaleString("en-US") : String(Math.round(v * 1000) / 1000);
}

function machineRows(): [string, string][] {
  const cpus = os.cpus();
  return [
    ["CPU", `${cpus[0]?.model ?? "unknown"} (${cpus.length} cores)`],
    ["memory", `${Math.round(os.totalmem() / 2 ** 30)} GiB`],
    ["OS", `${os.type()} ${os.release()} ${os.arch()}`],
    ["Node", `${process.version} ${process.execArgv.join(" ")}`.trim()],
    ["date", new Date().toISOString()],
  ];
}

async function main(): Promise<number> {
  // Heap figures need a collection before each reading: rerun with --expose-gc once if missing.
  if (!(globalThis as { gc?: unknown }).gc && process.env.SIMTOP_BENCH_RESPAWNED !== "1") {
    const r = spawnSync(
      process.execPath,
      [
        "--expose-gc",
        ...process.execArgv,
        fileURLToPath(import.meta.url),
        ...process.argv.slice(2),
      ],
      { stdio: "inherit", env: { ...process.env, SIMTOP_BENCH_RESPAWNED: "1" } },
    );
    return r.status ?? 1;
  }
  const rows: [string, string, string][] = [];
  const reports: [string, string][] = [];
  let failed = 0;
  for (const file of benchModules(process.argv.slice(2))) {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) {
      if (!name.startsWith("bench") || typeof fn !== "function") continue;
      const label = name.slice("bench".length).replace(/^./, (c) => c.toLowerCase()) || file;
      process.stderr.write(`running ${name} from bench/${file.replace(/\.js$/, ".ts")} ... `);
      const t0 = performance.now();
      try {
        const result = (await (fn as () => Promise<Figures | Report>)()) ?? {};
        if (isReport(result)) {
          reports.push([label, result.markdown]);
          rows.push([label, "figures", `table "${label}" below`]);
        } else
          for (const [figure, value] of Object.entries(result))
            rows.push([label, figure, format(value)]);
        process.stderr.write(`${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
      } catch (e) {
        failed++;
        rows.push([label, "failed", e instanceof Error ? e.message : String(e)]);
        process.stderr.write("failed\n");
      }
    }
  }
  const out = ["## simtop benchmarks", "", "| machine | |", "|---|---|"];
  for (const [k, v] of machineRows()) out.push(`| ${k} | ${v} |`);
  out.push("", "| benchmark | figure | value |", "|---|---|---:|");
  for (const [b, f, v] of rows) out.push(`| ${b} | ${f} | ${v.replaceAll("|", "\\|")} |`);
  if (rows.length === 0) out.push("| (none) | no benchmark module found | |");
  for (const [label, markdown] of reports) out.push("", `### ${label}`, "", markdown);
  console.log(out.join("\n"));
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
