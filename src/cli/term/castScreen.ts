// What a terminal shows at the end of a cast: every output event played into a screen model.

import { Screen } from "../../ui/term/screen.js";
import type { Cast } from "../cast.js";

/** The screen after all of `cast` (resizes applied), or after its events up to `until` seconds. */
export function castScreen(cast: Cast, until = Number.POSITIVE_INFINITY): Screen {
  const s = new Screen(cast.header.width, cast.header.height);
  for (const [time, code, data] of cast.events) {
    if (time > until) break;
    if (code === "o") s.write(data);
    else if (code === "r") {
      const [w, h] = data.split("x").map(Number);
      s.resize(w, h);
    }
  }
  return s;
}
