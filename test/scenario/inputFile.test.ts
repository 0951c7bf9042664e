// Reading input files whole: only regular files, within a size, as UTF-8 text.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputFileError, readInputFile } from "../../src/scenario/inputFile.js";

const dir = mkdtempSync(join(tmpdir(), "simtop-input-"));

function refusal(path: string, max?: number): string {
  try {
    readInputFile(path, max);
  } catch (e) {
    expect(e).toBeInstanceOf(InputFileError);
    return (e as Error).message;
  }
  throw new Error("expected the file to be refused");
}

describe("readInputFile", () => {
  it("reads a regular file, without a byte-order mark", () => {
    const p = join(dir, "bom.yaml");
    writeFileSync(p, "\ufeffname: x\n");
    expect(readInputFile(p)).toBe("name: x\n");
  });

  it("refuses devices at once instead of reading forever", () => {
    expect(refusal("/dev/zero")).toBe("is a character device, not a regular file");
    expect(refusal("/dev/null")).toBe("is a character device, not a regular file");
  });

  it("refuses a FIFO without blocking on it", () => {
    const p = join(dir, "fifo");
    expect(spawnSync("mkfifo", [p]).status).toBe(0);
    expect(refusal(p)).toBe("is a pipe (FIFO), not a regular file");
  });

  it("refuses a directory and names a missing file", () => {
    expect(refusal(dir)).toBe("is a directory, not a regular file");
    expect(refusal(join(dir, "nope"))).toBe("no such file");
  });

  it("refuses a file above the limit, and reads one exactly at it", () => {
    const p = join(dir, "big");
    writeFileSync(p, "x".repeat(1025));
    expect(refusal(p, 1024)).toBe("is larger than 1024 bytes (the limit for this file)");
    writeFileSync(p, "x".repeat(1024));
    expect(readInputFile(p, 1024)).toHaveLength(1024);
    writeFileSync(p, "x".repeat(2 * 1024 * 1024 + 1));
    expect(refusal(p, 2 * 1024 * 1024)).toBe("is larger than 2 MiB (the limit for this file)");
  });

  it("refuses bytes that are not UTF-8", () => {
    const p = join(dir, "latin1");
    writeFileSync(p, Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]));
    expect(refusal(p)).toBe("is not UTF-8 text");
  });
});
