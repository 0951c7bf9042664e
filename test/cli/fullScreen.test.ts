// FullScreen: every terminal mode it sets is undone, around a suspension too, and a terminal that is gone ends nothing but output.
import { afterEach, describe, expect, it, vi } from "vitest";
import { FullScreen, MOUSE_OFF, MOUSE_ON, terminalGone } from "../../src/cli/term/fullScreen.js";

const ENTER = "\x1b[?1049h\x1b[H\x1b[2J\x1b[?25l";
const LEAVE = "\x1b[?2026l\x1b[0m\x1b[?25h\x1b[?1049l";

function eio(): NodeJS.ErrnoException {
  return Object.assign(new Error("setRawMode EIO"), { code: "EIO" });
}

/** A terminal's two streams that log what is done to them, in order. */
function fakeTerminal(o: { rawFails?: boolean; mouse?: boolean } = {}) {
  const log: string[] = [];
  const stdin = {
    isTTY: true,
    setRawMode(on: boolean) {
      if (o.rawFails) throw eio();
      log.push(`raw ${on}`);
    },
  } as unknown as NodeJS.ReadStream;
  const stdout = {
    write(bytes: string) {
      log.push(bytes);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  const recorded: string[] = [];
  const screen = new FullScreen(stdin, stdout, (b) => recorded.push(b), o.mouse ?? false);
  return { log, recorded, screen };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("FullScreen", () => {
  it("take, frames, give back: raw before the alternate screen, everything undone once", () => {
    const { log, recorded, screen } = fakeTerminal();
    screen.take();
    screen.write("frame");
    screen.giveBack();
    screen.giveBack();
    screen.write("late frame");
    expect(log).toEqual(["raw true", ENTER, "frame", LEAVE, "raw false"]);
    expect(recorded).toEqual([ENTER, "frame", LEAVE]);
  });

  it("suspend: gives the terminal back, stops the process group; SIGCONT takes it again", () => {
    const { log, screen } = fakeTerminal();
    const kill = vi.spyOn(process, "kill").mockImplementation(() => true);
    screen.take();
    log.length = 0;
    screen.suspend();
    expect(kill).toHaveBeenCalledWith(0, "SIGSTOP");
    screen.write("frame while stopped");
    expect(log).toEqual([LEAVE, "raw false"]);
    log.length = 0;
    expect(screen.resume()).toBe(true);
    // Off, then on: libuv sets a mode only when it changes, and the shell changed it meanwhile.
    expect(log).toEqual(["raw false", "raw true", ENTER]);
  });

  it("SIGCONT after a plain SIGSTOP (nothing given back): raw again and the screen again", () => {
    const { log, screen } = fakeTerminal();
    screen.take();
    log.length = 0;
    expect(screen.resume()).toBe(true);
    expect(log).toEqual(["raw false", "raw true", ENTER]);
  });

  it("SIGCONT when the terminal is not held (before take, after give back): nothing", () => {
    const { log, screen } = fakeTerminal();
    expect(screen.resume()).toBe(false);
    screen.take();
    screen.giveBack();
    log.length = 0;
    expect(screen.resume()).toBe(false);
    expect(log).toEqual([]);
  });

  it("a terminal that is gone: no throw, nothing more written, the recording still ends", () => {
    const { log, recorded, screen } = fakeTerminal({ rawFails: true });
    screen.take();
    expect(screen.isLost).toBe(true);
    screen.write("frame");
    screen.giveBack();
    expect(log).toEqual([]);
    expect(recorded).toEqual([ENTER, "frame", LEAVE]);
  });

  it("other errors are not taken for a hangup", () => {
    expect(terminalGone(eio())).toBe(true);
    expect(terminalGone(Object.assign(new Error("x"), { code: "EPIPE" }))).toBe(true);
    expect(terminalGone(Object.assign(new Error("x"), { code: "EACCES" }))).toBe(false);
    expect(terminalGone(new Error("boom"))).toBe(false);
    expect(terminalGone(null)).toBe(false);
  });

  it("mouse reporting: on after the alternate screen, off first when given back, kept out of the recording", () => {
    const { log, recorded, screen } = fakeTerminal({ mouse: true });
    screen.take();
    screen.write("frame");
    screen.giveBack();
    screen.giveBack();
    expect(MOUSE_ON).toBe("\x1b[?1000h\x1b[?1006h");
    expect(MOUSE_OFF).toBe("\x1b[?1006l\x1b[?1000l");
    expect(log).toEqual(["raw true", ENTER, MOUSE_ON, "frame", MOUSE_OFF, LEAVE, "raw false"]);
    expect(recorded).toEqual([ENTER, "frame", LEAVE]);
  });

  it("mouse reporting around a suspension: off before the stop, on again at SIGCONT", () => {
    const { log, screen } = fakeTerminal({ mouse: true });
    vi.spyOn(process, "kill").mockImplementation(() => true);
    screen.take();
    log.length = 0;
    screen.suspend();
    expect(log).toEqual([MOUSE_OFF, LEAVE, "raw false"]);
    log.length = 0;
    expect(screen.resume()).toBe(true);
    expect(log).toEqual(["raw false", "raw true", ENTER, MOUSE_ON]);
  });
});
