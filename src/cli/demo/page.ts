// A self-contained web page that plays demo casts with asciinema's own player, chapters as a list.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { visible } from "../../sim/visible.js";
import { parseCast } from "../cast.js";
import { UsageError } from "../errors.js";

/** One demo on the page: its cast exactly as written, and the words around it. */
export interface PageDemo {
  title: string;
  description: string;
  cast: string;
}

export interface PlayerAssets {
  script: string;
  style: string;
  version: string;
}

/**
 * asciinema player's standalone bundle: the monolithic script (its terminal emulator's WASM is
 * inside it as base64, so it needs neither its worker nor its UI-only bundle) and stylesheet,
 * found through Node's resolution from wherever simtop runs (sources, dist/, an installed package).
 */
export function playerAssets(): PlayerAssets {
  const require = createRequire(import.meta.url);
  try {
    const script = require.resolve("asciinema-player/dist/bundle/asciinema-player.min.js");
    const style = require.resolve("asciinema-player/dist/bundle/asciinema-player.css");
    // Not in the package's exports: found beside the bundle (dist/bundle/ → the package's root).
    const pkg = JSON.parse(
      readFileSync(new URL("../../package.json", pathToFileURL(script)), "utf8"),
    );
    return {
      script: readFileSync(script, "utf8"),
      style: readFileSync(style, "utf8"),
      version: String(pkg.version),
    };
  } catch (e) {
    throw new UsageError(
      `demo --html: cannot read asciinema-player, a dependency of simtop (reinstall simtop): ${(e as Error).message}`,
    );
  }
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text from a file as HTML text or an attribute's value: markup characters escaped, controls shown as escapes. */
export function htmlText(s: string): string {
  return visible(s).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * A value as JSON to put inside a <script> element: `<`, `>` and `&` written as \u escapes (the
 * same string to JSON.parse), so no `</script>` or `<!--` in the data can end or change the
 * element; the line separators JavaScript once refused are escaped too.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * A script to inline: a `</script` or `<!--` in it would end or change its element, so its `<`
 * is written `\x3C`, the same character in a JavaScript string, template or regular expression
 * (where such text can appear). The player's bundle holds none today.
 */
export function inlineScript(code: string): string {
  return code.replace(/<(?=\/script|!--)/gi, "\\x3C");
}

/** A stylesheet to inline: a `</style` in it (in a CSS string) is written `<\/style`, the same text to CSS. */
export function inlineStyle(code: string): string {
  return code.replace(/<\/(?=style)/gi, "<\\/");
}

/** Seconds as m:ss, as the player's own timer shows them. */
function clock(t: number): string {
  const s = Math.floor(t);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The page's own look: the player on the left, the chapters beside it (below it when narrow). */
const PAGE_STYLE = `
body { margin: 0; background: #16181d; color: #d8dee9; font: 15px/1.5 system-ui, sans-serif; }
main { max-width: 1400px; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.5rem; margin: 0.5rem 0; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.25rem; }
a { color: #88c0d0; }
.contents { margin: 0.5rem 0 1rem; padding-left: 1.25rem; }
.description { margin: 0 0 0.75rem; color: #aab2c0; }
.stage { display: flex; gap: 1rem; align-items: flex-start; }
.player { flex: 1 1 auto; min-width: 0; }
.chapters { flex: 0 0 17rem; }
.chapters h3 { font-size: 0.95rem; margin: 0 0 0.4rem; }
.chapters ol { list-style: none; margin: 0; padding: 0; }
.chapters button { display: flex; gap: 0.6rem; width: 100%; text-align: left; cursor: pointer;
  background: none; color: inherit; font: inherit; border: 0; border-left: 3px solid #3b4252;
  padding: 0.2rem 0.5rem; }
.chapters button:hover, .chapters button:focus-visible { background: #2e3440; }
.chapters button[aria-current="true"] { border-left-color: #88c0d0; background: #242933; }
.chapters .time { font-variant-numeric: tabular-nums; color: #8a93a5; }
footer { margin-top: 3rem; color: #8a93a5; font-size: 0.85rem; }
@media (max-width: 900px) { .stage { flex-direction: column; } .chapters { flex-basis: auto; width: 100%; } }
`;

/**
 * Starts a player per demo on its cast (from the JSON beside it, never from the network) and
 * wires its chapter list: a click seeks there and plays; the chapter playing is marked.
 */
const PAGE_SCRIPT = `
(function () {
  "use strict";
  var casts = JSON.parse(document.getElementById("simtop-casts").textContent);
  var sections = document.querySelectorAll(".demo");
  for (var i = 0; i < sections.length; i++) start(sections[i], casts[i]);
  function start(section, cast) {
    var player = AsciinemaPlayer.create({ data: cast }, section.querySelector(".player"), {
      fit: "width",
      preload: true,
      poster: "npt:" + section.getAttribute("data-poster"),
    });
    var buttons = section.querySelectorAll(".chapters button");
    function mark(index) {
      for (var k = 0; k < buttons.length; k++)
        buttons[k].setAttribute("aria-current", k === index ? "true" : "false");
    }
    Array.prototype.forEach.call(buttons, function (button, index) {
      button.addEventListener("click", function () {
        mark(index);
        player.seek(Number(button.getAttribute("data-time"))).then(function () {
          return player.play();
        });
      });
    });
    player.addEventListener("marker", function (event) {
      mark(event.index);
    });
  }
})();
`;

/** One demo's section: title (unless the page's own), description, the player and its chapters. */
function demoSection(demo: PageDemo, index: number, alone: boolean): string {
  const cast = parseCast(demo.cast);
  const markers = cast.events.filter((e) => e[1] === "m");
  const end = cast.events.length > 0 ? cast.events[cast.events.length - 1][0] : 0;
  const chapters = markers
    .map(
      ([time, , label]) =>
        `<li><button type="button" data-time="${time}"><span class="time">${clock(time)}</span><span>${htmlText(label)}</span></button></li>`,
    )
    .join("\n");
  return [
    `<section class="demo" id="demo-${index + 1}" data-poster="${end}">`,
    alone ? "" : `<h2>${htmlText(demo.title)}</h2>`,
    demo.description !== "" ? `<p class="description">${htmlText(demo.description)}</p>` : "",
    `<div class="stage">`,
    `<div class="player"></div>`,
    markers.length > 0
      ? `<nav class="chapters" aria-label="Chapters of ${htmlText(demo.title)}"><h3>Chapters</h3><ol>\n${chapters}\n</ol></nav>`
      : "",
    `</div>`,
    `</section>`,
  ]
    .filter((l) => l !== "")
    .join("\n");
}

/**
 * The whole page: every demo with its player and chapters, the casts as JSON, the player's
 * script and style inline — one file that plays offline, from a file:// URL or any web server.
 */
export function demoPage(title: string, demos: readonly PageDemo[], player: PlayerAssets): string {
  const contents =
    demos.length > 1
      ? `<ol class="contents">\n${demos.map((d, i) => `<li><a href="#demo-${i + 1}">${htmlText(d.title)}</a></li>`).join("\n")}\n</ol>`
      : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(title)}</title>
<style>
${inlineStyle(player.style)}
</style>
<style>${PAGE_STYLE}</style>
</head>
<body>
<main>
<h1>${htmlText(title)}</h1>
${contents}
${demos.map((d, i) => demoSection(d, i, demos.length === 1)).join("\n")}
<footer>Rendered by simtop; played by asciinema player ${htmlText(player.version)} (Apache-2.0), inlined in this page.</footer>
</main>
<script type="application/json" id="simtop-casts">${scriptJson(demos.map((d) => d.cast))}</script>
<script>
${inlineScript(player.script)}
</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
