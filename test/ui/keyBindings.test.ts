// Key bindings a config overrides: each key runs one action, a clash is found and names both, key names are checked.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  type Action,
  ALWAYS,
  findKeyClash,
  KEYMAP,
  KeyBindings,
  type KeyOverrides,
} from "../../src/ui/keymap.js";
import { isKeyName } from "../../src/ui/keys.js";

const KEYS = ["a", "b", "x", "y", "F", "q", "f", "t", "f5", "f11", "ctrl+f", "up", "space", "9"];

describe("key bindings", () => {
  it("defaults: the keymap's own table", () => {
    const b = new KeyBindings();
    for (const k of KEYMAP) for (const key of k.keys) expect(b.actionFor(key)).toBe(k.action);
    expect(b.keysOf("tree")).toEqual(["t", "f5"]);
    expect(b.overridden("tree")).toBe(false);
  });

  it("an override replaces the action's keys; the old ones do nothing", () => {
    const b = new KeyBindings({ tree: ["y"], fork: [] });
    expect(b.actionFor("y")).toBe("tree");
    expect(b.actionFor("t")).toBeUndefined();
    expect(b.actionFor("f5")).toBeUndefined();
    expect(b.actionFor("f")).toBeUndefined();
    expect(b.keysOf("fork")).toEqual([]);
    expect(b.overridden("tree")).toBe(true);
  });

  it("a clash names the action the config changed and the one that had the key", () => {
    expect(findKeyClash({ fork: ["q"] })).toEqual({ action: "fork", key: "q", with: "quit" });
    expect(findKeyClash({ tree: ["b"], fork: ["b"] })).toEqual({
      action: "fork",
      key: "b",
      with: "tree",
    });
    expect(findKeyClash({ help: ["ctrl+c"] })).toEqual({
      action: "help",
      key: "ctrl+c",
      with: "quit",
    });
    // A key freed by one override can go to another action.
    expect(findKeyClash({ tree: ["y"], fork: ["t"] })).toBeNull();
    // Quit may drop q and keep only what always quits.
    expect(findKeyClash({ quit: ["ctrl+c"] })).toBeNull();
  });

  it("without a clash, every key of every action runs that action (property)", () => {
    const overrides = fc.dictionary(
      fc.constantFrom(...ACTIONS),
      fc.uniqueArray(fc.constantFrom(...KEYS), { maxLength: 3 }),
      { maxKeys: 6 },
    );
    fc.assert(
      fc.property(overrides, (o) => {
        const ov = o as KeyOverrides;
        const b = new KeyBindings(ov);
        const clash = findKeyClash(ov);
        const owners = new Map<string, Set<Action>>();
        for (const a of ACTIONS)
          for (const k of b.keysOf(a)) owners.set(k, (owners.get(k) ?? new Set()).add(a));
        for (const k of ALWAYS) owners.set(k, (owners.get(k) ?? new Set()).add("quit"));
        const shared = [...owners.values()].some((s) => s.size > 1);
        // A clash is reported exactly when two actions share a key.
        expect(clash !== null).toBe(shared);
        if (clash === null)
          for (const a of ACTIONS) for (const k of b.keysOf(a)) expect(b.actionFor(k)).toBe(a);
        else {
          expect(b.keysOf(clash.action)).toContain(clash.key);
          expect(owners.get(clash.key)?.has(clash.with)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("key names: what the terminal can send", () => {
    for (const k of [
      "a",
      "Z",
      "9",
      "?",
      "é",
      "f1",
      "f12",
      "ctrl+a",
      "ctrl+z",
      "shift+left",
      "pageup",
      "space",
      "tab",
      "delete",
    ])
      expect(isKeyName(k), k).toBe(true);
    for (const k of [
      "",
      "ab",
      "f0",
      "f13",
      "ctrl+h",
      "ctrl+m",
      "ctrl+1",
      "alt+x",
      " ",
      "\x7f",
      "\x85",
      "\u202e",
      "\u0301",
      "\u00a0",
      "pgup",
    ])
      expect(isKeyName(k), JSON.stringify(k)).toBe(false);
  });
});
