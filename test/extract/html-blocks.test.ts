import { test } from "node:test";
import assert from "node:assert/strict";
import { findAll, parseHtml } from "../../src/extract/dom.ts";
import { renderBlocks } from "../../src/extract/html-blocks.ts";

test("blocks: one per paragraph, heading and list item; inline markup joins; link text counted", () => {
  const page = parseHtml(`<div><h2>Section</h2><p>Some <b>bold</b> and <a href="#">a link</a> here.</p><ul><li>one</li><li>two <i>items</i></li></ul>tail text</div>`);
  const blocks = renderBlocks(page.root);
  assert.deepEqual(blocks.map((b) => b.text), ["Section", "Some bold and a link here.", "one", "two items", "tail text"]);
  assert.deepEqual(blocks.map((b) => b.owner.tag), ["h2", "p", "li", "li", "div"]);
  assert.equal(blocks[1]!.linkChars, "a link".length);
});

test("blocks: <br> is a line break, whitespace and nbsp collapse, skipped elements vanish", () => {
  const page = parseHtml(`<p>  first\n\tline<br><br>second&nbsp;&nbsp;line </p><div class="x"><p>gone</p></div>`);
  const blocks = renderBlocks(page.root, new Set(findAll(page.root, (el) => el.attrs.class === "x")));
  assert.deepEqual(blocks.map((b) => b.text), ["first line\nsecond line"]);
});
