// The story of the selected process: each step of its life with its tick, and what starting it cost.
import type { Kernel } from "../../sim/kernel.js";
import { type Pcb, startupTicks, usefulTicks } from "../../sim/process.js";
import { signalName } from "../../sim/signals.js";
import { SIGNAL_ACTIONS, Step, type StoryEntry } from "../../sim/story.js";

export interface StoryStep {
  tick: number;
  /** A few words: "code+data" (loaded), "exec query", "SIGINT handler". */
  text: string;
  /** Ticks since the step before, for the start-up steps (null for the rest of its life). */
  took: number | null;
  /** Start-up steps are the lecture's list; the others are what happened to it since. */
  startup: boolean;
}

export interface StoryModel {
  steps: StoryStep[];
  /** Steps no longer kept, between the start-up and the latest ones. */
  dropped: number;
  /** Ticks from creation to main's first instruction, or so far while it is still starting. */
  startup: number;
  started: boolean;
  /** User-mode ticks since main started. */
  useful: number;
  /** Its reaped children together (tms_cutime's idea): how many, their start-up and useful ticks. */
  children: { count: number; startup: number; useful: number } | null;
}

const STARTUP_STEPS: ReadonlySet<number> = new Set([
  Step.Created,
  Step.AddressSpace,
  Step.ForkedFrom,
  Step.Loaded,
  Step.Stdio,
  Step.Args,
  Step.Ready,
  Step.Dispatched,
  Step.Main,
  Step.ForkReturn,
  Step.Exec,
]);

function words(k: Kernel, e: StoryEntry): string {
  switch (e.step) {
    case Step.Created:
      return "created";
    case Step.AddressSpace:
      return "addr space";
    case Step.ForkedFrom:
      return `fork of ${e.arg}`;
    case Step.Loaded:
      return "code+data";
    case Step.Stdio:
      return "stdio";
    case Step.Args:
      return "argv";
    case Step.Ready:
      return "ready";
    case Step.Dispatched:
      return `on cpu${e.arg}`;
    case Step.Main:
      return "main()";
    case Step.ForkReturn:
      return "fork→0";
    case Step.Forked:
      return `fork → ${e.arg}`;
    case Step.Exec:
      return `exec ${e.arg >= 0 && e.arg < k.programs.programs.length ? k.programs.get(e.arg).name : "?"}`;
    case Step.Signal: {
      const action = SIGNAL_ACTIONS[e.arg >> 8] ?? "delivered";
      return `${signalName(e.arg & 0xff)} ${action}`;
    }
    case Step.Exited: {
      const signal = e.arg >> 8;
      return signal === 0 ? `exit ${e.arg & 0xff}` : `killed ${signalName(signal)}`;
    }
    case Step.Zombie:
      return "zombie";
    case Step.ReapedChild:
      return `reaped ${e.arg}`;
  }
}

export function selectStory(k: Kernel, p: Pcb): StoryModel {
  const steps: StoryStep[] = [];
  let last = p.times.created;
  // Start-up runs until main (or a fork child's first instruction); an exec starts a new one.
  let inStartup = true;
  for (const e of p.story.entries()) {
    if (e.step === Step.Exec) inStartup = true;
    const startup = inStartup && STARTUP_STEPS.has(e.step);
    steps.push({ tick: e.tick, text: words(k, e), took: startup ? e.tick - last : null, startup });
    if (e.step === Step.Main || e.step === Step.ForkReturn) inStartup = false;
    last = e.tick;
  }
  const s = p.story;
  return {
    steps,
    dropped: s.dropped,
    startup: startupTicks(p, k.now),
    started: s.startedAt >= 0,
    useful: usefulTicks(p),
    children:
      s.reapedChildren === 0
        ? null
        : { count: s.reapedChildren, startup: s.childStartup, useful: s.childUseful },
  };
}
