// Quotes (filter by speaker or side) and rejected inputs.

import { api } from "../api.ts";
import { fmtDate, h, plural, submitToHash } from "../dom.ts";
import { quoteItem } from "./storyline.ts";

const PAGE = 50;

function pager(base: string, params: URLSearchParams, offset: number, total: number): Node | null {
  if (total <= PAGE) return null;
  const at = (off: number) => {
    const p = new URLSearchParams(params);
    if (off) p.set("offset", String(off));
    else p.delete("offset");
    return `#/${base}${p.size ? "?" + p : ""}`;
  };
  return h(
    "nav",
    { class: "pager", "aria-label": "Pages" },
    offset > 0 ? h("a", { class: "btn btn-small", href: at(Math.max(0, offset - PAGE)) }, "← Previous") : h("span", {}),
    offset + PAGE < total ? h("a", { class: "btn btn-small", href: at(offset + PAGE) }, "Next →") : h("span", {}),
  );
}

export async function quotesPage(query: URLSearchParams): Promise<Node> {
  const speaker = query.get("speaker") ?? "";
  const side = query.get("side") ?? "";
  const offset = Math.max(0, Number(query.get("offset")) || 0);
  const r = await api.quotes({ speaker: speaker || undefined, side: side || undefined, offset, limit: PAGE });
  const form = h(
    "form",
    { class: "search-form", onsubmit: submitToHash("quotes", ["speaker", "side"]) },
    h("label", { class: "grow" }, h("span", {}, "Speaker"), h("input", { name: "speaker", value: speaker, placeholder: "any" })),
    h("label", {}, h("span", {}, "Side"), h("input", { name: "side", value: side, placeholder: "China, United States…" })),
    h("button", { type: "submit", class: "btn" }, "Filter"),
    h("a", { class: "btn btn-ghost", href: `/api/quotes.csv?${new URLSearchParams({ ...(speaker ? { speaker } : {}), ...(side ? { side } : {}), download: "1" })}`, download: "dossier-quotes.csv", "data-export": "csv" }, "CSV"),
  );
  const params = new URLSearchParams();
  if (speaker) params.set("speaker", speaker);
  if (side) params.set("side", side);
  return h(
    "section",
    { class: "page" },
    h("header", { class: "page-head" }, h("h1", {}, "Quotes"), h("p", { class: "lede" }, `${plural(r.total, "quote")}, oldest first.`), form),
    h("ol", { class: "quotes panel" }, r.items.map((q) => quoteItem(q))),
    pager("quotes", params, offset, r.total),
  );
}

export async function rejectsPage(query: URLSearchParams): Promise<Node> {
  const offset = Math.max(0, Number(query.get("offset")) || 0);
  const r = await api.rejects({ offset, limit: PAGE });
  return h(
    "section",
    { class: "page" },
    h("header", { class: "page-head" }, h("h1", {}, "Rejected inputs"), h("p", { class: "lede" }, r.total ? `${plural(r.total, "input")} could not be used. One bad page never stops a batch; here is why each was set aside.` : "Every input was usable.")),
    r.total
      ? h(
          "table",
          { class: "table panel" },
          h("thead", {}, h("tr", {}, h("th", {}, "When"), h("th", {}, "Input"), h("th", {}, "Code"), h("th", {}, "Reason"))),
          h("tbody", {}, r.items.map((x) => h("tr", {}, h("td", { class: "nowrap" }, fmtDate(x.at.slice(0, 10))), h("td", {}, h("code", {}, x.origin)), h("td", {}, h("span", { class: "badge badge-soft" }, x.code)), h("td", {}, x.reason)))),
        )
      : null,
    pager("rejects", new URLSearchParams(), offset, r.total),
  );
}
