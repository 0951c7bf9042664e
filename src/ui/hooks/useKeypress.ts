// The one keypress dispatcher: reads Ink's stdin stream once, raw, and hands every sequence to the controller.
import type { EventEmitter } from "node:events";
import { type StdinProps, useStdin } from "ink";
import { useEffect } from "react";
import type { DashboardController } from "../controller.js";

/**
 * Ink's useInput drops the F-key sequences, so this listens to the raw input events Ink's
 * stdin reader emits (already split into escape sequences) and lets the controller's keymap
 * decide; overlays and prompts take keys before the table inside the controller.
 */
export function useKeypress(controller: DashboardController): void {
  // Ink 8 types useStdin() as its public props only; the object is still the whole stdin context,
  // whose internal emitter is the one Ink's own useInput listens to.
  const {
    internal_eventEmitter: events,
    setRawMode,
    isRawModeSupported,
  } = useStdin() as StdinProps & {
    internal_eventEmitter: EventEmitter;
  };
  useEffect(() => {
    if (isRawModeSupported) setRawMode(true);
    const onInput = (raw: string) => controller.press(raw);
    events.on("input", onInput);
    return () => {
      events.off("input", onInput);
      if (isRawModeSupported) setRawMode(false);
    };
  }, [controller, events, setRawMode, isRawModeSupported]);
}
