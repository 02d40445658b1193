// Search: full text with outlet and date filters; each copy group shows once with its copy count.

import { api } from "../api.ts";
import { fmtDate, h, plural, snippet, submitToHash } from "../dom.ts";

const PAGE = 20;

export async function searchPage(query: URLSearchParams): Promise<Node> {
  const q = query.get("q")?.trim() ?? "";
  const outlet = query.get("outlet") ?? "";
  const from = query.get("from") ?? "";
  const to = query.get("to") ?? "";
  const offset = Math.max(0, Number(query.get("offset")) || 0);

  const form = h(
    "form",
    { class: "search-form", role: "search", onsubmit: submitToHash("search", ["q", "outlet", "from", "to"]) },
    h("label", { class: "grow" }, h("span", {}, "Words"), h("input", { type: "search", name: "q", value: q, placeholder: "fentanyl precursor", required: true, autofocus: true })),
    h("label", {}, h("span", {}, "Outlet"), h("input", { name: "outlet", value: outlet, placeholder: "any" })),
    h("label", {}, h("span", {}, "From"), h("input", { name: "from", value: from, placeholder: "YYYY-MM", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", size: 10 })),
    h("label", {}, h("span", {}, "To"), h("input", { name: "to", value: to, placeholder: "YYYY-MM", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", size: 10 })),
    h("button", { type: "submit", class: "btn" }, "Search"),
  );
  const head = h("header", { class: "page-head" }, h("h1", {}, q ? `Search: ${q}` : "Search"), form);
  if (!q) return h("section", { class: "page" }, head, h("p", { class: "muted" }, "Type a few words; filter by outlet or dates. Copies of one story are folded into one result."));

  const r = await api.search({ q, outlet: outlet || undefined, from: from || undefined, to: to || undefined, offset, limit: PAGE });
  const link = (off: number) => {
    const p = new URLSearchParams({ q });
    if (outlet) p.set("outlet", outlet);
    if (from) p.set("from", from);
    if (to) p.set("to", to);
    if (off) p.set("offset", String(off));
    return `#/search?${p}`;
  };
  return h(
    "section",
    { class: "page" },
    head,
    h("p", { class: "result-count" }, r.total ? `${plural(r.total, "result")}${r.total > PAGE ? `, showing ${offset + 1}–${Math.min(offset + PAGE, r.total)}` : ""}` : "No results."),
    h(
      "ol",
      { class: "results" },
      r.items.map((hit) =>
        h(
          "li",
          { class: "result", "data-group": hit.group && hit.copies ? hit.group : hit.id },
          h("a", { class: "result-title", href: `#/article/${encodeURIComponent(hit.id)}` }, hit.title ?? "(untitled)"),
          h(
            "p",
            { class: "result-meta" },
            hit.outlet ?? "unknown outlet",
            " · ",
            fmtDate(hit.date),
            hit.estimated ? h("span", { class: "badge badge-est" }, "est.") : null,
            hit.copies ? h("span", { class: "badge badge-copy", title: `${hit.matchedCopies} of them matched` }, `${plural(hit.copies, "copy", "copies")}`) : null,
          ),
          h("p", { class: "result-snippet" }, snippet(hit.snippet)),
        ),
      ),
    ),
    r.total > PAGE
      ? h(
          "nav",
          { class: "pager", "aria-label": "Pages" },
          offset > 0 ? h("a", { class: "btn btn-small", href: link(Math.max(0, offset - PAGE)) }, "← Previous") : h("span", {}),
          offset + PAGE < r.total ? h("a", { class: "btn btn-small", href: link(offset + PAGE), "data-action": "next" }, "Next →") : h("span", {}),
        )
      : null,
  );
}
