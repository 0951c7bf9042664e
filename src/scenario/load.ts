// Finds a scenario by built-in name or reads it from a JSON or YAML file.
import { basename, extname } from "node:path";
import { shown } from "../sim/visible.js";
import { BUILTIN_NAMES, builtinScenario } from "./builtins.js";
import { compileScenario, ScenarioError } from "./compile.js";
import { InputFileError, MAX_TEXT_FILE_BYTES, readInputFile } from "./inputFile.js";
import { parseJsonText, parseYamlText, TextSyntaxError } from "./parseText.js";
import type { Scenario } from "./types.js";

/** A scenario file that cannot be read or parsed, or whose content is wrong; names the file. */
export class ScenarioFileError extends Error {
  constructor(file: string, message: string) {
    super(`${shown(file)}: ${message}`);
    this.name = "ScenarioFileError";
  }
}

export { builtinScenario };

/** Parses scenario text: JSON for `.json`, YAML (a superset of JSON) otherwise. */
export function parseScenarioText(text: string, file: string): Scenario {
  let data: unknown;
  try {
    data = extname(file).toLowerCase() === ".json" ? parseJsonText(text) : parseYamlText(text);
  } catch (e) {
    if (e instanceof TextSyntaxError) throw new ScenarioFileError(file, e.message);
    throw e;
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
    text = readInputFile(ref, MAX_TEXT_FILE_BYTES);
  } catch (e) {
    if (!(e instanceof InputFileError)) throw e;
    if (e.code === "ENOENT" && !/[./\\]/.test(ref)) {
      const names = BUILTIN_NAMES.join(", ");
      throw new ScenarioFileError(
        ref,
        `no such scenario (built-ins: ${names}; or a .yaml/.json file)`,
      );
    }
    if (e.code === "EISDIR")
      throw new ScenarioFileError(ref, "is a directory, not a scenario file");
    throw new ScenarioFileError(ref, e.message);
  }
  return parseScenarioText(text, ref);
}
