// The terminal panel's data: tty1's screen, who holds it, and whether the keyboard is there.
import type { Kernel } from "../../sim/kernel.js";

export interface TerminalModel {
  name: string;
  /** The session holding it (0 = nobody logged in) and its leader's name. */
  sid: number;
  leader: string;
  /** The foreground group and its leader's name (or the first member's). */
  fgPgrp: number;
  fgName: string;
  /** The screen, oldest line first, the cursor's line last. */
  lines: string[];
  /** The keyboard goes to the terminal. */
  focused: boolean;
  /** The key that gives it the keyboard, as the key bar writes it. */
  key: string;
}

/** The last `rows` lines of tty1's screen (enough for the panel even when lines wrap). */
export function selectTerminal(
  k: Kernel,
  focused: boolean,
  rows: number,
  key: string,
): TerminalModel {
  const t = k.ttys[0];
  const leader = k.procs.get(t.sid);
  let fgName = "";
  for (const p of k.procs.values()) {
    if (p.pgid !== t.fgPgrp) continue;
    fgName = p.name;
    if (p.pid === t.fgPgrp) break;
  }
  return {
    name: t.name,
    sid: t.sid,
    leader: leader ? leader.name : "",
    fgPgrp: t.fgPgrp,
    fgName,
    lines: t.screen(Math.max(1, rows)),
    focused,
    key,
  };
}
