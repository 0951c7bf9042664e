// An assembled program: the image `exec` loads into a fresh address space.

export interface Program {
  /** Name used by `exec`, the spawn picker and scenario files. */
  readonly name: string;
  readonly description: string;
  /** Encoded instructions, INSN_WORDS Int32 slots each (see cpu/isa.ts). */
  readonly code: Int32Array;
  /** Source line (1-based) of each instruction, for error messages and listings. */
  readonly lines: Int32Array;
  /** Initial contents of the static data region, one Int32 per word. */
  readonly data: Int32Array;
  /** Size of the static data region in bytes (initialised words plus `.space`). */
  readonly dataSize: number;
  /** Byte address of the data region (page-aligned, right after the text). */
  readonly dataBase: number;
  /** Instruction index of `main` (0 when the program has no `main` label). */
  readonly entry: number;
  /** Source text, kept so a saved session or scenario can be reassembled. */
  readonly source: string;
}

export function textBytes(p: Program): number {
  return (p.code.length / 5) * 4;
}
