// Text helpers for the dashboard: fixed-width cells, compact numbers, bars and sparklines.
import { visible } from "../sim/visible.js";
import { columns, cut, fitWidth } from "./width.js";

/** Joiners and variation selectors: they make a cluster's width depend on the terminal. */
const JOINERS = /[\u200d\ufe0e\ufe0f]/g;

/**
 * Shows control characters as escapes (`\x1b`, as batch mode and error messages do) so a name can
 * never move the cursor or change colours, and drops the joiners that would make its width
 * differ between Ink, simtop and the terminal.
 */
export function clean(s: string): string {
  return visible(s).replace(JOINERS, "");
}

/** Exactly `width` terminal columns: cut (with "…" when `ellipsis`) or padded with spaces. */
export function fixed(
  s: string,
  width: number,
  align: "left" | "right" = "left",
  ellipsis = false,
): string {
  if (width <= 0) return "";
  if (ellipsis && width > 1 && columns(s) > width)
    return fitWidth(`${cut(s, width - 1).text}…`, width);
  return fitWidth(s, width, align);
}

/** Thousands separators: 1234567 → "1,234,567". */
export function grouped(n: number): string {
  const t = Math.trunc(n).toString();
  return t.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A count in at most about 5 characters: 999, 1.2k, 12.3k, 123k, 1.23M, 12.3M, 1.23G. */
export function compact(n: number): string {
  const a = Math.abs(n);
  const sign = n < 0 ? "-" : "";
  if (a < 1000) return `${sign}${Math.round(a)}`;
  const units: [number, string][] = [
    [1e9, "G"],
    [1e6, "M"],
    [1e3, "k"],
  ];
  for (const [scale, u] of units) {
    if (a >= scale) {
      const v = a / scale;
      const text = v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
      // Trailing zeros of the decimals only: 100k stays 100k, 1.50k becomes 1.5k.
      return `${sign}${text.includes(".") ? text.replace(/\.?0+$/, "") : text}${u}`;
    }
  }
  return `${sign}${a}`;
}

/** A size in bytes: 512 B, 4 KiB, 1.5 MiB. */
export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${trimFixed(n / 1024)} KiB`;
  return `${trimFixed(n / (1024 * 1024))} MiB`;
}

function trimFixed(v: number): string {
  return (v >= 10 ? v.toFixed(0) : v.toFixed(1)).replace(/\.0$/, "");
}

/** 0x-prefixed, zero-padded to 8 hex digits (a 32-bit word). */
export function hex(n: number, digits = 8): string {
  return `0x${(n >>> 0).toString(16).padStart(digits, "0")}`;
}

/** A percentage with one decimal, or "-" when there is nothing to measure. */
export function percent(v: number, whenNone = "-"): string {
  return Number.isFinite(v) && v >= 0 ? v.toFixed(1) : whenNone;
}

/** The round numbers the speed, quantum and Gantt scale step through: 1 2 5 10 20 50 ... */
export function niceSteps(max: number): number[] {
  const out: number[] = [];
  for (let p = 1; p <= max; p *= 10) for (const m of [1, 2, 5]) if (p * m <= max) out.push(p * m);
  return out;
}

/** The smallest 1-2-5 step that is ≥ v. */
export function niceCeil(v: number): number {
  let p = 1;
  for (;;) {
    for (const m of [1, 2, 5]) if (p * m >= v) return p * m;
    p *= 10;
  }
}

/** `|||||   ` meter of `width` cells filled in proportion to share (0–1). */
export function meter(share: number, width: number, glyph = "|"): string {
  const n = Math.max(0, Math.min(width, Math.round(share * width)));
  return glyph.repeat(n) + " ".repeat(width - n);
}

const SPARKS = "▁▂▃▄▅▆▇█";

/** One block character for a share in [0, 1]; a space when there is no value (NaN). */
export function spark(share: number): string {
  if (!Number.isFinite(share)) return " ";
  const i = Math.max(0, Math.min(SPARKS.length - 1, Math.round(share * (SPARKS.length - 1))));
  return SPARKS[i];
}

/** The newest `width` values as a sparkline, right-aligned (oldest on the left). */
export function sparkline(values: readonly number[], width: number): string {
  const tail = values.slice(Math.max(0, values.length - width));
  return tail.map(spark).join("").padStart(width);
}

/**
 * The current page of a history as a sparkline: marks sit at fixed columns (sample number mod
 * `width`) and fill left to right, starting over on an empty page when the last column is used,
 * so each new sample changes one cell instead of shifting the whole line. `samples` counts all
 * samples taken; `values` holds the newest of them, oldest first.
 */
export function sparkPage(values: readonly number[], samples: number, width: number): string {
  if (width <= 0 || samples <= 0) return " ".repeat(Math.max(0, width));
  const onPage = ((samples - 1) % width) + 1;
  const tail = values.slice(Math.max(0, values.length - onPage));
  return tail.map(spark).join("").padStart(onPage).padEnd(width);
}
