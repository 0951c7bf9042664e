// asciicast v2 (asciinema's recording format): writing events as they happen and reading a file back.

export interface CastHeader {
  version: 2;
  width: number;
  height: number;
  /** Unix time the recording began; left out of demos so their bytes never change. */
  timestamp?: number;
  title?: string;
  env?: Record<string, string>;
}

/** o: output written to the terminal; r: the terminal was resized ("WxH"); m: a marker (label). */
export type CastEvent = [time: number, code: "o" | "r" | "m", data: string];

export interface Cast {
  header: CastHeader;
  events: CastEvent[];
}

/** Seconds with microsecond resolution, as asciinema writes them. */
function seconds(t: number): number {
  return Math.round(t * 1e6) / 1e6;
}

/**
 * Writes a cast line by line to `sink` (a file or a string builder). Times never go backwards:
 * an event stamped before the previous one is written at the previous one's time.
 */
export class CastWriter {
  private last = 0;
  private readonly sink: (line: string) => void;

  constructor(header: CastHeader, sink: (line: string) => void) {
    this.sink = sink;
    // Key order as asciinema writes it, so files diff cleanly against its own.
    const h: CastHeader = { version: 2, width: header.width, height: header.height };
    if (header.timestamp !== undefined) h.timestamp = header.timestamp;
    if (header.title !== undefined) h.title = header.title;
    if (header.env !== undefined) h.env = header.env;
    sink(`${JSON.stringify(h)}\n`);
  }

  private event(time: number, code: CastEvent[1], data: string): void {
    const t = Math.max(this.last, seconds(time));
    this.last = t;
    this.sink(`${JSON.stringify([t, code, data])}\n`);
  }

  output(time: number, data: string): void {
    if (data !== "") this.event(time, "o", data);
  }

  resize(time: number, width: number, height: number): void {
    this.event(time, "r", `${width}x${height}`);
  }

  marker(time: number, label: string): void {
    this.event(time, "m", label);
  }

  /** Time of the last event written (seconds). */
  get time(): number {
    return this.last;
  }
}

/** A cast file that is not valid asciicast v2; names the line. */
export class CastError extends Error {
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = "CastError";
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const positiveInt = (v: unknown): v is number =>
  typeof v === "number" && Number.isInteger(v) && v > 0;

/** Parses and checks a cast: the header, then events with known codes and times that never decrease. */
export function parseCast(text: string): Cast {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  if (lines.length === 0) throw new CastError(1, "empty file");
  let header: unknown;
  try {
    header = JSON.parse(lines[0]);
  } catch {
    throw new CastError(1, "header is not valid JSON");
  }
  if (!isObject(header) || header.version !== 2)
    throw new CastError(1, "not an asciicast v2 header");
  if (!positiveInt(header.width) || !positiveInt(header.height))
    throw new CastError(1, "header needs positive integer width and height");
  const events: CastEvent[] = [];
  let last = 0;
  for (let i = 1; i < lines.length; i++) {
    let e: unknown;
    try {
      e = JSON.parse(lines[i]);
    } catch {
      throw new CastError(i + 1, "not valid JSON (truncated or corrupt)");
    }
    if (!Array.isArray(e) || e.length !== 3 || typeof e[0] !== "number" || typeof e[2] !== "string")
      throw new CastError(i + 1, "an event is [time, code, data]");
    const [time, code, data] = e as [number, unknown, string];
    if (code !== "o" && code !== "r" && code !== "m" && code !== "i")
      throw new CastError(i + 1, `unknown event code ${JSON.stringify(code)}`);
    if (!(time >= last)) throw new CastError(i + 1, `time ${time} goes back before ${last}`);
    if (code === "r" && !/^\d+x\d+$/.test(data))
      throw new CastError(i + 1, `resize must be "WxH", got ${JSON.stringify(data)}`);
    last = time;
    if (code !== "i") events.push([time, code, data]);
  }
  return { header: header as unknown as CastHeader, events };
}
