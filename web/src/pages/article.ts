// An article: clean text with quotes highlighted (and the cited span when reached from a citation),
// metadata with estimated dates marked, its copy group, its quotes, and a toggle that shows what extraction
// removed from the page and why.

import { api, type ArticleView } from "../api.ts";
import { clip, fmtDate, h, mount, plural } from "../dom.ts";

export async function articlePage(id: string, query: URLSearchParams): Promise<Node> {
  const v = await api.article(id);
  const a = v.article;
  const hl = /^(\d+)-(\d+)$/.exec(query.get("hl") ?? "");
  const cite = hl ? { start: Number(hl[1]), end: Number(hl[2]) } : null;

  const removedBox = h("div", { class: "removed-box", hidden: true, id: "removed" });
  let loaded = false;
  const toggle = h("button", { type: "button", class: "btn btn-small", "aria-expanded": "false", "aria-controls": "removed", "data-action": "toggle-removed" }, `Show removed page furniture (${a.removedCount})`);
  toggle.addEventListener("click", async () => {
    const open = removedBox.hidden;
    if (open && !loaded) {
      toggle.setAttribute("disabled", "");
      try {
        const full = await api.article(a.id, true);
        mount(removedBox, removedList(full));
        loaded = true;
      } finally {
        toggle.removeAttribute("disabled");
      }
    }
    removedBox.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = `${open ? "Hide" : "Show"} removed page furniture (${a.removedCount})`;
  });

  const quotes = v.annotations?.quotes ?? [];
  const pub = a.published;
  return h(
    "article",
    { class: "page article-page" },
    h(
      "header",
      { class: "page-head" },
      h(
        "p",
        { class: "crumbs" },
        h("a", { href: "#/" }, "Storylines"),
        v.story ? [" / ", h("a", { href: `#/storyline/${encodeURIComponent(v.story.storyline)}` }, clip(v.story.label, 70))] : null,
      ),
      h("h1", {}, a.title ?? "(untitled)"),
      h(
        "dl",
        { class: "meta" },
        metaRow("Outlet", a.outlet ?? "unknown"),
        a.byline ? metaRow("By", a.byline) : null,
        metaRow(
          "Published",
          h(
            "span",
            { class: "date-value" },
            fmtDate(pub?.date),
            pub?.estimated ? h("span", { class: "badge badge-est", title: (pub.evidence ?? []).join("; ") || "estimated from the text" }, "est.") : null,
            pub && pub.precision !== "day" ? h("span", { class: "badge badge-soft" }, `${pub.precision} precision`) : null,
            pub ? h("span", { class: "muted small" }, ` from ${pub.source}`) : null,
          ),
        ),
        a.dateline ? metaRow("Dateline", a.dateline) : null,
        metaRow("Length", plural(a.text.split(/\s+/).filter(Boolean).length, "word")),
        a.url ? metaRow("Source", h("a", { href: a.url, rel: "noopener noreferrer nofollow", target: "_blank" }, clip(a.url, 80))) : null,
        metaRow("Id", h("code", {}, a.id.slice(0, 16))),
      ),
      pub?.estimated && pub.evidence?.length ? h("p", { class: "note" }, "Date estimated from: ", pub.evidence.join("; ")) : null,
    ),
    h(
      "div",
      { class: "columns" },
      h(
        "section",
        { class: "main-col" },
        h("div", { class: "panel text-panel" }, h("div", { class: "article-text", "data-testid": "article-text" }, articleText(a.text, a.paragraphs, quotes.map((q) => q.content), cite))),
        h("div", { class: "panel" }, h("div", { class: "panel-head" }, h("h2", {}, "What extraction removed"), toggle), removedBox),
      ),
      h(
        "aside",
        { class: "side-col" },
        h("section", { class: "panel" }, h("h2", {}, "Copy group"), copyGroup(v)),
        h("section", { class: "panel" }, h("h2", {}, `Quotes (${quotes.length})`), quotesList(v)),
      ),
    ),
  );
}

function metaRow(k: string, val: Node | string): Node[] {
  return [h("dt", {}, k), h("dd", {}, val)];
}

interface Span {
  start: number;
  end: number;
}

/** Paragraphs as <p>, quote spans as <mark class="q">, the cited span as <mark class="hl-cite">. */
function articleText(text: string, paragraphs: Span[], quotes: Span[], cite: Span | null): Node[] {
  const paras = paragraphs.length ? paragraphs : [{ start: 0, end: text.length }];
  const marks = [...quotes.map((q) => ({ ...q, cls: "q" })), ...(cite ? [{ ...cite, cls: "hl-cite" }] : [])];
  return paras.map((p) => {
    // Cut points inside this paragraph where any highlight starts or ends.
    const cuts = new Set([p.start, p.end]);
    for (const m of marks) for (const x of [m.start, m.end]) if (x > p.start && x < p.end) cuts.add(x);
    const points = [...cuts].sort((x, y) => x - y);
    const el = h("p", {});
    for (let i = 0; i + 1 < points.length; i++) {
      const [s, e] = [points[i]!, points[i + 1]!];
      const piece = text.slice(s, e);
      const cls = marks.filter((m) => m.start <= s && m.end >= e).map((m) => m.cls);
      el.appendChild(cls.length ? h("mark", { class: [...new Set(cls)].join(" ") }, piece) : document.createTextNode(piece));
    }
    return el;
  });
}

function copyGroup(v: ArticleView): Node {
  if (v.copies.length <= 1) return h("p", { class: "muted" }, "No copies: this article stands alone.");
  return h(
    "ol",
    { class: "copies" },
    v.copies.map((m) =>
      h(
        "li",
        { class: m.articleId === v.article.id ? "current" : "" },
        h("span", { class: `badge ${m.original ? "badge-orig" : "badge-copy"}` }, m.original ? "original" : (m.kind ?? "copy")),
        m.articleId === v.article.id ? h("strong", {}, m.outlet ?? "this article") : h("a", { href: `#/article/${encodeURIComponent(m.articleId)}` }, m.outlet ?? m.articleId.slice(0, 10)),
        h("span", { class: "muted small" }, ` ${fmtDate(m.date)}${m.estimated ? " (est.)" : ""}${m.original ? "" : ` · similarity ${m.similarity.toFixed(2)}`}`),
      ),
    ),
  );
}

function quotesList(v: ArticleView): Node {
  const qs = v.annotations?.quotes ?? [];
  if (!qs.length) return h("p", { class: "muted" }, "No quotes found in this article.");
  const text = v.article.text;
  return h(
    "ol",
    { class: "quotes compact" },
    qs.map((q) =>
      h(
        "li",
        { class: `quote ${q.direct ? "direct" : "reported"}` },
        h("p", { class: "quote-meta" }, h("strong", {}, q.speaker ?? "unattributed"), q.side && q.side !== q.speaker ? [" ", h("span", { class: "side-tag" }, q.side)] : null, q.direct ? null : h("span", { class: "badge badge-soft" }, "reported")),
        h("blockquote", {}, q.direct ? `“${clip(text.slice(q.content.start, q.content.end).replace(/^[“"]|[”"]$/g, ""), 240)}”` : clip(text.slice(q.content.start, q.content.end), 240)),
      ),
    ),
  );
}

function removedList(v: ArticleView): Node {
  const removed = v.article.removed ?? [];
  if (!removed.length) return h("p", { class: "muted" }, "Nothing was removed.");
  return h(
    "ol",
    { class: "removed" },
    removed.map((r) => h("li", { "data-reason": r.reason }, h("span", { class: "reason" }, r.reason.replace(/-/g, " ")), h("span", { class: "removed-text" }, clip(r.text, 600)))),
  );
}
