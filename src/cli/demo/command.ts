// `simtop demo`: lists the scripted demos and renders them to asciicast files (and SVG pictures).
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { parseCast } from "../cast.js";
import { UsageError } from "../errors.js";
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

/** Renders `demo` to a cast file, and its final screen to an SVG picture if asked. */
export async function writeDemo(
  demo: Demo,
  castPath: string,
  svgPath?: string,
): Promise<{ bytes: number; frames: number }> {
  // Rendering loads Ink; the rest of the command line does not need it.
  const { renderDemo } = await import("./render.js");
  let text = "";
  const r = renderDemo(demo, (line) => {
    text += line;
  });
  try {
    writeFileSync(castPath, text);
    // The picture is drawn from the cast as written, so it shows what a player would.
    if (svgPath !== undefined)
      writeFileSync(svgPath, screenToSvg(castScreen(parseCast(text)), undefined, demo.title));
  } catch (e) {
    throw new UsageError(
      `demo: cannot write ${castPath}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    );
  }
  return { bytes: Buffer.byteLength(text), frames: r.frames };
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
    .addHelpText(
      "after",
      "\nExamples:\n  simtop demo\n  simtop demo fork-tree --cast tree.cast && asciinema play tree.cast\n  simtop demo --all   # what npm run demos does",
    )
    .action(
      async (name: string | undefined, opts: { cast?: string; svg?: string; all?: boolean }) => {
        if (opts.all) {
          if (name !== undefined || opts.cast !== undefined || opts.svg !== undefined)
            throw new UsageError("demo: --all takes no name, --cast or --svg");
          const files = demoFiles();
          if (files.length === 0) throw new UsageError(`demo: no demos in ${demosDir()}`);
          for (const f of files) {
            const demo = loadDemo(f);
            const base = f.replace(/\.yaml$/, "");
            const r = await writeDemo(demo, `${base}.cast`, `${base}.svg`);
            process.stdout.write(
              `${demo.name}: ${r.frames} frames, ${(r.bytes / 1024).toFixed(1)} KiB\n`,
            );
          }
          return;
        }
        if (name === undefined) {
          const demos = demoFiles().map((f) => loadDemo(f));
          const w = Math.max(0, ...demos.map((d) => d.name.length));
          for (const d of demos) process.stdout.write(`${d.name.padEnd(w)}  ${d.title}\n`);
          return;
        }
        if (opts.cast === undefined)
          throw new UsageError("demo: --cast <file.cast> is required (where to write it)");
        await writeDemo(findDemo(name), opts.cast, opts.svg);
      },
    );
}
