// `simtop replay FILE`: reopens a saved session (config + command log) and plays it again.
import { ScenarioError } from "../scenario/compile.js";
import { checkKernelConfig } from "../scenario/configSchema.js";
import { InputFileError, MAX_SESSION_FILE_BYTES, readInputFile } from "../scenario/inputFile.js";
import type { KernelConfig } from "../sim/config.js";
import {
  type ParsedSession,
  parseSessionFile,
  type Session,
  SessionError,
} from "../sim/session.js";
import { Store, type StoreOptions } from "../sim/store.js";
import { oneLine, shown } from "../sim/visible.js";
import { UsageError } from "./errors.js";
import type { SessionMeta } from "./save.js";

/** A saved session and, when it was started from a scenario, the scenario's name and chapters. */
export interface SavedSession extends Session {
  meta: SessionMeta | null;
  /** The line the header (and so the config) is on. */
  headerLine: number;
}

/** The scenario name and chapters a header may carry next to the config (see save.ts). */
function metaOf(h: Record<string, unknown>): SessionMeta | null {
  if (typeof h.scenario !== "string" || !Array.isArray(h.chapters)) return null;
  const chapters = h.chapters.filter(
    (c): c is { tick: number; title: string } =>
      typeof c === "object" &&
      c !== null &&
      Number.isInteger(c.tick) &&
      typeof c.title === "string",
  );
  return {
    scenario: h.scenario,
    chapters: chapters.map((c) => ({ tick: c.tick, title: c.title })),
  };
}

/** Reads and checks a session file; every problem is a UsageError naming the file and line. */
export function readSession(path: string): SavedSession {
  const file = shown(path);
  let text: string;
  try {
    text = readInputFile(path, MAX_SESSION_FILE_BYTES);
  } catch (e) {
    if (e instanceof InputFileError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
  let parsed: ParsedSession;
  try {
    parsed = parseSessionFile(text);
  } catch (e) {
    if (e instanceof SessionError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
  // The same ranges as a scenario file's, so a hand-edited value fails here, by name.
  const config = checkKernelConfig(parsed.config);
  if (config instanceof ScenarioError) {
    const where = config.path === "" ? "config" : `config.${config.path}`;
    throw new UsageError(`${file}: line ${parsed.headerLine}: ${where}: ${config.problem}`);
  }
  const { header, ...session } = parsed;
  return { ...session, config, meta: metaOf(header) };
}

/** A store at tick 0 with the whole command log scheduled: advancing it replays the session. */
export function replayStore(
  session: Session & { headerLine?: number },
  path: string,
  opts: StoreOptions = {},
): Store {
  let store: Store;
  try {
    store = new Store(session.config as KernelConfig, opts);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new UsageError(`${shown(path)}: line ${session.headerLine ?? 1}: ${oneLine(why, 200)}`);
  }
  store.schedule(session.commands);
  return store;
}

/** Snapshots a replay prints by default: enough to cover the recorded session. */
export function replayIterations(session: Session, delay: number): number {
  return Math.max(1, Math.ceil(session.endTick / delay));
}
