// The web UI: a hash router over four pages. Each page renders into #app from API data, building nodes
// with the helpers in dom.ts (text only; no page data ever reaches innerHTML).

import "./style.css";
import { ApiError } from "./api.ts";
import { h, mount } from "./dom.ts";
import { articlePage } from "./pages/article.ts";
import { quotesPage, rejectsPage } from "./pages/lists.ts";
import { searchPage } from "./pages/search.ts";
import { storylinePage } from "./pages/storyline.ts";
import { storylinesPage } from "./pages/storylines.ts";

export interface Route {
  path: string[];
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, "");
  const [p = "", q = ""] = raw.split("?", 2);
  return { path: p.split("/").filter(Boolean).map((x) => decodeURIComponent(x)), query: new URLSearchParams(q) };
}

export function navigate(path: string, query: Record<string, string | number | undefined> = {}): void {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") qs.set(k, String(v));
  location.hash = `#/${path}${qs.size ? "?" + qs : ""}`;
}

const app = document.getElementById("app")!;
let renderId = 0;

async function render(): Promise<void> {
  const id = ++renderId;
  const route = parseHash(location.hash);
  const [page = "", arg] = route.path;
  for (const a of document.querySelectorAll<HTMLAnchorElement>(".topnav a")) a.classList.toggle("active", a.dataset.nav === (page || "storylines") || (page === "storyline" && a.dataset.nav === "storylines"));
  const stale = () => id !== renderId;
  try {
    let view: Node;
    if (page === "" || page === "storylines") view = await storylinesPage();
    else if (page === "storyline" && arg) view = await storylinePage(arg, route.query);
    else if (page === "article" && arg) view = await articlePage(arg, route.query);
    else if (page === "search") view = await searchPage(route.query);
    else if (page === "quotes") view = await quotesPage(route.query);
    else if (page === "rejects") view = await rejectsPage(route.query);
    else view = h("section", { class: "empty" }, h("h1", {}, "Page not found"), h("p", {}, h("a", { href: "#/" }, "Back to the storylines")));
    if (stale()) return;
    mount(app, view);
    const target = route.query.get("hl") ? document.querySelector(".hl-cite") : null;
    if (target) target.scrollIntoView({ block: "center" });
    else if (!route.query.get("keep")) window.scrollTo(0, 0);
  } catch (e) {
    if (stale()) return;
    const msg = e instanceof ApiError ? `${e.message}` : e instanceof Error ? e.message : String(e);
    mount(app, h("section", { class: "error-box", role: "alert" }, h("h1", {}, e instanceof ApiError && e.status === 404 ? "Not found" : "Something went wrong"), h("p", {}, msg), h("p", {}, h("a", { href: "#/" }, "Back to the storylines"))));
  }
  document.title = `${document.querySelector("#app h1")?.textContent ?? "Dossier"} · Dossier`;
}

document.getElementById("topsearch")!.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const q = (new FormData(ev.target as HTMLFormElement).get("q") ?? "").toString().trim();
  if (q) navigate("search", { q });
});

window.addEventListener("hashchange", () => void render());
void render();
