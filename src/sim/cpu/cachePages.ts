// Pages of a cache's state: whole sets each, allocated on first write and shared copy-on-write.
//
// A page is one Int32Array. Each set keeps its ways in the order of Dinero's priority stack,
// from the top (most recently used or filled) to the bottom (the next victim; invalid ways
// always sit at the bottom), two numbers a way: its tag, and its meta (the way's own number in
// the set << 2 | dirty << 1 | valid). The last number is the id of the cache that owns the page.
// A cache writes only pages it owns, copying any other first, so pages can be shared freely
// between a cache, its clones and its snapshots, and a set never touched costs nothing but a
// pointer to the pristine page.

/** Ways a page aims at (1 KiB): small pages keep the copies made after a snapshot small. */
const PAGE_WAYS = 128;
/** Most pages in a cache (larger caches get larger pages): a snapshot keeps a pointer per page. */
const MAX_PAGES = 2 ** 18;

export interface PageLayout {
  /** Sets per page (a power of two), its log2, and the pages covering every set. */
  pageSets: number;
  pageShift: number;
  numPages: number;
  /** Ways per page; where the owner id sits, which is also the page's length - 1. */
  ways: number;
  ownerAt: number;
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
    ownerAt: 2 * ways,
  };
}

/** Meta bits of a way: valid, dirty, and the way's own number from bit 2 up. */
export const VALID = 1;
export const DIRTY = 2;
export const WAY_SHIFT = 2;

/** Owner id of pristine pages: no cache has it. */
export const PRISTINE = 0;
let lastOwner = PRISTINE;

/** A fresh owner id: a cache takes one when built and whenever it shares its pages. */
export function newOwner(): number {
  return ++lastOwner;
}

const pristinePages = new Map<string, Int32Array>();
const pristineDirectories = new Map<string, readonly Int32Array[]>();

/**
 * The page as a fresh cache has it: every way invalid with tag 0, each set's ways stacked in
 * their own order, way 0 on top. One per geometry, shared by every cache (never written).
 */
export function pristinePage(layout: PageLayout, assoc: number): Int32Array {
  const key = `${layout.pageSets}:${assoc}`;
  let page = pristinePages.get(key);
  if (page === undefined) {
    page = new Int32Array(layout.ownerAt + 1);
    for (let w = 0; w < layout.ways; w++) page[2 * w + 1] = (w % assoc) << WAY_SHIFT;
    page[layout.ownerAt] = PRISTINE;
    pristinePages.set(key, page);
  }
  return page;
}

/** Every page pristine: the directory a fresh cache starts from, shared (never written). */
export function pristineDirectory(layout: PageLayout, assoc: number): Int32Array[] {
  const key = `${layout.numPages}:${layout.pageSets}:${assoc}`;
  let dir = pristineDirectories.get(key);
  if (dir === undefined) {
    dir = new Array<Int32Array>(layout.numPages).fill(pristinePage(layout, assoc));
    pristineDirectories.set(key, dir);
  }
  // Read-only by contract: a cache copies its directory before replacing a page.
  return dir as Int32Array[];
}
