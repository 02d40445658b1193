// The front page: every storyline as a card (label, dates, counts, key actors).

import { api } from "../api.ts";
import { fmtDate, h, plural } from "../dom.ts";

export async function storylinesPage(): Promise<Node> {
  const { items } = await api.storylines();
  if (!items.length) {
    return h(
      "section",
      { class: "empty" },
      h("h1", {}, "No storylines yet"),
      h("p", {}, "Ingest some pages first: ", h("code", {}, "dossier ingest <files or folders>"), ", or build the demo with ", h("code", {}, "dossier demo"), "."),
    );
  }
  return h(
    "section",
    { class: "page" },
    h("header", { class: "page-head" }, h("h1", {}, "Storylines"), h("p", { class: "lede" }, `${plural(items.length, "storyline")} — stories linked across months, largest first.`)),
    h(
      "ol",
      { class: "cards" },
      items.map((l) =>
        h(
          "li",
          { class: "card storyline-card", "data-id": l.id },
          h("a", { class: "card-link", href: `#/storyline/${encodeURIComponent(l.id)}` }, h("h2", {}, l.label)),
          h("p", { class: "card-dates" }, `${fmtDate(l.first)} – ${fmtDate(l.last)}`),
          h("p", { class: "card-counts" }, h("span", { class: "num" }, plural(l.stories, "story", "stories")), " · ", h("span", { class: "num" }, plural(l.articles, "article"))),
          l.keyActors.length ? h("ul", { class: "chips", "aria-label": "Key actors" }, l.keyActors.map((a) => h("li", { class: "chip" }, a))) : null,
        ),
      ),
    ),
  );
}
