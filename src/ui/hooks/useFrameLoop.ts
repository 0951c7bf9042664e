// Live mode's clock: one frame every 1/fps seconds, the simulation advanced within a time budget.
import { useEffect } from "react";
import type { DashboardController } from "../controller.js";

/** Share of a frame's interval the simulation may use, so keys are read between frames. */
const SIM_BUDGET = 0.5;

export function useFrameLoop(controller: DashboardController, enabled: boolean): void {
  // The setup screen (F2) can change the rate: the clock restarts at the new one.
  const fps = controller.fps;
  useEffect(() => {
    if (!enabled) return;
    const interval = 1000 / fps;
    const timer = setInterval(() => {
      const deadline = performance.now() + interval * SIM_BUDGET;
      controller.tickFrame(() => performance.now() > deadline);
    }, interval);
    return () => clearInterval(timer);
  }, [controller, enabled, fps]);
}
