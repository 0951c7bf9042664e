// `simtop demo --html`: the page plays in a real browser (Debian's Chromium, headless), offline,
// chapters seek, and nothing from a demo can break out of its place in the page.
// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText() is the text as shown
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCast } from "../../src/cli/cast.js";
import { demoPage, playerAssets } from "../../src/cli/demo/page.js";
import { loadDemo } from "../../src/cli/demo/script.js";
import { ROOT, simtop } from "./cliRun.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(
    `demo page test skipped: no ${CHROMIUM} (Debian: apt-get install chromium; .ci/run installs it)`,
  );

const dir = mkdtempSync(join(tmpdir(), "simtop-e2e-demopage-"));
const page1 = join(dir, "ctrl-c.html");

/** Markup and script in every place a demo puts its words: title, description, a chapter's note. */
const EVIL = "</script><script>window.pwned=1</script><!--<script>";
const evilDemo = `title: ${JSON.stringify(`T ${EVIL} & "q" 'a'`)}
description: ${JSON.stringify(`<img src=x onerror="window.pwned=2"> ${EVIL}`)}
scenario: signals
width: 80
height: 24
fps: 5
speed: 1000
duration: 6
keys:
  - { at: 1.0, press: [j], note: ${JSON.stringify(`note ${EVIL} \u001b[2J`)} }
  - { at: 2.0, press: [j], note: "second" }
`;

describe("simtop demo --html (without a browser)", () => {
  it("writes the page; refuses to replace a file without --overwrite, leaving it as it was", () => {
    const r = simtop(["demo", "ctrl-c", "--html", page1]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const html = readFileSync(page1, "utf8");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    const again = simtop(["demo", "ctrl-c", "--html", page1]);
    expect(again.status).toBe(2);
    expect(again.stderr).toBe(
      `simtop: --html: ${page1} already exists (add --overwrite to replace it)\n`,
    );
    expect(readFileSync(page1, "utf8")).toBe(html);
    const same = simtop(["demo", "ctrl-c", "--cast", join(dir, "x"), "--html", join(dir, "x")]);
    expect(same.status).toBe(2);
    expect(same.stderr).toBe(`simtop: --html: ${join(dir, "x")} is also the --cast output\n`);
    expect(existsSync(join(dir, "x"))).toBe(false);
    const all = simtop(["demo", "--all", "--html", join(dir, "nodir", "index.html")]);
    expect(all.status).toBe(2);
    expect(all.stderr).toBe(
      `simtop: --html: cannot write ${join(dir, "nodir", "index.html")}: no such directory\n`,
    );
  });

  it("the page plays the cast simtop renders, byte for byte, with its markers as chapters", () => {
    const castFile = join(dir, "ctrl-c.cast");
    expect(simtop(["demo", "ctrl-c", "--cast", castFile]).status).toBe(0);
    const html = readFileSync(page1, "utf8");
    const json = /<script type="application\/json" id="simtop-casts">(.*?)<\/script>/s.exec(html);
    expect(JSON.parse(json![1])).toEqual([readFileSync(castFile, "utf8")]);
    const markers = parseCast(readFileSync(castFile, "utf8")).events.filter((e) => e[1] === "m");
    const buttons = [...html.matchAll(/<button type="button" data-time="([\d.]+)">/g)];
    expect(buttons.map((b) => Number(b[1]))).toEqual(markers.map((m) => m[0]));
  });

  it("nothing from the demo ends a script or adds markup: three scripts, every word escaped", () => {
    writeFileSync(join(dir, "evil.yaml"), evilDemo);
    const r = simtop(["demo", join(dir, "evil.yaml"), "--html", join(dir, "evil.html")]);
    expect(r.stderr).toBe("");
    const html = readFileSync(join(dir, "evil.html"), "utf8");
    expect(html.match(/<script/gi)).toHaveLength(3);
    expect(html.match(/<\/script/gi)).toHaveLength(3);
    expect(html.match(/<!--/g)).toBeNull();
    expect(html).not.toContain("<img");
    expect(html).toContain("note &lt;/script&gt;&lt;script&gt;window.pwned=1");
    // The terminal's control characters show as escapes in the chapter list.
    expect(html).toContain("\\x1b[2J</span></button>");
  });

  it("demos/index.html is what npm run demos writes from the committed demos (else: npm run demos)", () => {
    // In the order demo --all renders them: by file name.
    const names = readdirSync(join(ROOT, "demos"))
      .filter((f) => f.endsWith(".yaml"))
      .sort()
      .map((f) => f.replace(/\.yaml$/, ""));
    const demos = names.map((n) => {
      const d = loadDemo(join(ROOT, "demos", `${n}.yaml`));
      const cast = readFileSync(join(ROOT, "demos", `${n}.cast`), "utf8");
      return { title: d.title, description: d.description, cast };
    });
    const fresh = demoPage("simtop demos", demos, playerAssets());
    const committed = readFileSync(join(ROOT, "demos", "index.html"), "utf8");
    expect(committed === fresh, "demos/index.html is stale: run npm run demos").toBe(true);
  });
});

describe.skipIf(!hasChromium)("simtop demo --html in headless Chromium", () => {
  let context: BrowserContext;
  const shots = mkdtempSync(join(tmpdir(), "simtop-e2e-demopage-shots-"));

  beforeAll(async () => {
    context = await chromium.launchPersistentContext(mkdtempSync(join(dir, "profile-")), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      viewport: { width: 1400, height: 1000 },
    });
  });
  afterAll(async () => {
    await context?.close();
  });

  /** Opens a page from a file:// URL, noting script errors and any request beyond the file itself. */
  async function open(file: string): Promise<{ page: Page; errors: string[]; fetched: string[] }> {
    const page = await context.newPage();
    const errors: string[] = [];
    const fetched: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("request", (r) => {
      if (!/^(file|data|blob):/.test(r.url())) fetched.push(r.url());
    });
    await page.goto(pathToFileURL(file).href);
    return { page, errors, fetched };
  }

  /** The player's elapsed time in seconds, from its own control bar ("00:13"). */
  async function elapsed(page: Page): Promise<number> {
    const text = await page.locator(".ap-time-elapsed").first().textContent();
    const [m, s] = (text ?? "").split(":").map(Number);
    return m * 60 + s;
  }

  it("plays offline: started, a few seconds later the terminal shows the dashboard's header", async () => {
    const { page, errors, fetched } = await open(page1);
    await page.locator(".ap-player").first().click();
    // Playing: the clock runs.
    await expect.poll(() => elapsed(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    const shot = join(shots, "ctrl-c.png");
    await page.screenshot({ path: shot });
    console.info(`demo page screenshot: ${shot}`);
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe("PNG");
    expect(statSync(shot).size).toBeGreaterThan(20_000);
    const term = (await page.locator(".ap-term").first().innerText()).replace(/\s+/g, " ");
    expect(term).toMatch(/simtop tick [\d,]+ ▶ running/);
    expect(term).toMatch(/Tasks: \d+ total/);
    expect(term).toContain("sigint-handler");
    expect(errors).toEqual([]);
    expect(fetched).toEqual([]);
    await page.close();
  });

  it("a click on a chapter moves the player there and marks it", async () => {
    const { page, errors } = await open(page1);
    const chapter = page.locator(".chapters button").nth(4);
    expect(await chapter.innerText()).toContain("c: SIGCONT");
    await chapter.click();
    // The fifth marker is at 13 s: the player seeks there and plays on from it.
    await expect.poll(() => elapsed(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(13);
    expect(await chapter.getAttribute("aria-current")).toBe("true");
    expect(await page.locator(".chapters button").first().getAttribute("aria-current")).toBe(
      "false",
    );
    const term = await page.locator(".ap-term").first().innerText();
    expect(term).toContain("SIGCONT");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a demo's words with markup and script stay text, and the page still plays", async () => {
    const { page, errors } = await open(join(dir, "evil.html"));
    expect(await page.evaluate("typeof window.pwned")).toBe("undefined");
    expect(await page.evaluate("document.scripts.length")).toBe(3);
    expect(await page.title()).toBe(`T ${EVIL} & "q" 'a'`);
    expect(await page.locator("h1").innerText()).toBe(`T ${EVIL} & "q" 'a'`);
    // The signals scenario's own chapter comes first, then the key's note.
    expect(await page.locator(".chapters button").nth(1).innerText()).toContain(
      `note ${EVIL} \\x1b[2J`,
    );
    await page.locator(".ap-player").first().click();
    await expect.poll(() => elapsed(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    expect(await page.locator(".ap-term").first().innerText()).toContain("simtop");
    expect(await page.evaluate("typeof window.pwned")).toBe("undefined");
    expect(errors).toEqual([]);
    await page.close();
  });
});
