// One keymap table: every action reachable, no key doing two things, help and key bar from it.
import { describe, expect, it } from "vitest";
import { helpBody } from "../../src/ui/draw/help.js";
import { actionFor, KEYMAP, keyLabel } from "../../src/ui/keymap.js";
import { createTheme } from "../../src/ui/theme.js";
import { plain } from "./helpers.js";

describe("keymap", () => {
  it("no key is bound to two actions", () => {
    const seen = new Map<string, string>();
    for (const b of KEYMAP)
      for (const k of b.keys) {
        expect(seen.get(k), `key ${k}`).toBeUndefined();
        seen.set(k, b.action);
      }
  });

  it("every action has a key, a help line, and the keys the issue asks for", () => {
    for (const b of KEYMAP) {
      expect(b.keys.length).toBeGreaterThan(0);
      expect(b.help.length).toBeGreaterThan(5);
    }
    const expected: Record<string, string> = {
      f1: "help",
      f3: "filter",
      f5: "tree",
      f9: "signalMenu",
      f10: "quit",
      q: "quit",
      "ctrl+c": "quit",
      "<": "sortPrev",
      ">": "sortNext",
      P: "sortCpu",
      M: "sortMem",
      T: "sortTime",
      I: "sortInvert",
      "/": "filter",
      t: "tree",
      j: "down",
      k: "up",
      pageup: "pageUp",
      pagedown: "pageDown",
      home: "first",
      end: "last",
      "?": "help",
    };
    for (const [k, a] of Object.entries(expected)) expect(actionFor(k), k).toBe(a);
  });

  it("the help screen lists every key of every action", () => {
    const text = plain(helpBody(120, createTheme(false)).join("\n"));
    for (const b of KEYMAP) for (const k of b.keys) expect(text, b.action).toContain(keyLabel(k));
  });
});
