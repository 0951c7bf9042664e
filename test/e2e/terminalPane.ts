// Test helper: the real bin/simtop.js in a tmux pane, for the terminal's state (alternate screen, cursor, tty modes), signals and job control.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { BIN, ROOT } from "./cliRun.js";

export const hasTmux = spawnSync("sh", ["-c", "command -v tmux"]).status === 0;

export function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** simtop as the project's node runs it (22+: in this process). */
export const SIMTOP = `${quote(process.execPath)} ${quote(BIN)}`;

/** A node older than 22 on the PATH outside this project (the system's, say), if there is one. */
export function olderNode(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    const node = join(dir, "node");
    if (!dir || dir.includes("node_modules") || !existsSync(node)) continue;
    const r = spawnSync(node, ["-p", "process.versions.node"], { encoding: "utf8" });
    if (r.status === 0 && Number(r.stdout.split(".")[0]) < 22) return node;
  }
  return undefined;
}

const old = olderNode();
/** simtop started by an older node: the launcher re-runs it with the project's node, as a child. */
export const LAUNCHED = old ? `${quote(old)} ${quote(BIN)}` : undefined;

let serial = 0;

/** One tmux server and pane of its own (a server per test: parallel tests never share one). */
export class Pane {
  private readonly socket = `simtop-term-${process.pid}-${++serial}`;

  /** `sh -c script` in a new 120×40 pane, CI unset (Ink behaves differently under CI). */
  static sh(script: string): Pane {
    const p = new Pane();
    p.open(["sh", "-c", script]);
    return p;
  }

  /** An interactive bash with job control (Ctrl+Z, fg), its prompt "$ ". */
  static bash(): Pane {
    const p = new Pane();
    p.open(["env", "PS1=$ ", "bash", "--norc", "--noprofile", "-i"]);
    return p;
  }

  private open(command: string[]): void {
    if (!existsSync(join(ROOT, "dist", "bundle", "main.js")))
      throw new Error("build first: npm run build");
    this.tmux(
      "-f",
      "/dev/null",
      "new-session",
      "-d",
      "-s",
      "t",
      "-x",
      "120",
      "-y",
      "40",
      "-c",
      ROOT,
      "env",
      "-u",
      "CI",
      "TERM=tmux-256color",
      ...command,
    );
  }

  /** Types a command line and Enter (into an interactive shell). */
  type(line: string): void {
    this.tmux("send-keys", "-t", "t", "-l", line);
    this.tmux("send-keys", "-t", "t", "Enter");
  }

  keys(...keys: string[]): void {
    this.tmux("send-keys", "-t", "t", ...keys);
  }

  screen(): string {
    return this.tmux("capture-pane", "-p", "-t", "t");
  }

  /** A tmux format variable of the pane, e.g. alternate_on, cursor_flag. */
  flag(name: string): string {
    return this.tmux("display-message", "-p", "-t", "t", `#{${name}}`).trim();
  }

  /** Main screen, cursor shown, no mouse reporting: what a shell expects. */
  restored(): boolean {
    return (
      this.flag("alternate_on") === "0" &&
      this.flag("cursor_flag") === "1" &&
      this.flag("mouse_any_flag") === "0"
    );
  }

  /** The mouse is reported as the dashboard asks: presses and releases (1000), SGR form (1006). */
  mouseOn(): boolean {
    return this.flag("mouse_standard_flag") === "1" && this.flag("mouse_sgr_flag") === "1";
  }

  /** Writes bytes to the program as the terminal would (a mouse report, say), unchanged. */
  send(bytes: string): void {
    this.tmux("send-keys", "-t", "t", "-l", bytes);
  }

  /** The dashboard is up: alternate screen on, cursor hidden, the header drawn. */
  showing(): boolean {
    return (
      this.flag("alternate_on") === "1" &&
      this.flag("cursor_flag") === "0" &&
      /Tasks: \d+ total/.test(this.screen())
    );
  }

  /** Polls until `test` holds (a generous limit: a slow machine is no failure of simtop). */
  async until(test: () => boolean, what: string, ms = 30_000): Promise<void> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (test()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}; screen:\n${this.screen()}`);
  }

  /**
   * The processes running bin/simtop.js in this pane, outermost first: one when the
   * project's node runs it, two when a launcher re-ran it.
   */
  simtopPids(): number[] {
    const ps = execFileSync("ps", ["-e", "-o", "pid=,ppid=,args="], { encoding: "utf8" });
    const rows = ps
      .split("\n")
      .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
      .filter((m) => m !== null)
      .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
    const inPane = new Set([Number(this.flag("pane_pid"))]);
    // Descendants of the pane's shell, in order of discovery (parents before children).
    const out: number[] = [];
    for (let grew = true; grew; ) {
      grew = false;
      for (const r of rows)
        if (inPane.has(r.ppid) && !inPane.has(r.pid)) {
          inPane.add(r.pid);
          if (r.args.includes("bin/simtop.js")) out.push(r.pid);
          grew = true;
        }
    }
    return out;
  }

  /** The process that runs the dashboard (the launcher's child when there is a launcher). */
  simtopPid(): number {
    const pids = this.simtopPids();
    if (pids.length === 0) throw new Error(`simtop is not running; screen:\n${this.screen()}`);
    return pids[pids.length - 1];
  }

  kill(): void {
    spawnSync("tmux", ["-L", this.socket, "kill-server"]);
  }

  private tmux(...args: string[]): string {
    return execFileSync("tmux", ["-L", this.socket, ...args], { encoding: "utf8" });
  }
}
