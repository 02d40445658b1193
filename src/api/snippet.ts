// Search snippets computed from the article text. The SQLite store's FTS snippet() runs inside a join whose
// plan can attach one row's snippet to every hit (seen on the demo: all hits for "fentanyl" showed the AP
// wire's sentence), so the API rebuilds each snippet from the hit's own text: the window of `words` words
// around the first query term, with matched words wrapped in [brackets] like FTS5's snippet().

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** Query terms, lower-cased; FTS operators and quotes are dropped. */
export function queryTerms(q: string): string[] {
  const words = q.toLowerCase().match(WORD) ?? [];
  return [...new Set(words.filter((w) => !["and", "or", "not", "near"].includes(w)))];
}

/** Whether a word matches a term: same word, or sharing the term's stem (porter-like: first 5+ letters). */
function matches(word: string, terms: string[]): boolean {
  const w = word.toLowerCase();
  return terms.some((t) => w === t || (t.length >= 5 && w.startsWith(t.slice(0, Math.max(5, t.length - 2)))) || (w.length >= 5 && t.startsWith(w)));
}

export function makeSnippet(text: string, q: string, words = 24): string {
  const terms = queryTerms(q);
  const tokens = [...text.matchAll(WORD)];
  if (!tokens.length) return "";
  let first = tokens.findIndex((m) => matches(m[0], terms));
  if (first < 0) first = 0;
  const startTok = Math.max(0, first - Math.floor(words / 3));
  const endTok = Math.min(tokens.length, startTok + words);
  const from = tokens[startTok]!.index!;
  const last = tokens[endTok - 1]!;
  const to = last.index! + last[0].length;
  let out = "";
  let at = from;
  for (let i = startTok; i < endTok; i++) {
    const m = tokens[i]!;
    out += text.slice(at, m.index!).replace(/[\[\]]/g, "");
    out += matches(m[0], terms) ? `[${m[0]}]` : m[0];
    at = m.index! + m[0].length;
  }
  out = out.replace(/\s+/g, " ").trim();
  return `${startTok > 0 ? "… " : ""}${out}${endTok < tokens.length || to < text.length - 1 ? " …" : ""}`;
}
