// A storyline: the timeline picture, dated entries with citations, who said what by side, its stories with
// copy counts, the sources, and the export buttons.

import { api, type QuoteRecord, type StorylineView } from "../api.ts";
import { clip, fmtDate, h, plural, submitToHash } from "../dom.ts";
import { timelineSvg } from "../timeline-svg.ts";

export async function storylinePage(id: string, query: URLSearchParams): Promise<Node> {
  const from = query.get("from") ?? undefined;
  const to = query.get("to") ?? undefined;
  const v = await api.storyline(id, { from, to });
  const enc = encodeURIComponent(v.id);
  const range = new URLSearchParams();
  if (from) range.set("from", from);
  if (to) range.set("to", to);
  const qs = (extra: string) => `?${[range.toString(), extra].filter(Boolean).join("&")}`;

  const list = h("ol", { class: "entries" });
  const pick = (i: number) => {
    const li = list.querySelector<HTMLElement>(`[data-index="${i}"]`);
    if (!li) return;
    for (const el of list.querySelectorAll(".picked")) el.classList.remove("picked");
    li.classList.add("picked");
    li.scrollIntoView({ block: "center", behavior: "smooth" });
    li.focus({ preventScroll: true });
  };
  v.timeline.forEach((e, i) => {
    list.appendChild(
      h(
        "li",
        { class: `entry entry-${e.precision}`, "data-index": i, "data-date": e.date, tabindex: -1 },
        h("div", { class: "entry-date" }, h("time", { datetime: e.date }, fmtDate(e.date)), e.precision !== "day" ? h("span", { class: "badge badge-soft" }, e.precision) : null),
        h(
          "div",
          { class: "entry-body" },
          h("p", { class: "entry-summary" }, e.summary),
          h(
            "p",
            { class: "entry-cites" },
            h("span", { class: "muted" }, `${plural(e.sources, "independent source")}: `),
            e.citations.map((c, k) => [
              k ? ", " : "",
              h(
                "a",
                { href: `#/article/${encodeURIComponent(c.articleId)}?hl=${c.span.start}-${c.span.end}`, class: c.copyOf ? "cite cite-copy" : "cite", title: c.copyOf ? "a copy: not counted as another source" : "" },
                (c.outlet ?? c.articleId.slice(0, 10)) + (c.copyOf ? " (copy)" : ""),
              ),
            ]),
          ),
          e.sides
            ? h(
                "div",
                { class: "entry-sides" },
                Object.entries(e.sides).map(([side, qs]) => h("p", { class: "entry-side" }, h("span", { class: `side-tag ${sideClass(side, v)}` }, side), " ", clip(qs[0] ?? "", 260))),
              )
            : null,
        ),
      ),
    );
  });

  const rangeForm = h(
    "form",
    { class: "range", onsubmit: submitToHash(`storyline/${enc}`, ["from", "to"]) },
    h("label", {}, "From ", h("input", { name: "from", placeholder: "YYYY-MM", value: from ?? "", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", size: 10 })),
    h("label", {}, "To ", h("input", { name: "to", placeholder: "YYYY-MM", value: to ?? "", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", size: 10 })),
    h("button", { type: "submit", class: "btn btn-small" }, "Apply"),
    from || to ? h("a", { href: `#/storyline/${enc}`, class: "btn btn-small btn-ghost" }, "Clear") : null,
  );

  return h(
    "article",
    { class: "page storyline" },
    h(
      "header",
      { class: "page-head" },
      h("p", { class: "crumbs" }, h("a", { href: "#/" }, "Storylines"), " / "),
      h("h1", {}, v.label),
      h("p", { class: "lede" }, `${fmtDate(v.first)} – ${fmtDate(v.last)} · ${plural(v.stories, "story", "stories")} · ${plural(v.articles, "article")}`),
      v.keyActors.length ? h("ul", { class: "chips", "aria-label": "Key actors" }, v.keyActors.map((a) => h("li", { class: "chip" }, a))) : null,
      h(
        "div",
        { class: "exports", role: "group", "aria-label": "Export" },
        h("span", { class: "muted" }, "Export:"),
        h("a", { class: "btn btn-small", href: `/api/storylines/${enc}/report.md${qs("download=1")}`, download: `dossier-${v.id}.md`, "data-export": "markdown" }, "Markdown briefing"),
        h("a", { class: "btn btn-small", href: `/api/storylines/${enc}/export.json${qs("download=1")}`, download: `dossier-${v.id}.json`, "data-export": "json" }, "JSON"),
        h("a", { class: "btn btn-small", href: `/api/quotes.csv?download=1`, download: "dossier-quotes.csv", "data-export": "csv" }, "Quotes CSV"),
        h("a", { class: "btn btn-small", href: `/api/storylines/${enc}/timeline.json${qs("download=1")}`, download: `dossier-${v.id}-timelinejs.json`, "data-export": "timelinejs" }, "TimelineJS"),
      ),
    ),
    h(
      "section",
      { class: "panel timeline-panel", "aria-labelledby": "tl-h" },
      h("div", { class: "panel-head" }, h("h2", { id: "tl-h" }, "Timeline"), rangeForm),
      v.timeline.length ? h("figure", { class: "timeline-figure" }, timelineSvg(v, pick), legend()) : h("p", { class: "muted" }, "No dated entries in this range."),
    ),
    h(
      "div",
      { class: "columns" },
      h("section", { class: "panel main-col", "aria-labelledby": "en-h" }, h("h2", { id: "en-h" }, "What happened, in date order"), v.timeline.length ? list : h("p", { class: "muted" }, "No dated entries.")),
      h("aside", { class: "panel side-col", "aria-labelledby": "st-h" }, h("h2", { id: "st-h" }, "Stories"), storiesList(v)),
    ),
    h("section", { class: "panel", "aria-labelledby": "who-h" }, h("h2", { id: "who-h" }, "Who said what"), sidesGrid(v)),
    h("section", { class: "panel", "aria-labelledby": "src-h" }, h("h2", { id: "src-h" }, "Sources"), sourcesTable(v)),
  );
}

function legend(): Node {
  return h(
    "figcaption",
    { class: "legend" },
    h("span", { class: "lg lg-day" }, "dated to the day (size: independent sources)"),
    h("span", { class: "lg lg-month" }, "month or year precision"),
    h("span", { class: "lg lg-cov" }, "coverage density"),
  );
}

function storiesList(v: StorylineView): Node {
  const stories = [...v.storyList].sort((a, b) => (a.first ?? "9").localeCompare(b.first ?? "9"));
  return h(
    "ol",
    { class: "stories" },
    stories.map((s) =>
      h(
        "li",
        { class: "story", "data-id": s.id },
        h("a", { href: `#/article/${encodeURIComponent(s.articleIds[0] ?? "")}` }, s.label),
        h(
          "p",
          { class: "story-meta" },
          fmtDate(s.first),
          s.last && s.last !== s.first ? ` – ${fmtDate(s.last)}` : "",
          " · ",
          plural(s.originals, "original"),
          s.copies ? h("span", { class: "badge badge-copy" }, plural(s.copies, "copy", "copies")) : null,
        ),
        s.outlets.length ? h("p", { class: "story-outlets muted" }, s.outlets.join(", ")) : null,
      ),
    ),
  );
}

const SIDE_COLORS = ["side-a", "side-b", "side-c", "side-d", "side-e"];

function sideClass(side: string, v: StorylineView): string {
  const i = v.sides.findIndex((s) => s.side === side);
  return SIDE_COLORS[i >= 0 ? i % SIDE_COLORS.length : SIDE_COLORS.length - 1]!;
}

function sidesGrid(v: StorylineView): Node {
  if (!v.sides.length) return h("p", { class: "muted" }, "No attributed quotes with a side in this storyline.");
  return h(
    "div",
    { class: "sides", style: null, "data-columns": v.sides.length },
    v.sides.map((s) =>
      h(
        "section",
        { class: `side ${sideClass(s.side, v)}`, "data-side": s.side },
        h("h3", {}, s.side, h("span", { class: "count" }, String(s.quotes.length))),
        h("ol", { class: "quotes" }, s.quotes.slice(0, 40).map((q) => quoteItem(q))),
        s.quotes.length > 40 ? h("p", {}, h("a", { href: `#/quotes?side=${encodeURIComponent(s.side)}` }, `All ${s.quotes.length} quotes`)) : null,
      ),
    ),
  );
}

export function quoteItem(q: QuoteRecord): Node {
  return h(
    "li",
    { class: `quote ${q.direct ? "direct" : "reported"}` },
    h("blockquote", {}, q.direct ? `“${clip(q.text.replace(/^[“"]|[”"]$/g, ""), 400)}”` : clip(q.text, 400)),
    h(
      "p",
      { class: "quote-meta" },
      h("strong", {}, q.speaker ?? "unattributed"),
      q.direct ? "" : h("span", { class: "badge badge-soft" }, "reported"),
      " · ",
      h("a", { href: `#/article/${encodeURIComponent(q.articleId)}?hl=${q.content.start}-${q.content.end}` }, `${q.outlet ?? "source"}, ${fmtDate(q.date)}`),
    ),
  );
}

/** Rows shown before "Show all": a storyline on a large store can cite thousands of articles. */
const SOURCES_SHOWN = 100;

function sourcesTable(v: StorylineView): Node {
  const row = (a: StorylineView["articleList"][number]) =>
    h(
      "tr",
      {},
      h("td", { class: "nowrap" }, fmtDate(a.date), a.estimated ? h("span", { class: "badge badge-est", title: "estimated date" }, "est.") : null),
      h("td", {}, a.outlet ?? "—"),
      h("td", {}, h("a", { href: `#/article/${encodeURIComponent(a.id)}` }, a.title ?? "(untitled)")),
      h("td", {}, a.original ? (a.copies ? h("span", { class: "badge badge-copy" }, `+${a.copies}`) : "") : h("span", { class: "badge badge-soft" }, "copy")),
    );
  const body = h("tbody", {}, v.articleList.slice(0, SOURCES_SHOWN).map(row));
  const rest = v.articleList.length - SOURCES_SHOWN;
  const more =
    rest > 0
      ? h("button", { type: "button", class: "btn btn-small btn-ghost", onclick: ((ev: Event) => {
          for (const a of v.articleList.slice(SOURCES_SHOWN)) body.appendChild(row(a));
          (ev.currentTarget as HTMLElement).remove();
        }) as EventListener }, `Show all ${v.articleList.length} sources`)
      : null;
  return h("div", {}, h("table", { class: "table" }, h("thead", {}, h("tr", {}, h("th", {}, "Date"), h("th", {}, "Outlet"), h("th", {}, "Title"), h("th", {}, ""))), body), more);
}
