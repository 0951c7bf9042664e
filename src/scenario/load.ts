// Finds a scenario by built-in name or reads it from a JSON or YAML file.
import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { BUILTIN_NAMES, builtinScenario } from "./builtins.js";
import { compileScenario, ScenarioError } from "./compile.js";
import type { Scenario } from "./types.js";

/** A scenario file that cannot be read or parsed, or whose content is wrong; names the file. */
export class ScenarioFileError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = "ScenarioFileError";
  }
}

export { builtinScenario };

/** Parses scenario text: JSON for `.json`, YAML (a superset of JSON) otherwise. */
export function parseScenarioText(text: string, file: string): Scenario {
  let data: unknown;
  if (extname(file).toLowerCase() === ".json") {
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new ScenarioFileError(
        file,
        `not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  } else {
    try {
      data = parseYaml(text, { uniqueKeys: true });
    } catch (e) {
      if (e instanceof YAMLParseError) {
        const where = e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}: ` : "";
        const what = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
        throw new ScenarioFileError(file, `not valid YAML: ${where}${what}`);
      }
      throw e;
    }
  }
  try {
    return compileScenario(data, { defaultName: basename(file, extname(file)) });
  } catch (e) {
    if (e instanceof ScenarioError) throw new ScenarioFileError(file, e.message);
    throw e;
  }
}

/** A built-in by name, or else a file; anything else is a ScenarioFileError. */
export function loadScenario(ref: string): Scenario {
  const builtin = builtinScenario(ref);
  if (builtin) return builtin;
  let text: string;
  try {
    text = readFileSync(ref, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && !/[./\\]/.test(ref)) {
      const names = BUILTIN_NAMES.join(", ");
      throw new ScenarioFileError(
        ref,
        `no such scenario (built-ins: ${names}; or a .yaml/.json file)`,
      );
    }
    if (code === "ENOENT") throw new ScenarioFileError(ref, "no such file");
    if (code === "EISDIR") throw new ScenarioFileError(ref, "is a directory, not a scenario file");
    throw new ScenarioFileError(ref, `cannot read: ${code ?? String(e)}`);
  }
  return parseScenarioText(text, ref);
}
