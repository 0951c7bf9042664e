// The config file's format as a zod schema: every setting optional, every mistake one line naming the key.
import * as z from "zod";
import { describeIssue, firstIssue, formatPath } from "../../scenario/compile.js";
import { int } from "../../scenario/schema.js";
import { quoted } from "../../sim/visible.js";
import {
  ACTIONS,
  type Action,
  findKeyClash,
  type KeyOverrides,
  keyLabel,
  RESERVED_KEYS,
} from "../../ui/keymap.js";
import { isKeyName } from "../../ui/keys.js";
import { COLUMNS, type SortKey } from "../../ui/selectors/table.js";
import type { Settings } from "../../ui/settings.js";
import { THEME_NAMES } from "../../ui/theme.js";

/** The largest --speed (ticks per second) the command line takes; the file takes the same. */
export const MAX_SPEED = 100_000_000;

const keyName = z.string().check((ctx) => {
  const k = ctx.value;
  const problem = !isKeyName(k)
    ? `${quoted(k)} is not a key (a character, or a name such as f5, ctrl+x, up, pageup, space, tab)`
    : RESERVED_KEYS.includes(k)
      ? `${k} is kept for menus and prompts (confirm, cancel, erase)`
      : null;
  if (problem) ctx.issues.push({ code: "custom", message: problem, input: k });
});

/** One key or a list of them; an empty list leaves the action without a key. */
const keyList = z
  .union([keyName, z.array(keyName)])
  .transform((v) => (typeof v === "string" ? [v] : v));

const columnKeys = COLUMNS.map((c) => c.key) as [SortKey, ...SortKey[]];

export const settingsSchema = z
  .strictObject({
    scenario: z.string().min(1).optional(),
    speed: z
      .number()
      .check((ctx) => {
        if (!(ctx.value > 0 && ctx.value <= MAX_SPEED))
          ctx.issues.push({
            code: "custom",
            message: `must be above 0 and at most ${MAX_SPEED}, got ${ctx.value}`,
            input: ctx.value,
          });
      })
      .optional(),
    fps: int(1, 60).optional(),
    theme: z.enum(THEME_NAMES).optional(),
    columns: z
      .array(z.enum(columnKeys))
      .min(1)
      .check((ctx) => {
        const seen = new Set<string>();
        ctx.value.forEach((c, i) => {
          if (seen.has(c))
            ctx.issues.push({
              code: "custom",
              message: `${quoted(c)} is listed twice`,
              input: c,
              path: [i],
            });
          seen.add(c);
        });
      })
      .optional(),
    mouse: z.boolean().optional(),
    keys: z
      .partialRecord(z.enum(ACTIONS as [Action, ...Action[]]), keyList)
      .check((ctx) => {
        const clash = findKeyClash(ctx.value as KeyOverrides);
        if (clash === null) return;
        const keys = (ctx.value as KeyOverrides)[clash.action] ?? [];
        ctx.issues.push({
          code: "custom",
          message: `${keyLabel(clash.key)} is bound to both ${clash.action} and ${clash.with}`,
          input: clash.key,
          path: [clash.action, Math.max(0, keys.indexOf(clash.key))],
        });
      })
      .optional(),
  })
  .nullable();

/** A config file's settings, or its first mistake: where (a key path) and what. */
export type SettingsCheck =
  | { ok: true; settings: Settings }
  | { ok: false; path: PropertyKey[]; message: string; unknownKey?: string };

export function checkSettings(data: unknown): SettingsCheck {
  const parsed = settingsSchema.safeParse(data, { reportInput: true });
  if (parsed.success) return { ok: true, settings: (parsed.data ?? {}) as Settings };
  const { issue, path, more } = firstIssue(parsed.error);
  const where = formatPath(path);
  const message = `${where === "" ? "" : `${where}: `}${describeIssue(issue)}${more > 0 ? ` (and ${more} more)` : ""}`;
  const unknownKey = issue.code === "unrecognized_keys" ? issue.keys[0] : undefined;
  return { ok: false, path, message, ...(unknownKey !== undefined ? { unknownKey } : {}) };
}
