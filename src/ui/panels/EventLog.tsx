// The events panel as an Ink component (drawing in ../draw/events.ts).

import { eventLines } from "../draw/events.js";
import type { EventLine } from "../selectors/events.js";
import type { Theme } from "../theme.js";
import { Lines } from "./Lines.js";

export function EventLog(props: {
  events: readonly EventLine[];
  all: boolean;
  width: number;
  height: number;
  theme: Theme;
}) {
  const { events, all, width, height, theme } = props;
  return <Lines lines={eventLines(events, all, width, height, theme)} width={width} />;
}
