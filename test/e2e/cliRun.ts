// Test helper: runs the built binary (bin/simtop.js → dist/) without a terminal.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = `${ROOT}bin/simtop.js`;

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `simtop ...args` with pipes for stdin/stdout/stderr (so never a TTY), `input` on stdin. */
export function simtop(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  input: string | Buffer = "",
): Run {
  if (!existsSync(`${ROOT}dist/src/cli/main.js`)) throw new Error("build first: npm run build");
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
    input,
    timeout: 50_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A tmux session running `simtop ...args` in a terminal of the given size (CI unset, as a person's shell). */
export class TmuxSession {
  readonly name: string;

  constructor(args: string[], columns: number, rows: number, env: Record<string, string> = {}) {
    if (!existsSync(`${ROOT}dist/src/cli/main.js`)) throw new Error("build first: npm run build");
    this.name = `simtop-e2e-${process.pid}-${Math.floor(Math.random() * 1e9)}`;
    const quoted = args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
    // The settings directory the test setup chose (test/configHome.ts) unless the test gives one.
    const xdg = process.env.XDG_CONFIG_HOME;
    const vars = Object.entries({ ...(xdg ? { XDG_CONFIG_HOME: xdg } : {}), ...env })
      .map(([k, v]) => `${k}='${v}'`)
      .join(" ");
    const cmd = `cd '${ROOT}' && env -u CI ${vars} '${process.execPath}' bin/simtop.js ${quoted}; echo "[exit $?]"; sleep 60`;
    // A server of its own (-L): sessions of parallel tests never share or end each other's server.
    this.tmux([
      "new-session",
      "-d",
      "-s",
      this.name,
      "-x",
      String(columns),
      "-y",
      String(rows),
      cmd,
    ]);
  }

  keys(...keys: string[]): void {
    this.tmux(["send-keys", "-t", this.name, ...keys]);
  }

  screen(): string {
    return this.tmux(["capture-pane", "-p", "-t", this.name]);
  }

  resize(columns: number, rows: number): void {
    this.tmux(["resize-window", "-t", this.name, "-x", String(columns), "-y", String(rows)]);
  }

  /** Polls the screen until `test` holds; throws with the screen after `seconds`. */
  async waitFor(test: (screen: string) => boolean, seconds = 20): Promise<string> {
    const end = Date.now() + seconds * 1000;
    let s = "";
    while (Date.now() < end) {
      s = this.screen();
      if (test(s)) return s;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting; the screen was:\n${s}`);
  }

  /** The pid of simtop itself (the child of the pane's shell), to send it a signal. */
  pid(): number {
    const sh = this.tmux(["display-message", "-p", "-t", this.name, "#{pane_pid}"]).trim();
    const r = spawnSync("ps", ["-o", "pid=", "--ppid", sh], { encoding: "utf8" });
    return Number(r.stdout.trim().split(/\s+/)[0]);
  }

  kill(): void {
    spawnSync("tmux", ["-L", this.name, "kill-server"]);
  }

  private tmux(args: string[]): string {
    const r = spawnSync("tmux", ["-L", this.name, ...args], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr}`);
    return r.stdout;
  }
}

/** Runs a command in a pseudo-terminal (util-linux `script`): for tools that insist on a tty. */
export function inPty(command: string): Run {
  const r = spawnSync("script", ["-q", "-e", "-c", command, "/dev/null"], {
    encoding: "utf8",
    timeout: 50_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
