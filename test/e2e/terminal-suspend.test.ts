// Job control: Ctrl+Z, SIGTSTP and SIGSTOP give the shell its terminal back; fg brings the dashboard back, raw (q quits without Enter).
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { hasTmux, LAUNCHED, Pane, SIMTOP } from "./terminalPane.js";

let pane: Pane | null = null;
afterEach(() => {
  pane?.kill();
  pane = null;
});

/** A process's state letter (R, S, T...) from /proc. */
function state(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
}

/** The shell's own tty modes while the job is stopped: canonical input, echo. */
async function expectShellHasTerminal(p: Pane): Promise<void> {
  await p.until(() => /Stopped/.test(p.screen()) && p.restored(), "the job stopped");
  p.type("stty -a | tr ' ' '\\n' | grep -x -- '-\\?icanon' | sed 's/^/mode=/'");
  await p.until(() => /^mode=-?icanon/m.test(p.screen()), "stty");
  expect(p.screen()).toMatch(/^mode=icanon$/m);
}

/** fg: the dashboard is drawn again in full, keys are read raw (q quits without Enter). */
async function expectResumes(p: Pane): Promise<void> {
  p.type("fg");
  // Drawn again in full: header, table and key bar.
  await p.until(
    () => p.showing() && /^simtop {2}tick[\s\S]*PID[\s\S]*qQuit/m.test(p.screen()),
    "the dashboard again",
  );
  // No line of the shell's screen is left on it.
  expect(p.screen()).not.toMatch(/Stopped|mode=|\$ fg/);
  p.keys("q");
  await p.until(() => p.restored() && /^\$\s*$/m.test(p.screen()), "simtop to quit on q alone");
  p.type("echo status=$?");
  await p.until(() => /^status=\d+$/m.test(p.screen()), "the status");
  expect(p.screen()).toMatch(/^status=0$/m);
}

async function started(cmd: string): Promise<Pane> {
  const p = Pane.bash();
  pane = p;
  await p.until(() => p.screen().includes("$"), "the prompt");
  p.type(`${cmd} 2>/dev/null`);
  await p.until(() => p.showing(), "the dashboard");
  return p;
}

describe.skipIf(!hasTmux)("suspending the dashboard (tmux, bash with job control)", () => {
  it.each([
    ["the project's node", SIMTOP],
    ["the launcher", LAUNCHED],
  ])("Ctrl+Z (%s): the shell's screen and modes; fg: the dashboard, raw", async (_, cmd) => {
    if (!cmd) return;
    const p = await started(cmd);
    p.keys("C-z");
    await expectShellHasTerminal(p);
    await expectResumes(p);
  });

  it("SIGTSTP from outside: the same as Ctrl+Z", async () => {
    const p = await started(SIMTOP);
    process.kill(p.simtopPid(), "SIGTSTP");
    await expectShellHasTerminal(p);
    await expectResumes(p);
  });

  it("SIGSTOP (no chance to give the terminal back): fg takes it again, raw", async () => {
    const p = await started(SIMTOP);
    process.kill(p.simtopPid(), "SIGSTOP");
    // bash sets its own modes when it sees the job stop; the screen is still the dashboard's.
    await p.until(() => /Stopped/.test(p.screen()) || p.flag("alternate_on") === "1", "a stop");
    await expectResumes(p);
  });

  it.each([
    ["the project's node", SIMTOP],
    ["the launcher", LAUNCHED],
  ])("--batch (%s): Ctrl+Z stops the whole job, fg runs it on", async (_, cmd) => {
    if (!cmd) return;
    const p = Pane.bash();
    pane = p;
    await p.until(() => p.screen().includes("$"), "the prompt");
    // A long batch run, busy in one synchronous loop: the stop must not need JavaScript.
    p.type(`${cmd} --batch -n 100000000 -d 100000 | tail -c 10`);
    await p.until(() => p.simtopPids().length > 0, "simtop to start");
    p.keys("C-z");
    await p.until(() => /Stopped/.test(p.screen()), "the job stopped");
    // Every simtop process is stopped (a launcher and its child alike), not just the shell's view.
    await p.until(() => p.simtopPids().every((pid) => state(pid) === "T"), "every process stopped");
    p.type("fg");
    await p.until(() => /^\$ fg$/m.test(p.screen()), "fg");
    expect(p.simtopPids().length).toBeGreaterThan(0);
    p.keys("C-c");
    await p.until(() => p.simtopPids().length === 0, "simtop to end on Ctrl+C");
  });
});
