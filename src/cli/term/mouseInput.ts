// The terminal's input as Ink reads it, with the mouse reports taken out first and handed on whole.
import { MouseSplitter } from "../../ui/input.js";

/**
 * `stdin` for Ink: each read() gives what was typed, without mouse reports; every report goes
 * to `onReport` (the dashboard's controller reads it) in the order it came.
 */
export function withoutMouseReports(
  stdin: NodeJS.ReadStream,
  onReport: (report: string) => void,
): NodeJS.ReadStream {
  const splitter = new MouseSplitter();
  return new Proxy(stdin, {
    get(target, prop) {
      if (prop === "read") {
        return (size?: number) => {
          const chunk: unknown = target.read(size);
          if (chunk === null) return null;
          const text = typeof chunk === "string" ? chunk : String(chunk);
          const { reports, rest } = splitter.split(text);
          for (const r of reports) onReport(r);
          // "" rather than null: Ink reads until null, and there may be more behind this chunk.
          return rest;
        };
      }
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}
