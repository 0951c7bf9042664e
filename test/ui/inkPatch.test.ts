// The patched dependencies (patches/): Ink's Output draws what the original would; Yoga starts without fetch.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

/** Ink's build folder, and modules in it and in its own tokenizer that its exports do not list. */
const inkBuild = dirname(fileURLToPath(import.meta.resolve("ink")));
const load = (path: string) => import(pathToFileURL(path).href);
interface StyledChar {
  value: string;
  fullWidth: boolean;
  styles: { code: string }[];
}
const { default: Output } = (await load(join(inkBuild, "output.js"))) as {
  default: new (o: {
    width: number;
    height: number;
  }) => {
    write(x: number, y: number, text: string, o: { transformers: unknown[] }): void;
    get(): { output: string };
    caches: { getStyledChars(line: string): StyledChar[] };
  };
};
const { styledCharsFromTokens, styledCharsToString, tokenize } = (await load(
  join(inkBuild, "../../@alcalzone/ansi-tokenize/build/index.js"),
)) as {
  tokenize(s: string): unknown[];
  styledCharsFromTokens(t: unknown[]): StyledChar[];
  styledCharsToString(c: StyledChar[]): string;
};

/** Pieces lines are made of: SGR codes of every kind, simple and not-so-simple characters. */
const pieceArb = fc.oneof(
  fc.constantFrom(
    "\x1b[0m",
    "\x1b[1m",
    "\x1b[22m",
    "\x1b[0;1;36m",
    "\x1b[0;30;46m",
    "\x1b[2m",
    "\x1b[7m",
    "\x1b[39m",
    "\x1b[38;5;123m",
    "\x1b[48;2;1;2;3m",
    "\x1b[0;30;102m",
  ),
  fc.constantFrom("a", " ", "│", "▕", "█", "·", "…", "▶", "‖", "×", "é", "~", "▁"),
  fc.constantFrom("漢", "字", "🚀", "e\u0301", "\u00ad", "\u200b", "◽", "◾", "◻", "‼"),
  fc.string({ maxLength: 4 }),
);
const lineArb = fc.array(pieceArb, { maxLength: 30 }).map((p) => p.join("").replace(/[\n\r]/g, ""));

/** One line through Ink's Output, as a frame row. */
function drawn(line: string): string {
  const o = new Output({ width: 200, height: 1 });
  o.write(0, 0, line, { transformers: [] });
  return o.get().output;
}

/** A line's characters as Ink reads them: patched (with its caches) and as the original reads them. */
function cells(chars: StyledChar[]): string[] {
  return chars.map((c) => `${c.value}|${c.fullWidth}|${c.styles.map((x) => x.code).join("")}`);
}
const readPatched = (line: string) =>
  cells(new Output({ width: 1, height: 1 }).caches.getStyledChars(line));
const readOriginal = (line: string) =>
  cells(
    styledCharsFromTokens(tokenize(line)).filter(
      (c) => !/^\p{Default_Ignorable_Code_Point}+$/u.test(c.value),
    ),
  );

/** The same line the way unpatched Ink reads it: split into lines, written out, read again. */
function original(line: string): string {
  const read = (s: string) =>
    styledCharsFromTokens(tokenize(s)).filter(
      (c) => !/^\p{Default_Ignorable_Code_Point}+$/u.test(c.value),
    );
  return styledCharsToString(read(styledCharsToString(read(line)))).trimEnd();
}

describe("Ink's Output, patched", () => {
  it("is patched (postinstall ran patch-package)", () => {
    expect(readFileSync(join(inkBuild, "output.js"), "utf8")).toContain("simtop patch:");
  });

  it("draws every line as the original tokenizer does, drawn once or again", () => {
    fc.assert(
      fc.property(lineArb, (line) => {
        expect(readPatched(line)).toEqual(readOriginal(line));
        const want = original(line);
        expect(drawn(line)).toBe(want);
        // A second time comes from the caches that outlive a frame.
        expect(drawn(line)).toBe(want);
      }),
      { numRuns: 2000 },
    );
  });

  it("a row unchanged between frames keeps its text; a changed one does not", () => {
    expect(drawn("\x1b[1mab\x1b[0m")).toBe(original("\x1b[1mab\x1b[0m"));
    expect(drawn("\x1b[1mac\x1b[0m")).toBe(original("\x1b[1mac\x1b[0m"));
    expect(drawn("")).toBe("");
  });
});

describe("Yoga, patched", () => {
  it("decodes its embedded WebAssembly without touching fetch (which would load Node's HTTP client)", () => {
    const script =
      "Object.defineProperty(globalThis, 'fetch', { get() { throw new Error('fetch touched') } });" +
      "const { default: Yoga } = await import('yoga-layout');" +
      "process.stdout.write(typeof Yoga.Node.create);";
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: join(inkBuild, "../../.."),
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("function");
  });
});
