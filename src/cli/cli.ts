// The simtop executable: runs the command line on the process's arguments and sets its exit status.
import { runCli } from "./main.js";

process.exitCode = await runCli(process.argv);
