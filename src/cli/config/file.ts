// The config file: where it is, reading and checking it, and writing the setup screen's settings back in place.
import { mkdirSync, realpathSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { Document, isMap, isScalar, parseDocument } from "yaml";
import { InputFileError, MAX_TEXT_FILE_BYTES, readInputFile } from "../../scenario/inputFile.js";
import { parseYamlLocated, TextSyntaxError } from "../../scenario/parseText.js";
import { shown } from "../../sim/visible.js";
import type { Settings } from "../../ui/settings.js";
import { UsageError } from "../errors.js";
import { OutputFile, reason } from "../outputFile.js";
import { checkSettings } from "./schema.js";

/** `$XDG_CONFIG_HOME/simtop/config.yaml`, else `~/.config/simtop/config.yaml` (XDG base directories). */
export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  // The specification ignores a relative XDG_CONFIG_HOME.
  const base =
    xdg !== undefined && xdg !== "" && isAbsolute(xdg) ? xdg : join(homedir(), ".config");
  return join(base, "simtop", "config.yaml");
}

/** The settings a run uses and the file they came from (null: --no-config, nothing read or saved). */
export interface LoadedConfig {
  path: string | null;
  settings: Settings;
  /** The file's `scenario` as simtop opens it: a built-in name, or a file found beside the config. */
  scenario?: string;
  /** How messages name the file's `scenario` setting: the file, line and column. */
  scenarioAt?: string;
}

/**
 * Reads and checks the config file. A missing default file is no settings; a missing file named
 * by --config, or any mistake in a file, is a UsageError naming the file, the line and the key.
 */
export function loadConfig(opts: { file?: string; use: boolean }): LoadedConfig {
  if (!opts.use) return { path: null, settings: {} };
  const named = opts.file !== undefined;
  const path = opts.file ?? defaultConfigPath();
  const what = named ? `--config ${shown(path)}` : `config file ${shown(path)}`;
  let text: string;
  try {
    text = readInputFile(path, MAX_TEXT_FILE_BYTES);
  } catch (e) {
    if (!(e instanceof InputFileError)) throw e;
    if (e.code === "ENOENT" && !named) return { path, settings: {} };
    throw new UsageError(`${what}: ${e.message}`);
  }
  let located: ReturnType<typeof parseYamlLocated>;
  try {
    located = parseYamlLocated(text);
  } catch (e) {
    if (e instanceof TextSyntaxError) throw new UsageError(`${what}: ${e.message}`);
    throw e;
  }
  const check = checkSettings(located.data);
  if (!check.ok) {
    const at = located.where(check.path, check.unknownKey);
    throw new UsageError(`${what}: ${at === null ? "" : `${at}: `}${check.message}`);
  }
  const { settings } = check;
  const at = located.where(["scenario"]);
  const loaded: LoadedConfig = {
    path,
    settings,
    scenarioAt: `${what}: ${at === null ? "" : `${at}: `}scenario:`,
  };
  // A scenario file named in the config is found beside it, wherever simtop is started from
  // (the setting itself stays as written, so saving writes it back unchanged).
  if (settings.scenario !== undefined)
    loaded.scenario = /[./\\]/.test(settings.scenario)
      ? resolve(dirname(path), settings.scenario)
      : settings.scenario;
  return loaded;
}

/**
 * The file's text with `settings` written in: what the file already holds (comments, order,
 * other keys) is kept, each setting replaced, and those that are unset removed.
 */
export function settingsText(existing: string, settings: Settings): string {
  const parsed = parseDocument(existing);
  // An empty file (or one holding only comments or null) has no mapping yet.
  const doc = isMap(parsed.contents) ? parsed : new Document({});
  const put = (key: string, value: unknown): void => {
    const node = doc.get(key, true);
    if (value === undefined) doc.delete(key);
    // A plain value changed in place keeps the comment written after it.
    else if (isScalar(node) && typeof value !== "object") node.value = value;
    else doc.set(key, doc.createNode(value, { flow: Array.isArray(value) }));
  };
  put("scenario", settings.scenario);
  put("speed", settings.speed);
  put("fps", settings.fps);
  put("theme", settings.theme);
  put("columns", settings.columns);
  put("mouse", settings.mouse);
  const keys = settings.keys ?? {};
  const bound = Object.entries(keys).filter(([, v]) => v !== undefined);
  put(
    "keys",
    bound.length > 0
      ? Object.fromEntries(bound.map(([a, v]) => [a, v.length === 1 ? v[0] : [...v]]))
      : undefined,
  );
  const out = doc.toString();
  return out.trim() === "{}" ? "" : out;
}

/**
 * Writes `settings` to the config file at `path`: into a temporary file beside it, renamed over
 * it once complete (a link is followed, so a dotfiles link stays a link), so the old file stays
 * whole until the new one is. Throws a UsageError saying why it could not.
 */
export function saveConfig(path: string, settings: Settings): void {
  let existing = "";
  try {
    existing = readInputFile(path, MAX_TEXT_FILE_BYTES);
  } catch (e) {
    if (!(e instanceof InputFileError)) throw e;
    if (e.code !== "ENOENT") {
      // The system's words where there are some ("permission denied"), else the reader's.
      const words = reason(e);
      const why = words === e.code ? e.message : words;
      throw new UsageError(`cannot save the settings to ${shown(path)}: ${why}`);
    }
  }
  // The file may have been edited since simtop read it: one it cannot read back is left alone.
  try {
    parseYamlLocated(existing);
  } catch (e) {
    if (!(e instanceof TextSyntaxError)) throw e;
    throw new UsageError(`${shown(path)} was changed and is ${e.message}: not overwritten`);
  }
  let real = path;
  let exists = false;
  try {
    real = realpathSync(path);
    exists = statSync(real).isFile();
  } catch {
    // No file yet: made, with its directory.
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (e) {
      throw new UsageError(`cannot save the settings to ${shown(path)}: ${reason(e)}`);
    }
  }
  const out = new OutputFile(
    { flag: "config", path: shown(path), real, exists, special: false },
    "atomic",
  );
  out.write(settingsText(existing, settings));
  out.finish();
}
