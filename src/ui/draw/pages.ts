// Paging of what does not fit a panel (cores, legend entries): which slice a page shows and how
// the panel says so, so nothing is left out without a word.

export interface Page {
  from: number;
  to: number;
  /** "" when everything fits; otherwise e.g. "cores 3–4 of 5 · Tab". */
  label: string;
}

/**
 * Page `page` (any integer; it wraps around) of `total` items, `perPage` at a time. The label
 * names the items shown ("cores 3–4 of 5"), or with `byPage` the page ("legend 2/3").
 */
export function pageOf(
  total: number,
  perPage: number,
  page: number,
  noun: string,
  byPage = false,
): Page {
  const per = Math.max(1, perPage);
  if (total <= per) return { from: 0, to: total, label: "" };
  const pages = Math.ceil(total / per);
  const p = ((page % pages) + pages) % pages;
  const from = p * per;
  const to = Math.min(total, from + per);
  const range = to - from === 1 ? `${from + 1}` : `${from + 1}–${to}`;
  const which = byPage ? `${p + 1}/${pages}` : `${range} of ${total}`;
  return { from, to, label: `${noun} ${which} · Tab` };
}
