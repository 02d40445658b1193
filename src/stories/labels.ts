// Labels and key actors for stories and storylines: the terms and names that are frequent inside a
// cluster and rare outside it (tf-idf over clusters, counted per article so one long article does
// not dominate). Names come from the entity stage when articles carry them; otherwise from the
// entity tagger (src/nlp/ner), or from runs of capitalized words that do not start a sentence
// (`namesIn`: no model, for callers that want none).

import type { Story, Storyline } from "../core/types.ts";
import { splitSentences } from "../nlp/sentences.ts";
import type { BatchResult } from "./batch.ts";
import type { ClusterDoc } from "./clustering.ts";
import { stem } from "./features.ts";
import { findEntities } from "../nlp/ner/tagger.ts";

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
  // Words may carry a possessive inside a name ("People's Republic of China"); a possessive at
  // the end of a name is dropped ("Kamali's office" gives "Kamali").
  const CAP = "(?:[A-Z]\\.(?:[A-Z]\\.)+|[A-Z][\\p{L}.-]*(?:['’]s)?)";
  const re = new RegExp(`${CAP}(?:\\s+(?:of\\s+(?:the\\s+)?)?${CAP})*`, "gu");
  const found: { words: string[]; initial: boolean; single: boolean }[] = [];
  for (const s of splitSentences(text)) {
    const sentence = text.slice(s.start, s.end);
    re.lastIndex = 0;
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      let words = m[0]
        .replace(/['’]s$/, "")
        .split(/\s+/)
        .map((w) => (/^(?:[A-Z]\.)+$/.test(w) ? w : w.replace(/[.-]+$/, "")));
      const initial = m.index === 0 || /^[“"'‘(—–-]\s*$/.test(sentence.slice(0, m.index));
      // Leading and trailing function words, weekdays and months are not part of the name.
      while (words.length && NOT_NAMES.has(words[0]!.toLowerCase())) words = words.slice(1);
      while (words.length && NOT_NAMES.has(words[words.length - 1]!.toLowerCase())) words = words.slice(0, -1);
      if (words.length) found.push({ words, initial, single: m[0].split(/\s+/).length === 1 });
    }
  }
  // Names seen away from a sentence start are surely names: a sentence-initial run that is one of
  // them after a first word ("Later Gupta") loses that word.
  const sure = new Set(found.filter((f) => !f.initial).map((f) => f.words.join(" ")));
  const out: string[] = [];
  for (const f of found) {
    let words = f.words;
    if (f.initial && words.length > 1 && sure.has(words.slice(1).join(" "))) words = words.slice(1);
    // A sentence-initial single word is just a capitalized word.
    else if (f.initial && f.single && !/^(?:[A-Z]\.)+$/.test(words[0]!)) continue;
    const name = words.join(" ");
    if (name.length >= 2 && words.length <= 6) out.push(name);
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

/** Names of people, organizations and places found by the entity tagger (src/nlp/ner). */
export function taggedNames(text: string): string[] {
  return findEntities(text)
    .filter((e) => e.type === "PER" || e.type === "ORG" || e.type === "LOC")
    .map((e) => e.text.replace(/['’]s$/, ""));
}

export interface LabelOptions {
  actors?: number;
  terms?: number;
  /** Finds names in an article without `entities` (default: the entity tagger, `taggedNames`). */
  names?: (text: string) => string[];
}

function profile(docs: readonly ClusterDoc[], names: (text: string) => string[]): Profile {
  const nameDf = new Map<string, number>();
  const nameHits = new Map<string, number>();
  const wordHits = new Map<string, number>();
  const words = new Map<string, number>();
  const surface = new Map<string, Map<string, number>>();
  for (const d of docs) {
    const ns = d.entities?.length ? d.entities : names(d.text);
    for (const n of new Set(ns)) nameDf.set(n, (nameDf.get(n) ?? 0) + 1);
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
  // "Gupta" after "Rahul Gupta" is the same person: a one-word name folds into a two- or three-word
  // name that starts or ends with it ("Wang" into "Wang Wenbin"), but not into a name with
  // connectors ("China" stays apart from "People's Republic of China").
  const full = [...nameDf.keys()];
  const personLike = (m: string) => /^[A-Z][\p{L}'’.-]*(?: [A-Z][\p{L}'’.-]*){1,2}$/u.test(m);
  for (const n of full) {
    if (n.includes(" ")) continue;
    const host = full
      .filter((m) => personLike(m) && (m.startsWith(n + " ") || m.endsWith(" " + n)))
      .sort((a, b) => nameDf.get(b)! - nameDf.get(a)! || b.length - a.length || (a < b ? -1 : 1))[0];
    if (!host) continue;
    nameDf.set(host, Math.max(nameDf.get(host)!, nameDf.get(n)!));
    nameHits.set(host, nameHits.get(host)! + nameHits.get(n)!);
    nameDf.delete(n);
    nameHits.delete(n);
  }
  return { names: nameDf, nameHits, wordHits, words, surface };
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
export function describeGroups(groups: readonly (readonly ClusterDoc[])[], opts: LabelOptions = {}): Description[] {
  const nActors = opts.actors ?? 5, nTerms = opts.terms ?? 3;
  const names = opts.names ?? taggedNames;
  const profiles = groups.map((g) => profile(g, names));
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
export function describeBatch(docs: readonly ClusterDoc[], result: BatchResult, opts: LabelOptions = {}): { stories: Story[]; storylines: Storyline[] } {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const originals = (ids: readonly string[]) => ids.map((id) => byId.get(id)!).filter((d) => d && !d.copyOf);
  const storyDocs = result.stories.map((s) => originals(s.articleIds));
  const storyDesc = describeGroups(storyDocs, opts);
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
  const lineDesc = describeGroups(lineDocs, opts);
  const storylines: Storyline[] = result.storylines.map((l, i) => ({
    id: l.id,
    label: lineDesc[i]!.label,
    storyIds: [...l.storyIds],
    keyActors: lineDesc[i]!.keyActors,
  }));
  return { stories, storylines };
}
