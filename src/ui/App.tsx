// The dashboard as an Ink app: follows the terminal size, reads keys, and in live mode runs the clock.
import { type Instance, render, useApp } from "ink";
import { useEffect } from "react";
import type { DashboardController } from "./controller.js";
import { useController } from "./hooks/useController.js";
import { useFrameLoop } from "./hooks/useFrameLoop.js";
import { useKeypress } from "./hooks/useKeypress.js";
import { type TerminalSize, useTerminalSize } from "./hooks/useTerminalSize.js";
import { Screen } from "./Screen.js";

export interface AppProps {
  controller: DashboardController;
  /**
   * "live": the app advances the simulation itself, one frame every 1/fps seconds.
   * "manual": nothing moves unless the caller calls controller.tickFrame() (tests, demos).
   */
  driver?: "live" | "manual";
  /** A fixed terminal size; by default the size of Ink's stdout, followed on resize. */
  size?: TerminalSize;
}

export function App({ controller, driver = "live", size }: AppProps) {
  useController(controller);
  useKeypress(controller);
  useFrameLoop(controller, driver === "live");
  const { columns, rows } = useTerminalSize(size);
  const { exit } = useApp();
  useEffect(() => {
    controller.onQuit = () => exit();
    return () => {
      controller.onQuit = null;
    };
  }, [controller, exit]);
  return <Screen view={controller.view(columns, rows)} />;
}

/**
 * Mounts the live app on `stdout` (a stream that takes whole frames: Ink runs in debug mode,
 * so each render is written in full, for the caller's painter) and reads keys from `stdin`.
 */
export function mountApp(
  controller: DashboardController,
  streams: { stdout: NodeJS.WriteStream; stdin: NodeJS.ReadStream },
): Instance {
  return render(<App controller={controller} driver="live" />, {
    ...streams,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
}
