// JSON and YAML syntax errors: one line each, with where, never the input's own newlines.
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseJsonText, parseYamlText, TextSyntaxError } from "../../src/scenario/parseText.js";

function problem(parse: () => unknown): string {
  try {
    parse();
  } catch (e) {
    expect(e).toBeInstanceOf(TextSyntaxError);
    return (e as Error).message;
  }
  throw new Error("expected a syntax error");
}

describe("JSON", () => {
  it("names the line and column, one line", () => {
    expect(problem(() => parseJsonText('{"a":\n 1,\n x}'))).toBe(
      "not valid JSON: line 3, column 2: Expected double-quoted property name",
    );
    expect(problem(() => parseJsonText("{}\nx"))).toBe(
      "not valid JSON: line 2, column 1: Unexpected non-whitespace character after the end",
    );
  });

  it("does not copy the input (newlines, controls) into the message", () => {
    const m = problem(() => parseJsonText("[1,\n\n]\n\u001b[2J"));
    expect(m).not.toMatch(/[\n\u001b]/);
    expect(m).toBe('not valid JSON: Unexpected token "]"');
  });
});

describe("YAML", () => {
  afterEach(() => vi.restoreAllMocks());

  it("an alias without an anchor is an error with its line", () => {
    expect(problem(() => parseYamlText("a: &a [1]\nb: *c\n"))).toBe(
      "not valid YAML: line 2, column 4: alias *c has no anchor &c before it",
    );
  });

  it("too many aliases is an error with a line, not a crash", () => {
    const text = `a: &a {x: 1}\nb:\n${Array(120).fill("  - *a").join("\n")}\n`;
    expect(problem(() => parseYamlText(text))).toMatch(
      /^not valid YAML: line \d+, column \d+: aliases expand to too much \(at most 100 uses of anchors\)$/,
    );
    // A few aliases are fine.
    expect(parseYamlText("a: &a 1\nb: [*a, *a]\n")).toEqual({ a: 1, b: [1, 1] });
  });

  it("a tag such as !!js/function is an error, and nothing is printed as a warning", () => {
    const warn = vi.spyOn(process, "emitWarning");
    expect(problem(() => parseYamlText('description: !!js/function "x"\n'))).toBe(
      "not valid YAML: line 1, column 14: unknown tag !!js/function (tags are not supported)",
    );
    expect(warn).not.toHaveBeenCalled();
  });

  it("nesting too deep for the parser is an error", () => {
    const m = problem(() => parseYamlText(`a: ${"[".repeat(2000)}${"]".repeat(2000)}`));
    expect(m).toMatch(/^not valid YAML: line 1, column \d+: nested too deeply$/);
  });
});
