// Job control: Ctrl+Z, SIGTSTP and SIGSTOP give the shell its terminal back; fg brings the dashboard back, raw (q quits without Enter).
import { afterEach, describe, expect, it } from "vitest";
import { hasTmux, LAUNCHED, Pane, SIMTOP } from "./terminalPane.js";

let pane: Pane | null = null;
afterEach(() => {
  pane?.kill();
  pane = null;
});

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
  await p.until(() => p.showing(), "the dashboard again");
  const s = p.screen();
  // Drawn again in full: header, table and key bar; no line of the shell's screen is left.
  expect(s).toMatch(/^simtop {2}tick/m);
  expect(s).toMatch(/PID/);
  expect(s).toMatch(/qQuit/);
  expect(s).not.toMatch(/Stopped|mode=/);
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
});
