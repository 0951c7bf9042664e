// Demo scripts (demos/*.yaml): a scenario, a terminal size, a speed, and keystrokes at given seconds.
import { basename, dirname, extname, isAbsolute, join } from "node:path";
import * as z from "zod";
import {
  compileScenario,
  describeIssue,
  formatPath,
  ScenarioError,
} from "../../scenario/compile.js";
import { InputFileError, MAX_TEXT_FILE_BYTES, readInputFile } from "../../scenario/inputFile.js";
import { builtinScenario, loadScenario, ScenarioFileError } from "../../scenario/load.js";
import { parseYamlText, TextSyntaxError } from "../../scenario/parseText.js";
import type { Scenario } from "../../scenario/types.js";
import { POLICY_NAMES } from "../../sim/sched/policy.js";
import { shown } from "../../sim/visible.js";
import { UsageError } from "../errors.js";

/** Bytes a terminal sends for each named key (xterm); any single character stands for itself. */
const KEY_BYTES: Record<string, string> = {
  up: "\u001b[A",
  down: "\u001b[B",
  right: "\u001b[C",
  left: "\u001b[D",
  home: "\u001b[H",
  end: "\u001b[F",
  pageup: "\u001b[5~",
  pagedown: "\u001b[6~",
  enter: "\r",
  escape: "\u001b",
  tab: "\t",
  backspace: "\u007f",
  space: " ",
  f1: "\u001bOP",
  f2: "\u001bOQ",
  f3: "\u001bOR",
  f4: "\u001bOS",
  f5: "\u001b[15~",
  f6: "\u001b[17~",
  f7: "\u001b[18~",
  f8: "\u001b[19~",
  f9: "\u001b[20~",
  f10: "\u001b[21~",
};

/** The bytes for a key name ("down", "ctrl+l", "f9") or a single character; null if unknown. */
export function keyBytes(key: string): string | null {
  if ([...key].length === 1) return key;
  const lower = key.toLowerCase();
  if (KEY_BYTES[lower] !== undefined) return KEY_BYTES[lower];
  const ctrl = /^ctrl\+([a-z])$/.exec(lower);
  if (ctrl) return String.fromCharCode(ctrl[1].charCodeAt(0) - 96);
  if (lower === "ctrl+\\") return "\u001c";
  return null;
}

const key = z.string().refine((k) => keyBytes(k) !== null, {
  error: (i) =>
    `unknown key ${JSON.stringify(i.input)} (a character, or up down left right enter escape tab space home end pageup pagedown f1-f10 ctrl+x ctrl+\\)`,
});

const demoSchema = z.strictObject({
  title: z.string().min(1),
  description: z.string().optional(),
  /** A built-in scenario's name, a scenario file (relative to the demo), or a scenario inline. */
  scenario: z.union([z.string(), z.record(z.string(), z.unknown())]),
  seed: z.number().int().min(0).optional(),
  cpus: z.number().int().min(1).max(64).optional(),
  policy: z.enum(POLICY_NAMES).optional(),
  quantum: z.number().int().min(1).optional(),
  width: z.number().int().min(40).max(400),
  height: z.number().int().min(10).max(200),
  fps: z.number().int().min(1).max(60),
  /** Simulated ticks per second of virtual time. */
  speed: z.number().positive(),
  /** Seconds of virtual time the demo lasts. */
  duration: z.number().positive().max(3600),
  keys: z
    .array(
      z
        .strictObject({
          at: z.number().min(0),
          press: z.array(key).min(1).optional(),
          /** Text typed in one go (into the terminal panel, or a filter). */
          type: z.string().min(1).optional(),
          /** Written as a marker in the cast, so players can jump to it. */
          note: z.string().optional(),
        })
        .refine((k) => (k.press === undefined) !== (k.type === undefined), {
          error: "give either press (a list of keys) or type (text)",
        }),
    )
    .optional(),
});

export interface DemoKey {
  /** Seconds of virtual time. */
  at: number;
  /** The raw bytes typed. */
  bytes: string;
  note?: string;
}

export interface Demo {
  name: string;
  /** The demo script's path, and its scenario file's when it names one: no output may replace them. */
  files: string[];
  title: string;
  description: string;
  scenario: Scenario;
  overrides: {
    seed?: number;
    cores?: number;
    policy?: (typeof POLICY_NAMES)[number];
    quantum?: number;
  };
  width: number;
  height: number;
  fps: number;
  speed: number;
  duration: number;
  keys: DemoKey[];
}

/** Checks a demo document; `file` names it in errors and anchors a relative scenario path. */
export function compileDemo(data: unknown, file: string): Demo {
  const parsed = demoSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `${file}: ${formatPath(issue.path)}${issue.path.length > 0 ? ": " : ""}${describeIssue(issue)}`,
    );
  }
  const d = parsed.data;
  let scenario: Scenario;
  const files = [file];
  try {
    if (typeof d.scenario === "string") {
      const ref = d.scenario;
      const local = /[./\\]/.test(ref) && !isAbsolute(ref) ? join(dirname(file), ref) : ref;
      scenario = loadScenario(local);
      if (builtinScenario(local) === undefined) files.push(local);
    } else {
      scenario = compileScenario(d.scenario, { defaultName: basename(file, extname(file)) });
    }
  } catch (e) {
    if (e instanceof ScenarioError) throw new UsageError(`${file}: scenario.${e.message}`);
    if (e instanceof ScenarioFileError) throw new UsageError(`${file}: scenario ${e.message}`);
    throw e;
  }
  return {
    name: basename(file, extname(file)),
    files,
    title: d.title,
    description: d.description ?? "",
    scenario,
    overrides: {
      ...(d.seed !== undefined ? { seed: d.seed } : {}),
      ...(d.cpus !== undefined ? { cores: d.cpus } : {}),
      ...(d.policy !== undefined ? { policy: d.policy } : {}),
      ...(d.quantum !== undefined ? { quantum: d.quantum } : {}),
    },
    width: d.width,
    height: d.height,
    fps: d.fps,
    speed: d.speed,
    duration: d.duration,
    keys: (d.keys ?? [])
      .map((k) => ({
        at: k.at,
        bytes: k.press ? k.press.map((p) => keyBytes(p) as string).join("") : k.type!,
        ...(k.note !== undefined ? { note: k.note } : {}),
      }))
      .sort((a, b) => a.at - b.at),
  };
}

/** Reads a demo file (YAML or JSON). */
export function loadDemo(file: string): Demo {
  let text: string;
  try {
    text = readInputFile(file, MAX_TEXT_FILE_BYTES);
  } catch (e) {
    if (!(e instanceof InputFileError)) throw e;
    throw new UsageError(
      `${shown(file)}: ${e.code === "ENOENT" ? "no such demo file" : e.message}`,
    );
  }
  let data: unknown;
  try {
    data = parseYamlText(text);
  } catch (e) {
    if (e instanceof TextSyntaxError) throw new UsageError(`${shown(file)}: ${e.message}`);
    throw e;
  }
  return compileDemo(data, file);
}
