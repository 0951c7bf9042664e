// Output files: every one checked before any is opened, existing ones only with --overwrite, all or none.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/errors.js";
import { OutputWriteError } from "../../src/cli/outputFile.js";
import { finishOutputs, type OutputPlan, openOutputs } from "../../src/cli/outputs.js";

const fresh = (): string => mkdtempSync(join(tmpdir(), "simtop-outputs-"));

function plan(o: Partial<OutputPlan>): OutputPlan {
  return { outputs: [], overwrite: false, stdoutUse: null, mode: "stream", ...o };
}

function refusal(p: OutputPlan): string {
  try {
    openOutputs(p);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    expect((e as UsageError).exitCode).toBe(2);
    return (e as Error).message;
  }
  throw new Error("expected a refusal");
}

describe("openOutputs", () => {
  it("refuses an existing file without --overwrite and leaves it as it was", () => {
    const dir = fresh();
    const f = join(dir, "existing.txt");
    writeFileSync(f, "mine");
    expect(refusal(plan({ outputs: [{ flag: "--save", path: f }] }))).toBe(
      `--save: ${f} already exists (add --overwrite to replace it)`,
    );
    expect(readFileSync(f, "utf8")).toBe("mine");
  });

  it("with --overwrite, empties a streamed file only at the first write", () => {
    const dir = fresh();
    const f = join(dir, "run.jsonl");
    writeFileSync(f, "old contents");
    const [file] = openOutputs(plan({ outputs: [{ flag: "--save", path: f }], overwrite: true }));
    expect(readFileSync(f, "utf8")).toBe("old contents");
    file.write("new");
    expect(readFileSync(f, "utf8")).toBe("new");
    file.finish();
    expect(readFileSync(f, "utf8")).toBe("new");
  });

  it("refuses an output that is an input, whatever path names it", () => {
    const dir = fresh();
    const f = join(dir, "my.yaml");
    writeFileSync(f, "name: mine\n");
    symlinkSync(f, join(dir, "link.yaml"));
    for (const path of [f, join(dir, ".", "my.yaml"), join(dir, "link.yaml")])
      expect(
        refusal(
          plan({
            outputs: [{ flag: "--save", path }],
            inputs: [{ path: f, what: "the --scenario file" }],
            overwrite: true,
          }),
        ),
      ).toBe(`--save: ${path} is the --scenario file; write to another file`);
    expect(readFileSync(f, "utf8")).toBe("name: mine\n");
  });

  it("refuses two outputs that are one file, existing or not", () => {
    const dir = fresh();
    mkdirSync(join(dir, "sub"));
    const f = join(dir, "f");
    const other = join(dir, "sub", "..", "f");
    expect(
      refusal(
        plan({
          outputs: [
            { flag: "--save", path: f },
            { flag: "--record", path: other },
          ],
        }),
      ),
    ).toBe(`--record: ${other} is also the --save output`);
    expect(existsSync(f)).toBe(false);
    writeFileSync(f, "mine");
    expect(
      refusal(
        plan({
          outputs: [
            { flag: "--save", path: f },
            { flag: "--record", path: other },
          ],
          overwrite: true,
        }),
      ),
    ).toBe(`--record: ${other} is also the --save output`);
    expect(readFileSync(f, "utf8")).toBe("mine");
  });

  it("checks every output before opening any: a bad second output creates nothing", () => {
    const dir = fresh();
    const ok = join(dir, "ok.jsonl");
    expect(
      refusal(
        plan({
          outputs: [
            { flag: "--save", path: ok },
            { flag: "--record", path: "/nonexistent/x.cast" },
          ],
        }),
      ),
    ).toBe("--record: cannot write /nonexistent/x.cast: no such directory");
    expect(existsSync(ok)).toBe(false);
  });

  it("opens all or none: a second output that cannot be created removes the first", () => {
    const dir = fresh();
    const ok = join(dir, "ok.jsonl");
    // sysfs takes no new files, not even root's.
    expect(
      refusal(
        plan({
          outputs: [
            { flag: "--save", path: ok },
            { flag: "--record", path: "/sys/x.cast" },
          ],
        }),
      ),
    ).toBe("--record: cannot write /sys/x.cast: permission denied");
    expect(existsSync(ok)).toBe(false);
  });

  it("refuses a directory, a path ending in a slash and a dangling link", () => {
    const dir = fresh();
    symlinkSync(join(dir, "missing"), join(dir, "dangling"));
    expect(refusal(plan({ outputs: [{ flag: "--cast", path: dir }] }))).toBe(
      `--cast: cannot write ${dir}: is a directory`,
    );
    expect(refusal(plan({ outputs: [{ flag: "--cast", path: join(dir, "new/") }] }))).toMatch(
      /no such directory$/,
    );
    expect(refusal(plan({ outputs: [{ flag: "--cast", path: join(dir, "dangling") }] }))).toMatch(
      /a symbolic link to a file that does not exist$/,
    );
  });

  it("atomic: the old file stays whole until finish renames the new one over it, keeping its mode", () => {
    const dir = fresh();
    const f = join(dir, "ok.cast");
    writeFileSync(f, "old", { mode: 0o600 });
    const [file] = openOutputs(
      plan({ outputs: [{ flag: "--cast", path: f }], overwrite: true, mode: "atomic" }),
    );
    file.write("new cast");
    expect(readFileSync(f, "utf8")).toBe("old");
    finishOutputs([file]);
    expect(readFileSync(f, "utf8")).toBe("new cast");
    expect(statSync(f).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["ok.cast"]);
  });

  it("atomic through a symbolic link: the target is replaced, the link stays", () => {
    const dir = fresh();
    writeFileSync(join(dir, "real.cast"), "old");
    symlinkSync("real.cast", join(dir, "link.cast"));
    const [file] = openOutputs(
      plan({
        outputs: [{ flag: "--cast", path: join(dir, "link.cast") }],
        overwrite: true,
        mode: "atomic",
      }),
    );
    file.write("new");
    file.finish();
    expect(readFileSync(join(dir, "real.cast"), "utf8")).toBe("new");
    expect(readdirSync(dir).sort()).toEqual(["link.cast", "real.cast"]);
  });

  it("discard removes what the run created and leaves existing files alone", () => {
    const dir = fresh();
    const created = join(dir, "new.jsonl");
    const existing = join(dir, "old.cast");
    writeFileSync(existing, "kept");
    const files = openOutputs(
      plan({
        outputs: [
          { flag: "--save", path: created },
          { flag: "--record", path: existing },
        ],
        overwrite: true,
      }),
    );
    expect(existsSync(created)).toBe(true);
    for (const f of files) f.discard();
    expect(existsSync(created)).toBe(false);
    expect(readFileSync(existing, "utf8")).toBe("kept");
  });

  it("a failed write is reported by finish as exit 1, once", () => {
    const [file] = openOutputs(plan({ outputs: [{ flag: "--save", path: "/dev/full" }] }));
    file.write("x");
    expect(file.failed).toBe(true);
    expect(() => file.finish()).toThrow(
      new OutputWriteError("--save", "/dev/full", "no space left on device"),
    );
    expect(() => file.finish()).not.toThrow();
  });

  it("/dev/null may be named by any number of outputs", () => {
    const files = openOutputs(
      plan({
        outputs: [
          { flag: "--save", path: "/dev/null" },
          { flag: "--record", path: "/dev/null" },
        ],
      }),
    );
    finishOutputs(files);
  });
});
