// Labels and key actors for stories and storylines: the terms and names that are frequent inside a
// cluster and rare outside it (tf-idf over clusters, counted per article so one long article does
// not dominate). Names come from the entity stage when articles carry them; otherwise from runs of
// capitalized words that do not start a sentence ("Wang Wenbin", "Justice Department").

import type { Story, Storyline } from "../core/types.ts";
import { splitSentences } from "../nlp/sentences.ts";
import type { BatchResult } from "./batch.ts";
import type { ClusterDoc } from "./clustering.ts";
import { stem } from "./features.ts";

const NOT_NAMES = new Set(
  (
    "the a an and but or if in on at of for to by with from as this that these those it its he she they we i " +
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august " +
    "september october november december mr mrs ms dr said says according however meanwhile also file photo all " +
    "some many most no not we our you your there here"
  ).split(" "),
);

const WORD_STOP = new Set(
  (
    "the a an and or of to in on at for by with from as is was were be been are has have had that this it its he she " +
    "they their his her who which said says will would not but after before about into over more than also other " +
    "its there what when where while been being could should may might can one two three new year years time " +
    "people told says just like than then them some such only most many much very any all out up us last first"
  ).split(" "),
);

/** Capitalized name runs in a text, as written ("Wang Wenbin", "U.S."), one entry per occurrence. */
export function namesIn(text: string): string[] {
  const out: string[] = [];
  const CAP = "(?:[A-Z]\\.(?:[A-Z]\\.)+|[A-Z][\\p{L}.-]*)";
  const re = new RegExp(`${CAP}(?:\\s+(?:of\\s+(?:the\\s+)?)?${CAP})*`, "gu");
  for (const s of splitSentences(text)) {
    const sentence = text.slice(s.start, s.end);
    re.lastIndex = 0;
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      // Possessives and trailing dots that are not part of an abbreviation ("China's", "Inc.").
      let words = m[0].replace(/['’]s\b/g, "").split(/\s+/).map((w) => (/^(?:[A-Z]\.)+$/.test(w) ? w : w.replace(/[.-]+$/, "")));
      const first = m.index === 0 || /^[“"'‘(—–-]\s*$/.test(sentence.slice(0, m.index));
      // Leading and trailing function words, weekdays and months are not part of the name.
      while (words.length && NOT_NAMES.has(words[0]!.toLowerCase())) words = words.slice(1);
      while (words.length && NOT_NAMES.has(words[words.length - 1]!.toLowerCase())) words = words.slice(0, -1);
      if (!words.length) continue;
      // A sentence-initial single word is just a capitalized word.
      if (first && words.length === 1 && m[0].split(/\s+/).length === 1 && !/^(?:[A-Z]\.)+$/.test(words[0]!)) continue;
      const name = words.join(" ");
      if (name.length >= 2 && words.length <= 6) out.push(name);
    }
  }
  return out;
}

interface Profile {
  names: Map<string, number>;
  /** Occurrences of each name across the group's articles. */
  nameHits: Map<string, number>;
  wordHits: Map<string, number>;
  /** Surface form of each word stem (the commonest). */
  words: Map<string, number>;
  surface: Map<string, Map<string, number>>;
}

function profile(docs: readonly ClusterDoc[]): Profile {
  const names = new Map<string, number>();
  const nameHits = new Map<string, number>();
  const wordHits = new Map<string, number>();
  const words = new Map<string, number>();
  const surface = new Map<string, Map<string, number>>();
  for (const d of docs) {
    const ns = d.entities?.length ? d.entities : namesIn(d.text);
    for (const n of new Set(ns)) names.set(n, (names.get(n) ?? 0) + 1);
    for (const n of ns) nameHits.set(n, (nameHits.get(n) ?? 0) + 1);
    const seen = new Set<string>();
    for (const w of d.text.match(/\p{L}+/gu) ?? []) {
      const lw = w.toLowerCase();
      if (lw.length < 4 || WORD_STOP.has(lw)) continue;
      const k = stem(lw);
      let sf = surface.get(k);
      if (!sf) surface.set(k, (sf = new Map()));
      sf.set(lw, (sf.get(lw) ?? 0) + 1);
      wordHits.set(k, (wordHits.get(k) ?? 0) + 1);
      if (seen.has(k)) continue;
      seen.add(k);
      words.set(k, (words.get(k) ?? 0) + 1);
    }
  }
  return { names, nameHits, wordHits, words, surface };
}

export interface Description {
  label: string;
  keyActors: string[];
  terms: string[];
}

/**
 * Describes each group of articles against the others: key actors are the names in the most
 * articles of the group weighed by how few groups share them; the label joins the top two actors
 * and the top three subject words.
 */
export function describeGroups(groups: readonly (readonly ClusterDoc[])[], opts: { actors?: number; terms?: number } = {}): Description[] {
  const nActors = opts.actors ?? 5, nTerms = opts.terms ?? 3;
  const profiles = groups.map(profile);
  const nameGroups = new Map<string, number>();
  const wordGroups = new Map<string, number>();
  for (const p of profiles) {
    for (const n of p.names.keys()) nameGroups.set(n, (nameGroups.get(n) ?? 0) + 1);
    for (const w of p.words.keys()) wordGroups.set(w, (wordGroups.get(w) ?? 0) + 1);
  }
  const G = groups.length;
  // With a single group there is nothing to contrast with: idf is 1 for everything.
  const idf = (df: number) => (G > 1 ? Math.log((G + 1) / df) : 1);
  return profiles.map((p, gi) => {
    const size = groups[gi]!.length || 1;
    const actors = [...p.names]
      .filter(([n, c]) => c >= Math.min(2, size) && !/^[A-Z]\.?$/.test(n))
      // In how many articles, then how often (which decides within a single article).
      .map(([n, c]) => ({ n, s: (c / size + 0.2 * Math.log1p(p.nameHits.get(n)! / size)) * idf(nameGroups.get(n)!) }))
      .sort((a, b) => b.s - a.s || (a.n < b.n ? -1 : 1));
    // A short name inside a longer chosen one ("Wang" in "Wang Wenbin") adds nothing.
    const keyActors: string[] = [];
    for (const { n } of actors) {
      if (keyActors.some((k) => k.split(" ").includes(n) || n.split(" ").includes(k))) continue;
      keyActors.push(n);
      if (keyActors.length >= nActors) break;
    }
    const nameWords = new Set(keyActors.flatMap((k) => k.toLowerCase().split(/\s+/)).map(stem));
    const terms = [...p.words]
      .filter(([w]) => !nameWords.has(w))
      .map(([w, c]) => ({ w, s: (c / size + 0.2 * Math.log1p(p.wordHits.get(w)! / size)) * idf(wordGroups.get(w)!) }))
      .sort((a, b) => b.s - a.s || (a.w < b.w ? -1 : 1))
      .slice(0, nTerms)
      .map(({ w }) => {
        const sf = p.surface.get(w)!;
        return [...sf].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
      });
    const label = [...keyActors.slice(0, 2), ...terms].join(", ");
    return { label, keyActors, terms };
  });
}

/** Turns a batch clustering into the store's `Story` and `Storyline` records, with labels. */
export function describeBatch(docs: readonly ClusterDoc[], result: BatchResult): { stories: Story[]; storylines: Storyline[] } {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const originals = (ids: readonly string[]) => ids.map((id) => byId.get(id)!).filter((d) => d && !d.copyOf);
  const storyDocs = result.stories.map((s) => originals(s.articleIds));
  const storyDesc = describeGroups(storyDocs);
  const stories: Story[] = result.stories.map((s, i) => ({
    id: s.id,
    label: storyDesc[i]!.label,
    articleIds: [...s.articleIds],
    firstSeen: s.first,
    lastSeen: s.last,
    keyEntities: storyDesc[i]!.keyActors,
    storylineId: s.storyline,
  }));
  const storyById = new Map(result.stories.map((s) => [s.id, s]));
  const lineDocs = result.storylines.map((l) => originals(l.storyIds.flatMap((sid) => storyById.get(sid)!.articleIds)));
  const lineDesc = describeGroups(lineDocs);
  const storylines: Storyline[] = result.storylines.map((l, i) => ({
    id: l.id,
    label: lineDesc[i]!.label,
    storyIds: [...l.storyIds],
    keyActors: lineDesc[i]!.keyActors,
  }));
  return { stories, storylines };
}
