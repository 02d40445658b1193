// Which wire agency a text credits: a copyright line ("Copyright 2024 The Associated Press", "©2023 Bloomberg L.P.",
// found by extract's findCredits) or a dateline credit near the top ("BEIJING (AP) —", "(Bloomberg) —",
// "-LRB- Reuters -RRB-" in tokenised corpora). Used to prefer the credited text as a copy group's original.

import { findCredits, normalizeOutlet } from "../extract/dateline.ts";

/** Agencies whose credit marks a text as (a copy of) their wire story. Outlets in general do not count. */
const WIRE_AGENCIES = new Set(["AP", "Reuters", "AFP", "Bloomberg", "Xinhua", "UPI", "dpa", "Kyodo", "Yonhap", "TASS", "ANI", "PTI", "IANS", "Anadolu", "EFE", "ANSA", "CP"]);

// A dateline credit sits in the first lines; further down, "(AP)" is usually a teaser for another story in
// the page furniture (t17-dev's wrapped pages carry such snippets, which made copies win the original).
const DATELINE_WINDOW = 600;
const DATELINE_CREDIT = /\(([A-Z][A-Za-z.'& -]{0,40})\)\s*[-—–]|-LRB-\s*([A-Z][A-Za-z.'& -]{0,40}?)\s*-RRB-\s*[-—–]/g;

/** Wire agencies credited by the text, canonical names ("AP", "Reuters"), sorted and unique. */
export function wireCredits(text: string): string[] {
  const out = new Set<string>();
  for (const c of findCredits(text)) {
    const agency = normalizeOutlet(c.outlet) ?? c.outlet;
    if (WIRE_AGENCIES.has(agency)) out.add(agency);
  }
  const head = text.slice(0, DATELINE_WINDOW);
  DATELINE_CREDIT.lastIndex = 0;
  for (let m = DATELINE_CREDIT.exec(head); m; m = DATELINE_CREDIT.exec(head)) {
    const agency = normalizeOutlet((m[1] ?? m[2] ?? "").trim());
    if (agency && WIRE_AGENCIES.has(agency)) out.add(agency);
  }
  return [...out].sort();
}
