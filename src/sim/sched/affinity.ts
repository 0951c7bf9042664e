// CPU affinity: the set of cores a process may run on, as two 32-bit words (cores 0-63).
import type { Pcb } from "../process.js";

/** Whether `p` may run on `core`. */
export function allowedOn(p: Pcb, core: number): boolean {
  return core < 32
    ? ((p.affinityLo >>> core) & 1) === 1
    : ((p.affinityHi >>> (core - 32)) & 1) === 1;
}

/** Whether `p` may run on every core of a machine with `cores` cores. */
export function allowedEverywhere(p: Pcb, cores: number): boolean {
  for (let c = 0; c < cores; c++) if (!allowedOn(p, c)) return false;
  return true;
}

/** The two words of a set of cores. */
export function affinityWords(cores: readonly number[]): { lo: number; hi: number } {
  let lo = 0;
  let hi = 0;
  for (const c of cores) {
    if (c < 32) lo |= 1 << c;
    else hi |= 1 << (c - 32);
  }
  return { lo: lo >>> 0, hi: hi >>> 0 };
}

/** The cores in a set, ascending, up to `cores`. */
export function affinityCores(p: Pcb, cores: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < cores; c++) if (allowedOn(p, c)) out.push(c);
  return out;
}

/** A set of cores as taskset -c writes it: "0-3,6"; "all" for every core of the machine. */
export function formatCpuList(list: readonly number[], cores: number): string {
  if (list.length === cores) return "all";
  const parts: string[] = [];
  for (let i = 0; i < list.length; ) {
    let j = i;
    while (j + 1 < list.length && list[j + 1] === list[j] + 1) j++;
    parts.push(j === i ? String(list[i]) : `${list[i]}-${list[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}

/** `p`'s cores as taskset -c writes them (a row of the table per frame: "all" without building a list). */
export function affinityText(p: Pcb, cores: number): string {
  return allowedEverywhere(p, cores) ? "all" : formatCpuList(affinityCores(p, cores), cores);
}

/** "0-3,6" (taskset -c's list) as cores, or null if it is not such a list of cores 0-63. */
export function parseCpuList(text: string): number[] | null {
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) return null;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (a > b || b > 63) return null;
    for (let c = a; c <= b; c++) out.add(c);
  }
  return [...out].sort((x, y) => x - y);
}
