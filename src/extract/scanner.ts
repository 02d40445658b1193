// A hand-written HTML tokenizer: one forward pass over the string that finds markup with
// indexOf and slices text between it, instead of a per-character state machine.
//
// It follows htmlparser2's Tokenizer (HTML mode, entities decoded), which it replaced, so that
// extraction output did not change: tags start with "<" + an ASCII letter; a "<" before anything
// else is text; comments end at "-->" or "--!>" ("<!-->" and "<!--->" close at once); CDATA
// ends at "]]>"; doctypes, "<?...>", "</ ...>" and other "<!...>" end at the next ">";
// script/style/iframe/xmp/noembed/noframes hold raw text up to their end tag, title/textarea
// text with entities decoded, plaintext everything after it; attribute values may be quoted
// or not; an unclosed tag at the end of input is dropped. Entities are decoded with the
// `entities` package (the same decoder htmlparser2 uses), and only when the text has a "&".
//
// Every loop advances; every search starts where the previous one ended, so the whole scan is
// linear in the input whatever the markup (no backtracking, no recursion).

import { decodeHTML, decodeHTMLAttribute } from "entities";

export interface TokenSink {
  /**
   * A start tag's name (lowercased). Returns whether its attributes are wanted (else their
   * values are skipped without being read).
   */
  startTag(name: string): boolean;
  /** An attribute of the current start tag whose name is one `scan` was asked to keep. */
  attribute(name: string, value: string): void;
  /** The current start tag ended ("/>" too: HTML ignores the flag). */
  endStartTag(): void;
  /** An end tag (lowercased name). */
  endTag(name: string): void;
  /** Text, entities decoded; consecutive calls may split one run of text. */
  text(data: string): void;
  /** False while text would be thrown away: it is then neither sliced nor decoded. */
  readonly wantsText: boolean;
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const EQ = 61;
const DQ = 34;
const SQ = 39;
const DASH = 45;
const AMP = "&";

/** Tags whose content is not markup. */
const RAW_TEXT = new Set(["script", "style", "iframe", "xmp", "noembed", "noframes"]);
const ESCAPABLE_RAW_TEXT = new Set(["title", "textarea"]);

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12;
}

function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Whitespace, "/" or ">": what ends a tag name. */
function endsName(c: number): boolean {
  return c === GT || c === SLASH || c === 32 || c === 10 || c === 9 || c === 13 || c === 12;
}

function lower(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return s.toLowerCase();
  }
  return s;
}

function hasUpper(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return true;
  }
  return false;
}

const decodeText = (s: string) => (s.includes(AMP) ? decodeHTML(s) : s);
const decodeAttr = (s: string) => (s.includes(AMP) ? decodeHTMLAttribute(s) : s);

/**
 * Names looked up in the input without slicing it: by length and first character, a few
 * candidates to compare in place. Most tag and attribute names are lowercase and known, so
 * they cost no allocation; others are sliced (and lowercased).
 */
class NameTable {
  private readonly byKey = new Map<number, string[]>();
  constructor(names: Iterable<string>) {
    for (const name of names) {
      const key = name.length * 128 + (name.charCodeAt(0) & 127);
      const list = this.byKey.get(key);
      if (list) list.push(name);
      else this.byKey.set(key, [name]);
    }
  }
  /** The known name spelled html[start, end) in lowercase, or null. */
  find(html: string, start: number, end: number): string | null {
    const list = this.byKey.get((end - start) * 128 + (html.charCodeAt(start) & 127));
    if (list) for (const name of list) if (html.startsWith(name, start)) return name;
    return null;
  }
}

/** Common tags, so that their names are not sliced from the input every time. */
const TAGS = new NameTable([
  "a", "abbr", "address", "article", "aside", "b", "blockquote", "body", "br", "button", "caption", "cite", "code",
  "dd", "div", "dl", "dt", "em", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head",
  "header", "hr", "html", "i", "iframe", "img", "input", "label", "li", "link", "main", "meta", "nav", "noscript", "ol",
  "option", "p", "path", "picture", "pre", "script", "section", "select", "small", "source", "span", "strong", "style",
  "sub", "sup", "svg", "table", "tbody", "td", "textarea", "th", "thead", "time", "title", "tr", "u", "ul", "g", "use",
  "circle", "rect", "polygon", "defs", "template", "video", "audio", "canvas", "object", "embed", "wbr", "mark", "q",
  "s", "del", "ins", "kbd", "var", "fieldset", "legend", "details", "summary", "menu", "center", "font", "dialog",
]);

const tables = new WeakMap<ReadonlySet<string>, NameTable>();

function nameAt(table: NameTable, html: string, start: number, end: number): string {
  return table.find(html, start, end) ?? lower(html.slice(start, end));
}

/**
 * Tokenizes `html` into `sink`, reporting the attributes whose (lowercased) names are in
 * `attributes`.
 */
export function scan(html: string, sink: TokenSink, attributes: ReadonlySet<string>): void {
  let keep = tables.get(attributes);
  if (!keep) tables.set(attributes, (keep = new NameTable(attributes)));
  const n = html.length;
  // Start of text not yet reported, and where to look for the next "<".
  let textStart = 0;
  let i = 0;

  while (i < n) {
    const lt = html.indexOf("<", i);
    if (lt < 0) break;
    const c = html.charCodeAt(lt + 1);
    if (isAlpha(c)) {
      emitText(html, textStart, lt, sink);
      const end = startTag(html, lt + 1, sink, keep, attributes);
      if (end < 0) return; // unclosed tag at the end of input: dropped
      i = textStart = end;
      const name = lastName;
      if (RAW_TEXT.has(name) || ESCAPABLE_RAW_TEXT.has(name)) {
        const close = findEndTag(html, i, name);
        if (close < 0) {
          // Unclosed: the rest of the input is its text.
          if (i < n && sink.wantsText) sink.text(rawText(html.slice(i), name));
          return;
        }
        if (close > i && sink.wantsText) sink.text(rawText(html.slice(i, close), name));
        sink.endTag(name);
        const gt = html.indexOf(">", close + 2 + name.length);
        if (gt < 0) return;
        i = textStart = gt + 1;
      } else if (name === "plaintext") {
        if (i < n && sink.wantsText) sink.text(html.slice(i));
        return;
      }
    } else if (c === SLASH) {
      const c2 = html.charCodeAt(lt + 2);
      if (isAlpha(c2)) {
        emitText(html, textStart, lt, sink);
        let p = lt + 3;
        while (p < n && !endsName(html.charCodeAt(p))) p++;
        if (p >= n) return; // "</name" cut off by the end of input: dropped
        sink.endTag(nameAt(TAGS, html, lt + 2, p));
        const gt = html.indexOf(">", p);
        if (gt < 0) return;
        i = textStart = gt + 1;
      } else if (c2 === GT) {
        // "</>" is dropped.
        emitText(html, textStart, lt, sink);
        i = textStart = lt + 3;
      } else if (lt + 2 >= n) {
        break; // "</" at the very end is text
      } else {
        // "</ x>", "</1>": a bogus comment up to the next ">".
        emitText(html, textStart, lt, sink);
        const gt = html.indexOf(">", lt + 2);
        if (gt < 0) return;
        i = textStart = gt + 1;
      }
    } else if (c === BANG) {
      emitText(html, textStart, lt, sink);
      const end = skipDeclaration(html, lt + 2);
      if (end < 0) return;
      i = textStart = end;
    } else if (c === QUESTION) {
      emitText(html, textStart, lt, sink);
      const gt = html.indexOf(">", lt + 2);
      if (gt < 0) return;
      i = textStart = gt + 1;
    } else {
      // "<" followed by anything else (or nothing) is text.
      i = lt + 1;
    }
  }
  emitText(html, textStart, n, sink);
}

// No closures in here: a closure's context holding the sink (and so its tree) was kept alive
// by V8 past the parse until the next full GC (see TreeBuilder in dom.ts).
function emitText(html: string, start: number, end: number, sink: TokenSink): void {
  if (end > start && sink.wantsText) sink.text(decodeText(html.slice(start, end)));
}

/** Title and textarea text has entities; script, style and the like are taken as they are. */
function rawText(s: string, tag: string): string {
  return ESCAPABLE_RAW_TEXT.has(tag) ? decodeText(s) : s;
}

// Name of the start tag startTag() read last (saves returning a pair).
let lastName = "";

/**
 * Reads a start tag whose name begins at `p` and reports it. Returns the index after its ">",
 * or -1 when the input ends inside it.
 */
function startTag(html: string, p: number, sink: TokenSink, table: NameTable, attributes: ReadonlySet<string>): number {
  const n = html.length;
  const nameStart = p;
  while (p < n && !endsName(html.charCodeAt(p))) p++;
  if (p >= n) return -1;
  const name = nameAt(TAGS, html, nameStart, p);
  lastName = name;
  const wantsAttributes = sink.startTag(name);
  for (;;) {
    // Before an attribute name.
    let c = html.charCodeAt(p);
    while (isSpace(c)) c = html.charCodeAt(++p);
    if (p >= n) return -1;
    if (c === GT) {
      sink.endStartTag();
      return p + 1;
    }
    if (c === SLASH) {
      // "/" then optional whitespace then ">" closes the tag; anything else starts an attribute.
      c = html.charCodeAt(++p);
      while (isSpace(c)) c = html.charCodeAt(++p);
      if (p >= n) return -1;
      if (c === GT) {
        sink.endStartTag();
        return p + 1;
      }
      if (c === SLASH) continue;
    }
    // An attribute name: its first character is taken whatever it is ("=" included).
    const attrStart = p++;
    for (c = html.charCodeAt(p); p < n && c !== EQ && !endsName(c); c = html.charCodeAt(++p));
    if (p >= n) return -1;
    let attrName: string | null = null;
    if (wantsAttributes) {
      attrName = table.find(html, attrStart, p);
      // Not a kept name as written; in another case it may be one.
      if (attrName === null && hasUpper(html, attrStart, p)) {
        const lowered = html.slice(attrStart, p).toLowerCase();
        if (attributes.has(lowered)) attrName = lowered;
      }
    }
    const wanted = attrName !== null;
    while (isSpace(c)) c = html.charCodeAt(++p);
    if (p >= n) return -1;
    if (c !== EQ) {
      // No value; "/" and ">" are handled above, anything else starts the next attribute.
      if (wanted) sink.attribute(attrName!, "");
      continue;
    }
    c = html.charCodeAt(++p);
    while (isSpace(c)) c = html.charCodeAt(++p);
    if (p >= n) return -1;
    let value = "";
    if (c === DQ || c === SQ) {
      const close = html.indexOf(c === DQ ? '"' : "'", p + 1);
      if (close < 0) return -1;
      if (wanted) value = decodeAttr(html.slice(p + 1, close));
      p = close + 1;
    } else {
      // Unquoted: up to whitespace or ">" ("/" belongs to the value).
      const vStart = p;
      while (p < n && c !== GT && !isSpace(c)) c = html.charCodeAt(++p);
      if (p >= n) return -1;
      if (wanted) value = decodeAttr(html.slice(vStart, p));
    }
    if (wanted) sink.attribute(attrName!, value);
  }
}

/**
 * Index of the "</" that ends a raw-text element `name` opened before `from` (its name in any
 * case, then whitespace, "/" or ">"), or -1.
 */
function findEndTag(html: string, from: number, name: string): number {
  const len = name.length;
  for (let k = html.indexOf("</", from); k >= 0; k = html.indexOf("</", k + 2)) {
    let j = 0;
    while (j < len && (html.charCodeAt(k + 2 + j) | 0x20) === name.charCodeAt(j)) j++;
    if (j === len && endsName(html.charCodeAt(k + 2 + len))) return k;
  }
  return -1;
}

/**
 * Skips "<!...": a comment, CDATA section, doctype or bogus comment starting at `p` (after
 * "<!"). Returns the index after it, or -1 when it runs to the end of input.
 */
function skipDeclaration(html: string, p: number): number {
  if (html.charCodeAt(p) === DASH && html.charCodeAt(p + 1) === DASH) {
    const s = p + 2;
    // "<!-->" and "<!--->" are (empty) comments.
    if (html.charCodeAt(s) === GT) return s + 1;
    if (html.charCodeAt(s) === DASH && html.charCodeAt(s + 1) === GT) return s + 2;
    for (let k = html.indexOf("--", s); k >= 0; k = html.indexOf("--", k + 1)) {
      const c = html.charCodeAt(k + 2);
      if (c === GT) return k + 3;
      if (c === BANG && html.charCodeAt(k + 3) === GT) return k + 4;
    }
    return -1;
  }
  if (html.startsWith("[CDATA[", p)) {
    const k = html.indexOf("]]>", p + 7);
    return k < 0 ? -1 : k + 3;
  }
  const gt = html.indexOf(">", p);
  return gt < 0 ? -1 : gt + 1;
}
