// A small, tolerant DOM for main-content extraction, built from scanner.ts's tokens.
// Why our own tree instead of a full DOM: we drop what can never be article text (scripts,
// styles, svg, iframes...) while parsing, collect <meta>/JSON-LD/<title> on the way, and cap
// the nesting depth so that hostile pages (100,000 nested divs) are flattened rather than
// blowing the stack of any later walk. Every walk over this tree is iterative.

import { scan } from "./scanner.ts";
import type { TokenSink } from "./scanner.ts";

export interface HtmlElement {
  tag: string;
  attrs: Readonly<Record<string, string>>;
  children: HtmlNode[];
  parent: HtmlElement | null;
}

/** A text node is a plain string (raw whitespace kept; collapse when rendering). */
export type HtmlNode = HtmlElement | string;

export interface ParsedPage {
  /** Synthetic root holding the document's top-level nodes (tag "#root"). */
  root: HtmlElement;
  /** Every <meta> tag's attributes, in document order. */
  metas: Array<Readonly<Record<string, string>>>;
  /** Raw text of every <script type="application/ld+json">. */
  jsonld: string[];
  /** <title> text, whitespace-collapsed. */
  title: string | null;
  /** <html lang>. */
  lang: string | null;
  /** <link> tags (rel=canonical, rel=author...). */
  links: Array<Readonly<Record<string, string>>>;
  /** Elements that were nested deeper than maxDepth and flattened into their ancestor. */
  flattened: number;
}

export interface ParseOptions {
  /** Deepest element nesting kept as a tree; deeper elements are flattened (their text is kept). */
  maxDepth?: number;
}

/** Subtrees that never hold article text. Their content is skipped entirely while parsing. */
const SKIP_TAGS = new Set([
  "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
  "select", "textarea", "button", "head", "applet", "audio", "video", "map", "dialog",
]);

const HEAD_TAGS = new Set(["title", "meta", "link", "script", "style", "noscript", "base", "template", "object"]);

/** Elements that start a new paragraph when rendered (used by the flattening fallback too). */
export const BLOCK_TAGS = new Set([
  "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
  "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
  "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot",
  "tr", "td", "th", "ul", "caption", "html", "#root", "option", "legend",
]);

export const VOID_TAGS = new Set([
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
]);

// 512 by default, like limits.maxDepth in src/core/config.ts (real pages stay under ~60).
const DEFAULT_MAX_DEPTH = 512;

export function parseHtml(html: string, opts: ParseOptions = {}): ParsedPage {
  const maxDepth = Math.max(4, opts.maxDepth ?? DEFAULT_MAX_DEPTH);
  const root: HtmlElement = { tag: "#root", attrs: {}, children: [], parent: null };
  const metas: Array<Record<string, string>> = [];
  const links: Array<Record<string, string>> = [];
  const jsonld: string[] = [];
  let title: string | null = null;
  let lang: string | null = null;

  let cur = root;
  let depth = 0;
  // Counters of open elements we are not materializing (balanced by tokenize's close events,
  // which it also emits for implied and void closes).
  let skip = 0;
  let overflow = 0;
  let flattened = 0;
  // What the current skipped subtree's text is wanted for.
  let capture: "title" | "jsonld" | null = null;
  // Tag that opened the current skipped subtree: <title> counts only inside <head>, not inside <svg>.
  let skipRoot = "";
  let captured = "";
  let headLeftOpen = false;

  const handler: Handler = {
    wantsText() {
      return skip === 0 || capture !== null;
    },
    wantsAttributes(name) {
      if (skip === 0 || name === "meta" || name === "link" || name === "script" || name === "title") return true;
      // A content tag that will end an unclosed <head> (see onopentag).
      return skip === 1 && skipRoot === "head" && !HEAD_TAGS.has(name);
    },
    onopentag(name, attribs) {
      if (skip === 1 && skipRoot === "head" && !HEAD_TAGS.has(name)) {
        // A page that never closes <head> before its content: leave the head here, as browsers do.
        skip = 0;
        headLeftOpen = true;
      }
      if (skip > 0) {
        skip++;
        if (name === "meta") metas.push(attribs);
        else if (name === "link") links.push(attribs);
        else if (name === "title" && title === null && skipRoot === "head" && capture === null) {
          capture = "title";
          captured = "";
        }
        else if (name === "script" && isJsonLd(attribs) && capture === null) {
          capture = "jsonld";
          captured = "";
        }
        return;
      }
      if (name === "html" && attribs.lang && !lang) lang = attribs.lang;
      if (name === "meta") {
        metas.push(attribs);
      } else if (name === "link") {
        links.push(attribs);
      } else if (name === "title" && title === null) {
        capture = "title";
        captured = "";
        skip = 1;
        skipRoot = "title";
        return;
      }
      if (SKIP_TAGS.has(name)) {
        skip = 1;
        skipRoot = name;
        if (name === "script" && isJsonLd(attribs)) {
          capture = "jsonld";
          captured = "";
        }
        return;
      }
      if (depth >= maxDepth) {
        overflow++;
        flattened++;
        // Keep paragraph structure visible in the flattened text.
        if (BLOCK_TAGS.has(name) || name === "br") cur.children.push({ tag: "br", attrs: {}, children: [], parent: cur });
        return;
      }
      const el: HtmlElement = { tag: name, attrs: attribs, children: [], parent: cur };
      cur.children.push(el);
      cur = el;
      depth++;
    },
    ontext(data) {
      if (skip > 0) {
        if (capture) captured += data;
        return;
      }
      const kids = cur.children;
      const last = kids.length ? kids[kids.length - 1] : undefined;
      // Text comes in pieces around comments and dropped tags; merge adjacent pieces.
      if (typeof last === "string") kids[kids.length - 1] = last + data;
      else kids.push(data);
    },
    onclosetag(name) {
      if (skip > 0) {
        skip--;
        if (capture === "title" && name === "title") {
          const t = captured.replace(/\s+/g, " ").trim();
          if (t) title = t;
          capture = null;
        } else if (capture === "jsonld" && name === "script") {
          jsonld.push(captured);
          capture = null;
        }
        return;
      }
      if (name === "head" && headLeftOpen) {
        headLeftOpen = false;
        return;
      }
      if (overflow > 0) {
        overflow--;
        return;
      }
      if (cur.parent) {
        cur = cur.parent;
        depth--;
      }
    },
  };
  tokenize(html, handler);
  return { root, metas, jsonld, title, lang, links, flattened };
}

function isJsonLd(attribs: Record<string, string>): boolean {
  return (attribs.type ?? "").toLowerCase().includes("ld+json");
}

/** Pre-order iterative traversal. `visit` returns false to skip an element's children. */
export function walk(root: HtmlElement, visit: (el: HtmlElement) => boolean | void): void {
  const stack: HtmlElement[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    if (visit(el) === false) continue;
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i]!;
      if (typeof c !== "string") stack.push(c);
    }
  }
}

/** All elements in post-order (children before parents), computed iteratively. */
export function postOrder(root: HtmlElement): HtmlElement[] {
  const pre: HtmlElement[] = [];
  walk(root, (el) => {
    pre.push(el);
  });
  // Reversed pre-order (with children pushed left-to-right) visits every child before its parent.
  return pre.reverse();
}

/**
 * Whitespace-collapsed text content of an element (iterative). `limit` stops collecting after
 * about that many raw characters, for callers that only want short texts (bylines, dates).
 */
export function textContent(el: HtmlElement, limit = Infinity): string {
  const parts: string[] = [];
  const stack: HtmlNode[] = [el];
  let size = 0;
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n === "string") {
      parts.push(n);
      size += n.length;
      if (size > limit) break;
      continue;
    }
    if (n.tag === "br") parts.push(" ");
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return parts.join("").replace(/\s+/g, " ").trim();
}

/** Elements matching a predicate, in document order. */
export function findAll(root: HtmlElement, pred: (el: HtmlElement) => boolean): HtmlElement[] {
  const out: HtmlElement[] = [];
  walk(root, (el) => {
    if (pred(el)) out.push(el);
  });
  return out;
}

interface Handler {
  /** False inside skipped subtrees (svg icons carry many attributes nobody reads). */
  wantsAttributes(name: string): boolean;
  /** False where text is dropped (skipped subtrees that are not a title or JSON-LD). */
  wantsText(): boolean;
  onopentag(name: string, attribs: Record<string, string>): void;
  ontext(data: string): void;
  onclosetag(name: string): void;
}

// Tags whose opening implicitly closes an open element of these names (after htmlparser2's Parser).
const P_ONLY = new Set(["p"]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "p"]);
const FORM_TAGS = new Set(["input", "option", "optgroup", "select", "button", "datalist", "textarea"]);
const OPEN_IMPLIES_CLOSE = new Map<string, Set<string>>([
  ["tr", new Set(["tr", "th", "td"])], ["th", new Set(["th"])], ["td", new Set(["thead", "th", "td"])],
  ["body", new Set(["head", "link", "script"])], ["a", new Set(["a"])], ["li", new Set(["li"])], ["p", P_ONLY],
  ["h1", HEADINGS], ["h2", HEADINGS], ["h3", HEADINGS], ["h4", HEADINGS], ["h5", HEADINGS], ["h6", HEADINGS],
  ["select", FORM_TAGS], ["input", FORM_TAGS], ["output", FORM_TAGS], ["button", FORM_TAGS], ["datalist", FORM_TAGS],
  ["textarea", FORM_TAGS], ["option", new Set(["option"])], ["optgroup", new Set(["optgroup", "option"])],
  ["dd", new Set(["dd", "dt"])], ["dt", new Set(["dd", "dt"])], ["rt", new Set(["rt", "rp"])], ["rp", new Set(["rt", "rp"])],
  ["tbody", new Set(["thead", "tbody"])], ["tfoot", new Set(["thead", "tbody"])],
  ...[
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure", "footer",
    "form", "header", "hr", "main", "nav", "ol", "pre", "section", "table", "ul",
  ].map((t) => [t, P_ONLY] as [string, Set<string>]),
]);
/** Attributes any extraction step reads; all others are dropped while tokenizing. */
export const KEPT_ATTRIBUTES = new Set([
  "class", "id", "itemprop", "itemtype", "role", "style", "hidden", "aria-hidden", "href", "rel", "datetime",
  "content", "property", "name", "lang", "type", "http-equiv", "value", "charset", "title",
]);

const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;

const PARSER_VOID = new Set([...VOID_TAGS, "basefont", "command", "frame", "isindex", "keygen"]);

/**
 * Builds the element events from scanner.ts's tokens with an open-element stack (its top is
 * the array's end, and open counts per tag make unmatched end tags O(1); htmlparser2's Parser,
 * used before, kept its stack with Array#unshift/shift, quadratic in nesting depth). Tolerant
 * rules as in htmlparser2's Parser: implied closes, void elements, stray </p> and </br>.
 */
function tokenize(html: string, h: Handler): void {
  const stack: string[] = [];
  const open = new Map<string, number>();
  let tagname = "";
  let attribs: Record<string, string> | null = null;

  const push = (name: string) => {
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
  };
  const pop = () => {
    const name = stack.pop()!;
    open.set(name, open.get(name)! - 1);
    h.onclosetag(name);
  };
  const sink: TokenSink = {
    get wantsText() {
      return h.wantsText();
    },
    startTag(raw) {
      const name = raw === "image" ? "img" : raw;
      tagname = "";
      attribs = null;
      // A second <html>/<body>/<form> start tag is merged away by browsers: drop it.
      if ((name === "form" || name === "body" || name === "html") && (open.get(name) ?? 0) > 0) return false;
      const closes = OPEN_IMPLIES_CLOSE.get(name);
      if (closes) while (stack.length > 0 && closes.has(stack[stack.length - 1]!)) pop();
      tagname = name;
      // Most elements keep no attribute: they share one frozen empty object until one is set.
      attribs = NO_ATTRIBUTES;
      return h.wantsAttributes(name);
    },
    attribute(name, value) {
      if (!attribs) return;
      if (attribs === NO_ATTRIBUTES) attribs = {};
      if (!Object.hasOwn(attribs, name)) attribs[name] = value;
    },
    endStartTag() {
      if (attribs) {
        const name = tagname;
        if (!PARSER_VOID.has(name)) push(name);
        h.onopentag(name, attribs);
        if (PARSER_VOID.has(name)) h.onclosetag(name);
      }
      attribs = null;
      tagname = "";
    },
    endTag(raw) {
      const name = raw === "image" ? "img" : raw;
      // Browsers keep parsing into <body> after </body> or </html> (pages with stray or early
      // ones are common); the elements close at the end of input.
      if (name === "body" || name === "html") return;
      if (PARSER_VOID.has(name)) {
        if (name === "br") {
          h.onopentag("br", {});
          h.onclosetag("br");
        }
        return;
      }
      if ((open.get(name) ?? 0) > 0) {
        while (stack.length > 0 && stack[stack.length - 1] !== name) pop();
        pop();
      } else if (name === "p") {
        h.onopentag("p", {});
        h.onclosetag("p");
      }
    },
    text(data) {
      h.ontext(data);
    },
  };
  scan(html, sink, KEPT_ATTRIBUTES);
  while (stack.length > 0) pop();
}
