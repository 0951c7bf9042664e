// Whole-kernel invariants the property tests check after every tick; throws naming the broken one.
import { Layout } from "../../src/sim/cpu/isa.js";
import { INIT_PID, type Kernel, SwitchReason } from "../../src/sim/kernel.js";
import { type Pcb, PROCESS_STATES, type ProcessState } from "../../src/sim/process.js";
import { allowedOn } from "../../src/sim/sched/affinity.js";
import { PerCoreQueues } from "../../src/sim/sched/perCore.js";

const PAGE = Layout.PAGE_SIZE;
const STACK_FLOOR = Layout.VA_SIZE - Layout.STACK_MAX;

function fail(k: Kernel, what: string): never {
  throw new Error(`tick ${k.now}: ${what}`);
}

/** Whether page `vpn` of `p` lies (at least partly) inside one of its regions. */
function inRegion(p: Pcb, vpn: number): boolean {
  const m = p.mem;
  const a = vpn * PAGE;
  const b = a + PAGE;
  const overlaps = (s: number, e: number) => s < e && a < e && b > s;
  return (
    overlaps(Layout.TEXT_BASE, m.textEnd) ||
    overlaps(m.dataBase, m.dataEnd) ||
    overlaps(m.heapBase, m.brk) ||
    a >= m.stackLow
  );
}

export function checkInvariants(k: Kernel): void {
  const procs = [...k.procs.values()];

  // Pids are unique keys, below nextPid; init is there.
  for (const [pid, p] of k.procs) {
    if (p.pid !== pid) fail(k, `procs key ${pid} holds pid ${p.pid}`);
    if (pid >= k.nextPid) fail(k, `pid ${pid} >= nextPid ${k.nextPid}`);
  }
  if (!k.procs.has(INIT_PID)) fail(k, "init is gone");

  // Job control: every process is in exactly one group and one session (ids of processes that
  // led them); a group's members share its session; a terminal's foreground group belongs to the
  // terminal's session, and that session's leader is alive.
  const sessionOfGroup = new Map<number, number>();
  for (const p of procs) {
    if (p.pgid <= 0 || p.sid <= 0) fail(k, `${p.pid} has group ${p.pgid}, session ${p.sid}`);
    if (p.pgid >= k.nextPid || p.sid >= k.nextPid)
      fail(k, `${p.pid}'s group ${p.pgid} or session ${p.sid} is no pid yet given`);
    const s = sessionOfGroup.get(p.pgid);
    if (s !== undefined && s !== p.sid) fail(k, `group ${p.pgid} spans sessions ${s} and ${p.sid}`);
    sessionOfGroup.set(p.pgid, p.sid);
    if (p.pid === p.sid && p.pgid !== p.pid) fail(k, `session leader ${p.pid} left its group`);
  }
  for (const t of k.ttys) {
    if (t.sid === 0) {
      if (t.fgPgrp !== 0) fail(k, `${t.name} has no session but foreground group ${t.fgPgrp}`);
      continue;
    }
    const leader = k.procs.get(t.sid);
    if (!leader || leader.state === "zombie") fail(k, `${t.name}'s session ${t.sid} has no leader`);
    const fgSession = sessionOfGroup.get(t.fgPgrp);
    if (fgSession !== undefined && fgSession !== t.sid)
      fail(k, `${t.name}'s foreground group ${t.fgPgrp} is in session ${fgSession}, not ${t.sid}`);
    if (k.ttys.some((u) => u !== t && u.sid === t.sid))
      fail(k, `session ${t.sid} has two terminals`);
  }
  for (const p of procs) {
    if (p.state === "blocked" && p.block === "tty" && k.ttyOf(p.sid) === null)
      fail(k, `${p.pid} reads a terminal its session does not have`);
  }

  // Every process but init has a live parent (exiting hands children to init at once).
  for (const p of procs) {
    if (p.pid === INIT_PID) continue;
    const parent = k.procs.get(p.ppid);
    if (!parent) fail(k, `${p.pid}'s parent ${p.ppid} is not in the table`);
    if (parent.state === "zombie") fail(k, `${p.pid}'s parent ${p.ppid} is a zombie`);
    if (p.nice < -20 || p.nice > 19) fail(k, `${p.pid} has nice ${p.nice}`);
  }

  // Time accounting: every busy or switching tick of a core is one process's CPU time.
  let coreTime = 0;
  let userTime = 0;
  for (let c = 0; c < k.running.length; c++) {
    const st = k.coreStats;
    coreTime += st.busy[c] + st.switching[c];
    userTime += st.busy[c] - st.system[c];
    if (st.busy[c] + st.switching[c] + st.idle[c] !== k.now)
      fail(k, `core ${c}: busy + switching + idle != ${k.now}`);
  }
  let procTime = k.exitedCycles;
  let procUser = 0;
  for (const p of procs) {
    procTime += p.acct.cycles;
    procUser += p.acct.cycles - p.acct.systemTicks;
  }
  if (procTime !== coreTime) fail(k, `processes' cycles ${procTime} != cores' busy ${coreTime}`);
  if (procUser > userTime) fail(k, `processes' user cycles ${procUser} > cores' ${userTime}`);

  // Cores: at most one process each, on the core it says; every running process on exactly one.
  const onCore = new Set<Pcb>();
  for (let c = 0; c < k.running.length; c++) {
    const r = k.running[c];
    if (r === null) continue;
    if (r.core !== c) fail(k, `core ${c} runs ${r.pid} whose core is ${r.core}`);
    if (r.state !== "running") fail(k, `core ${c} holds ${r.pid} in state ${r.state}`);
    if (onCore.has(r)) fail(k, `${r.pid} is on two cores`);
    if (k.procs.get(r.pid) !== r) fail(k, `core ${c} holds ${r.pid}, which is not in the table`);
    onCore.add(r);
  }
  for (const p of procs) {
    if (p.state === "running" && !onCore.has(p)) fail(k, `${p.pid} is running on no core`);
    if (p.state !== "running" && p.core !== -1)
      fail(k, `${p.pid} is ${p.state} but has core ${p.core}`);
    if (p.state === "blocked" && p.block === "none") fail(k, `${p.pid} is blocked for no reason`);
    if (
      (p.state === "ready" || p.state === "running" || p.state === "zombie") &&
      p.block !== "none"
    )
      fail(k, `${p.pid} is ${p.state} with block ${p.block}`);
  }

  // The per-state counts match a recount.
  const counts = new Map<ProcessState, number>(PROCESS_STATES.map((s) => [s, 0]));
  for (const p of procs) counts.set(p.state, counts.get(p.state)! + 1);
  for (const s of PROCESS_STATES) {
    if (k.stateCounts.get(s) !== counts.get(s))
      fail(k, `stateCounts[${s}] = ${k.stateCounts.get(s)}, recount ${counts.get(s)}`);
  }

  // Ready processes are exactly the policy's queue.
  const queued = k.policy.queued();
  if (queued.length !== k.policy.size)
    fail(k, `policy size ${k.policy.size} but ${queued.length} queued`);
  const qset = new Set(queued);
  if (qset.size !== queued.length) fail(k, "a process is queued twice");
  for (const q of queued) {
    if (k.procs.get(q.pid) !== q) fail(k, `queued ${q.pid} is not in the table`);
    if (q.state !== "ready") fail(k, `queued ${q.pid} is ${q.state}`);
  }
  for (const p of procs)
    if (p.state === "ready" && !qset.has(p)) fail(k, `ready ${p.pid} is not queued`);

  // Per-core queues: every ready process in exactly one core's queue, the one it says, and a
  // core its affinity allows; every running process on a core its affinity allows.
  if (k.policy instanceof PerCoreQueues) {
    const seen = new Map<Pcb, number>();
    k.policy.queues.forEach((q, c) => {
      if (q.queued().length !== q.size) fail(k, `queue ${c} size ${q.size} is not its length`);
      for (const p of q.queued()) {
        if (seen.has(p)) fail(k, `${p.pid} is in queues ${seen.get(p)} and ${c}`);
        seen.set(p, c);
        if (p.sched.queue !== c) fail(k, `${p.pid} is in queue ${c} but says ${p.sched.queue}`);
        if (!allowedOn(p, c)) fail(k, `${p.pid} is queued on core ${c}, outside its affinity`);
      }
    });
  }
  for (let c = 0; c < k.running.length; c++) {
    const r = k.running[c];
    // A process whose affinity just changed leaves its core at the next switch.
    if (r !== null && !allowedOn(r, c) && k.wantSwitch[c] !== SwitchReason.Affinity)
      fail(k, `${r.pid} runs on core ${c}, outside its affinity`);
  }
  for (const p of procs)
    if (p.affinityLo === 0 && p.affinityHi === 0) fail(k, `${p.pid} may run on no core`);

  // Address spaces: ordered regions inside the VA; mapped pages inside regions; zombies hold nothing.
  const refs = new Map<number, number>();
  for (const p of procs) {
    const m = p.mem;
    if (p.state === "zombie") {
      if (m.resident !== 0) fail(k, `zombie ${p.pid} has ${m.resident} resident pages`);
      continue;
    }
    const order = [
      Layout.TEXT_BASE,
      m.textEnd,
      m.dataBase,
      m.dataEnd,
      m.heapBase,
      m.brk,
      m.stackLow,
      Layout.VA_SIZE,
    ];
    for (let i = 1; i < order.length; i++) {
      if (order[i - 1] > order[i]) fail(k, `${p.pid}'s regions overlap: ${order.join(" ")}`);
    }
    if (m.stackLow < STACK_FLOOR) fail(k, `${p.pid}'s stack is below its floor`);
    let mapped = 0;
    for (let v = 0; v < m.pt.length; v++) {
      const f = m.pt[v];
      if (f < 0) continue;
      mapped++;
      if (!inRegion(p, v)) fail(k, `${p.pid} maps page ${v} outside its regions`);
      refs.set(f, (refs.get(f) ?? 0) + 1);
    }
    if (mapped !== m.resident) fail(k, `${p.pid} maps ${mapped} pages but counts ${m.resident}`);
  }
  // Frames in use are the frames page tables map, and each refcount is the number of mappings.
  if (refs.size !== k.ram.used) fail(k, `ram.used ${k.ram.used} but ${refs.size} frames mapped`);
  for (let f = 0; f < k.ram.frameCount; f++) {
    if (k.ram.refs[f] !== (refs.get(f) ?? 0))
      fail(k, `frame ${f} has refcount ${k.ram.refs[f]} but ${refs.get(f) ?? 0} mappings`);
  }

  // The disk serves exactly the processes waiting on it.
  const d = k.disk;
  if (d.active.length > d.channels) fail(k, "more disk requests active than channels");
  if (d.waiting.length > 0 && d.active.length < d.channels)
    fail(k, "a disk request waits beside a free channel");
  const requests = new Map<number, number>();
  for (const r of [...d.active, ...d.waiting]) requests.set(r.pid, (requests.get(r.pid) ?? 0) + 1);
  for (const [pid, n] of requests) {
    const p = k.procs.get(pid);
    const waiting =
      p !== undefined && p.block === "io" && (p.state === "blocked" || p.state === "stopped");
    if (!waiting) fail(k, `disk request for ${pid}, which is not waiting on I/O`);
    if (n !== 1) fail(k, `${pid} has ${n} disk requests`);
  }
  for (const p of procs) {
    if (p.state === "blocked" && p.block === "io" && !requests.has(p.pid))
      fail(k, `${p.pid} waits on I/O the disk does not know about`);
  }
}
