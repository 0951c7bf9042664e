// A side menu's highlighted item (signals, programs) and its pure (index, action) → index moves.

export type MenuMove = "up" | "down" | "first" | "last";

/** The item highlighted after `move` in a menu of `count` items (it stays within them). */
export function menuReducer(index: number, move: MenuMove, count: number): number {
  if (count <= 0) return 0;
  switch (move) {
    case "up":
      return Math.max(0, Math.min(count - 1, index - 1));
    case "down":
      return Math.min(count - 1, Math.max(0, index + 1));
    case "first":
      return 0;
    case "last":
      return count - 1;
  }
}

/**
 * Choosing by number, as htop's signal menu: a digit that makes a listed number with the ones
 * typed before goes on (1 then 5: 15), else it starts again (a listed digit alone, or nothing: 0).
 */
export function numberTyped(typed: number, digit: number, listed: readonly number[]): number {
  const longer = typed * 10 + digit;
  if (typed > 0 && listed.includes(longer)) return longer;
  return listed.includes(digit) ? digit : 0;
}
