// Pages of a cache's state: whole sets each, allocated on first write and shared copy-on-write.
//
// A page is one Int32Array: per way its tag, the ways above and below it in its set's
// priority stack (way numbers local to the page), its flags (bit 0 valid, bit 1 dirty); then
// per set its top way; then the id of the cache that owns it. A cache writes only pages it
// owns, copying any other first, so pages can be shared freely between a cache, its clones
// and its snapshots, and a set never touched costs nothing but a pointer to the pristine page.

/** Ways a page aims at (4 KiB of tags): small pages keep copies after a snapshot small. */
const PAGE_WAYS = 256;
/** Most pages in a cache: a snapshot keeps a pointer per page. */
const MAX_PAGES = 2 ** 20;

export interface PageLayout {
  /** Sets per page (a power of two), its log2, and the pages covering every set. */
  pageSets: number;
  pageShift: number;
  numPages: number;
  /** Ways per page; the offsets of each field in a page; a page's length. */
  ways: number;
  upAt: number;
  downAt: number;
  flagsAt: number;
  topAt: number;
  ownerAt: number;
  length: number;
}

export function pageLayout(numSets: number, assoc: number): PageLayout {
  let pageSets = 1;
  while (pageSets * 2 * assoc <= PAGE_WAYS && pageSets * 2 <= numSets) pageSets *= 2;
  while (Math.ceil(numSets / pageSets) > MAX_PAGES) pageSets *= 2;
  const ways = pageSets * assoc;
  return {
    pageSets,
    pageShift: Math.log2(pageSets),
    numPages: Math.ceil(numSets / pageSets),
    ways,
    upAt: ways,
    downAt: 2 * ways,
    flagsAt: 3 * ways,
    topAt: 4 * ways,
    ownerAt: 4 * ways + pageSets,
    length: 4 * ways + pageSets + 1,
  };
}

/** Owner id of pristine pages: no cache has it. */
export const PRISTINE = 0;
let lastOwner = PRISTINE;

/** A fresh owner id: a cache takes one when built and whenever it shares its pages. */
export function newOwner(): number {
  return ++lastOwner;
}

const pristinePages = new Map<string, Int32Array>();

/**
 * The page as a fresh cache has it: every way invalid with tag 0, each set's ways stacked in
 * index order with the first on top. One per geometry, shared by every cache (never written).
 */
export function pristinePage(layout: PageLayout, assoc: number): Int32Array {
  const key = `${layout.pageSets}:${assoc}`;
  let page = pristinePages.get(key);
  if (page === undefined) {
    page = new Int32Array(layout.length);
    for (let set = 0; set < layout.pageSets; set++) {
      const base = set * assoc;
      page[layout.topAt + set] = base;
      for (let i = 0; i < assoc; i++) {
        page[layout.downAt + base + i] = base + ((i + 1) % assoc);
        page[layout.upAt + base + i] = base + ((i + assoc - 1) % assoc);
      }
    }
    page[layout.ownerAt] = PRISTINE;
    pristinePages.set(key, page);
  }
  return page;
}
