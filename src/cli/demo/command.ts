// `simtop demo`: lists the scripted demos and renders them to asciicast files (and SVG pictures).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { visible } from "../../sim/visible.js";
import { parseCast } from "../cast.js";
import { UsageError } from "../errors.js";
import { checkOutputs, discardOutputs, finishOutputs, openTargets } from "../outputs.js";
import { packageRoot } from "../packageInfo.js";
import { castScreen } from "../term/castScreen.js";
import { screenToSvg } from "../term/svg.js";
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
  cast: { flag: string; path: string };
  svg?: { flag: string; path: string };
}

/**
 * Renders every job and writes its files. Every output is checked first (an existing file only
 * with --overwrite; never a demo or scenario file being read, nor another output), then all
 * are rendered in memory, then written each beside its place and renamed over it once
 * complete: a refusal or a failure leaves every file as it was.
 */
async function writeDemos(
  jobs: readonly DemoJob[],
  o: { overwrite: boolean; stdoutUse: string | null },
): Promise<{ demo: Demo; bytes: number; frames: number }[]> {
  const outputs = jobs.flatMap((j) => (j.svg ? [j.cast, j.svg] : [j.cast]));
  const inputs = jobs.flatMap((j) =>
    j.demo.files.map((path) => ({ path, what: `a file the demo ${j.demo.name} reads` })),
  );
  const targets = checkOutputs({ outputs, inputs, overwrite: o.overwrite, stdoutUse: o.stdoutUse });
  // Rendering loads Ink; the rest of the command line does not need it.
  const { renderDemo } = await import("./render.js");
  const rendered = jobs.map((j) => {
    let text = "";
    const r = renderDemo(j.demo, (line) => {
      text += line;
    });
    // The picture is drawn from the cast as written, so it shows what a player would.
    const svg = j.svg
      ? screenToSvg(castScreen(parseCast(text)), undefined, j.demo.title)
      : undefined;
    return { text, svg, frames: r.frames };
  });
  const files = openTargets(targets, "atomic");
  try {
    let k = 0;
    for (const r of rendered) {
      files[k++].write(r.text);
      if (r.svg !== undefined) files[k++].write(r.svg);
    }
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
      "render a scripted demo (a scenario plus timed keys) to an asciicast file, no terminal needed",
    )
    .argument("[name]", "a demo in demos/ (simtop demo lists them) or a demo .yaml file")
    .option("--cast <file.cast>", "where to write the asciicast v2 recording")
    .option("--svg <file.svg>", "also draw the final screen as an SVG picture")
    .option("--all", "render every demo in demos/ to demos/<name>.cast and demos/<name>.svg")
    .option("--overwrite", "replace existing output files (else refused)")
    .addHelpText(
      "after",
      "\nExamples:\n  simtop demo\n  simtop demo fork-tree --cast tree.cast && asciinema play tree.cast\n  simtop demo --all --overwrite   # what npm run demos does",
    )
    .action(
      async (
        name: string | undefined,
        opts: { cast?: string; svg?: string; all?: boolean; overwrite?: boolean },
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
          const done = await writeDemos(jobs, { overwrite, stdoutUse: "the list of demos" });
          for (const r of done)
            process.stdout.write(
              `${visible(r.demo.name)}: ${r.frames} frames, ${(r.bytes / 1024).toFixed(1)} KiB\n`,
            );
          return;
        }
        if (name === undefined) {
          if (opts.cast !== undefined || opts.svg !== undefined || opts.overwrite)
            throw new UsageError("demo: --cast, --svg and --overwrite need a demo's name");
          const demos = demoFiles().map((f) => loadDemo(f));
          const w = Math.max(0, ...demos.map((d) => visible(d.name).length));
          for (const d of demos)
            process.stdout.write(`${visible(d.name).padEnd(w)}  ${visible(d.title)}\n`);
          return;
        }
        if (opts.cast === undefined)
          throw new UsageError("demo: --cast <file.cast> is required (where to write it)");
        await writeDemos(
          [
            {
              demo: findDemo(name),
              cast: { flag: "--cast", path: opts.cast },
              ...(opts.svg !== undefined ? { svg: { flag: "--svg", path: opts.svg } } : {}),
            },
          ],
          { overwrite, stdoutUse: null },
        );
      },
    );
}
