// Renders a demo headlessly at virtual time into an asciicast: same script, same bytes, every run.
import { scenarioConfig, startScenario } from "../../scenario/start.js";
import { createHeadlessDashboard } from "../../ui/headless.js";
import { FramePainter } from "../../ui/term/frame.js";
import { CastWriter } from "../cast.js";
import type { Demo } from "./script.js";

export interface RenderResult {
  frames: number;
  /** The last frame exactly as the dashboard drew it. */
  lastFrame: string;
  /** Simulated tick at the end. */
  tick: number;
}

/**
 * Plays `demo` frame by frame: keys go in at their seconds, each frame advances the simulation
 * speed/fps ticks, and only what changed on screen is written, stamped with the frame's virtual
 * time. Scenario chapters and key notes become markers.
 */
export function renderDemo(
  demo: Demo,
  sink: (line: string) => void,
  onFrame?: (frame: number, frames: number) => void,
): RenderResult {
  const config = scenarioConfig(demo.scenario, demo.overrides);
  const store = startScenario(demo.scenario, config);
  const dash = createHeadlessDashboard({
    store,
    fps: demo.fps,
    speed: demo.speed,
    color: true,
    columns: demo.width,
    rows: demo.height,
    chapters: demo.scenario.chapters,
  });
  const cast = new CastWriter(
    {
      version: 2,
      width: demo.width,
      height: demo.height,
      title: demo.title,
      env: { TERM: "xterm-256color" },
    },
    sink,
  );
  const painter = new FramePainter(demo.width, demo.height);
  const chapters = [...demo.scenario.chapters];
  const keys = [...demo.keys];
  const frames = Math.round(demo.duration * demo.fps);
  let last = "";
  for (let i = 0; i < frames; i++) {
    const t = i / demo.fps;
    while (keys.length > 0 && keys[0].at <= t) {
      const k = keys.shift()!;
      if (k.note !== undefined) cast.marker(t, k.note);
      dash.press(k.bytes);
    }
    last = i === 0 ? dash.screen() : dash.frame();
    while (chapters.length > 0 && chapters[0].tick <= store.now)
      cast.marker(t, chapters.shift()!.title);
    cast.output(t, painter.paint(last));
    onFrame?.(i + 1, frames);
  }
  dash.close();
  // Leave the player's terminal with a visible cursor below the picture.
  cast.output(frames / demo.fps, `\u001b[0m\u001b[${demo.height};1H\u001b[?25h`);
  return { frames, lastFrame: last, tick: store.now };
}
