// The demo page's escaping: words as HTML text, casts as JSON inside a script, inlined code intact.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  demoPage,
  htmlText,
  inlineScript,
  inlineStyle,
  playerAssets,
  scriptJson,
} from "../../src/cli/demo/page.js";

const player = { script: "var AsciinemaPlayer = {};", style: ".ap-player {}", version: "3.18.0" };

/** A one-event cast with a marker labelled `label`. */
function cast(label: string, output = "hello"): string {
  return `${JSON.stringify({ version: 2, width: 80, height: 24 })}\n${JSON.stringify([0.5, "o", output])}\n${JSON.stringify([1.25, "m", label])}\n`;
}

describe("demo page escaping", () => {
  it("words become HTML text: markup characters as entities, controls as escapes", () => {
    expect(htmlText(`<b a="1" b='2'>&amp;</b>`)).toBe(
      "&lt;b a=&quot;1&quot; b=&#39;2&#39;&gt;&amp;amp;&lt;/b&gt;",
    );
    expect(htmlText("a\u001b[2J\u202eb")).toBe("a\\x1b[2J\\u202eb");
  });

  it("JSON in a script: the same value to JSON.parse, and never a < > & or line separator", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary" })), (strings) => {
        const json = scriptJson(strings);
        expect(json).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(json)).toEqual(strings);
      }),
      { numRuns: 300 },
    );
    expect(scriptJson(["</script><!--"])).toBe('["\\u003c/script\\u003e\\u003c!--"]');
  });

  it("inlined code cannot end its element, and means the same to JavaScript and CSS", () => {
    const code = 'return ["</script>", /<!--x/u.test("a<!--x"), `</SCRIPT`];';
    const safe = inlineScript(code);
    expect(safe).toBe('return ["\\x3C/script>", /\\x3C!--x/u.test("a\\x3C!--x"), `\\x3C/SCRIPT`];');
    expect(new Function(safe)()).toEqual(["</script>", true, "</SCRIPT"]);
    expect(new Function(code)()).toEqual(new Function(safe)());
    expect(inlineStyle('a::after { content: "</style>" }')).toBe(
      'a::after { content: "<\\/style>" }',
    );
  });

  it("asciinema player's own files go in unchanged (they hold nothing to escape)", () => {
    const p = playerAssets();
    expect(p.version).toBe("3.18.0");
    expect(inlineScript(p.script)).toBe(p.script);
    expect(inlineStyle(p.style)).toBe(p.style);
    expect(p.script).toContain("AsciinemaPlayer");
  });

  it("a page: exactly three scripts whatever the demo says; every marker a chapter button", () => {
    const evil = "</script><script>alert(1)</script><!--";
    const html = demoPage(
      `title ${evil}`,
      [
        { title: `one ${evil}`, description: `d ${evil}`, cast: cast(`m ${evil}`, evil) },
        { title: "two", description: "", cast: cast("second") },
      ],
      player,
    );
    expect(html.match(/<script/gi)).toHaveLength(3);
    expect(html.match(/<\/script/gi)).toHaveLength(3);
    expect(html).not.toContain("<!--");
    expect(html).toContain("<title>title &lt;/script&gt;&lt;script&gt;alert(1)");
    expect(html).toContain('<a href="#demo-1">one &lt;/script&gt;');
    expect(html).toContain(
      '<button type="button" data-time="1.25"><span class="time">0:01</span><span>m &lt;/script&gt;',
    );
    const json = /<script type="application\/json" id="simtop-casts">(.*?)<\/script>/s.exec(html);
    expect(JSON.parse(json![1])).toEqual([cast(`m ${evil}`, evil), cast("second")]);
    // The poster is the last event's time: the final screen before a click.
    expect(html).toContain('<section class="demo" id="demo-2" data-poster="1.25">');
  });

  it("one demo alone: its title is the page's heading, not repeated, and no list of demos", () => {
    const html = demoPage("Alone", [{ title: "Alone", description: "", cast: cast("x") }], player);
    expect(html.match(/>Alone</g)).toHaveLength(2); // <title> and <h1>
    expect(html).not.toContain("<h2>");
    expect(html).not.toContain('class="contents"');
  });
});
