// Raw terminal input to keys and mouse events: mouse reports are taken out before the rest is read as keys.
import { type KeyName, parseKeys } from "./keys.js";

export type MouseButton = "left" | "middle" | "right" | "wheelUp" | "wheelDown" | "other";

/** One mouse report: a press (or release) of a button, or a notch of the wheel, at a cell. */
export interface MouseEvent {
  kind: "mouse";
  button: MouseButton;
  /** A button let go (wheel notches have none). */
  release: boolean;
  /** Reported while a button is held and the pointer moves (only with motion tracking on). */
  motion: boolean;
  /** Column and row of the cell, from 0 at the top left. */
  x: number;
  y: number;
}

export type Input = KeyName | MouseEvent;

/** The button code's low bits and wheel bit, as xterm sends them. */
function buttonOf(code: number): { button: MouseButton; release: boolean } {
  const low = code & 3;
  if (code & 64)
    return { button: low === 0 ? "wheelUp" : low === 1 ? "wheelDown" : "other", release: false };
  if (code & 128) return { button: "other", release: false };
  const names: MouseButton[] = ["left", "middle", "right"];
  // X10 and urxvt encodings say "released" (3) without naming the button.
  return low === 3 ? { button: "other", release: true } : { button: names[low], release: false };
}

function mouse(code: number, column: number, row: number, release: boolean): MouseEvent {
  const b = buttonOf(code);
  return {
    kind: "mouse",
    button: b.button,
    release: release || b.release,
    motion: (code & 32) !== 0,
    x: Math.max(0, column - 1),
    y: Math.max(0, row - 1),
  };
}

/**
 * SGR (1006: ESC [ < b ; x ; y M or m), urxvt (1015: ESC [ b ; x ; y M) and the X10 form
 * (ESC [ M and three bytes: button, column and row, each plus 32). Only SGR is asked for; the
 * others are read so that a terminal that ignores 1006 cannot type keys with its mouse.
 */
const MOUSE = /\x1b\[<(\d+);(\d+);(\d+)([Mm])|\x1b\[(\d+);(\d+);(\d+)M|\x1b\[M/g;

/**
 * Reads the dashboard's input. Ink hands over one escape sequence at a time, so the three
 * bytes after an X10 report's ESC [ M come in the next chunk: the reader keeps count of them.
 */
export class InputReader {
  /** Bytes of an X10 report still to come, and those already read. */
  private x10: number[] | null = null;

  read(raw: string): Input[] {
    const out: Input[] = [];
    let text = raw;
    if (this.x10 !== null) text = this.finishX10(text, out);
    let at = 0;
    MOUSE.lastIndex = 0;
    for (let m = MOUSE.exec(text); m !== null; m = MOUSE.exec(text)) {
      out.push(...parseKeys(text.slice(at, m.index)));
      at = m.index + m[0].length;
      if (m[1] !== undefined)
        out.push(mouse(Number(m[1]), Number(m[2]), Number(m[3]), m[4] === "m"));
      else if (m[5] !== undefined)
        out.push(mouse(Number(m[5]) - 32, Number(m[6]), Number(m[7]), false));
      else {
        this.x10 = [];
        const rest = this.finishX10(text.slice(at), out);
        text = rest;
        at = 0;
        MOUSE.lastIndex = 0;
      }
    }
    out.push(...parseKeys(text.slice(at)));
    return out;
  }

  /** Takes what an X10 report still needs from the front of `text`; returns the rest. */
  private finishX10(text: string, out: Input[]): string {
    const bytes = this.x10!;
    let i = 0;
    while (bytes.length < 3 && i < text.length) bytes.push(text.charCodeAt(i++) - 32);
    if (bytes.length === 3) {
      out.push(mouse(bytes[0], bytes[1], bytes[2], false));
      this.x10 = null;
    }
    return text.slice(i);
  }
}

/** A whole mouse report (SGR, urxvt) or the start of an X10 one, whose three bytes follow. */
const REPORT = /\x1b\[<\d+;\d+;\d+[Mm]|\x1b\[\d+;\d+;\d+M|\x1b\[M/g;
/** The start of an SGR report cut off at the end of a chunk. */
const REPORT_START = /\x1b\[<[\d;]*$/;

/**
 * Takes mouse reports out of raw terminal input before Ink reads it: Ink drops escape
 * sequences that name no key it knows (a click would never arrive), and would type the three
 * bytes of an X10 report as text. A report cut between two reads is put back together.
 */
export class MouseSplitter {
  /** The start of a report held until the rest arrives. */
  private held = "";
  /** An X10 report missing some of its three bytes. */
  private x10: string | null = null;

  /** The whole reports in `chunk`, and the rest of it (keys) in order. */
  split(chunk: string): { reports: string[]; rest: string } {
    const reports: string[] = [];
    let text = this.held + chunk;
    this.held = "";
    if (this.x10 !== null) {
      const need = 6 - this.x10.length;
      this.x10 += text.slice(0, need);
      text = text.slice(need);
      if (this.x10.length < 6) return { reports, rest: "" };
      reports.push(this.x10);
      this.x10 = null;
    }
    let rest = "";
    let at = 0;
    REPORT.lastIndex = 0;
    for (let m = REPORT.exec(text); m !== null; m = REPORT.exec(text)) {
      rest += text.slice(at, m.index);
      at = m.index + m[0].length;
      if (m[0] !== "\x1b[M") {
        reports.push(m[0]);
        continue;
      }
      const bytes = text.slice(at, at + 3);
      at += bytes.length;
      REPORT.lastIndex = at;
      if (bytes.length === 3) reports.push(m[0] + bytes);
      else this.x10 = m[0] + bytes;
    }
    const tail = text.slice(at);
    const cut = REPORT_START.exec(tail);
    if (cut) {
      this.held = cut[0];
      rest += tail.slice(0, cut.index);
    } else rest += tail;
    return { reports, rest };
  }
}
