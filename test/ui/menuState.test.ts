import { describe, expect, it } from "vitest";
import { menuReducer } from "../../src/ui/state/menu.js";

describe("side menu state", () => {
  it("moves within the items and stops at both ends", () => {
    expect(menuReducer(0, "up", 5)).toBe(0);
    expect(menuReducer(0, "down", 5)).toBe(1);
    expect(menuReducer(4, "down", 5)).toBe(4);
    expect(menuReducer(2, "first", 5)).toBe(0);
    expect(menuReducer(2, "last", 5)).toBe(4);
    // A menu that shrank (a program list is the kernel's): the highlight comes back inside.
    expect(menuReducer(9, "up", 5)).toBe(4);
    expect(menuReducer(3, "down", 0)).toBe(0);
  });
});
