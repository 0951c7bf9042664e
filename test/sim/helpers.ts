// Shared helpers for the kernel tests: tiny machines, custom programs and event filters.
import { expect } from "vitest";
import type { Command } from "../../src/sim/commands.js";
import { defaultConfig, type KernelConfig, type ProgramSource } from "../../src/sim/config.js";
import type { KernelEvent } from "../../src/sim/events.js";
import { Kernel } from "../../src/sim/kernel.js";
import type { Pcb } from "../../src/sim/process.js";

/**
 * A machine whose timings are easy to work by hand: the ideal CPU (one instruction per tick),
 * one core, no switch cost, no load or fork cost, and a 10-tick disk unless the test says otherwise.
 */
export function handConfig(overrides: Partial<KernelConfig> = {}): KernelConfig {
  return defaultConfig({
    cpu: "ideal",
    cores: 1,
    switchCost: 0,
    quantum: 100,
    policy: "fcfs",
    execCost: { base: 0, perPage: 0 },
    forkCost: { base: 0, perPage: 0 },
    disk: { latency: 10, perBlock: 0, channels: 1 },
    ...overrides,
  });
}

/** Programs written in the op language for one test. */
export function progs(sources: Record<string, string>): ProgramSource[] {
  return Object.entries(sources).map(([name, source]) => ({ name, source }));
}

export function kernel(
  overrides: Partial<KernelConfig> = {},
  sources: Record<string, string> = {},
): Kernel {
  return new Kernel(handConfig({ ...overrides, programs: progs(sources) }));
}

/** Applies a spawn at the current tick (before the next step) and returns the new pid. */
export function spawn(
  k: Kernel,
  program: string,
  opts: { ppid?: number; nice?: number } = {},
): number {
  const pid = k.nextPid;
  k.apply({ type: "spawn", program, ...opts });
  expect(k.procs.has(pid)).toBe(true);
  return pid;
}

/** Steps until `cond` holds (checked before each step); fails after `limit` ticks. */
export function runUntil(k: Kernel, cond: () => boolean, limit = 100_000): void {
  for (let i = 0; i < limit; i++) {
    if (cond()) return;
    k.step();
  }
  if (!cond()) throw new Error(`condition not reached within ${limit} ticks (now ${k.now})`);
}

/** Runs until the given tick (exclusive): afterwards k.now === tick. */
export function runTo(k: Kernel, tick: number, commands: Map<number, Command[]> = new Map()): void {
  while (k.now < tick) k.step(commands.get(k.now));
}

export function proc(k: Kernel, pid: number): Pcb {
  const p = k.procs.get(pid);
  if (!p) throw new Error(`no process ${pid}`);
  return p;
}

type EventOf<T extends KernelEvent["type"]> = Extract<KernelEvent, { type: T }>;

export function ofType<T extends KernelEvent["type"]>(
  events: readonly KernelEvent[],
  type: T,
): EventOf<T>[] {
  return events.filter((e): e is EventOf<T> => e.type === type);
}

/** Events about one pid, as "Type" strings (for order checks). */
export function typesFor(events: readonly KernelEvent[], pid: number): string[] {
  return events.filter((e) => "pid" in e && e.pid === pid).map((e) => e.type);
}

/** Collects every event while running `n` ticks. */
export function collect(k: Kernel, n: number): KernelEvent[] {
  const out: KernelEvent[] = [];
  for (let i = 0; i < n; i++) {
    k.step();
    out.push(...k.drainEvents());
  }
  return out;
}

/** A program that runs exactly `ticks` instructions on the ideal CPU and exits 0: li, 2 per loop turn, then exit's three. */
export function jobSource(ticks: number): string {
  const n = (ticks - 4) / 2;
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`jobSource needs an even tick count >= 6, got ${ticks}`);
  return `main: li $t0, ${n}\nloop: addi $t0, $t0, -1\n bnez $t0, loop\n exit 0`;
}

/** Blocks at once and forever: a parent for test jobs that keeps init out of the picture. */
export const HOLDER = "main: pause\n j main";

/**
 * Starts a holder (pid 2) on a fresh hand-config kernel and runs until it is paused.
 * With switchCost 0 and no load cost: init runs ticks 0-2 (li, li, syscall wait) and blocks,
 * the holder runs ticks 3-4 (li, syscall pause) and blocks, so the machine is quiet at tick 5.
 * The start-up events are drained.
 */
export function quietKernel(
  overrides: Partial<KernelConfig> = {},
  sources: Record<string, string> = {},
): Kernel {
  const k = kernel(overrides, { holder: HOLDER, ...sources });
  spawn(k, "holder");
  runUntil(
    k,
    () => k.procs.get(2)?.state === "blocked" && k.procs.get(1)?.state === "blocked",
    1000,
  );
  k.drainEvents();
  return k;
}
