// Job control worked by hand: sessions, groups, the terminal's keys, and the shell's jobs.
import { describe, expect, it } from "vitest";
import type { KernelEvent } from "../../src/sim/events.js";
import type { Kernel } from "../../src/sim/kernel.js";
import type { Pcb } from "../../src/sim/process.js";
import { Signal } from "../../src/sim/signals.js";
import { Ctl, Tty } from "../../src/sim/tty.js";
import { kernel, ofType, proc, runUntil, spawn } from "./helpers.js";

/** A job of two processes in one group: it forks once, and both spin. */
const PAIR = `
main:   fork
spin:   addi $t0, $t0, 1
        j spin
`;

/** A machine with round robin (so background jobs share the core) and the test's programs. */
function machine(cpu: "ideal" | "pipeline" = "ideal"): Kernel {
  return kernel({ policy: "rr", cpu }, { pair: PAIR });
}

/** Logs a shell in on tty1 and waits for its first prompt; the events so far are dropped. */
function login(k: Kernel): Pcb {
  const pid = k.nextPid;
  k.apply({ type: "spawn", program: "sh", terminal: true });
  runUntil(k, () => screen(k).endsWith("$ "));
  k.drainEvents();
  return proc(k, pid);
}

function screen(k: Kernel): string {
  return k.ttys[0].screen(1000).join("\n");
}

function type(k: Kernel, text: string): void {
  k.apply({ type: "type", text });
}

/** Types `text` and runs until the shell prompts again; returns the events meanwhile. */
function command(k: Kernel, text: string): KernelEvent[] {
  const events: KernelEvent[] = [];
  const before = screen(k).length;
  type(k, text);
  runUntil(k, () => {
    events.push(...k.drainEvents());
    return screen(k).length > before + text.length && screen(k).endsWith("$ ");
  });
  return events;
}

/** Runs `ticks` ticks, keeping the events. */
function run(k: Kernel, ticks: number): KernelEvent[] {
  const events: KernelEvent[] = [];
  for (let i = 0; i < ticks; i++) {
    k.step();
    events.push(...k.drainEvents());
  }
  return events;
}

function byName(k: Kernel, name: string): Pcb[] {
  return [...k.procs.values()].filter((p) => p.name === name);
}

/** The pids a signal was sent to, in order. */
function sentTo(events: readonly KernelEvent[], signal: number): number[] {
  return ofType(events, "SignalSent")
    .filter((e) => e.signal === signal)
    .map((e) => e.pid);
}

describe("the line discipline", () => {
  it("echoes, erases, makes a line readable at Enter, and Ctrl+D at a line's start is end of file", () => {
    const t = new Tty("tty1");
    for (const c of "lsx") t.receive(c.charCodeAt(0));
    expect(t.readable()).toBe(false);
    t.receive(Ctl.ERASE);
    expect(t.current).toBe("ls");
    t.receive(13);
    expect(t.screen(2)).toEqual(["ls", ""]);
    expect(String.fromCharCode(...t.take(80))).toBe("ls\n");
    t.receive(Ctl.EOF);
    expect(t.readable()).toBe(true);
    expect(t.take(80)).toEqual([]);
    expect(t.readable()).toBe(false);
  });

  it("Ctrl+C, Ctrl+Z and Ctrl+\\ echo, throw away the line being typed and give their signal", () => {
    const t = new Tty("tty1");
    t.receive("a".charCodeAt(0));
    expect(t.receive(Ctl.INTR)).toBe(Signal.SIGINT);
    expect(t.receive(Ctl.SUSP)).toBe(Signal.SIGTSTP);
    expect(t.receive(Ctl.QUIT)).toBe(Signal.SIGQUIT);
    expect(t.screen(4)).toEqual(["a^C", "^Z", "^\\", ""]);
    t.receive(13);
    expect(String.fromCharCode(...t.take(80))).toBe("\n");
  });
});

describe("sessions and process groups", () => {
  it("a login leads its session and group; children inherit both; init is in neither", () => {
    const k = machine();
    const sh = login(k);
    expect([sh.pid, sh.pgid, sh.sid]).toEqual([2, 2, 2]);
    expect(k.ttys[0].sid).toBe(2);
    expect(k.ttys[0].fgPgrp).toBe(2);
    expect([proc(k, 1).pgid, proc(k, 1).sid]).toEqual([1, 1]);
    const other = spawn(k, "sleeper");
    expect([proc(k, other).pgid, proc(k, other).sid]).toEqual([1, 1]);
  });

  it("a group kill by id (killpg) reaches init's group 1, which kill -1 cannot name", () => {
    const k = machine();
    const sh = login(k);
    const sleeper = spawn(k, "sleeper");
    k.drainEvents();
    // kill -1 would mean "every process": refused, nothing sent.
    k.apply({ type: "kill", pid: -1, signal: Signal.SIGSTOP });
    expect(sentTo(k.drainEvents(), Signal.SIGSTOP)).toEqual([]);
    // By id, group 1 is init and the sleeper (spawned by the operator into init's group), not the shell.
    k.apply({ type: "kill", pid: 1, signal: Signal.SIGSTOP, group: true });
    const events = [...k.drainEvents(), ...run(k, 50)];
    expect(sentTo(events, Signal.SIGSTOP)).toEqual([1, sleeper]);
    expect(proc(k, sleeper).state).toBe("stopped");
    expect(proc(k, sh.pid).state).not.toBe("stopped");
  });

  it("kill of a negative pid signals the whole group and nobody else", () => {
    const k = machine();
    login(k);
    command(k, "pair &\n");
    run(k, 500);
    const pair = byName(k, "pair");
    expect(pair.map((p) => p.pgid)).toEqual([3, 3]);
    const sleeper = spawn(k, "sleeper");
    k.apply({ type: "kill", pid: -3, signal: Signal.SIGTERM });
    const events = [...k.drainEvents(), ...run(k, 200)];
    expect(sentTo(events, Signal.SIGTERM)).toEqual([3, 4]);
    expect(
      ofType(events, "Exited")
        .map((e) => [e.pid, e.status])
        .sort(),
    ).toEqual([
      [3, 143],
      [4, 143],
    ]);
    expect(k.procs.get(sleeper)?.state).not.toBe("zombie");
  });

  it("SIGQUIT's default action ends the process with a core: status 131", () => {
    const k = machine();
    const pid = spawn(k, "cpu-bound");
    run(k, 50);
    k.apply({ type: "kill", pid, signal: Signal.SIGQUIT });
    const events = run(k, 20);
    expect(ofType(events, "SignalDelivered")[0]).toMatchObject({ action: "core", status: 131 });
  });

  it("an orphaned group with a stopped member gets SIGHUP, then SIGCONT", () => {
    // In a session of its own (a login), leader's child makes a group of its own and becomes
    // orphan, whose child stops itself. When orphan exits, init (of another session) adopts the
    // child: no member of the group has a parent in the session but outside the group.
    const k = kernel(
      { policy: "rr" },
      {
        orphan: `
main:   fork
        beqz $v0, child
        sleep 200
        exit 0
child:  getpid
        move $t0, $v0
        kill $t0, SIGTSTP
        j child
`,
        leader: `
main:   fork
        beqz $v0, kid
        pause
kid:    setpgid 0, 0            # a group of its own, whose parent is in another group: not orphaned
        exec orphan
`,
      },
    );
    const leader = k.nextPid;
    k.apply({ type: "spawn", program: "leader", terminal: true });
    runUntil(k, () => byName(k, "orphan").some((p) => p.state === "stopped"));
    const stopped = byName(k, "orphan").find((p) => p.state === "stopped")!;
    expect(k.isOrphanedGroup(stopped.pgid)).toBe(false);
    const events = run(k, 400);
    expect(proc(k, leader).state).toBe("blocked");
    // Its parent (the group's leader) exited at 200: nobody in the session can continue it.
    expect(sentTo(events, Signal.SIGHUP)).toEqual([stopped.pid]);
    expect(sentTo(events, Signal.SIGCONT)).toEqual([stopped.pid]);
    expect(ofType(events, "Exited").find((e) => e.pid === stopped.pid)).toMatchObject({
      status: 129,
      signal: Signal.SIGHUP,
    });
  });
});

const S0 = 16;
const S1 = 17;
const S2 = 18;
const S3 = 19;

/** A machine running `source` logged in on tty1 as "prog" (pid 2, leader of session 2). */
function loggedInProgram(source: string): Kernel {
  const k = kernel({ policy: "rr" }, { prog: source });
  k.apply({ type: "spawn", program: "prog", terminal: true });
  return k;
}

describe("the terminal's system calls", () => {
  it("tcsetpgrp from a background group stops the caller with SIGTTOU; ignoring it, the call works", () => {
    const source = (ignore: boolean) => `
main:   fork
        beqz $v0, kid
        pause
kid:    setpgid 0, 0            # a group of its own: in the background
        ${ignore ? "signal SIGTTOU, ignore" : "nop"}
        getpid
        move $t0, $v0
        tcsetpgrp 0, $t0
        exit 5
`;
    let k = loggedInProgram(source(false));
    let events = run(k, 300);
    expect(proc(k, 3).state).toBe("stopped");
    expect(ofType(events, "SignalDelivered")).toMatchObject([
      { pid: 3, signal: Signal.SIGTTOU, action: "stopped" },
    ]);
    expect(k.ttys[0].fgPgrp).toBe(2);
    k = loggedInProgram(source(true));
    events = run(k, 300);
    expect(ofType(events, "ForegroundChanged")).toMatchObject([{ tty: "tty1", pgid: 3, by: 3 }]);
    expect(ofType(events, "Exited")).toMatchObject([{ pid: 3, status: 5 }]);
  });

  it("setpgid and setsid refuse what POSIX refuses", () => {
    const k = loggedInProgram(`
main:   setsid                  # already a group leader: -1
        move $s0, $v0
        setpgid 0, 1            # a session leader cannot move: -1
        move $s1, $v0
        fork
        beqz $v0, kid
        move $t0, $v0
        setpgid $t0, 1          # into a group of another session: -1
        move $s2, $v0
        setpgid $t0, 0          # a group of its own: 0
        move $s3, $v0
        pause
kid:    pause
`);
    run(k, 300);
    const p = proc(k, 2);
    expect([p.regs[S0], p.regs[S1], p.regs[S2], p.regs[S3]]).toEqual([-1, -1, -1, 0]);
    expect([proc(k, 3).pgid, proc(k, 3).sid]).toEqual([3, 2]);
    // A process init starts is in init's group and session, whoever holds the terminal.
    const other = spawn(k, "sleeper");
    expect([proc(k, other).pgid, proc(k, other).sid]).toEqual([1, 1]);
  });

  it("without a terminal read and write fail; setsid makes a session with none", () => {
    const k = kernel(
      { policy: "rr" },
      {
        noterm: `
.data
buf:    .space 16
.text
main:   la $t0, buf
        read 0, $t0, 4
        move $s0, $v0
        write 1, $t0, 1
        move $s1, $v0
        setsid
        move $s2, $v0
        pause
`,
      },
    );
    const pid = spawn(k, "noterm");
    const events = run(k, 300);
    const p = proc(k, pid);
    expect([p.regs[S0], p.regs[S1], p.regs[S2]]).toEqual([-1, -1, pid]);
    expect([p.pgid, p.sid]).toEqual([pid, pid]);
    expect(ofType(events, "SessionStarted")).toMatchObject([{ pid, tty: "" }]);
  });

  it("SIGTSTP can be caught: Ctrl+Z runs the handler and the process goes on", () => {
    const k = loggedInProgram(`
.data
caught: .word 0
.text
main:   signal SIGTSTP, h
loop:   j loop
h:      lw $t1, caught          # sigreturn restores the registers: the count is kept in memory
        addi $t1, $t1, 1
        sw $t1, caught
        sigreturn
`);
    run(k, 200);
    type(k, "\u001a");
    const events = run(k, 50);
    expect(ofType(events, "SignalDelivered")).toMatchObject([
      { pid: 2, signal: Signal.SIGTSTP, action: "handler" },
    ]);
    const p = proc(k, 2);
    expect(p.mem.read(p.program.dataBase)).toBe(1);
    expect(p.state).not.toBe("stopped");
  });

  it("a background read with SIGTTIN ignored fails with -1 (EIO) rather than stopping", () => {
    const k = loggedInProgram(`
.data
buf:    .space 16
.text
main:   fork
        beqz $v0, kid
        pause
kid:    setpgid 0, 0
        signal SIGTTIN, ignore
        la $t0, buf
        read 0, $t0, 4
        move $s0, $v0
        pause
`);
    const events = run(k, 300);
    expect(proc(k, 3).regs[S0]).toBe(-1);
    expect(sentTo(events, Signal.SIGTTIN)).toEqual([]);
  });
});

describe("the shell's job control", () => {
  it("Ctrl+C reaches every process of the foreground group and none in the background", () => {
    const k = machine();
    const sh = login(k);
    command(k, "cpu-bound &\n"); // pid 3, group 3
    type(k, "pair\n"); // pids 4 and 5, group 4, in the foreground
    runUntil(k, () => byName(k, "pair").length === 2 && k.ttys[0].fgPgrp === 4);
    run(k, 300);
    const events = command(k, "\u0003");
    expect(ofType(events, "TtyKey")[0]).toMatchObject({ key: "^C", signal: 2, pgid: 4 });
    expect(sentTo(events, Signal.SIGINT)).toEqual([4, 5]);
    expect(
      ofType(events, "Exited")
        .map((e) => [e.pid, e.status])
        .sort(),
    ).toEqual([
      [4, 130],
      [5, 130],
    ]);
    expect(proc(k, 3).state).not.toBe("zombie");
    // The shell took the terminal back, and said nothing but the echoed ^C, as bash does.
    expect(k.ttys[0].fgPgrp).toBe(sh.pgid);
    expect(screen(k)).toBe("$ cpu-bound &\n[1] 3\n$ pair\n^C\n$ ");
  });

  it("Ctrl+Z stops the group; bg continues it in the background; fg gives it the terminal", () => {
    const k = machine();
    const sh = login(k);
    type(k, "pair\n");
    runUntil(k, () => byName(k, "pair").length === 2);
    run(k, 300);
    let events = command(k, "\u001a");
    expect(sentTo(events, Signal.SIGTSTP)).toEqual([3, 4]);
    expect(byName(k, "pair").map((p) => p.state)).toEqual(["stopped", "stopped"]);
    expect(ofType(events, "StopReported")).toMatchObject([{ pid: 3, by: sh.pid, signal: 20 }]);
    expect(screen(k)).toContain("^Z\n[1]+  Stopped                 pair\n$ ");
    expect(k.ttys[0].fgPgrp).toBe(sh.pgid);
    command(k, "jobs\n");
    // bash marks only a Running job's command with " &"; a Stopped one has none.
    expect(screen(k).endsWith("$ jobs\n[1]+  Stopped                 pair\n$ ")).toBe(true);

    events = command(k, "bg %1\n");
    expect(sentTo(events, Signal.SIGCONT)).toEqual([3, 4]);
    expect(screen(k)).toContain("[1]+ pair &\n$ ");
    expect(byName(k, "pair").every((p) => p.state !== "stopped")).toBe(true);
    expect(k.ttys[0].fgPgrp).toBe(sh.pgid);
    command(k, "jobs\n");
    expect(screen(k)).toContain("[1]+  Running                 pair &\n$ ");

    type(k, "fg %1\n");
    runUntil(k, () => k.ttys[0].fgPgrp === 3 && proc(k, sh.pid).state === "blocked");
    expect(proc(k, sh.pid).block).toBe("wait");
    expect(screen(k).endsWith("fg %1\npair\n")).toBe(true);
  });

  it.each(["ideal", "pipeline"] as const)(
    "a background read gets SIGTTIN and stops; fg lets it read (%s CPU: the read starts again)",
    (cpu) => {
      const k = machine(cpu);
      login(k);
      let events = command(k, "cat &\n");
      events.push(...run(k, 500));
      const cat = byName(k, "cat")[0];
      expect(sentTo(events, Signal.SIGTTIN)).toEqual([cat.pid]);
      expect(cat.state).toBe("stopped");
      command(k, "\n");
      expect(screen(k)).toContain("[1]+  Stopped                 cat\n$ ");
      type(k, "fg\n");
      runUntil(k, () => cat.state === "blocked" && cat.block === "tty");
      events = command(k, "hello\n\u0004");
      expect(screen(k)).toContain("$ fg\ncat\nhello\nhello\n$ ");
      expect(ofType(events, "Exited")).toMatchObject([{ pid: cat.pid, status: 0 }]);
    },
  );

  it("kill -9 %1 ends the job with status 137, reported as Killed", () => {
    const k = machine();
    const sh = login(k);
    command(k, "cpu-bound &\n");
    const events = command(k, "kill -9 %1\n");
    expect(ofType(events, "Reaped")).toMatchObject([{ pid: 3, by: sh.pid, status: 137 }]);
    expect(screen(k)).toContain("$ kill -9 %1\n[1]+  Killed                  cpu-bound\n$ ");
  });

  it("Ctrl+D ends the shell; its jobs, running or stopped, get SIGHUP", () => {
    const k = machine();
    const sh = login(k);
    command(k, "cpu-bound &\n"); // 3
    type(k, "sleeper\n"); // 4
    runUntil(k, () => byName(k, "sleeper").length === 1 && k.ttys[0].fgPgrp === 4);
    run(k, 100);
    command(k, "\u001a");
    type(k, "\u0004");
    const events = run(k, 2000);
    expect(screen(k).endsWith("$ exit\n")).toBe(true);
    expect(ofType(events, "Exited").map((e) => [e.pid, e.status])).toEqual([
      [3, 129],
      [4, 129],
      [sh.pid, 0],
    ]);
    expect(sentTo(events, Signal.SIGHUP)).toEqual([3, 4]);
    expect(ofType(events, "TtyHungUp")).toMatchObject([{ tty: "tty1", sid: sh.pid }]);
    expect(k.ttys[0].sid).toBe(0);
    expect(k.procs.size).toBe(1);
  });

  it("its job table holds 8 jobs: a ninth is refused before anything is forked", () => {
    const k = machine();
    login(k);
    for (let i = 0; i < 8; i++) command(k, "sleeper &\n");
    const forks = ofType(command(k, "sleeper &\n"), "Forked");
    expect(forks).toEqual([]);
    expect(screen(k).endsWith("$ sleeper &\nsh: too many jobs\n$ ")).toBe(true);
    expect(byName(k, "sleeper")).toHaveLength(8);
    command(k, "kill %8\n");
    // The next prompt reports it once it has ended (it may not yet have run to take the signal).
    runUntil(k, () => proc(k, 10).state === "zombie");
    command(k, "\n");
    expect(screen(k)).toContain("[8]+  Terminated              sleeper\n$ ");
  });

  it("a program it does not know: 'command not found', and the shell goes on", () => {
    const k = machine();
    login(k);
    command(k, "nosuch\n");
    expect(screen(k)).toBe("$ nosuch\nsh: nosuch: command not found\n$ ");
  });

  it('a line typed ahead is echoed between the shell\'s lines, never inside its "[1] pid"', () => {
    // Typed when the shell first writes after the command (mid-report if the report took
    // several writes), "jobs" is echoed on a line of its own; then [1] 3, then its listing.
    const k = machine();
    login(k);
    type(k, "work 100000 &\n");
    const echoed = screen(k).length;
    runUntil(k, () => screen(k).length > echoed);
    type(k, "jobs\n");
    runUntil(k, () => screen(k).endsWith("work 100000 &\n$ "));
    expect(screen(k)).toBe(
      [
        "$ work 100000 &",
        "[1] 3",
        "jobs",
        "$ [1]+  Running                 work 100000 &",
        "$ ",
      ].join("\n"),
    );
  });

  it("typed at any tick around the report, the report and the listing stay whole lines", () => {
    // "jobs" typed at each tick in turn, from 20 ticks before the shell's first write after the
    // command's echo until "[1] 3" is on screen.
    const lines = (k: Kernel) => k.ttys[0].screen(1000);
    const base = machine();
    login(base);
    type(base, "work 100000 &\n");
    const probe = base.clone();
    const echoed = screen(probe).length;
    runUntil(probe, () => screen(probe).length > echoed);
    run(base, Math.max(0, probe.now - 20 - base.now));
    let typings = 0;
    for (let reported = false; !reported; typings++, base.step()) {
      reported = lines(base).includes("[1] 3");
      const k = base.clone();
      type(k, "jobs\n");
      runUntil(k, () => screen(k).endsWith("work 100000 &\n$ "));
      expect(lines(k)).toContain("[1] 3");
      expect(lines(k)).toContain("jobs");
      expect(lines(k).at(-2)).toBe("$ [1]+  Running                 work 100000 &");
    }
    expect(typings).toBeGreaterThan(20);
  });

  it("a background job that ends is reported Done at the next prompt; arguments reach main", () => {
    const k = machine();
    login(k);
    command(k, "work 2 &\n");
    command(k, "jobs\n");
    runUntil(k, () => byName(k, "work").every((p) => p.state === "zombie"));
    command(k, "\n");
    expect(screen(k)).toBe(
      [
        "$ work 2 &",
        "[1] 3",
        "$ jobs",
        "[1]+  Running                 work 2 &",
        "$ ",
        "[1]+  Done                    work 2",
        "$ ",
      ].join("\n"),
    );
  });
});
