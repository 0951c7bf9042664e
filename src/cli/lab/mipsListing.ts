// Parses the pipeline lab's inputs: a short MIPS-style listing and the --reg / --mem values.
import { parseRegister } from "../../sim/cpu/isa.js";
import { AssembleError, assemble, splitLine } from "../../sim/programs/assembler.js";
import type { Program } from "../../sim/programs/program.js";
import { UsageError } from "../errors.js";
import { quoteExcerpt, showControls } from "./quote.js";

/** Mnemonics a listing may use: each assembles to exactly one instruction, no syscalls. */
const LISTING_MNEMONICS = new Set([
  "add",
  "addu",
  "sub",
  "subu",
  "and",
  "or",
  "xor",
  "nor",
  "slt",
  "addi",
  "addiu",
  "andi",
  "ori",
  "xori",
  "slti",
  "sll",
  "srl",
  "lui",
  "lw",
  "sw",
  "beq",
  "bne",
  "j",
  "nop",
  "li",
  "move",
]);

export interface Listing {
  program: Program;
  /** Per instruction, the statement as written: trimmed, without label or comment. */
  texts: string[];
  /** Every register the listing names, keyed as written, in order of first appearance. */
  registers: { key: string; reg: number }[];
}

/** A branch whose target is a number: P&H's `beq $1,$3,7`, an offset in instructions from PC+4. */
const OFFSET_BRANCH = /^(beq|bne)(\s+[^,]+,[^,]+,\s*)([-+]?\d+)$/i;

/** Parses and assembles a listing; mistakes become UsageErrors naming the line. */
export function parseListing(source: string): Listing {
  const texts: string[] = [];
  const registers: { key: string; reg: number }[] = [];
  const seen = new Set<string>();
  const lines = source.split(/\r?\n/);
  /** Per source line with a statement: its labels, statement and instruction index. */
  const statements: { ln: number; labels: string[]; statement: string }[] = [];
  for (let ln = 1; ln <= lines.length; ln++) {
    // The assembler's own comment and label syntax: it does the real work below.
    const { labels, statement: s } = splitLine(lines[ln - 1]);
    if (s === "") continue;
    const word = s.split(/\s/, 1)[0];
    const mnemonic = word.toLowerCase();
    if (mnemonic.startsWith("."))
      throw new UsageError(
        `line ${ln}: directives are not supported in a listing (${quoteExcerpt(word)})`,
      );
    if (!LISTING_MNEMONICS.has(mnemonic))
      throw new UsageError(`line ${ln}: unknown instruction ${quoteExcerpt(word)}`);
    texts.push(s);
    statements.push({ ln, labels, statement: s });
    for (const key of s.match(/\$\w+/g) ?? []) {
      const reg = parseRegister(key);
      if (reg < 0) throw new UsageError(`line ${ln}: bad register ${quoteExcerpt(key)}`);
      if (!seen.has(key)) {
        seen.add(key);
        registers.push({ key, reg });
      }
    }
  }
  if (texts.length === 0) throw new UsageError("the listing holds no instructions");
  let program: Program;
  try {
    program = assemble(withOffsetLabels(lines, statements), { name: "listing" });
  } catch (err) {
    // Its messages quote the listing: no control character of it may reach the terminal.
    if (err instanceof AssembleError) throw new UsageError(showControls(err.message, 300));
    throw err;
  }
  return { program, texts, registers };
}

/**
 * The listing with each numeric branch offset replaced by a label on its target, as the
 * assembler takes only labels. Lines keep their numbers, so its errors still name them.
 */
function withOffsetLabels(
  lines: string[],
  statements: { ln: number; labels: string[]; statement: string }[],
): string {
  const targets = new Map<number, string>();
  const rewritten = statements.map((st, i) => {
    const m = OFFSET_BRANCH.exec(st.statement);
    if (!m) return st.statement;
    const target = i + 1 + Number(m[3]);
    if (target < 0 || target >= statements.length)
      throw new UsageError(
        `line ${st.ln}: branch offset ${m[3]} leads to instruction ${target + 1}, outside the listing's ${statements.length}`,
      );
    const label = `__offset_target_${target}`;
    targets.set(target, label);
    return `${m[1]}${m[2]}${label}`;
  });
  if (targets.size === 0) return lines.join("\n");
  const out = lines.slice();
  statements.forEach((st, i) => {
    const labels = [...st.labels, ...(targets.has(i) ? [targets.get(i)] : [])];
    out[st.ln - 1] = `${labels.map((l) => `${l}: `).join("")}${rewritten[i]}`;
  });
  return out.join("\n");
}

/** An integer that fits 32 bits (signed, or unsigned as written), as an Int32; else null. */
function int32(text: string): number | null {
  if (!/^[-+]?(0x[0-9a-f]+|\d+)$/i.test(text)) return null;
  const neg = text.startsWith("-");
  const body = text.replace(/^[-+]/, "");
  const v = body.toLowerCase().startsWith("0x") ? Number.parseInt(body, 16) : Number(body);
  const signed = neg ? -v : v;
  if (signed < -0x80000000 || signed > 0xffffffff) return null;
  return signed | 0;
}

function pairs(text: string, flag: string, shape: string): [string, string][] {
  const out: [string, string][] = [];
  for (const part of text.split(",")) {
    const p = part.trim();
    const m = /^([^=\s]+)\s*=\s*(\S+)$/.exec(p);
    if (!m) throw new UsageError(`${flag}: expected ${shape}, got "${p}"`);
    out.push([m[1], m[2]]);
  }
  return out;
}

/** `--reg '$s1=12,$t0=4'` → [register, value] pairs. */
export function parseRegValues(text: string): [number, number][] {
  return pairs(text, "--reg", "$reg=value").map(([name, value]) => {
    const reg = parseRegister(name);
    if (reg < 0) throw new UsageError(`--reg: unknown register "${name}"`);
    if (reg === 0) throw new UsageError(`--reg: ${name} is always 0`);
    const v = int32(value);
    if (v === null) throw new UsageError(`--reg: bad value "${value}" for ${name}`);
    return [reg, v];
  });
}

/** `--mem '4=30,8=20'` → [byte address, word] pairs; addresses are word-aligned. */
export function parseMemValues(text: string): [number, number][] {
  return pairs(text, "--mem", "address=value").map(([address, value]) => {
    if (!/^\d+$/.test(address))
      throw new UsageError(`--mem: address "${address}" is not a non-negative decimal number`);
    const addr = Number(address);
    if (addr > 0x7ffffffc) throw new UsageError(`--mem: address ${address} is too large`);
    if (addr % 4 !== 0)
      throw new UsageError(`--mem: address ${address} is not a multiple of 4 (a word address)`);
    const v = int32(value);
    if (v === null) throw new UsageError(`--mem: bad value "${value}" at address ${address}`);
    return [addr, v];
  });
}
