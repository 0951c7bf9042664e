// Signals, worked by hand: handlers, default actions, ignoring, stop/continue, SIGKILL, ESRCH, SIGCHLD, SIGSEGV.
import { describe, expect, it } from "vitest";
import { SIG_IGN } from "../../src/sim/cpu/isa.js";
import { Signal } from "../../src/sim/signals.js";
import { collect, jobSource, kernel, ofType, proc, runTo, spawn } from "./helpers.js";

const S0 = 16;
const S1 = 17;
const S2 = 18;
const S3 = 19;
const T0 = 8;

const kill = (pid: number, signal: number) => ({ type: "kill" as const, pid, signal });

describe("SIGINT: handler, default action, ignored", () => {
  it("a handler runs at once on a running process and sigreturn resumes where it was", () => {
    // sigint-handler from tick 3: signal's li, li, li, syscall at 3-6; then the loop
    // (addi at idx 4, j at idx 5) from 7: addi on odd ticks 7..19, so $t0 = 7 at tick 20.
    // The handler (idx 6, address 0x1000 + 6*4 = 0x1018) runs lw, addi, sw, li, syscall at 20-24.
    const k = kernel();
    runTo(k, 3);
    spawn(k, "sigint-handler");
    runTo(k, 20);
    k.apply(kill(2, Signal.SIGINT));
    const events = [...k.drainEvents(), ...collect(k, 5)];
    const p = proc(k, 2);
    expect(ofType(events, "SignalSent")).toEqual([
      { tick: 20, type: "SignalSent", pid: 2, signal: 2, from: 0, result: "pending" },
    ]);
    expect(ofType(events, "SignalDelivered")[0]).toMatchObject({
      tick: 20,
      action: "handler",
      status: 0,
    });
    expect(ofType(events, "HandlerRan")).toEqual([
      { tick: 20, type: "HandlerRan", pid: 2, signal: 2, handler: 0x1018 },
    ]);
    // After sigreturn (tick 24): back at `j loop` (0x1014) with the registers it had.
    expect(p.sigSaved).toBeNull();
    expect(p.pc).toBe(0x1014);
    expect(p.regs[T0]).toBe(7);
    expect(p.mem.read(p.program.dataBase)).toBe(1);
    k.apply(kill(2, Signal.SIGINT));
    collect(k, 10);
    expect(p.mem.read(p.program.dataBase)).toBe(2);
    expect(p.state).toBe("running");
  });

  it("the default action terminates with status 128 + 2 = 130; init reaps it", () => {
    const k = kernel();
    runTo(k, 3);
    spawn(k, "cpu-bound");
    runTo(k, 10);
    k.apply(kill(2, Signal.SIGINT));
    const events = [...k.drainEvents(), ...collect(k, 1)];
    expect(ofType(events, "SignalDelivered")[0]).toMatchObject({
      tick: 10,
      action: "terminated",
      status: 130,
    });
    expect(ofType(events, "Exited")).toEqual([
      { tick: 10, type: "Exited", pid: 2, name: "cpu-bound", status: 130, signal: 2 },
    ]);
    expect(ofType(events, "Reaped")[0]).toMatchObject({ pid: 2, by: 1, status: 130 });
  });

  it("an ignored SIGINT changes nothing", () => {
    const k = kernel();
    runTo(k, 3);
    spawn(k, "sigint-ignorer");
    runTo(k, 10); // signal SIGINT, ignore ran at 3-6
    k.apply(kill(2, Signal.SIGINT));
    expect(ofType(k.drainEvents(), "SignalSent")[0].result).toBe("ignored");
    collect(k, 20);
    expect(proc(k, 2).state).toBe("running");
    expect(proc(k, 2).sigPending).toBe(0);
  });

  it("a SIGINT sent before the process installs its disposition acts when it first runs", () => {
    // Spawned and signalled at tick 3 (still new); it first runs in tick 3 and dies there.
    const k = kernel();
    runTo(k, 3);
    spawn(k, "sigint-ignorer");
    k.apply(kill(2, Signal.SIGINT));
    const p = proc(k, 2);
    expect(p.sigPending).toBe(1 << Signal.SIGINT);
    const events = collect(k, 1);
    expect(ofType(events, "Exited")[0]).toMatchObject({ tick: 3, status: 130 });
    expect(p.acct.instructions).toBe(0);
  });
});

describe("death by signal n has status 128 + n", () => {
  it.each([
    [Signal.SIGHUP, 129],
    [Signal.SIGINT, 130],
    [Signal.SIGKILL, 137],
    [Signal.SIGUSR1, 138],
    [Signal.SIGTERM, 143],
  ])("signal %i -> status %i", (sig, status) => {
    const k = kernel();
    runTo(k, 3);
    spawn(k, "cpu-bound");
    runTo(k, 8);
    k.apply(kill(2, sig));
    const events = collect(k, 1);
    expect(ofType(events, "Exited")[0]).toMatchObject({ pid: 2, status, signal: sig });
  });
});

describe("SIGSTOP and SIGCONT", () => {
  it("stopped while asleep: SIGCONT before the wake-up returns it to its sleep; it wakes on time", () => {
    // nap from 3: li 3, li 4, syscall 5 -> ready at 5 + 1000 = 1005.
    const k = kernel({}, { nap: "main: sleep 1000\n      j main" });
    runTo(k, 3);
    spawn(k, "nap");
    runTo(k, 100);
    k.apply(kill(2, Signal.SIGSTOP));
    const p = proc(k, 2);
    expect(p.state).toBe("stopped");
    expect(p.block).toBe("sleep");
    expect(ofType(k.drainEvents(), "SignalDelivered")[0]).toMatchObject({ action: "stopped" });
    runTo(k, 200);
    k.apply(kill(2, Signal.SIGCONT));
    expect(p.state).toBe("blocked");
    expect(p.block).toBe("sleep");
    runTo(k, 1005);
    expect(p.state).toBe("blocked");
    collect(k, 1);
    expect(p.state).toBe("running");
  });

  it("stopped while asleep past the wake-up: it stays stopped, SIGCONT makes it ready", () => {
    const k = kernel();
    runTo(k, 3);
    spawn(k, "sleeper");
    runTo(k, 100);
    k.apply(kill(2, Signal.SIGSTOP));
    runTo(k, 1500);
    const p = proc(k, 2);
    expect(p.state).toBe("stopped");
    expect(p.resumeState).toBe("ready");
    k.apply(kill(2, Signal.SIGCONT));
    expect(p.state).toBe("ready");
    collect(k, 1);
    expect(p.state).toBe("running");
  });

  it("an I/O that completes while the process is stopped leaves it stopped until SIGCONT", () => {
    // reader from 5: li 5, li 6, syscall 7 -> the disk finishes at 7 + 10 + 2*5 = 27.
    const k = kernel(
      { disk: { latency: 10, perBlock: 5, channels: 1 } },
      { reader: "main: io 2\n exit 3" },
    );
    runTo(k, 5);
    spawn(k, "reader");
    runTo(k, 10);
    k.apply(kill(2, Signal.SIGSTOP));
    expect(proc(k, 2).block).toBe("io");
    const events = collect(k, 30); // to tick 40
    expect(ofType(events, "IoCompleted")).toEqual([{ tick: 27, type: "IoCompleted", pid: 2 }]);
    expect(proc(k, 2).state).toBe("stopped");
    k.apply(kill(2, Signal.SIGCONT));
    const after = collect(k, 3); // exit's li 40, li 41, syscall 42
    expect(ofType(after, "Exited")[0]).toMatchObject({ tick: 42, status: 3 });
  });

  it("a running process stops at its next tick and leaves its core; SIGCONT puts it back", () => {
    const k = kernel();
    runTo(k, 3);
    spawn(k, "cpu-bound");
    runTo(k, 10);
    k.apply(kill(2, Signal.SIGSTOP));
    expect(proc(k, 2).state).toBe("running");
    collect(k, 1);
    expect(proc(k, 2).state).toBe("stopped");
    expect(k.running[0]).toBeNull();
    const n = proc(k, 2).acct.instructions;
    collect(k, 20);
    expect(proc(k, 2).acct.instructions).toBe(n);
    k.apply(kill(2, Signal.SIGCONT));
    collect(k, 1);
    expect(proc(k, 2).state).toBe("running");
  });

  it("SIGCONT discards a SIGSTOP still pending (POSIX): stop then continue in one tick leaves it running", () => {
    const k = kernel();
    runTo(k, 3);
    spawn(k, "cpu-bound");
    runTo(k, 10);
    k.step([kill(2, Signal.SIGSTOP), kill(2, Signal.SIGCONT)]);
    collect(k, 5);
    expect(proc(k, 2).state).toBe("running");
  });

  it("SIGKILL ends a stopped process at once with status 137, even with another signal pending", () => {
    const k = kernel();
    runTo(k, 3);
    spawn(k, "cpu-bound");
    runTo(k, 10);
    k.apply(kill(2, Signal.SIGSTOP));
    collect(k, 5);
    k.apply(kill(2, Signal.SIGINT)); // stays pending while stopped
    expect(proc(k, 2).state).toBe("stopped");
    k.apply(kill(2, Signal.SIGKILL));
    const events = k.drainEvents();
    expect(ofType(events, "Exited")).toEqual([
      { tick: 15, type: "Exited", pid: 2, name: "cpu-bound", status: 137, signal: 9 },
    ]);
    expect(ofType(events, "Reaped")[0]).toMatchObject({ pid: 2, by: 1, status: 137 });
  });

  it("SIGKILL on a process stopped during I/O cancels its disk request", () => {
    const k = kernel(
      { disk: { latency: 100, perBlock: 0, channels: 1 } },
      { reader: "main: io 1\n exit 3" },
    );
    runTo(k, 5);
    spawn(k, "reader");
    runTo(k, 10);
    k.apply(kill(2, Signal.SIGSTOP));
    k.apply(kill(2, Signal.SIGKILL));
    expect(k.disk.active).toEqual([]);
    const events = collect(k, 200);
    expect(ofType(events, "IoCompleted")).toEqual([]);
  });

  it("a signal sent to a stopped process waits for SIGCONT, then acts", () => {
    const k = kernel();
    runTo(k, 3);
    spawn(k, "cpu-bound");
    runTo(k, 10);
    k.apply(kill(2, Signal.SIGSTOP));
    collect(k, 5);
    k.apply(kill(2, Signal.SIGTERM));
    collect(k, 5);
    expect(proc(k, 2).state).toBe("stopped");
    k.apply(kill(2, Signal.SIGCONT));
    const events = collect(k, 1);
    expect(ofType(events, "Exited")[0]).toMatchObject({ tick: 20, status: 143 });
  });
});

describe("signals held while stopped", () => {
  it("a SIGTERM sent to a process stopped in its sleep acts as soon as SIGCONT comes", () => {
    // sleeper asleep from 5 until 1005; stopped at 100, SIGTERM at 150 (held), SIGCONT at 200:
    // the sleep is interrupted and the process dies at 200, not after its sleep.
    const k = kernel();
    runTo(k, 3);
    spawn(k, "sleeper");
    runTo(k, 100);
    k.apply(kill(2, Signal.SIGSTOP));
    runTo(k, 150);
    k.apply(kill(2, Signal.SIGTERM));
    expect(proc(k, 2).state).toBe("stopped");
    runTo(k, 200);
    k.apply(kill(2, Signal.SIGCONT));
    k.drainEvents();
    const events = collect(k, 1);
    expect(ofType(events, "Exited")[0]).toMatchObject({ tick: 200, pid: 2, status: 143 });
  });
});

describe("stopping around timers", () => {
  it("a process stopped while its image loads still waits for the load when continued", () => {
    // Loading takes 50 ticks: the sleeper spawned at 60 would be ready at 110.
    const k = kernel({ execCost: { base: 50, perPage: 0 } });
    runTo(k, 60);
    spawn(k, "sleeper");
    runTo(k, 70);
    k.apply(kill(2, Signal.SIGSTOP));
    expect(proc(k, 2).state).toBe("stopped");
    runTo(k, 80);
    k.apply(kill(2, Signal.SIGCONT));
    expect(proc(k, 2).state).toBe("new");
    runTo(k, 110);
    expect(proc(k, 2).state).toBe("new");
    collect(k, 1);
    expect(proc(k, 2).state).toBe("running");
    expect(proc(k, 2).times.firstRun).toBe(110);
  });

  it("stopped through the end of its load, it is ready as soon as SIGCONT comes", () => {
    const k = kernel({ execCost: { base: 50, perPage: 0 } });
    runTo(k, 60);
    spawn(k, "sleeper");
    runTo(k, 70);
    k.apply(kill(2, Signal.SIGSTOP));
    runTo(k, 200);
    expect(proc(k, 2).state).toBe("stopped");
    k.apply(kill(2, Signal.SIGCONT));
    expect(proc(k, 2).state).toBe("ready");
  });

  it("the timer of a sleep cut short by a signal does not end a later pause", () => {
    const src = `
main:   signal SIGUSR1, h
        sleep 100
        pause
        exit 9
h:      sigreturn
`;
    // signal at 3-6, sleep's syscall at 9 (timer for 109). SIGUSR1 at 20 interrupts the sleep:
    // the handler's li, syscall run at 20-21, then pause's li 22, syscall 23 -> blocked(pause).
    const k = kernel({}, { napper: src });
    runTo(k, 3);
    spawn(k, "napper");
    runTo(k, 20);
    k.apply(kill(2, Signal.SIGUSR1));
    runTo(k, 50);
    expect(proc(k, 2).block).toBe("pause");
    k.apply(kill(2, Signal.SIGSTOP));
    runTo(k, 150); // past the stale 109
    k.apply(kill(2, Signal.SIGCONT));
    expect(proc(k, 2).state).toBe("blocked");
    expect(proc(k, 2).block).toBe("pause");
    runTo(k, 160);
    expect(proc(k, 2).state).toBe("blocked");
    k.apply(kill(2, Signal.SIGUSR1));
    const events = collect(k, 10);
    expect(ofType(events, "Exited")[0]).toMatchObject({ pid: 2, status: 9 });
  });
});

describe("SIGKILL and SIGSTOP cannot be caught or ignored", () => {
  const src = `
main:   signal SIGKILL, h
        move $s0, $v0
        signal SIGSTOP, ignore
        move $s1, $v0
        signal SIGINT, h
        move $s2, $v0
        pause
h:      sigreturn
`;

  it("the signal syscall refuses them with -1 and they keep their default action", () => {
    const k = kernel({}, { stubborn: src });
    runTo(k, 3);
    spawn(k, "stubborn");
    runTo(k, 30);
    const p = proc(k, 2);
    expect([p.regs[S0], p.regs[S1], p.regs[S2]]).toEqual([-1, -1, 0]);
    expect(p.sigDisposition[Signal.SIGKILL]).toBe(0);
    expect(p.sigDisposition[Signal.SIGSTOP]).toBe(0);
    expect(p.sigDisposition[Signal.SIGINT]).toBeGreaterThan(SIG_IGN);
    k.apply(kill(2, Signal.SIGSTOP));
    expect(p.state).toBe("stopped");
    k.apply(kill(2, Signal.SIGKILL));
    expect(p.state).toBe("zombie");
    expect(p.exitStatus).toBe(137);
  });
});

describe("signals to nobody", () => {
  it("kill of a zombie or a missing pid gives -1 and an event, never a throw", () => {
    const src = `
main:   fork
        beqz $v0, child
        move $s1, $v0
        sleep 10
        kill $s1, SIGTERM
        move $s2, $v0
        li $t0, 999
        kill $t0, SIGTERM
        move $s3, $v0
        pause
child:  exit 0
`;
    const k = kernel({}, { killer: src });
    runTo(k, 3);
    spawn(k, "killer");
    const events = collect(k, 60);
    const p = proc(k, 2);
    expect(proc(k, 3).state).toBe("zombie");
    expect(p.regs[S2]).toBe(-1);
    expect(p.regs[S3]).toBe(-1);
    expect(ofType(events, "SignalSent").map((e) => [e.pid, e.from, e.result])).toEqual([
      [2, 3, "ignored"], // SIGCHLD from the exiting child: default action is to ignore it
      [3, 2, "zombie"],
      [999, 2, "esrch"],
    ]);
  });

  it("a kill command to a zombie or a missing pid fails with CommandFailed", () => {
    const k = kernel();
    runTo(k, 3);
    spawn(k, "zombie-maker");
    runTo(k, 40);
    expect(proc(k, 3).state).toBe("zombie");
    k.drainEvents();
    expect(() => k.apply(kill(3, Signal.SIGKILL))).not.toThrow();
    expect(() => k.apply(kill(4242, Signal.SIGTERM))).not.toThrow();
    const events = k.drainEvents();
    expect(ofType(events, "SignalSent").map((e) => e.result)).toEqual(["zombie", "esrch"]);
    expect(ofType(events, "CommandFailed")).toHaveLength(2);
    expect(proc(k, 3).state).toBe("zombie");
  });

  it("signal numbers out of range fail instead of setting another signal's bit", () => {
    const k = kernel();
    runTo(k, 3);
    spawn(k, "cpu-bound");
    runTo(k, 8);
    for (const sig of [-1, 32, 41]) {
      expect(k.sendSignal(2, sig, 0)).toBe(-1);
      k.apply(kill(2, sig));
    }
    expect(proc(k, 2).sigPending).toBe(0);
    expect(ofType(k.drainEvents(), "CommandFailed")).toHaveLength(3);
    // Signal 0 only checks that the process exists.
    expect(k.sendSignal(2, 0, 0)).toBe(0);
    expect(k.sendSignal(99, 0, 0)).toBe(-1);
    collect(k, 5);
    expect(proc(k, 2).state).toBe("running");
  });
});

describe("SIGCHLD", () => {
  it("the parent gets SIGCHLD when a child exits: its handler runs, then wait reaps the child", () => {
    const src = `
.data
n:      .word 0
.text
main:   signal SIGCHLD, onchld
        fork
        beqz $v0, child
loop:   lw $t1, n
        beqz $t1, loop
        wait
        move $s0, $v0
        move $s1, $v1
        pause
child:  exit 5
onchld: lw $t1, n
        addi $t1, $t1, 1
        sw $t1, n
        sigreturn
`;
    const k = kernel({ policy: "rr", quantum: 5 }, { parent: src });
    runTo(k, 3);
    spawn(k, "parent");
    const events = collect(k, 200);
    const p = proc(k, 2);
    expect(ofType(events, "SignalSent").filter((e) => e.signal === Signal.SIGCHLD)).toEqual([
      expect.objectContaining({ pid: 2, from: 3, result: "pending" }),
    ]);
    expect(ofType(events, "HandlerRan").map((e) => [e.pid, e.signal])).toEqual([
      [2, Signal.SIGCHLD],
    ]);
    expect(p.mem.read(p.program.dataBase)).toBe(1);
    expect([p.regs[S0], p.regs[S1]]).toEqual([3, 5]);
    expect(p.block).toBe("pause");
  });
});

describe("SIGSEGV", () => {
  it.each([
    // The faulting access happens in the process's first tick, 3.
    ["a null dereference", "main: lw $t0, 0($zero)", 3],
    ["a write to the read-only text", "main: sw $t0, 0x1000($zero)", 3],
    // jr runs at 3; fetching from address 0 faults at 4.
    ["a jump to nowhere", "main: jr $zero", 4],
  ])("%s kills with status 128 + 11 = 139", (_what, src, tick) => {
    const k = kernel({}, { bad: src });
    runTo(k, 3);
    spawn(k, "bad");
    const events = collect(k, 2);
    expect(ofType(events, "SignalDelivered")[0]).toMatchObject({
      tick,
      signal: 11,
      action: "core",
      status: 139,
    });
    expect(ofType(events, "Exited")[0]).toMatchObject({ tick, status: 139, signal: 11 });
  });

  it("a fault inside a SIGSEGV handler kills the process instead of looping", () => {
    const src = `
main:   signal SIGSEGV, h
        lw $t0, 0($zero)
        pause
h:      lw $t0, 0($zero)
        sigreturn
`;
    const k = kernel({}, { bad: src });
    runTo(k, 3);
    spawn(k, "bad");
    const events = collect(k, 20);
    expect(ofType(events, "HandlerRan")).toHaveLength(1);
    expect(ofType(events, "Exited")[0]).toMatchObject({ status: 139, signal: 11 });
  });
});

describe("pending signals are delivered when the process next runs", () => {
  it("SIGTERM to a ready process under round robin acts at its next dispatch", () => {
    // RR, quantum 10, one core, A and B spawned at 3: A runs 3-12, B 13-22, A is next at 23.
    const k = kernel({ policy: "rr", quantum: 10 }, { job: jobSource(1000) });
    runTo(k, 3);
    spawn(k, "job");
    spawn(k, "job");
    runTo(k, 15);
    k.drainEvents();
    k.apply(kill(2, Signal.SIGTERM));
    expect(proc(k, 2).state).toBe("ready");
    const events = collect(k, 10);
    expect(ofType(events, "Exited")).toEqual([
      { tick: 23, type: "Exited", pid: 2, name: "job", status: 143, signal: 15 },
    ]);
    expect(ofType(events, "Dispatched").map((e) => [e.tick, e.pid])).toEqual([
      [23, 2],
      [24, 3], // B again: it is ahead of init, which A's exit woke
    ]);
  });
});
