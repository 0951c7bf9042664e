// The side menus' contents: every supported signal, and the program library for spawning.

import { SIG_IGN } from "../sim/cpu/isa.js";
import type { Kernel } from "../sim/kernel.js";
import { DefaultAction, defaultAction, isCatchable, SIGNALS, signalName } from "../sim/signals.js";

/** Signals in the menu, in number order (the menu and its Enter key agree on this list). */
export const SIGNAL_ORDER: readonly number[] = [...SIGNALS].sort((a, b) => a - b);

export interface MenuItem {
  label: string;
  detail: string;
}

const ACTION_WORDS: Record<number, string> = {
  [DefaultAction.Terminate]: "terminate",
  [DefaultAction.Ignore]: "ignore",
  [DefaultAction.Stop]: "stop",
  [DefaultAction.Continue]: "continue",
  [DefaultAction.Core]: "core dump",
};

/** Each signal with what it would do to process `pid` given its dispositions. */
export function signalItems(k: Kernel, pid: number): MenuItem[] {
  const p = k.procs.get(pid);
  return SIGNAL_ORDER.map((s) => {
    const d = p ? p.sigDisposition[s] : 0;
    const how = !isCatchable(s)
      ? `${ACTION_WORDS[defaultAction(s)]}, not catchable`
      : d === 0
        ? `default: ${ACTION_WORDS[defaultAction(s)]}`
        : d === SIG_IGN
          ? "ignored by it"
          : "caught by its handler";
    return { label: `${String(s).padStart(2)} ${signalName(s)}`, detail: how };
  });
}

export function spawnItems(k: Kernel): MenuItem[] {
  return k.programs.programs.map((p) => ({ label: p.name, detail: p.description }));
}
