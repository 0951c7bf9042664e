// The program table a kernel runs from: built-ins plus a scenario's own, assembled together.
import type { ProgramSource } from "../config.js";
import { AssembleError, assemble } from "./assembler.js";
import { BUILTIN_PROGRAMS } from "./library.js";
import type { Program } from "./program.js";

export class ProgramTable {
  readonly programs: Program[];
  private readonly ids: Map<string, number>;

  constructor(extra: readonly ProgramSource[] = []) {
    const all = [...BUILTIN_PROGRAMS, ...extra];
    this.ids = new Map();
    all.forEach((p, i) => {
      if (this.ids.has(p.name)) throw new Error(`program "${p.name}" is defined twice`);
      this.ids.set(p.name, i);
    });
    this.programs = all.map((p) => {
      try {
        return assemble(p.source, {
          name: p.name,
          description: p.description,
          resolveProgram: (n) => this.ids.get(n),
        });
      } catch (e) {
        if (e instanceof AssembleError) throw new Error(`program "${p.name}": ${e.message}`);
        throw e;
      }
    });
  }

  id(name: string): number | undefined {
    return this.ids.get(name);
  }

  get(id: number): Program {
    return this.programs[id];
  }

  names(): string[] {
    return this.programs.map((p) => p.name);
  }
}
