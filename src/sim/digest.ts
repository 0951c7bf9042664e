// A canonical text of a kernel's whole state, so runs can be compared byte for byte.
import type { Kernel } from "./kernel.js";
import { TTY_SCROLLBACK } from "./tty.js";

function hashInts(a: Int32Array | Uint16Array | Uint8Array, h = 2166136261): number {
  for (let i = 0; i < a.length; i++) {
    h ^= a[i] & 0xffff;
    h = Math.imul(h, 16777619);
    h ^= a[i] >>> 16;
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** Every process field, scheduler queue, core and memory frame, folded into one string. */
export function stateDigest(k: Kernel): string {
  const procs = [...k.procs.values()].map((p) => ({
    pid: p.pid,
    ppid: p.ppid,
    pgid: p.pgid,
    sid: p.sid,
    name: p.name,
    state: p.state,
    block: p.block,
    nice: p.nice,
    tickets: p.tickets,
    affinity: [p.affinityLo, p.affinityHi],
    pc: p.pc,
    regs: Array.from(p.regs),
    pending: p.sigPending,
    disp: hashInts(p.sigDisposition),
    status: p.exitStatus,
    times: p.times,
    sched: p.sched,
    acct: [p.acct.instructions, p.acct.cycles, p.acct.systemTicks, p.acct.contextSwitches],
    caches: [...p.acct.cacheAccesses, ...p.acct.cacheHits, p.acct.dataAccesses, p.acct.dataL1Hits],
    pt: hashInts(p.mem.pt),
    brk: p.mem.brk,
    stack: p.mem.stackLow,
  }));
  let used = 0;
  let h = 2166136261;
  for (let f = 0; f < k.ram.frameCount; f++) {
    if (k.ram.refs[f] === 0) continue;
    used++;
    h = hashInts(k.ram.words.subarray(f * 1024, (f + 1) * 1024), h ^ f);
  }
  return JSON.stringify({
    now: k.now,
    nextPid: k.nextPid,
    policy: k.policy.name,
    queue: k.policy.queued().map((p) => p.pid),
    runQueues: k.runQueueMode,
    balance: [k.balanceInterval, k.steal],
    running: k.running.map((p) => (p ? p.pid : 0)),
    switchLeft: Array.from(k.switchLeft),
    procs,
    frames: used,
    ram: h >>> 0,
    refs: hashInts(k.ram.refs),
    rng: k.rng.state,
    hierarchy: k.hierarchy ? k.hierarchy.levelStats() : null,
    ttys: k.ttys.map((t) => [t.sid, t.fgPgrp, t.screen(TTY_SCROLLBACK + 1).join("\n")]),
    disk: k.disk.active.map((r) => [r.pid, r.until]).concat(k.disk.waiting.map((r) => [r.pid, -1])),
  });
}
