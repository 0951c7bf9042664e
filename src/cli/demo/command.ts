// `simtop demo`: lists the scripted demos and renders them to asciicast files (and SVG pictures).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { visible } from "../../sim/visible.js";
import { parseCast } from "../cast.js";
import { UsageError } from "../errors.js";
import {
  checkOutputs,
  discardOutputs,
  finishOutputs,
  type OutputRequest,
  openTargets,
} from "../outputs.js";
import { packageRoot } from "../packageInfo.js";
import { progressBarText, progressLine } from "../progress.js";
import { castScreen } from "../term/castScreen.js";
import { screenToSvg } from "../term/svg.js";
import { demoPage, playerAssets } from "./page.js";
import { type Demo, loadDemo } from "./script.js";

/** The demos/ folder of the source tree (demo scripts are not part of the installed package). */
function demosDir(): string {
  const root = packageRoot();
  if (root === null)
    throw new UsageError("demo: cannot find simtop's folder (demos ship with its source)");
  return join(root, "demos");
}

function demoFiles(): string[] {
  try {
    return readdirSync(demosDir())
      .filter((f) => f.endsWith(".yaml"))
      .sort()
      .map((f) => join(demosDir(), f));
  } catch {
    return [];
  }
}

/** A demo by name (demos/<name>.yaml) or by path. */
export function findDemo(ref: string): Demo {
  if (/[./\\]/.test(ref)) return loadDemo(ref);
  const file = demoFiles().find((f) => f.endsWith(`/${ref}.yaml`) || f.endsWith(`\\${ref}.yaml`));
  if (!file) {
    const names = demoFiles().map((f) => f.replace(/^.*[/\\]/, "").replace(/\.yaml$/, ""));
    throw new UsageError(
      `demo: no demo ${JSON.stringify(ref)} (demos: ${names.join(", ") || "none found"})`,
    );
  }
  return loadDemo(file);
}

/** A demo to render and the files to write it to, each with the option that named it. */
interface DemoJob {
  demo: Demo;
  cast?: OutputRequest;
  svg?: OutputRequest;
}

/**
 * Renders every job and writes its files, and `page` (a web page playing every job's cast) if
 * asked. Every output is checked first (an existing file only with --overwrite; never a demo
 * or scenario file being read, nor another output), then all are rendered in memory, then
 * written each beside its place and renamed over it once complete: a refusal or a failure
 * leaves every file as it was. While rendering, a progress line on stderr if it is a terminal.
 */
async function writeDemos(
  jobs: readonly DemoJob[],
  o: { overwrite: boolean; stdoutUse: string | null; page?: { title: string } & OutputRequest },
): Promise<{ demo: Demo; bytes: number; frames: number }[]> {
  const outputs = jobs.flatMap((j) => [j.cast, j.svg].filter((t) => t !== undefined));
  if (o.page !== undefined) outputs.push(o.page);
  const inputs = jobs.flatMap((j) =>
    j.demo.files.map((path) => ({ path, what: `a file the demo ${j.demo.name} reads` })),
  );
  const targets = checkOutputs({ outputs, inputs, overwrite: o.overwrite, stdoutUse: o.stdoutUse });
  // The player is read before the long rendering, so a broken install fails at once.
  const player = o.page !== undefined ? playerAssets() : null;
  // Rendering loads Ink; the rest of the command line does not need it.
  const { renderDemo } = await import("./render.js");
  const line = progressLine(process.stderr);
  const render = (j: DemoJob, n: number) => {
    let text = "";
    const count = jobs.length > 1 ? `  (${n + 1}/${jobs.length})` : "";
    const r = renderDemo(
      j.demo,
      (l) => {
        text += l;
      },
      (frame, frames) =>
        line?.update(() => `demo ${j.demo.name}  ${progressBarText(frame, frames)}${count}`),
    );
    // The picture is drawn from the cast as written, so it shows what a player would.
    const svg = j.svg
      ? screenToSvg(castScreen(parseCast(text)), undefined, j.demo.title)
      : undefined;
    return { text, svg, frames: r.frames };
  };
  let rendered: ReturnType<typeof render>[];
  try {
    rendered = jobs.map(render);
  } finally {
    line?.clear();
  }
  const contents = jobs.flatMap((j, i) => [
    ...(j.cast ? [rendered[i].text] : []),
    ...(j.svg ? [rendered[i].svg as string] : []),
  ]);
  if (o.page !== undefined && player !== null) {
    const demos = jobs.map((j, i) => ({
      title: j.demo.title,
      description: j.demo.description,
      cast: rendered[i].text,
    }));
    contents.push(demoPage(o.page.title, demos, player));
  }
  const files = openTargets(targets, "atomic");
  try {
    for (const [k, c] of contents.entries()) files[k].write(c);
    finishOutputs(files);
  } catch (e) {
    discardOutputs(files);
    throw e;
  }
  return jobs.map((j, i) => ({
    demo: j.demo,
    bytes: Buffer.byteLength(rendered[i].text),
    frames: rendered[i].frames,
  }));
}

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description(
      "render a scripted demo (a scenario plus timed keys) to an asciicast file or a web page, no terminal needed",
    )
    .argument("[name]", "a demo in demos/ (simtop demo lists them) or a demo .yaml file")
    .option("--cast <file.cast>", "where to write the asciicast v2 recording")
    .option("--svg <file.svg>", "also draw the final screen as an SVG picture")
    .option(
      "--html <file.html>",
      "a web page that plays the demo (with --all: every demo) with asciinema's player, offline",
    )
    .option(
      "--all",
      "render every demo in demos/ to demos/<name>.cast and demos/<name>.svg (--html: one page of all)",
    )
    .option("--overwrite", "replace existing output files (else refused)")
    .addHelpText(
      "after",
      "\nExamples:\n  simtop demo\n  simtop demo fork-tree --cast tree.cast && asciinema play tree.cast\n  simtop demo fork-tree --html tree.html   # open it in a browser\n  simtop demo --all --html demos/index.html --overwrite   # what npm run demos does",
    )
    .action(
      async (
        name: string | undefined,
        opts: { cast?: string; svg?: string; html?: string; all?: boolean; overwrite?: boolean },
      ) => {
        const overwrite = opts.overwrite ?? false;
        if (opts.all) {
          if (name !== undefined || opts.cast !== undefined || opts.svg !== undefined)
            throw new UsageError("demo: --all takes no name, --cast or --svg");
          const files = demoFiles();
          if (files.length === 0) throw new UsageError(`demo: no demos in ${demosDir()}`);
          const jobs = files.map((f) => {
            const base = f.replace(/\.yaml$/, "");
            return {
              demo: loadDemo(f),
              cast: { flag: "demo --all", path: `${base}.cast` },
              svg: { flag: "demo --all", path: `${base}.svg` },
            };
          });
          const page =
            opts.html !== undefined
              ? { flag: "--html", path: opts.html, title: "simtop demos" }
              : undefined;
          const done = await writeDemos(jobs, {
            overwrite,
            stdoutUse: "the list of demos",
            ...(page ? { page } : {}),
          });
          for (const r of done)
            process.stdout.write(
              `${visible(r.demo.name)}: ${r.frames} frames, ${(r.bytes / 1024).toFixed(1)} KiB\n`,
            );
          return;
        }
        if (name === undefined) {
          if (
            opts.cast !== undefined ||
            opts.svg !== undefined ||
            opts.html !== undefined ||
            opts.overwrite
          )
            throw new UsageError("demo: --cast, --svg, --html and --overwrite need a demo's name");
          const demos = demoFiles().map((f) => loadDemo(f));
          const w = Math.max(0, ...demos.map((d) => visible(d.name).length));
          for (const d of demos)
            process.stdout.write(`${visible(d.name).padEnd(w)}  ${visible(d.title)}\n`);
          return;
        }
        if (opts.cast === undefined && opts.html === undefined)
          throw new UsageError(
            "demo: --cast <file.cast> or --html <file.html> is required (where to write it)",
          );
        const demo = findDemo(name);
        await writeDemos(
          [
            {
              demo,
              ...(opts.cast !== undefined ? { cast: { flag: "--cast", path: opts.cast } } : {}),
              ...(opts.svg !== undefined ? { svg: { flag: "--svg", path: opts.svg } } : {}),
            },
          ],
          {
            overwrite,
            stdoutUse: null,
            ...(opts.html !== undefined
              ? { page: { flag: "--html", path: opts.html, title: demo.title } }
              : {}),
          },
        );
      },
    );
}
