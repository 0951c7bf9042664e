// A simulated terminal: the line discipline (echo, erase, lines, EOF, the signal keys) and its screen.
import { Signal } from "./signals.js";

/** The control characters the line discipline acts on. */
export const Ctl = {
  INTR: 0x03, // Ctrl+C
  EOF: 0x04, // Ctrl+D
  ERASE: 0x7f, // Backspace
  BS: 0x08, // Ctrl+H
  KILL: 0x15, // Ctrl+U
  SUSP: 0x1a, // Ctrl+Z
  QUIT: 0x1c, // Ctrl+\
} as const;

/** An end of file in the input queue: a read that meets it returns 0. */
const EOF_MARK = -1;

/** Lines of output the screen keeps. */
export const TTY_SCROLLBACK = 200;

export class Tty {
  readonly name: string;
  /** The session that has it as controlling terminal (0 = none). */
  sid = 0;
  /** The foreground process group: it reads, and gets the signal keys (0 = none). */
  fgPgrp = 0;
  /** The line being typed: not readable until Enter (canonical mode). */
  private editing: number[] = [];
  /** What read() can take: finished lines, and EOF marks. */
  private input: number[] = [];
  /** The screen: finished lines, oldest first, and the line the cursor is on. */
  lines: string[] = [];
  current = "";

  constructor(name: string) {
    this.name = name;
  }

  /**
   * One typed character through the line discipline. Returns the signal it sends to the
   * foreground group (0 for none).
   */
  receive(ch: number): number {
    switch (ch) {
      case Ctl.INTR:
        return this.flushWith("^C", Signal.SIGINT);
      case Ctl.SUSP:
        return this.flushWith("^Z", Signal.SIGTSTP);
      case Ctl.QUIT:
        return this.flushWith("^\\", Signal.SIGQUIT);
      case Ctl.EOF:
        // At the start of a line: end of file. Otherwise the line so far becomes readable.
        if (this.editing.length === 0) this.input.push(EOF_MARK);
        else this.input.push(...this.editing.splice(0));
        return 0;
      case Ctl.ERASE:
      case Ctl.BS:
        if (this.editing.length > 0) this.unecho(this.editing.splice(-1));
        return 0;
      case Ctl.KILL:
        this.unecho(this.editing.splice(0));
        return 0;
      case 0x0d:
      case 0x0a:
        this.editing.push(0x0a);
        this.input.push(...this.editing.splice(0));
        this.output("\n");
        return 0;
      default:
        // Other control characters are typed in as themselves and echoed as ^X.
        this.editing.push(ch);
        this.output(String.fromCharCode(ch));
        return 0;
    }
  }

  /** Takes erased characters off the screen (a control character was echoed as two). */
  private unecho(chars: number[]): void {
    let n = 0;
    for (const c of chars) n += c < 0x20 || c === 0x7f ? 2 : 1;
    this.current = this.current.slice(0, Math.max(0, this.current.length - n));
  }

  /** The signal keys echo, throw away what was typed and not yet read, and signal. */
  private flushWith(echo: string, sig: number): number {
    this.output(`${echo}\n`);
    this.editing.length = 0;
    this.input.length = 0;
    return sig;
  }

  /** Whether a read would return now (a line or an EOF is waiting). */
  readable(): boolean {
    return this.input.length > 0;
  }

  /**
   * read(): up to `max` characters of the first waiting line (a line ends with its newline),
   * or [] for an end of file (which it consumes). Call only when readable().
   */
  take(max: number): number[] {
    if (this.input[0] === EOF_MARK) {
      this.input.shift();
      return [];
    }
    const out: number[] = [];
    while (out.length < max && this.input.length > 0 && this.input[0] !== EOF_MARK) {
      const c = this.input.shift()!;
      out.push(c);
      if (c === 0x0a) break;
    }
    return out;
  }

  /** Text a process writes (or the echo): control characters are shown as ^X. */
  output(text: string): void {
    for (const ch of text) {
      if (ch === "\n") {
        this.lines.push(this.current);
        this.current = "";
        if (this.lines.length > TTY_SCROLLBACK) this.lines.shift();
        continue;
      }
      const c = ch.charCodeAt(0);
      if (c < 0x20 || c === 0x7f) this.current += `^${String.fromCharCode(c ^ 0x40)}`;
      else this.current += ch;
    }
  }

  /** The session leader is gone: the terminal belongs to nobody and input is dropped. */
  hangUp(): void {
    this.sid = 0;
    this.fgPgrp = 0;
    this.editing.length = 0;
    this.input.length = 0;
  }

  /** The last `n` screen lines, the cursor's line last. */
  screen(n: number): string[] {
    const from = Math.max(0, this.lines.length + 1 - n);
    const out = this.lines.slice(from);
    out.push(this.current);
    return out;
  }

  clone(): Tty {
    const t = new Tty(this.name);
    t.sid = this.sid;
    t.fgPgrp = this.fgPgrp;
    t.editing = this.editing.slice();
    t.input = this.input.slice();
    t.lines = this.lines.slice();
    t.current = this.current;
    return t;
  }
}
