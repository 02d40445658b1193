// Tiny DOM helpers. Page data is untrusted (article text, titles, quotes come from arbitrary web pages):
// it only ever becomes text nodes or attribute values through these helpers, never HTML.

type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

const SVG_NS = "http://www.w3.org/2000/svg";

function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (typeof c === "string" || typeof c === "number") el.appendChild(document.createTextNode(String(c)));
    else el.appendChild(c);
  }
}

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === "function") {
      if (!k.startsWith("on")) throw new Error(`function for non-event attribute ${k}`);
      el.addEventListener(k.slice(2).toLowerCase(), v);
      continue;
    }
    if (k.toLowerCase().startsWith("on")) throw new Error(`event attribute ${k} must be a function`);
    if (k === "href" || k === "src") {
      el.setAttribute(k, safeUrl(String(v)));
      continue;
    }
    el.setAttribute(k, v === true ? "" : String(v));
  }
}

/** Only in-app links (#/…, /api/…) and http(s) URLs; anything else (javascript:, data:) becomes "#". */
export function safeUrl(u: string): string {
  const s = u.trim();
  if (s.startsWith("#") || (s.startsWith("/") && !s.startsWith("//"))) return s;
  try {
    const p = new URL(s);
    return p.protocol === "http:" || p.protocol === "https:" ? p.href : "#";
  } catch {
    return "#";
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export function mount(el: Element, ...children: Child[]): void {
  clear(el);
  append(el, children);
}

/** Text with the store's search snippet markers ([word]) turned into <mark> elements. */
export function snippet(text: string): Node[] {
  const out: Node[] = [];
  const re = /\[([^\]]*)\]/g;
  let last = 0;
  for (let m; (m = re.exec(text)); ) {
    if (m.index > last) out.push(document.createTextNode(text.slice(last, m.index)));
    out.push(h("mark", {}, m[1]!));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(document.createTextNode(text.slice(last)));
  return out;
}

export function plural(n: number, one: string, many = one + "s"): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2023-07-07" → "7 Jul 2023", "2023-07" → "Jul 2023", "2023" → "2023". */
export function fmtDate(d: string | null | undefined): string {
  if (!d) return "undated";
  const [y, m, day] = d.split("-");
  if (!m) return y!;
  const mon = MONTHS[Number(m) - 1] ?? m;
  return day ? `${Number(day)} ${mon} ${y}` : `${mon} ${y}`;
}

export function clip(t: string, n: number): string {
  return t.length <= n ? t : t.slice(0, n - 1).replace(/\s+\S*$/, "") + "…";
}

/** A submit handler that turns the named form fields into a hash route (`#/search?q=…`), skipping blanks. */
export function submitToHash(route: string, fields: string[]): EventListener {
  return (ev: Event) => {
    ev.preventDefault();
    const f = new FormData(ev.target as HTMLFormElement);
    const p = new URLSearchParams();
    for (const k of fields) {
      const val = String(f.get(k) ?? "").trim();
      if (val) p.set(k, val);
    }
    location.hash = `#/${route}${p.size ? "?" + p : ""}`;
  };
}
