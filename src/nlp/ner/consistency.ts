// Document-level label consistency, applied after Viterbi. News names a person in full once
// ("Donald Trump", "Wang Wenbin") and then by surname alone; the tagger sees each sentence on
// its own and misses or mistypes some of those lone surnames ("Why would Trump do that?").
// Here a capitalized token that is part of a multi-word person name elsewhere in the same
// document, written alone, is a person too. PER/ORG/LOC F1 without → with (shipped model):
// eng.testa 0.8972 → 0.9042, eng.testb 0.9019 → 0.9058; lone "Trump" in PolNeAR dev tagged O:
// 123 → 37 of 588 (earlier model).

import { capClass } from "./features.ts";

/** Words that may sit inside a person's name but are no name on their own. */
const NOT_ALONE = new Set(["Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "De", "Van", "Von", "Al", "El", "La", "Le", "Du", "Di", "Da", "Bin", "St"]);

/** IOB2 tags of a document with lone name parts relabeled as persons (returns new arrays). */
export function propagatePersonNames(words: readonly (readonly string[])[], tags: readonly (readonly string[])[]): string[][] {
  const parts = new Set<string>();
  words.forEach((ws, k) => {
    const tg = tags[k]!;
    for (let i = 0; i < tg.length; i++) {
      if (tg[i] !== "B-PER") continue;
      let j = i + 1;
      while (j < tg.length && tg[j] === "I-PER") j++;
      if (j - i >= 2) for (let x = i; x < j; x++) if (capClass(ws[x]!) === 1 && ws[x]!.length > 1 && !NOT_ALONE.has(ws[x]!)) parts.add(ws[x]!);
      i = j - 1;
    }
  });
  if (!parts.size) return tags.map((t) => [...t]);
  return words.map((ws, k) => {
    const tg = [...tags[k]!];
    for (let i = 0; i < ws.length; i++) {
      if (!parts.has(ws[i]!)) continue;
      // The word must stand alone: no capitalized neighbour that could make it part of another name.
      const prevCap = i > 0 && capClass(ws[i - 1]!) !== 0;
      const nextCap = i + 1 < ws.length && capClass(ws[i + 1]!) !== 0;
      if (prevCap || nextCap) continue;
      const t = tg[i]!;
      const single = t.startsWith("B-") && (i + 1 >= tg.length || !tg[i + 1]!.startsWith("I-"));
      if (t === "O" || (single && t !== "B-PER")) tg[i] = "B-PER";
    }
    return tg;
  });
}

/**
 * One type per name within a document: a name tagged with several types takes the type it has
 * most often (ties keep each mention's own type). PER/ORG/LOC F1 after propagatePersonNames,
 * without → with (shipped model): eng.testa 0.9042 → 0.9053, eng.testb 0.9058 → 0.9061.
 * (Also tagging untagged repeats of a one-word name was tried: +0.0003, not kept.)
 */
export function harmonizeTypes(words: readonly (readonly string[])[], tags: readonly (readonly string[])[]): string[][] {
  const votes = new Map<string, Map<string, number>>();
  const spans: { k: number; i: number; j: number; key: string; type: string }[] = [];
  words.forEach((ws, k) => {
    const tg = tags[k]!;
    for (let i = 0; i < tg.length; i++) {
      if (!tg[i]!.startsWith("B-")) continue;
      const type = tg[i]!.slice(2);
      let j = i + 1;
      while (j < tg.length && tg[j] === `I-${type}`) j++;
      const key = ws.slice(i, j).join(" ");
      spans.push({ k, i, j, key, type });
      const v = votes.get(key) ?? new Map<string, number>();
      v.set(type, (v.get(type) ?? 0) + 1);
      votes.set(key, v);
      i = j - 1;
    }
  });
  const out = tags.map((t) => [...t]);
  for (const s of spans) {
    const v = votes.get(s.key)!;
    if (v.size < 2) continue;
    const ranked = [...v].sort((a, b) => b[1] - a[1]);
    if (ranked[0]![1] === ranked[1]![1] || ranked[0]![0] === s.type) continue;
    const t = ranked[0]![0];
    for (let x = s.i; x < s.j; x++) out[s.k]![x] = `${x === s.i ? "B" : "I"}-${t}`;
  }
  return out;
}
