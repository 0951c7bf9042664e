// Job control worked by hand: sessions, groups, the terminal's keys, and the shell's jobs.
import { describe, expect, it } from "vitest";
import type { Kernel } from "../../src/sim/kernel.js";
import { Signal } from "../../src/sim/signals.js";
import { kernel, proc, runUntil } from "./helpers.js";

/** Logs a shell in on tty1 and waits for its first prompt. */
function login(k: Kernel): number {
  const pid = k.nextPid;
  k.apply({ type: "spawn", program: "sh", terminal: true });
  runUntil(k, () => screen(k).endsWith("$ "));
  return pid;
}

function screen(k: Kernel): string {
  return k.ttys[0].screen(1000).join("\n");
}

function type(k: Kernel, text: string): void {
  k.apply({ type: "type", text });
}

/** Types a line and waits for the next prompt. */
function command(k: Kernel, text: string): void {
  const before = screen(k).length;
  type(k, text);
  runUntil(k, () => screen(k).length > before + text.length && screen(k).endsWith("$ "));
}

describe("the shell", () => {
  it("runs a job in the background, lists it, and reports it done", () => {
    const k = kernel({ noInit: false });
    login(k);
    command(k, "work 2 &\n");
    command(k, "jobs\n");
    k.run(20000);
    command(k, "\n");
    console.log(screen(k));
  });
});
