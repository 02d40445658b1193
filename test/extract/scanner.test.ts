import { test } from "node:test";
import assert from "node:assert/strict";
import { scan } from "../../src/extract/scanner.ts";
import type { TokenSink } from "../../src/extract/scanner.ts";

const KEEP = new Set(["class", "id", "href", "content", "title"]);

/** The token stream as short strings: "<p class=x>", "</p>", "'text'" (adjacent text joined). */
function tokens(html: string, opts: { attrs?: (tag: string) => boolean } = {}): string[] {
  const out: string[] = [];
  let open = "";
  const sink: TokenSink = {
    wantsText: true,
    startTag(name) {
      open = `<${name}`;
      return opts.attrs ? opts.attrs(name) : true;
    },
    attribute(name, value) {
      open += ` ${name}=${value}`;
    },
    endStartTag() {
      out.push(`${open}>`);
    },
    endTag(name) {
      out.push(`</${name}>`);
    },
    text(data) {
      const last = out.length - 1;
      if (last >= 0 && out[last]!.startsWith("'")) out[last] = `'${out[last]!.slice(1, -1)}${data}'`;
      else out.push(`'${data}'`);
    },
  };
  scan(html, sink, KEEP);
  return out;
}

test("scanner: tags, end tags, text; names lowercased; a '<' that starts no tag is text", () => {
  assert.deepEqual(tokens("<P>One < two <3 and <<B>bold</B ></p>"), ["<p>", "'One < two <3 and <'", "<b>", "'bold'", "</b>", "</p>"]);
  assert.deepEqual(tokens("a</>b</ not a tag>c"), ["'abc'"]);
});

test("scanner: attributes quoted, unquoted, valueless, repeated; only kept names are reported", () => {
  assert.deepEqual(tokens(`<a href=/x/y class='c d' id="i" data-x="no" hidden>t</a>`), ["<a href=/x/y class=c d id=i>", "'t'", "</a>"]);
  assert.deepEqual(tokens(`<div CLASS="Up" title  =  "spaced"/>`), ["<div class=Up title=spaced>"]);
  assert.deepEqual(tokens(`<p class="a"class="b" id=x/>`), ["<p class=a class=b id=x/>"]);
  // A quoted value can hold ">" and "<".
  assert.deepEqual(tokens(`<a title="1 > 0 < 2">x</a>`), ["<a title=1 > 0 < 2>", "'x'", "</a>"]);
  // Attributes of tags the sink does not want are skipped unread.
  assert.deepEqual(tokens(`<svg class="icon"><path id="p"/></svg>`, { attrs: (t) => t !== "path" }), ["<svg class=icon>", "<path>", "</svg>"]);
});

test("scanner: entities decoded in text and attributes, with or without semicolons", () => {
  assert.deepEqual(tokens(`<p title="Tom &amp; Jerry&#39;s">caf&eacute; &lt;b&gt; &amp &copy 2024 &notit;</p>`), [
    "<p title=Tom & Jerry's>",
    "'café <b> & © 2024 ¬it;'",
    "</p>",
  ]);
  // In attributes a legacy entity followed by "=" or a letter is left alone (query strings).
  assert.deepEqual(tokens(`<a href="/q?a=1&copy=2&amp;b=3">x</a>`), ["<a href=/q?a=1&copy=2&b=3>", "'x'", "</a>"]);
});

test("scanner: comments, CDATA, doctypes and processing instructions are skipped", () => {
  assert.deepEqual(tokens("<!DOCTYPE html>a<!-- c <p> -->b<!---->c<!-->d<!--->e<!-- x --!>f<![CDATA[ <p> ]]>g<?xml x?>h<!bogus>i"), ["'abcdefghi'"]);
  // Dashes before the end are part of the comment.
  assert.deepEqual(tokens("<!-- a -- b --->x"), ["'x'"]);
});

test("scanner: script, style and title hold raw text up to their own end tag", () => {
  assert.deepEqual(tokens(`<script>if (a < b && c) document.write("<p>x</p>") </scriptx> </SCRIPT >after`), [
    "<script>",
    `'if (a < b && c) document.write("<p>x</p>") </scriptx> '`,
    "</script>",
    "'after'",
  ]);
  assert.deepEqual(tokens("<style>p > a { color: red }</style>"), ["<style>", "'p > a { color: red }'", "</style>"]);
  // Title and textarea text has entities decoded but no markup.
  assert.deepEqual(tokens("<title>A &amp; B <b>c</b></title>"), ["<title>", "'A & B <b>c</b>'", "</title>"]);
  // A self-closed script still swallows what follows up to </script>.
  assert.deepEqual(tokens("<script/>x<p></script>y"), ["<script>", "'x<p>'", "</script>", "'y'"]);
});

test("scanner: truncated input keeps what arrived and drops the cut tag", () => {
  assert.deepEqual(tokens("<p>Text that was cut <a href=\"/x"), ["<p>", "'Text that was cut '"]);
  assert.deepEqual(tokens("<p>Text <b"), ["<p>", "'Text '"]);
  assert.deepEqual(tokens("<p>Text <!-- never closed <p>more"), ["<p>", "'Text '"]);
  assert.deepEqual(tokens("<p>Text</p"), ["<p>", "'Text'"]);
  assert.deepEqual(tokens("<p>Text <"), ["<p>", "'Text <'"]);
  // An unclosed script: the rest of the input is its text.
  assert.deepEqual(tokens("<script>var a = '</scr"), ["<script>", "'var a = '</scr'"]);
});

test("scanner: plaintext makes the rest of the input text", () => {
  assert.deepEqual(tokens("<plaintext><p>&amp;</p>"), ["<plaintext>", "'<p>&amp;</p>'"]);
});

test("scanner: linear time on inputs made to trip a naive scanner", () => {
  const n = 200_000;
  const cases = [
    "<!--" + "-".repeat(n),
    "<script>" + "</scrip".repeat(n / 8),
    "a < b ".repeat(n / 6),
    "<p title=" + "x".repeat(n),
    "<a " + "b ".repeat(n / 2) + ">",
    "<!-- -- ".repeat(n / 8),
    "</ ".repeat(n / 3),
  ];
  for (const html of cases) {
    const t0 = performance.now();
    tokens(html);
    tokens(html.repeat(4));
    const ms = performance.now() - t0;
    assert.ok(ms < 2000, `${html.slice(0, 12)}…: ${ms.toFixed(0)} ms`);
  }
});
