// Process lifecycle, worked by hand: start-up steps, fork with copy-on-write, exec, wait, exit, orphans, zombies.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/sim/config.js";
import { Reg, SIG_IGN } from "../../src/sim/cpu/isa.js";
import { Kernel } from "../../src/sim/kernel.js";
import { responseTime, turnaroundTime } from "../../src/sim/process.js";
import { Signal } from "../../src/sim/signals.js";
import { collect, kernel, ofType, proc, progs, runTo, spawn, typesFor } from "./helpers.js";

const S0 = 16;
const S1 = 17;
const S2 = 18;
const S3 = 19;
const S4 = 20;
const S5 = 21;
const S6 = 22;
const T0 = 8;

describe("start-up follows the textbook steps", () => {
  const hello = `
.data
val:    .word 5, 6
.text
main:   lw $t0, val
        exit 0
`;

  it("boots init: loaded, standard streams, main's arguments, ready, dispatched, then blocked in wait", () => {
    // Default costs: execCost 100 + 10/page, stdio 3, args 2, switchCost 5. init is 4
    // instructions (one text page) plus one stack page: 2 pages, so loading takes
    // 100 + 2*10 = 120 ticks; stdin/stdout/stderr are open at 123, argc/argv on the stack at 125.
    const k = new Kernel(defaultConfig({ cpu: "ideal", cores: 1 }));
    const events = [...k.drainEvents(), ...collect(k, 140)];
    const init = proc(k, 1);
    expect(typesFor(events, 1)).toEqual([
      "ProcessCreated",
      "AddressSpaceCreated",
      "ImageLoaded", // 0 + 120
      "StdioSetUp", // 120 + 3
      "StackSetUp", // 123 + 2
      "StateChanged", // new → ready at 125
      "StateChanged", // ready → running at 125
      "Dispatched",
      "SyscallEntered", // wait at 132: the switch takes 125-129, li 130, li 131, syscall 132
      "StateChanged", // running → blocked(wait)
    ]);
    expect(events.map((e) => e.tick)).toEqual([0, 0, 120, 123, 125, 125, 125, 125, 132, 132]);
    expect(init.state).toBe("blocked");
    expect(init.block).toBe("wait");
    expect(init.times.firstRun).toBe(130);
  });

  it("spawn: created, address space, image, streams, stack, ready, dispatched, exits, reaped", () => {
    // hello: 4 instructions (lw + exit's li, li, syscall) = 16 bytes of text, 8 bytes of data.
    // Pages: text 1 + data 1 + stack 1 = 3, so loading takes 100 + 3*10 = 130 ticks, then
    // 3 ticks for stdin/stdout/stderr and 2 for main's arguments.
    const k = new Kernel(defaultConfig({ cpu: "ideal", cores: 1, programs: progs({ hello }) }));
    runTo(k, 200);
    k.drainEvents();
    spawn(k, "hello");
    const events = collect(k, 150);
    const mine = events.filter((e) => "pid" in e && e.pid === 2);
    expect(mine.map((e) => [e.tick, e.type])).toEqual([
      [200, "ProcessCreated"],
      [200, "AddressSpaceCreated"],
      [330, "ImageLoaded"], // 200 + 130
      [333, "StdioSetUp"], // + 3
      [335, "StackSetUp"], // + 2
      [335, "StateChanged"], // new → ready once main's arguments are in place
      [335, "StateChanged"], // ready → running
      [335, "Dispatched"], // switch 335-339 (init ran last on the core)
      [343, "SyscallEntered"], // lw 340, li 341, li 342, syscall 343
      [343, "Exited"],
      [343, "StateChanged"], // running → zombie
      [343, "BecameZombie"],
      [343, "Reaped"], // init was blocked in wait: reaped at once
    ]);
    expect(ofType(events, "ProcessCreated")[0]).toMatchObject({ pid: 2, ppid: 1, name: "hello" });
    expect(ofType(events, "ImageLoaded")[0]).toMatchObject({ textBytes: 16, dataBytes: 8 });
    // argc and argv sit at the top of the stack: sp = 4 MiB - 16.
    expect(ofType(events, "StackSetUp")[0].sp).toBe(0x3ffff0);
    expect(ofType(events, "Reaped")[0]).toMatchObject({ pid: 2, by: 1, status: 0 });
    expect(k.procs.has(2)).toBe(false);
    // init, woken during tick 343, is dispatched at 344 and after its switch (344-348) waits again at 352.
    expect(ofType(events, "Dispatched").map((e) => [e.tick, e.pid])).toEqual([
      [335, 2],
      [344, 1],
    ]);
  });

  it("the loaded image holds the static data and main's stack: lw reads 5, argc and argv are 0", () => {
    const k = new Kernel(defaultConfig({ cpu: "ideal", cores: 1, programs: progs({ hello }) }));
    runTo(k, 200);
    spawn(k, "hello");
    runTo(k, 341); // lw ran at 340
    const p = proc(k, 2);
    expect(p.regs[T0]).toBe(5);
    expect(p.regs[Reg.SP]).toBe(0x3ffff0);
    expect(p.mem.read(0x3ffff0)).toBe(0);
    expect(p.mem.read(0x3ffff4)).toBe(0);
    expect(p.mem.read(p.program.dataBase + 4)).toBe(6);
    expect(p.mem.resident).toBe(3);
  });

  it("times: response 140 (130 loading + 3 streams + 2 arguments + 5 switching), turnaround 144", () => {
    const k = new Kernel(defaultConfig({ cpu: "ideal", cores: 1, programs: progs({ hello }) }));
    runTo(k, 200);
    spawn(k, "hello");
    runTo(k, 343);
    const p = proc(k, 2);
    runTo(k, 344);
    // Created 200, first instruction at 340, last one (exit) ran during tick 343, so it ended at 344.
    expect(p.times).toMatchObject({ created: 200, firstRun: 340, exited: 344, waiting: 0 });
    expect(responseTime(p)).toBe(140);
    expect(turnaroundTime(p)).toBe(144);
  });
});

describe("fork and copy-on-write", () => {
  const childWritesFirst = `
.data
x:      .word 7
.text
main:   fork
        move $s0, $v0
        bnez $v0, parent
        li $t0, 9
        sw $t0, x               # the child's first write copies the data page
        pause
parent: pause
`;

  it("child sees 0, parent the child's pid; every frame is shared (refs 2) right after fork", () => {
    // Init blocks at tick 2; spawned at 3: li v0 at 3, the fork syscall at 4.
    const k = kernel({}, { cow: childWritesFirst });
    runTo(k, 3);
    spawn(k, "cow");
    const events = collect(k, 2);
    const parent = proc(k, 2);
    const child = proc(k, 3);
    expect(ofType(events, "Forked")).toEqual([
      { tick: 4, type: "Forked", pid: 2, child: 3, name: "cow" },
    ]);
    expect(parent.regs[Reg.V0]).toBe(3);
    expect(child.regs[Reg.V0]).toBe(0);
    expect(child.ppid).toBe(2);
    expect(child.state).toBe("ready");
    // Text, data and stack: 3 pages, each frame mapped by both.
    expect(parent.mem.resident).toBe(3);
    expect(child.mem.resident).toBe(3);
    for (let v = 0; v < parent.mem.pt.length; v++) {
      expect(child.mem.pt[v]).toBe(parent.mem.pt[v]);
      if (parent.mem.pt[v] >= 0) expect(k.ram.refs[parent.mem.pt[v]]).toBe(2);
    }
    expect(parent.mem.sharedPages()).toBe(3);
    expect(child.mem.sharedPages()).toBe(3);
    expect(child.mem.regions().map((r) => [r.kind, r.resident, r.shared])).toEqual([
      ["text", 1, 1],
      ["data", 1, 1],
      ["heap", 0, 0],
      ["stack", 1, 1],
    ]);
    // init 2 frames + the 3 shared ones: fork itself allocated nothing.
    expect(k.ram.used).toBe(5);
  });

  it("the child's write copies exactly that page: CowCopied, refs back to 1, values diverge", () => {
    // Parent: move 5, bnez 6, pause 7-8. Child from 9: move 9, bnez 10, li 11, sw 12.
    const k = kernel({}, { cow: childWritesFirst });
    runTo(k, 3);
    spawn(k, "cow");
    const events = collect(k, 12);
    const parent = proc(k, 2);
    const child = proc(k, 3);
    const x = parent.program.dataBase;
    const vpn = x >>> 12;
    expect(ofType(events, "CowCopied")).toEqual([
      { tick: 12, type: "CowCopied", pid: 3, page: vpn },
    ]);
    expect(child.mem.pt[vpn]).not.toBe(parent.mem.pt[vpn]);
    expect(k.ram.refs[parent.mem.pt[vpn]]).toBe(1);
    expect(k.ram.refs[child.mem.pt[vpn]]).toBe(1);
    expect(parent.mem.read(x)).toBe(7);
    expect(child.mem.read(x)).toBe(9);
    // Text and stack are still shared.
    expect(parent.mem.sharedPages()).toBe(2);
    expect(child.mem.sharedPages()).toBe(2);
    expect(child.regs[S0]).toBe(0);
    expect(parent.regs[S0]).toBe(3);
    expect(k.ram.used).toBe(6);
  });

  it("the parent's write copies for the parent; the child's later write then copies nothing", () => {
    const src = `
.data
x:      .word 7
.text
main:   fork
        bnez $v0, parent
        li $t0, 5               # child, from tick 10: bnez 10, li 11, sw 12
        sw $t0, x
        pause
parent: li $t0, 8               # parent: bnez 5, li 6, sw 7
        sw $t0, x
        pause
`;
    const k = kernel({}, { cow: src });
    runTo(k, 3);
    spawn(k, "cow");
    const events = collect(k, 12);
    const x = proc(k, 2).program.dataBase;
    expect(ofType(events, "CowCopied")).toEqual([
      { tick: 7, type: "CowCopied", pid: 2, page: x >>> 12 },
    ]);
    expect(proc(k, 2).mem.read(x)).toBe(8);
    expect(proc(k, 3).mem.read(x)).toBe(5);
    expect(k.ram.used).toBe(6);
  });
});

describe("exec", () => {
  const execer = `
main:   signal SIGINT, onint
        signal SIGTERM, ignore
        sbrk 8192
        exec target
onint:  sigreturn
`;
  const target = `
.data
buf:    .space 12000
.text
main:   pause
`;

  it("replaces the image and rebuilds the regions; handlers reset, ignored stays ignored", () => {
    // execer: 4 + 4 + 3 instructions, then exec's li, li, syscall: ticks 3..16, exec at 16.
    const k = kernel({}, { execer, target });
    runTo(k, 3);
    spawn(k, "execer");
    const before = collect(k, 13); // up to tick 15: the sbrk ran
    const p = proc(k, 2);
    expect(p.sigDisposition[Signal.SIGINT]).toBeGreaterThan(1);
    expect(p.mem.brk - p.mem.heapBase).toBe(8192);
    expect(ofType(before, "HeapGrew")).toHaveLength(1);
    const events = collect(k, 1);
    expect(ofType(events, "Exec")).toEqual([{ tick: 16, type: "Exec", pid: 2, program: "target" }]);
    expect(ofType(events, "ImageLoaded")[0]).toMatchObject({
      pid: 2,
      program: "target",
      textBytes: 8,
      dataBytes: 12000,
    });
    expect(p.name).toBe("target");
    expect(p.pc).toBe(0x1000);
    // text: 2 instructions; data 12000 bytes at 0x2000 (paged in on demand); the heap starts
    // on the next page boundary, 0x2000 + 12288 = 0x5000, empty again; one stack page.
    expect(p.mem.regions().map((r) => [r.kind, r.start, r.end, r.resident])).toEqual([
      ["text", 0x1000, 0x1008, 1],
      ["data", 0x2000, 0x2000 + 12000, 0],
      ["heap", 0x5000, 0x5000, 0],
      ["stack", 0x3ff000, 0x400000, 1],
    ]);
    expect(p.sigDisposition[Signal.SIGINT]).toBe(0);
    expect(p.sigDisposition[Signal.SIGTERM]).toBe(SIG_IGN);
    // The ignored SIGTERM is still ignored; SIGINT now has its default action.
    k.apply({ type: "kill", pid: 2, signal: Signal.SIGTERM });
    expect(ofType(k.drainEvents(), "SignalSent")[0].result).toBe("ignored");
    k.apply({ type: "kill", pid: 2, signal: Signal.SIGINT });
    collect(k, 1);
    expect(p.state).toBe("zombie");
    expect(p.exitStatus).toBe(130);
  });

  it("exec in a forked child releases its share of the parent's frames", () => {
    const src = `
main:   fork
        beqz $v0, child
        pause
child:  exec target
`;
    const k = kernel({}, { forkexec: src, target });
    runTo(k, 3);
    spawn(k, "forkexec");
    runTo(k, 5); // fork at 4
    const parent = proc(k, 2);
    expect(parent.mem.sharedPages()).toBe(2);
    runTo(k, 40);
    expect(proc(k, 3).name).toBe("target");
    expect(parent.mem.sharedPages()).toBe(0);
    for (let v = 0; v < parent.mem.pt.length; v++) {
      if (parent.mem.pt[v] >= 0) expect(k.ram.refs[parent.mem.pt[v]]).toBe(1);
    }
  });
});

describe("wait and waitpid", () => {
  it("wait blocks until the child exits, reaps it with its status in $v1; then ECHILD gives -1", () => {
    const src = `
main:   fork
        beqz $v0, child
        move $s1, $v0
        wait
        move $s2, $v0
        move $s3, $v1
        wait
        move $s4, $v0
        pause
child:  sleep 20
        exit 42
`;
    // Parent from 3: li 3, fork 4, beqz 5, move 6, wait's li 7, li 8, syscall 9 -> blocked.
    // Child from 10: beqz 10, sleep's li 11, li 12, syscall 13 -> ready again at 13 + 20 = 33;
    // exit's li 33, li 34, syscall 35: the waiting parent reaps it during tick 35.
    const k = kernel({}, { waiter: src });
    runTo(k, 3);
    spawn(k, "waiter");
    runTo(k, 20);
    const parent = proc(k, 2);
    expect(parent.state).toBe("blocked");
    expect(parent.block).toBe("wait");
    expect(proc(k, 3).state).toBe("blocked");
    const events = collect(k, 30);
    expect(ofType(events, "Exited")).toEqual([
      { tick: 35, type: "Exited", pid: 3, name: "waiter", status: 42, signal: 0 },
    ]);
    expect(ofType(events, "Reaped")).toEqual([
      { tick: 35, type: "Reaped", pid: 3, by: 2, status: 42 },
    ]);
    expect(k.procs.has(3)).toBe(false);
    expect(parent.regs[S1]).toBe(3);
    expect(parent.regs[S2]).toBe(3);
    expect(parent.regs[S3]).toBe(42);
    expect(parent.regs[S4]).toBe(-1);
    expect(parent.block).toBe("pause");
  });

  it("waitpid waits for that child only; a later wait reaps the other zombie at once", () => {
    const src = `
main:   fork
        beqz $v0, quick
        move $s1, $v0
        fork
        beqz $v0, slow
        move $s2, $v0
        waitpid $s2
        move $s3, $v0
        move $s4, $v1
        wait
        move $s5, $v0
        move $s6, $v1
        pause
quick:  exit 1
slow:   sleep 30
        exit 2
`;
    // Parent: forks at 4 (quick = 3) and 8 (slow = 4), waitpid's syscall at 13 -> blocked.
    // quick: 14-17, exits at 17 (a zombie; the parent waits for 4, not for it).
    // slow: 18-21, sleeps until 51, exits at 53 -> reaped by waitpid. Parent's wait at 58 reaps 3.
    const k = kernel({}, { waiter: src });
    runTo(k, 3);
    spawn(k, "waiter");
    runTo(k, 30);
    const parent = proc(k, 2);
    expect(proc(k, 3).state).toBe("zombie");
    expect(parent.state).toBe("blocked");
    expect(parent.waitTarget).toBe(4);
    const events = collect(k, 40);
    expect(ofType(events, "Reaped").map((e) => [e.tick, e.pid, e.status])).toEqual([
      [53, 4, 2],
      [58, 3, 1],
    ]);
    expect([parent.regs[S1], parent.regs[S2]]).toEqual([3, 4]);
    expect([parent.regs[S3], parent.regs[S4]]).toEqual([4, 2]);
    expect([parent.regs[S5], parent.regs[S6]]).toEqual([3, 1]);
  });

  it("waitpid on a pid that is not a child fails with -1 at once", () => {
    const k = kernel({}, { w: "main: li $t0, 1\n waitpid $t0\n move $s0, $v0\n pause" });
    runTo(k, 3);
    spawn(k, "w");
    runTo(k, 12);
    expect(proc(k, 2).regs[S0]).toBe(-1);
    expect(proc(k, 2).block).toBe("pause");
  });
});

describe("exit codes", () => {
  it("exit N keeps the low 8 bits, as a shell shows them", () => {
    const k = kernel(
      { cores: 4 },
      {
        zero: "main: exit 0",
        seven: "main: exit 7",
        big: "main: exit 300",
        max: "main: exit 255",
        neg: "main: li $t0, -1\n exit $t0",
      },
    );
    runTo(k, 3);
    for (const n of ["zero", "seven", "big", "max", "neg"]) spawn(k, n);
    const events = collect(k, 20);
    const status = Object.fromEntries(ofType(events, "Exited").map((e) => [e.name, e.status]));
    // 300 = 0x12c -> 0x2c = 44; -1 -> 0xff = 255.
    expect(status).toEqual({ zero: 0, seven: 7, big: 44, max: 255, neg: 255 });
    const reaped = Object.fromEntries(ofType(events, "Reaped").map((e) => [e.pid, e.status]));
    expect(Object.values(reaped).sort((a, b) => a - b)).toEqual([0, 7, 44, 255, 255]);
  });
});

describe("orphans and zombies", () => {
  it("orphan-maker: init adopts the child when its parent exits, and reaps it later", () => {
    // Parent (2): fork at 4, sleep syscall at 8 -> wakes at 508, exit at 510.
    // Child (3): from 9, sleep syscall at 12 -> wakes at 4012, exit at 4014.
    const k = kernel();
    runTo(k, 3);
    spawn(k, "orphan-maker");
    const events = collect(k, 5000);
    const at510 = events.filter(
      (e) => e.tick === 510 && e.type !== "SyscallEntered" && e.type !== "StateChanged",
    );
    expect(at510.map((e) => e.type)).toEqual(["Exited", "BecameZombie", "Reparented", "Reaped"]);
    expect(ofType(events, "Reparented")).toEqual([
      { tick: 510, type: "Reparented", pid: 3, from: 2, to: 1 },
    ]);
    expect(ofType(events, "Reaped").map((e) => [e.tick, e.pid, e.by])).toEqual([
      [510, 2, 1],
      [4014, 3, 1],
    ]);
    expect([...k.procs.keys()]).toEqual([1]);
  });

  it("zombie-maker: three zombies until the parent dies; init then adopts and reaps them all", () => {
    // Parent: forks at 5, 10 and 15, sleeps from 21. Children 3, 4, 5 run 22-25, 26-29, 30-33
    // and exit 7 each. They stay zombies: the parent never waits.
    const k = kernel();
    runTo(k, 3);
    spawn(k, "zombie-maker");
    const early = collect(k, 31);
    expect(ofType(early, "Exited").map((e) => [e.tick, e.pid, e.status])).toEqual([
      [25, 3, 7],
      [29, 4, 7],
      [33, 5, 7],
    ]);
    for (const pid of [3, 4, 5]) {
      expect(proc(k, pid).state).toBe("zombie");
      expect(proc(k, pid).ppid).toBe(2);
      expect(proc(k, pid).mem.resident).toBe(0);
    }
    expect(k.stateCounts.get("zombie")).toBe(3);
    // Zombies hold no memory: init's 2 frames and the parent's 2.
    expect(k.ram.used).toBe(4);
    runTo(k, 100);
    // SIGKILL at the start of tick 100: the parent dies at once (it is asleep); init, blocked in
    // wait, reaps it at once and is ready in time to be dispatched on the idle core in tick 100.
    // It then reaps one adopted zombie per turn of its loop (b, li, li, syscall): 103, 107, 111.
    k.apply({ type: "kill", pid: 2, signal: Signal.SIGKILL });
    const late = [...k.drainEvents(), ...collect(k, 20)];
    expect(ofType(late, "Reparented").map((e) => e.pid)).toEqual([3, 4, 5]);
    expect(ofType(late, "Reaped").map((e) => [e.tick, e.pid, e.by, e.status])).toEqual([
      [100, 2, 1, 137],
      [103, 3, 1, 7],
      [107, 4, 1, 7],
      [111, 5, 1, 7],
    ]);
    expect(k.stateCounts.get("zombie")).toBe(0);
    expect([...k.procs.keys()]).toEqual([1]);
  });
});
