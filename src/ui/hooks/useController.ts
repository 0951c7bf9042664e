// Re-renders whenever the controller changes (a frame was simulated, a key was handled).
import { useSyncExternalStore } from "react";
import type { DashboardController } from "../controller.js";

export function useController(controller: DashboardController): number {
  return useSyncExternalStore(controller.subscribe, controller.getVersion);
}
