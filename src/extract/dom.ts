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
  const b = new TreeBuilder(Math.max(4, opts.maxDepth ?? DEFAULT_MAX_DEPTH));
  scan(html, b, KEPT_ATTRIBUTES);
  b.finish();
  return { root: b.root, metas: b.metas, jsonld: b.jsonld, title: b.title, lang: b.lang, links: b.links, flattened: b.flattened };
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
 * Builds the tree from scanner.ts's tokens, with an open-element stack whose top is the array's
 * end; open counts per tag make unmatched end tags O(1) (htmlparser2's Parser, used before,
 * kept its stack with Array#unshift/shift, quadratic in nesting depth). Tolerant rules as in
 * htmlparser2's Parser: implied closes, void elements, stray </p> and </br>.
 *
 * A class rather than closures over parseHtml's locals: with closures, a finished page's tree,
 * reachable from their context, survived minor GCs until the next full one (about 90% of what
 * parsing allocated was copied and promoted, and parsing took twice as long; clearing the
 * context's variables after the parse made it go away, so something V8 keeps, probably
 * call-site feedback pointing at the last closures, held the context).
 */
class TreeBuilder implements TokenSink {
  readonly root: HtmlElement = { tag: "#root", attrs: {}, children: [], parent: null };
  readonly metas: Array<Record<string, string>> = [];
  readonly links: Array<Record<string, string>> = [];
  readonly jsonld: string[] = [];
  title: string | null = null;
  lang: string | null = null;
  /** Elements nested deeper than maxDepth, flattened into their ancestor. */
  flattened = 0;

  private cur: HtmlElement;
  private depth = 0;
  // Counters of open elements we are not materializing (balanced by the close events, which
  // are also emitted for implied and void closes).
  private skip = 0;
  private overflow = 0;
  // What the current skipped subtree's text is wanted for.
  private capture: "title" | "jsonld" | null = null;
  // Tag that opened the current skipped subtree: <title> counts only inside <head>, not inside <svg>.
  private skipRoot = "";
  private captured = "";
  private headLeftOpen = false;

  // The open-element stack (tag names) and how many of each tag it holds.
  private readonly stack: string[] = [];
  private readonly open = new Map<string, number>();
  // The start tag being read; attribs null when it is dropped.
  private tagname = "";
  private attribs: Record<string, string> | null = null;

  constructor(private readonly maxDepth: number) {
    this.cur = this.root;
  }

  get wantsText(): boolean {
    return this.skip === 0 || this.capture !== null;
  }

  startTag(raw: string): boolean {
    const name = raw === "image" ? "img" : raw;
    this.tagname = "";
    this.attribs = null;
    // A second <html>/<body>/<form> start tag is merged away by browsers: drop it.
    if ((name === "form" || name === "body" || name === "html") && (this.open.get(name) ?? 0) > 0) return false;
    const closes = OPEN_IMPLIES_CLOSE.get(name);
    if (closes) while (this.stack.length > 0 && closes.has(this.stack[this.stack.length - 1]!)) this.pop();
    this.tagname = name;
    // Most elements keep no attribute: they share one frozen empty object until one is set.
    this.attribs = NO_ATTRIBUTES;
    return this.wantsAttributes(name);
  }

  attribute(name: string, value: string): void {
    let a = this.attribs;
    if (!a) return;
    if (a === NO_ATTRIBUTES) this.attribs = a = {};
    if (!Object.hasOwn(a, name)) a[name] = value;
  }

  endStartTag(): void {
    const attribs = this.attribs;
    if (attribs) {
      const name = this.tagname;
      const isVoid = PARSER_VOID.has(name);
      if (!isVoid) this.push(name);
      this.onopentag(name, attribs);
      if (isVoid) this.onclosetag(name);
    }
    this.attribs = null;
    this.tagname = "";
  }

  endTag(raw: string): void {
    const name = raw === "image" ? "img" : raw;
    // Browsers keep parsing into <body> after </body> or </html> (pages with stray or early
    // ones are common); the elements close at the end of input.
    if (name === "body" || name === "html") return;
    if (PARSER_VOID.has(name)) {
      if (name === "br") {
        this.onopentag("br", {});
        this.onclosetag("br");
      }
      return;
    }
    if ((this.open.get(name) ?? 0) > 0) {
      while (this.stack.length > 0 && this.stack[this.stack.length - 1] !== name) this.pop();
      this.pop();
    } else if (name === "p") {
      this.onopentag("p", {});
      this.onclosetag("p");
    }
  }

  text(data: string): void {
    if (this.skip > 0) {
      if (this.capture) this.captured += data;
      return;
    }
    const kids = this.cur.children;
    const last = kids.length ? kids[kids.length - 1] : undefined;
    // Text comes in pieces around comments and dropped tags; merge adjacent pieces.
    if (typeof last === "string") kids[kids.length - 1] = last + data;
    else kids.push(data);
  }

  /** Closes what is still open at the end of input. */
  finish(): void {
    while (this.stack.length > 0) this.pop();
  }

  private push(name: string): void {
    this.stack.push(name);
    this.open.set(name, (this.open.get(name) ?? 0) + 1);
  }

  private pop(): void {
    const name = this.stack.pop()!;
    this.open.set(name, this.open.get(name)! - 1);
    this.onclosetag(name);
  }

  /** False inside skipped subtrees (svg icons carry many attributes nobody reads). */
  private wantsAttributes(name: string): boolean {
    if (this.skip === 0 || name === "meta" || name === "link" || name === "script" || name === "title") return true;
    // A content tag that will end an unclosed <head> (see onopentag).
    return this.skip === 1 && this.skipRoot === "head" && !HEAD_TAGS.has(name);
  }

  private onopentag(name: string, attribs: Record<string, string>): void {
    if (this.skip === 1 && this.skipRoot === "head" && !HEAD_TAGS.has(name)) {
      // A page that never closes <head> before its content: leave the head here, as browsers do.
      this.skip = 0;
      this.headLeftOpen = true;
    }
    if (this.skip > 0) {
      this.skip++;
      if (name === "meta") this.metas.push(attribs);
      else if (name === "link") this.links.push(attribs);
      else if (name === "title" && this.title === null && this.skipRoot === "head" && this.capture === null) {
        this.capture = "title";
        this.captured = "";
      } else if (name === "script" && isJsonLd(attribs) && this.capture === null) {
        this.capture = "jsonld";
        this.captured = "";
      }
      return;
    }
    if (name === "html" && attribs.lang && !this.lang) this.lang = attribs.lang;
    if (name === "meta") {
      this.metas.push(attribs);
    } else if (name === "link") {
      this.links.push(attribs);
    } else if (name === "title" && this.title === null) {
      this.capture = "title";
      this.captured = "";
      this.skip = 1;
      this.skipRoot = "title";
      return;
    }
    if (SKIP_TAGS.has(name)) {
      this.skip = 1;
      this.skipRoot = name;
      if (name === "script" && isJsonLd(attribs)) {
        this.capture = "jsonld";
        this.captured = "";
      }
      return;
    }
    const cur = this.cur;
    if (this.depth >= this.maxDepth) {
      this.overflow++;
      this.flattened++;
      // Keep paragraph structure visible in the flattened text.
      if (BLOCK_TAGS.has(name) || name === "br") cur.children.push({ tag: "br", attrs: {}, children: [], parent: cur });
      return;
    }
    const el: HtmlElement = { tag: name, attrs: attribs, children: [], parent: cur };
    cur.children.push(el);
    this.cur = el;
    this.depth++;
  }

  private onclosetag(name: string): void {
    if (this.skip > 0) {
      this.skip--;
      if (this.capture === "title" && name === "title") {
        const t = this.captured.replace(/\s+/g, " ").trim();
        if (t) this.title = t;
        this.capture = null;
      } else if (this.capture === "jsonld" && name === "script") {
        this.jsonld.push(this.captured);
        this.capture = null;
      }
      return;
    }
    if (name === "head" && this.headLeftOpen) {
      this.headLeftOpen = false;
      return;
    }
    if (this.overflow > 0) {
      this.overflow--;
      return;
    }
    const parent = this.cur.parent;
    if (parent) {
      this.cur = parent;
      this.depth--;
    }
  }
}
