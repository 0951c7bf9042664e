// `simtop replay FILE`: reopens a saved session (config + command log) and plays it again.
import { readFileSync } from "node:fs";
import type { KernelConfig } from "../sim/config.js";
import { defaultConfig } from "../sim/config.js";
import { parseSession, type Session, SessionError } from "../sim/session.js";
import { Store, type StoreOptions } from "../sim/store.js";
import { UsageError } from "./errors.js";
import type { SessionMeta } from "./save.js";

/**
 * Where `got` differs in shape from `want` (a missing key or a value of another type), or null.
 * Checked against defaultConfig(), so a file from an older or hand-edited session fails here
 * with a path instead of deep inside the kernel.
 */
export function configShapeProblem(got: unknown, want: unknown, path = "config"): string | null {
  if (want === null) return null; // optional parts (e.g. caches) may be null or filled in
  if (Array.isArray(want)) return Array.isArray(got) ? null : `${path} should be a list`;
  if (typeof want === "object") {
    if (typeof got !== "object" || got === null || Array.isArray(got))
      return `${path} should be an object`;
    for (const [k, v] of Object.entries(want)) {
      if (!(k in got)) return `${path}.${k} is missing`;
      const p = configShapeProblem((got as Record<string, unknown>)[k], v, `${path}.${k}`);
      if (p) return p;
    }
    return null;
  }
  return typeof got === typeof want ? null : `${path} should be a ${typeof want}`;
}

/** A saved session and, when it was started from a scenario, the scenario's name and chapters. */
export interface SavedSession extends Session {
  meta: SessionMeta | null;
}

/** The scenario name and chapters a header line may carry next to the config (see save.ts). */
function metaOf(firstLine: string): SessionMeta | null {
  const h = JSON.parse(firstLine) as { scenario?: unknown; chapters?: unknown };
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
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${path}: ${code === "ENOENT" ? "no such file" : `cannot read: ${code ?? String(e)}`}`,
    );
  }
  let session: Session;
  try {
    session = parseSession(text);
  } catch (e) {
    if (e instanceof SessionError) throw new UsageError(`${path}: ${e.message}`);
    throw e;
  }
  const problem = configShapeProblem(session.config, defaultConfig());
  if (problem) throw new UsageError(`${path}: line 1: ${problem}`);
  // parseSession accepted the file, so its first non-blank line is a JSON header.
  const first = text.split("\n").find((l) => l.trim() !== "") as string;
  return { ...session, meta: metaOf(first) };
}

/** A store at tick 0 with the whole command log scheduled: advancing it replays the session. */
export function replayStore(session: Session, path: string, opts: StoreOptions = {}): Store {
  let store: Store;
  try {
    store = new Store(session.config as KernelConfig, opts);
  } catch (e) {
    throw new UsageError(`${path}: line 1: ${e instanceof Error ? e.message : String(e)}`);
  }
  store.schedule(session.commands);
  return store;
}

/** Snapshots a replay prints by default: enough to cover the recorded session. */
export function replayIterations(session: Session, delay: number): number {
  return Math.max(1, Math.ceil(session.endTick / delay));
}
