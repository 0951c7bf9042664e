// Every signal that ends the dashboard restores the terminal and exits 128+n; SIGUSR1 opens no debugger; a crash in the first frame restores it too.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { constants, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT } from "./cliRun.js";
import { hasTmux, LAUNCHED, Pane, quote, SIMTOP } from "./terminalPane.js";

/** After the command: its status, and whether the tty is back in canonical (cooked) mode. */
const AFTER = `; echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -- '-\\?icanon'; sleep 600`;

let pane: Pane | null = null;
afterEach(() => {
  pane?.kill();
  pane = null;
});

/** Waits for the command to end; returns the pane's text. */
async function ended(p: Pane): Promise<string> {
  await p.until(() => /EXIT=\d+\s*\n-?icanon\s*$/m.test(p.screen()), "the exit");
  return p.screen();
}

function expectShellTerminal(p: Pane, screen: string): void {
  expect(p.flag("alternate_on")).toBe("0");
  expect(p.flag("cursor_flag")).toBe("1");
  expect(p.flag("mouse_any_flag")).toBe("0");
  expect(screen).toMatch(/^icanon$/m);
}

/** Whether anything listens on TCP `port` (IPv4 or IPv6), from /proc. */
function listening(port: number): boolean {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  return ["/proc/net/tcp", "/proc/net/tcp6"].some((f) => {
    try {
      return readFileSync(f, "utf8")
        .split("\n")
        .some((l) => {
          const cols = l.trim().split(/\s+/);
          return cols[1]?.endsWith(hex) && cols[3] === "0A";
        });
    } catch {
      return false;
    }
  });
}

describe.skipIf(!hasTmux)("signals to the dashboard (tmux)", () => {
  it.each([
    "SIGTERM",
    "SIGINT",
    "SIGHUP",
    "SIGQUIT",
    "SIGUSR2",
    "SIGALRM",
    "SIGABRT",
    "SIGPIPE",
    "SIGTRAP",
    "SIGXFSZ",
  ] as const)("%s: the terminal is restored, exit 128+n", async (signal) => {
    pane = Pane.sh(`${SIMTOP} 2>/dev/null${AFTER}`);
    const p = pane;
    await p.until(() => p.showing(), "the dashboard");
    process.kill(p.simtopPid(), signal);
    const after = await ended(p);
    expect(after).toContain(`EXIT=${128 + constants.signals[signal]}`);
    expectShellTerminal(p, after);
    // Nothing of the dashboard was left on the shell's screen.
    expect(after).not.toMatch(/Tasks:/);
  });

  it.runIf(LAUNCHED)(
    "through the launcher (an older node): a signal to it reaches simtop, same exit",
    async () => {
      pane = Pane.sh(`${LAUNCHED} 2>/dev/null${AFTER}`);
      const p = pane;
      await p.until(() => p.showing(), "the dashboard");
      const [launcher, child] = p.simtopPids();
      expect(child).toBeDefined();
      process.kill(launcher, "SIGUSR2");
      const after = await ended(p);
      expect(after).toContain(`EXIT=${128 + constants.signals.SIGUSR2}`);
      expectShellTerminal(p, after);
    },
  );

  it.each([
    ["the project's node", SIMTOP],
    ["the launcher", LAUNCHED],
  ])("SIGUSR1 (%s): no debugger port, nothing printed, the dashboard runs on", async (_, cmd) => {
    if (!cmd) return;
    // A port of its own: a debugger Node opened on SIGUSR1 would listen there.
    const port = 20_000 + (process.pid % 20_000);
    expect(listening(port)).toBe(false);
    pane = Pane.sh(`NODE_OPTIONS=--inspect-port=${port} ${cmd} 2>&1${AFTER}`);
    const p = pane;
    await p.until(() => p.showing(), "the dashboard");
    for (const pid of p.simtopPids()) process.kill(pid, "SIGUSR1");
    // Something the dashboard does after the signals: a key that changes the screen.
    p.keys("?");
    await p.until(() => p.screen().includes("Help · simtop keys"), "the help screen");
    expect(listening(port)).toBe(false);
    expect(p.screen()).not.toMatch(/Debugger|inspector|ws:\/\//i);
    expect(p.showing()).toBe(true);
    p.keys("Escape");
    await p.until(() => !p.screen().includes("Help · simtop keys"), "the help closed");
    p.keys("q");
    const after = await ended(p);
    expect(after).toContain("EXIT=0");
    expectShellTerminal(p, after);
  });

  it("a crash while drawing the first frame: terminal restored, one line, exit 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "simtop-first-frame-"));
    const script = join(dir, "crash.mjs");
    const dist = (p: string) => JSON.stringify(join(ROOT, "dist", "src", p));
    // The first view the dashboard builds throws, as a session with a broken config did.
    writeFileSync(
      script,
      `import { runDashboard } from ${dist("cli/dashboard.js")};
import { DashboardController } from ${dist("ui/controller.js")};
import { Store } from ${dist("sim/store.js")};
import { defaultConfig } from ${dist("sim/config.js")};
DashboardController.prototype.view = () => {
  throw new TypeError("Cannot read properties of undefined (reading 'name')");
};
try {
  await runDashboard({ store: new Store(defaultConfig()) });
} catch (e) {
  process.stderr.write("simtop: internal error: " + e.message + "\\n");
  process.exitCode = 1;
}
`,
    );
    try {
      pane = Pane.sh(`${quote(process.execPath)} ${quote(script)}${AFTER}`);
      const after = await ended(pane);
      expect(after).toContain("EXIT=1");
      expect(after).toContain("simtop: internal error: Cannot read properties of undefined");
      expectShellTerminal(pane, after);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
