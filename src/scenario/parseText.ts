// JSON and YAML text to data, every syntax problem one line naming where it is (line, column).
import {
  type Alias,
  isAlias,
  isMap,
  isNode,
  isScalar,
  LineCounter,
  parseDocument,
  visit,
} from "yaml";
import { oneLine, quoted } from "../sim/visible.js";

/** Aliases a YAML document may expand: real files use a few; thousands are a resource attack. */
export const MAX_YAML_ALIASES = 100;

/** Text that is not valid JSON or YAML; the message says where and what. */
export class TextSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TextSyntaxError";
  }
}

/** Parses JSON; V8's message loses its copy of the input (which may hold newlines). */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const at = / JSON at position \d+ \(line (\d+) column (\d+)\)/.exec(raw);
    let what = raw
      .replace(/ (?:in|after) JSON at position \d+.*$/s, (m) =>
        m.startsWith(" after") ? " after the end" : "",
      )
      .replace(/, ".*" is not valid JSON$/s, "");
    // "Unexpected token '\n'": the token itself may be a control character.
    what = what.replace(/'(.+)'$/s, (_m, tok: string) => quoted(tok));
    const where = at ? `line ${at[1]}, column ${at[2]}: ` : "";
    throw new TextSyntaxError(`not valid JSON: ${where}${oneLine(what, 200)}`);
  }
}

function yamlWhat(message: string): string {
  const what = message
    .split("\n")[0]
    .replace(/ at line \d+, column \d+:?$/, "")
    .replace(/^Maximum call stack size exceeded$/, "nested too deeply")
    // A tag that asks for a type (`!!js/function`): plain data only.
    .replace(
      /^Unresolved tag: (?:tag:yaml\.org,2002:)?(.*)$/,
      "unknown tag !!$1 (tags are not supported)",
    );
  return oneLine(what, 200);
}

/**
 * Parses YAML with unique keys. Warnings (an unknown tag such as `!!js/function`) are errors
 * here, so nothing is silently read another way; alias expansion is bounded.
 */
export function parseYamlText(text: string): unknown {
  return parseYamlLocated(text).data;
}

/** Parsed YAML and where its values stand in the text, for messages naming a line and column. */
export interface LocatedYaml {
  data: unknown;
  /**
   * "line L, column C" of the value at `path` (of the key `key` inside it, when given), or
   * null when the text has no such place.
   */
  where(path: readonly PropertyKey[], key?: string): string | null;
}

/** As parseYamlText, keeping the document to locate values in (config files name line:column). */
export function parseYamlLocated(text: string): LocatedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, logLevel: "silent", lineCounter });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const p = problem.linePos?.[0];
    const where = p ? `line ${p.line}, column ${p.col}: ` : "";
    throw new TextSyntaxError(`not valid YAML: ${where}${yamlWhat(problem.message)}`);
  }
  const aliases: Alias[] = [];
  visit(doc, {
    Alias: (_k, node) => {
      aliases.push(node);
    },
  });
  const at = (a: Alias): string => {
    const p = lineCounter.linePos(a.range?.[0] ?? 0);
    return `line ${p.line}, column ${p.col}`;
  };
  const unresolved = aliases.find((a) => isAlias(a) && a.resolve(doc) === undefined);
  if (unresolved)
    throw new TextSyntaxError(
      `not valid YAML: ${at(unresolved)}: alias *${oneLine(unresolved.source, 60)} has no anchor &${oneLine(unresolved.source, 60)} before it`,
    );
  const where = (path: readonly PropertyKey[], key?: string): string | null => {
    // A place the text does not have (the first key of `fork: q`, written as one key) is
    // reported where its nearest enclosing value is.
    let at = path.map(String);
    let node = at.length === 0 ? doc.contents : doc.getIn(at, true);
    while (!isNode(node) && at.length > 0) {
      at = at.slice(0, -1);
      node = at.length === 0 ? doc.contents : doc.getIn(at, true);
    }
    let range = isNode(node) ? node.range : undefined;
    if (key !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      range = isNode(pair?.key) ? pair.key.range : range;
    }
    if (!range) return null;
    const p = lineCounter.linePos(range[0]);
    return `line ${p.line}, column ${p.col}`;
  };
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }), where };
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      const where =
        aliases.length > 0
          ? `${at(aliases[Math.min(aliases.length, MAX_YAML_ALIASES) - 1])}: `
          : "";
      throw new TextSyntaxError(
        `not valid YAML: ${where}aliases expand to too much (at most ${MAX_YAML_ALIASES} uses of anchors)`,
      );
    }
    if (e instanceof RangeError) throw new TextSyntaxError("not valid YAML: nested too deeply");
    throw e;
  }
}
