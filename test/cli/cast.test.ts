// asciicast v2: what CastWriter writes parses back; bad files are refused naming the line.
import { describe, expect, it } from "vitest";
import { CastError, CastWriter, parseCast } from "../../src/cli/cast.js";

function write(
  f: (w: CastWriter) => void,
  header = { version: 2 as const, width: 80, height: 24 },
): string {
  let text = "";
  f(new CastWriter(header, (l) => (text += l)));
  return text;
}

describe("CastWriter", () => {
  it("writes the header and o, r, m events, one JSON value per line", () => {
    const text = write((w) => {
      w.output(0, "hello\r\n");
      w.output(0.1234567, "\u001b[1mworld");
      w.resize(0.5, 100, 30);
      w.marker(0.5, "chapter 1");
      w.output(1, "");
    });
    expect(text).toBe(
      [
        '{"version":2,"width":80,"height":24}',
        '[0,"o","hello\\r\\n"]',
        '[0.123457,"o","\\u001b[1mworld"]',
        '[0.5,"r","100x30"]',
        '[0.5,"m","chapter 1"]',
        "",
      ].join("\n"),
    );
  });

  it("never lets time go backwards", () => {
    const c = parseCast(
      write((w) => {
        w.output(2, "a");
        w.output(1, "b");
      }),
    );
    expect(c.events.map((e) => e[0])).toEqual([2, 2]);
  });

  it("keeps header fields in asciinema's order", () => {
    const text = write(() => {}, {
      version: 2,
      width: 10,
      height: 5,
      timestamp: 1700000000,
      env: { TERM: "xterm-256color" },
    } as never);
    expect(text).toBe(
      '{"version":2,"width":10,"height":5,"timestamp":1700000000,"env":{"TERM":"xterm-256color"}}\n',
    );
  });
});

describe("parseCast", () => {
  const bad = (text: string) => {
    try {
      parseCast(text);
    } catch (e) {
      expect(e).toBeInstanceOf(CastError);
      return (e as Error).message;
    }
    throw new Error("expected a CastError");
  };

  it("refuses what is not asciicast v2", () => {
    expect(bad("")).toBe("line 1: empty file");
    expect(bad('{"version":1,"width":80,"height":24}\n')).toBe(
      "line 1: not an asciicast v2 header",
    );
    expect(bad('{"version":2,"width":0,"height":24}\n')).toBe(
      "line 1: header needs positive integer width and height",
    );
    const h = '{"version":2,"width":80,"height":24}\n';
    expect(bad(`${h}[1,"o","a"]\n[0.5,"o","b"]\n`)).toBe("line 3: time 0.5 goes back before 1");
    expect(bad(`${h}[1,"x","a"]\n`)).toBe('line 2: unknown event code "x"');
    expect(bad(`${h}[1,"r","wide"]\n`)).toBe('line 2: resize must be "WxH", got "wide"');
    expect(bad(`${h}[1,"o","a`)).toBe("line 2: not valid JSON (truncated or corrupt)");
  });
});
