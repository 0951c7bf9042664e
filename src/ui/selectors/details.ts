// The details panel's data: the selected process's PCB, story, memory map, cache rates and times.
import { disassemble, INSN_WORDS, Layout, REG_NAMES, Reg, SIG_IGN } from "../../sim/cpu/isa.js";
import type { Kernel } from "../../sim/kernel.js";
import type { Region } from "../../sim/memory.js";
import { type Pcb, stateLetter } from "../../sim/process.js";
import { isCatchable, SIGNALS, signalName } from "../../sim/signals.js";
import { stateWordOf } from "../../sim/view.js";
import { processCacheTotals } from "./caches.js";
import { type StoryModel, selectStory } from "./story.js";

/** Registers shown besides pc and sp: results, arguments, three temporaries and a saved one. */
const SHOWN_REGS: readonly number[] = [Reg.V0, Reg.V1, Reg.A0, Reg.A1, 8, 9, 10, 16];

export interface DetailsModel {
  pid: number;
  name: string;
  program: string;
  letter: string;
  stateWord: string;
  ppid: number;
  parentName: string | null;
  children: number[];
  nice: number;
  priority: number;
  pc: number;
  /** The instruction at pc, disassembled, or null when pc is outside the code. */
  instruction: string | null;
  sp: number;
  regs: { name: string; value: number }[];
  /** Non-default dispositions: "SIGINT handler 0x00001024", "SIGINT ignored". */
  dispositions: string[];
  pending: string[];
  inHandler: boolean;
  /** Zombies only: status and the signal that killed it (0 if it exited). */
  exit: { status: number; signal: number } | null;
  regions: Region[];
  sharedPages: number;
  residentPages: number;
  /** Per level L1 L2 L3 RAM since the process started; NaN where nothing reached it. */
  cache: { name: string; accesses: number; rate: number }[];
  /** Its life step by step, and what starting it cost against the work it did. */
  story: StoryModel;
  times: {
    created: number;
    /** Ticks from creation to first run, null if it has not run yet. */
    response: number | null;
    /** Ticks from creation to exit, null while alive. */
    turnaround: number | null;
    /** Ticks spent ready, including the current wait. */
    waiting: number;
    cpu: number;
    system: number;
    instructions: number;
    stalls: number;
    switches: number;
    syscalls: number;
  };
}

function dispositionsOf(p: Pcb): string[] {
  const out: string[] = [];
  for (const s of SIGNALS) {
    const d = p.sigDisposition[s];
    if (d === 0 || !isCatchable(s)) continue;
    out.push(
      d === SIG_IGN
        ? `${signalName(s)} ignored`
        : `${signalName(s)} handler 0x${d.toString(16).padStart(8, "0")}`,
    );
  }
  return out;
}

function pendingOf(p: Pcb): string[] {
  const out: string[] = [];
  for (let s = 1; s < 32; s++) if ((p.sigPending & (1 << s)) !== 0) out.push(signalName(s));
  return out;
}

function instructionAt(p: Pcb): string | null {
  const index = (p.pc - Layout.TEXT_BASE) / 4;
  if (!Number.isInteger(index) || index < 0 || (index + 1) * INSN_WORDS > p.code.length)
    return null;
  return disassemble(p.code, index);
}

export function selectDetails(k: Kernel, pid: number): DetailsModel | null {
  const p = k.procs.get(pid);
  if (!p) return null;
  const children: number[] = [];
  for (const c of k.procs.values()) if (c.ppid === p.pid && c !== p) children.push(c.pid);
  const parent = k.procs.get(p.ppid);
  const t = p.times;
  const a = p.acct;
  const zombie = p.state === "zombie";
  return {
    pid: p.pid,
    name: p.name,
    program: p.program.name,
    letter: stateLetter(p),
    stateWord: stateWordOf(p),
    ppid: p.ppid,
    parentName: parent ? parent.name : null,
    children,
    nice: p.nice,
    priority: p.priority,
    pc: p.pc,
    instruction: zombie ? null : instructionAt(p),
    sp: p.regs[Reg.SP],
    regs: SHOWN_REGS.map((r) => ({ name: REG_NAMES[r], value: p.regs[r] })),
    dispositions: dispositionsOf(p),
    pending: pendingOf(p),
    inHandler: p.sigSaved !== null,
    exit: zombie ? { status: p.exitStatus, signal: p.killedBy } : null,
    regions: zombie ? [] : p.mem.regions(),
    sharedPages: zombie ? 0 : p.mem.sharedPages(),
    residentPages: p.mem.resident,
    cache: processCacheTotals(p),
    story: selectStory(k, p),
    times: {
      created: t.created,
      response: t.firstRun >= 0 ? t.firstRun - t.created : null,
      turnaround: t.exited >= 0 ? t.exited - t.created : null,
      waiting: t.waiting + (p.state === "ready" ? k.now - t.readySince : 0),
      cpu: a.cycles,
      system: a.systemTicks,
      instructions: a.instructions,
      stalls: a.stallCycles,
      switches: a.contextSwitches,
      syscalls: a.syscalls,
    },
  };
}
