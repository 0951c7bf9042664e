import { describe, expect, it } from "vitest";
import { SPEEDS, type TimeState, timeReducer } from "../../src/ui/state/timeControl.js";

const running: TimeState = { paused: false, speed: 10_000, shown: null };

describe("time control state", () => {
  it("rewinding pauses and shows an earlier tick, never before the oldest retained", () => {
    const s = timeReducer(running, { type: "rewind", ticks: 1000, now: 50_000, oldest: 0 });
    expect(s).toEqual({ paused: true, speed: 10_000, shown: 49_000 });
    const again = timeReducer(s, { type: "rewind", ticks: 100_000, now: 50_000, oldest: 20_000 });
    expect(again.shown).toBe(20_000);
  });

  it("forward in the past moves towards the present and becomes it on reaching now", () => {
    const past: TimeState = { paused: true, speed: 10_000, shown: 48_000 };
    expect(timeReducer(past, { type: "forward", ticks: 1000, now: 50_000 }).shown).toBe(49_000);
    expect(timeReducer(past, { type: "forward", ticks: 5000, now: 50_000 }).shown).toBeNull();
    // At the present, forward changes nothing (the controller says so).
    expect(timeReducer(running, { type: "forward", ticks: 1000, now: 50_000 })).toBe(running);
  });

  it("resuming returns to the present; pausing keeps the moment shown", () => {
    const past: TimeState = { paused: true, speed: 10_000, shown: 48_000 };
    expect(timeReducer(past, { type: "togglePause" })).toEqual({
      ...past,
      paused: false,
      shown: null,
    });
    expect(timeReducer(running, { type: "togglePause" })).toEqual({ ...running, paused: true });
    expect(timeReducer(past, { type: "live" })).toEqual({ ...past, shown: null });
  });

  it("speed steps through 1-2-5 values and stops at both ends", () => {
    expect(timeReducer(running, { type: "speed", dir: 1 }).speed).toBe(20_000);
    expect(timeReducer(running, { type: "speed", dir: -1 }).speed).toBe(5000);
    const top = { ...running, speed: SPEEDS[SPEEDS.length - 1] };
    expect(timeReducer(top, { type: "speed", dir: 1 })).toBe(top);
    const bottom = { ...running, speed: SPEEDS[0] };
    expect(timeReducer(bottom, { type: "speed", dir: -1 })).toBe(bottom);
  });

  it("show: a tick before now is the past (clamped to the oldest), a later one the present", () => {
    expect(timeReducer(running, { type: "show", tick: 5, now: 100, oldest: 10 }).shown).toBe(10);
    expect(timeReducer(running, { type: "show", tick: 100, now: 100, oldest: 0 }).shown).toBeNull();
  });
});
