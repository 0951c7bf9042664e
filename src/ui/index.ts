// The dashboard's public face for the CLI. Nothing here loads Ink: the live app (src/cli/dashboard.ts)
// and the headless one (./headless.js, for demos and tests) import it when they start.
export {
  type ControllerOptions,
  DashboardController,
  DEFAULT_FPS,
  DEFAULT_SPEED,
} from "./controller.js";
export { KEYMAP } from "./keymap.js";
export { MIN_COLUMNS, MIN_ROWS } from "./layout.js";
export { SPEEDS } from "./state/timeControl.js";
