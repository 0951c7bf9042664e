// The events panel as an Ink component (drawing in ../draw/events.ts).

import { eventLines } from "../draw/events.js";
import type { EventsModel } from "../selectors/events.js";
import type { Theme } from "../theme.js";
import { Lines } from "./Lines.js";

export function EventLog(props: {
  model: EventsModel;
  width: number;
  height: number;
  theme: Theme;
  /** Over the whole body of the screen, with its keys in the title. */
  overlay?: boolean;
}) {
  const { model, width, height, theme, overlay } = props;
  return <Lines lines={eventLines(model, width, height, theme, overlay)} width={width} />;
}
