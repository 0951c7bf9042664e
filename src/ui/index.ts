// The dashboard's public face for the CLI, recordings and demos. Nothing here loads Ink: the
// Ink app is in ./App.js (runDashboard in src/cli/dashboard.ts imports it when it starts).
export {
  type ControllerOptions,
  DashboardController,
  DEFAULT_FPS,
  DEFAULT_SPEED,
  SPEEDS,
} from "./controller.js";
export { screenLines } from "./draw/screen.js";
export {
  createHeadlessDashboard,
  type HeadlessDashboard,
  type HeadlessOptions,
  screenUpdate,
} from "./headless.js";
export { KEYMAP } from "./keymap.js";
export { MIN_COLUMNS, MIN_ROWS } from "./layout.js";
