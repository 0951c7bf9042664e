#!/usr/bin/env node
// Launcher: the compiled CLI lives in dist/ (built by `npm run build`). simtop needs Node 22 or
// later; started by an older node (the system's, say), it re-runs itself with the project's own
// (the `node` dev dependency), or says what it needs and exits 2.

// SIGUSR1 would make Node open a debugger port (and print so over the dashboard): a listener
// of its own takes the signal from Node, and simtop ignores it.
process.on("SIGUSR1", () => {});

if (Number(process.versions.node.split(".")[0]) >= 22) {
  await import("../dist/bundle/main.js");
} else {
  const { existsSync } = await import("node:fs");
  const { fileURLToPath } = await import("node:url");
  const here = (p) => fileURLToPath(new URL(p, import.meta.url));
  const node = process.env.SIMTOP_REEXEC
    ? undefined
    : [here("../node_modules/node/bin/node"), here("../node_modules/.bin/node")].find(existsSync);
  if (!node) {
    process.stderr.write(`simtop: needs Node.js 22 or later (this is ${process.version})\n`);
    process.exit(2);
  }
  const { spawn } = await import("node:child_process");
  const { constants } = await import("node:os");
  const { ENDING_SIGNALS, detachFromTerminal } = await import("../dist/src/cli/term/ending.js");
  // The project's node (22.23) has --disable-sigusr1: no debugger even while starting up.
  const child = spawn(node, ["--disable-sigusr1", here("simtop.js"), ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, SIMTOP_REEXEC: "1" },
  });
  // Signals sent to this process go to the child; its exit (or death by a signal) is ours.
  const forward = (signal) => child.kill(signal);
  for (const s of ENDING_SIGNALS) process.on(s, forward);
  // SIGTSTP stops this process as usual: the dashboard reads Ctrl+Z as a key and stops the
  // whole process group itself, this process included, once it has given the terminal back.
  child.on("error", (err) => {
    process.stderr.write(`simtop: cannot run ${node}: ${err.message}\n`);
    process.exit(2);
  });
  child.on("exit", (code, signal) => {
    for (const s of ENDING_SIGNALS) process.off(s, forward);
    // Ended by a hangup: the terminal may be gone, and node aborts at exit when it cannot
    // restore a terminal's modes.
    if (code === 128 + constants.signals.SIGHUP || signal === "SIGHUP") detachFromTerminal();
    if (!signal) process.exit(code ?? 1);
    process.kill(process.pid, signal);
    process.exit(128 + (constants.signals[signal] ?? 0)); // a signal that does not end node by default
  });
}
