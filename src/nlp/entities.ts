// Mentions → canonical entities within one article, with roles and sides ("who speaks for whom").
//
//   resolveEntities(text, spans?, options?) → { mentions, entities }
//
// - Countries: "U.S." / "US" / "United States" / "America" → one entity "United States" (kind place,
//   side itself); demonyms ("Chinese") link to the country too.
// - Capitals used for governments ("Washington and Beijing are at odds") → "Government of China"
//   (kind org, side China); capitals used as places ("a briefing in Beijing") stay places.
// - Government bodies from a written gazetteer (src/nlp/ner/world.ts) carry their side; generic ones
//   ("Foreign Ministry") take it from a qualifier ("Chinese Foreign Ministry") or, unqualified, from the
//   article's dateline or its most-mentioned country other than the United States (US news calls its
//   own ministry the State Department, so an unqualified "Foreign Ministry" is the other side's).
// - Persons: "Wang Wenbin" then "Wang" → one entity (the most recent full name containing the word);
//   roles from titles before the name and appositions after it; side from the first country, demonym
//   or government body named in a role.
// Entity keys are kind + normalized canonical name ("person:wang wenbin"), stable across articles.

import type { Entity, EntityKind, Mention } from "../core/types.ts";
import { splitSentences } from "./sentences.ts";
import { figureBySurname, figureNamed } from "./figures.ts";
import { findEntities, type EntitySpan, type NerType } from "./ner/tagger.ts";
import {
  ROLE_NOUNS,
  allSurfaceForms,
  bodyByName,
  countryByDemonymWord,
  countryByName,
  countryOfCapital,
  countryNamed,
  mayStartKnownName,
  type Body,
  type Country,
} from "./ner/world.ts";

/** Version of the resolution rules and gazetteer, for stage records; bump when they change. */
export const ENTITIES_VERSION = "1.0.0";

export interface ResolveOptions {
  /** Dateline place of the article ("BEIJING"), used to decide whose "Foreign Ministry" is meant. */
  dateline?: string | null;
}

export interface ResolvedEntities {
  mentions: Mention[];
  entities: Entity[];
}

export type { EntitySpan };

const KIND_OF: Record<NerType, EntityKind> = { PER: "person", ORG: "org", LOC: "place", MISC: "other" };

/** Normalized form for keys: lowercase, no diacritics, straight apostrophes, single spaces. */
export function normalizeName(s: string): string {
  let n = normalized.get(s);
  if (n !== undefined) return n;
  n = s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[’‘]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
  if (normalized.size >= 50_000) normalized.clear();
  normalized.set(s, n);
  return n;
}
// Names repeat within and across articles; NFKD normalization was a fifth of resolveEntities' time.
const normalized = new Map<string, string>();

export function entityKey(kind: EntityKind, name: string): string {
  return `${kind}:${normalizeName(name)}`;
}

// ---------- finding extra mentions the tagger missed ----------

let surfaceRe: RegExp | null = null;
function gazetteerSpans(text: string): EntitySpan[] {
  // (A (?=\p{Lu}) lookahead before the alternation looks like a shortcut but is 6x slower in V8:
  // 67 vs 11 ms over the PolNeAR train texts.)
  surfaceRe ??= new RegExp(
    `(?<![\\p{L}\\p{N}.])(?:${allSurfaceForms()
      .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/'/g, "['’]"))
      .join("|")})(?![\\p{L}\\p{N}]|\\.\\p{L})`,
    "gu",
  );
  const out: EntitySpan[] = [];
  surfaceRe.lastIndex = 0;
  for (let m = surfaceRe.exec(text); m; m = surfaceRe.exec(text)) {
    const s = m[0];
    const type: NerType = countryByDemonymWord(s) ? "MISC" : bodyByName(s) ? "ORG" : "LOC";
    out.push({ start: m.index, end: m.index + s.length, type, text: s });
  }
  return out;
}

/**
 * Tagger spans plus gazetteer matches, in text order. A gazetteer match replaces the tagger spans it
 * overlaps when it covers all of them ("People's Republic of China" over "Republic" + "China");
 * otherwise the tagger wins.
 */
function mergeSpans(ner: readonly EntitySpan[], gaz: readonly EntitySpan[]): EntitySpan[] {
  let out = [...ner];
  for (const g of gaz) {
    const hit = out.filter((n) => n.start < g.end && g.start < n.end);
    if (!hit.length) out.push(g);
    else if (hit.every((n) => g.start <= n.start && n.end <= g.end && n.end - n.start < g.end - g.start)) {
      out = out.filter((n) => !hit.includes(n));
      out.push(g);
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

// ---------- persons ----------

const TITLE_WORDS = new Set(
  "mr mrs ms miss dr prof sir dame president vice premier minister secretary sen senator rep representative gov governor gen general adm admiral col lt sgt capt ambassador judge justice chairman chief director lord lady king queen prince princess pope rev father sheikh sheriff mayor".split(
    " ",
  ),
);

/** "President Joe Biden's" → "Joe Biden" (titles inside the span and the possessive dropped). */
function personName(s: string): string {
  let words = s.replace(/['’]s$/, "").replace(/\s+/g, " ").trim().split(" ");
  while (words.length > 1 && TITLE_WORDS.has(words[0]!.replace(/\.$/, "").toLowerCase())) words = words.slice(1);
  return words.join(" ");
}

// ---------- roles ----------

const ROLE_CONNECTORS = new Set(["of", "for", "the", "and", "'s", "’s", "&", "on"]);
const ROLE_MODIFIERS = new Set(
  "deputy assistant vice senior top former acting chief foreign public security national homeland drug control policy international narcotics law enforcement affairs state defense justice commerce trade finance treasury interior health military special presidential press information regular team delegation ministry department office council committee party government administration federal".split(
    " ",
  ),
);
const STOP_CAPS = new Set("The A An When While But And As After Before If In On At For With By From To Of Speaking According Meanwhile However Then".split(" "));

/** Is this word a role noun? "Spokesman", "secretary's", "president-elect" (any part of a hyphenated word). */
function isRoleNoun(w: string): boolean {
  const lw = w.toLowerCase().replace(/['’]s$/, "");
  return ROLE_NOUNS.has(lw) || (lw.includes("-") && lw.split("-").some((p) => ROLE_NOUNS.has(p)));
}

function hasRoleNoun(words: readonly string[]): boolean {
  return words.some(isRoleNoun);
}

/** Title words right before a name: "Chinese Foreign Ministry spokesman" in "... spokesman Wang Wenbin". */
function titleBefore(text: string, sentStart: number, start: number, personWords: ReadonlySet<string>): string | null {
  const seg = text.slice(Math.max(sentStart, start - 160), start);
  if (!/\s$/.test(seg) || /,\s*$/.test(seg)) return null;
  const words = seg.trimEnd().split(/\s+/);
  const kept: string[] = [];
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!;
    const bare = w.replace(/^[“"‘(]+/, "");
    const lower = bare.toLowerCase();
    const capital = /^\p{Lu}/u.test(bare);
    if (!bare || /[,;:.!?”"]$/.test(w) && !/^(?:\p{Lu}\.)+$/u.test(bare)) break;
    if (capital && STOP_CAPS.has(bare) && kept.length) break;
    // Another person's name ends the title: "President Xi Jinping and US President Joe Biden".
    if (capital && personWords.has(bare.replace(/['’]s$/, ""))) break;
    // A dash between words ("FILE - Former President") ends the title.
    if (/^[-–—]+$/.test(bare)) break;
    if (capital || isRoleNoun(bare) || ROLE_MODIFIERS.has(lower) || (ROLE_CONNECTORS.has(lower) && kept.length)) kept.unshift(bare);
    else break;
    if (bare !== w) break; // an opening quote or bracket starts the phrase
  }
  while (kept.length && (ROLE_CONNECTORS.has(kept[0]!.toLowerCase()) || STOP_CAPS.has(kept[0]!))) kept.shift();
  return kept.length && hasRoleNoun(kept) ? kept.join(" ") : null;
}

/** An apposition after a name: "Todd Robinson, the assistant secretary of state for ..., told". */
function appositionAfter(text: string, sentEnd: number, end: number): string | null {
  const seg = text.slice(end, Math.min(sentEnd, end + 200));
  const m = /^\s*,\s+(?:(?:the|a|an)\s+)?([^,;:()“”"]{3,160}?)\s*(?:[,;]|[.!?]?$)/u.exec(seg);
  if (!m) return null;
  const phrase = m[1]!.trim();
  const words = phrase.split(/\s+/);
  // Relative clauses, reporting phrases and prepositional phrases are no appositions ("…, according to …").
  if (
    words.length > 18 ||
    /^(?:who|which|that|said|says|told|and|but|he|she|they|it|according|including|on|in|at|for|from|with|after|before|during|as|when|while|where|if|because|though|although)\b/i.test(phrase)
  )
    return null;
  return hasRoleNoun(words) ? phrase : null;
}

/** "The head of the US team, Jen Daskal, ..." → "head of the US team". */
function appositionBefore(text: string, sentStart: number, start: number, end: number, sentEnd: number): string | null {
  if (!/^\s*,/.test(text.slice(end, sentEnd))) return null;
  const seg = text.slice(Math.max(sentStart, start - 120), start);
  const m = /(?:^|[,;:]\s*)(?:(?:the|a|an)\s+)?([^,;:“”"]{3,100}),\s*$/iu.exec(seg);
  if (!m) return null;
  const phrase = m[1]!.trim();
  const words = phrase.split(/\s+/);
  if (words.length > 10 || /\b(?:said|says|told|is|was|are|were)\b/i.test(phrase)) return null;
  return hasRoleNoun(words) ? phrase : null;
}

/** The side a role speaks for: its first country, demonym or government body (skipping "to China"). */
function sideOfPhrase(phrase: string, fallback: string | null): string | null {
  const words = phrase.split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    const prev = (words[i - 1] ?? "").toLowerCase();
    if (prev === "to" || prev === "in" || prev === "with") continue;
    if (!mayStartKnownName(words[i]!)) continue;
    for (let n = Math.min(6, words.length - i); n >= 1; n--) {
      const raw = words.slice(i, i + n).join(" ").replace(/['’]s$/, "");
      // Try as written ("U.S.") and without trailing punctuation ("China,").
      for (const s of [raw, raw.replace(/[,.;:]+$/, "").replace(/['’]s$/, "")]) {
        const c = countryByName(s) ?? (n === 1 ? countryByDemonymWord(s) : undefined);
        if (c) return c.name;
        const b = bodyByName(s);
        if (b) return b.side ?? fallback;
      }
    }
  }
  // US-only titles; "House Speaker" and "secretary of state" are the US offices in international news.
  if (/secretary of state|attorney general|homeland security|national security adviser|house speaker|senator|congress(?:wo)?man/i.test(phrase)) return "United States";
  if (/\b(?:foreign|defen[cs]e|commerce|public security)\s+(?:ministry|minister)\b|ministry/i.test(phrase)) return fallback;
  return null;
}

// ---------- main ----------

interface Draft {
  key: string;
  name: string;
  kind: EntityKind;
  aliases: Set<string>;
  roles: string[];
  side: string | null;
  /** For persons: name tokens. */
  tokens: string[];
  lastSeen: number;
}

const LOCATIVE_BEFORE =
  /\b(?:in|at|to|into|near|outside|around|across|toward|towards|via|visited|visiting|visit|of|through|based|arrived|flew|trip)\s+(?:(?:north|south|east|west|central|northern|southern|eastern|western|downtown|greater|suburban)(?:ern)?\s+)?$/i;

// A capital stands for its government only in a political role; in finance news "Tokyo" and
// "London" are markets, in travel news places. So metonymy needs positive evidence:
//  - subject of a statement or an auxiliary: "Beijing has warned", "Washington said";
//  - object of a pressure verb: "urged Beijing", "credited Beijing";
//  - a pair of governments: "Washington and Beijing", "between Washington and Moscow";
//  - a claim: "complaints from Washington that ...";
//  - a possessive with a political noun: "Beijing's position".
const STATEMENT_AFTER =
  /^(?:['’]s)?\s+(?:(?:also|again|now|then|still|repeatedly|quickly|on\s+\p{Lu}\p{L}+day)\s+)?(?:has|have|had|is|was|will|would|should|could|must|can|may|might|does|did|said|says|say|insisted|insists|urged|urges|accused|accuses|warned|warns|wants|announced|rejected|rejects|denied|denies|agreed|agrees|demanded|demands|called|calls|imposed|imposes|ignored|ignores|responded|retaliated|sanctioned|opposes|opposed|condemned|condemns|criticized|criticised|blamed|blames|claimed|claims|believes|hopes|expects|plans|refused|refuses|seeks|sought|pledged|vowed|threatened|protested|summoned|expelled|banned|approved|asked|pressed|complained|argued|maintains|sees|views|promised|welcomed|hailed|backed|supports|supported|needs|must|took|takes|sent|sends|launched|recalled|suspended|halted|resumed|reached|signed|struck|offered|proposed|insisted)\b/iu;
const PRESSURE_BEFORE =
  /\b(?:urged|urging|pressed|pressing|pushed|pushing|credited|accused|accusing|blamed|criticized|criticised|warned|told|asked|sanctioned|pressured|called\s+on|calling\s+on|lobbied|condemned|praised|thanked|invited|snubbed|rebuked|defied)\s+$/i;
const POLITICAL_POSSESSIVE =
  /^['’]s\s+(?:(?:new|latest|own|recent|official|top|chief)\s+)?(?:government|position|policy|policies|stance|claims?|goodwill|response|decision|sanctions|crackdown|leaders?|leadership|demands?|concerns?|efforts?|approach|actions?|support|calls?|side|officials?|diplomats?|envoys?|ambassador|relations|ties|pressure|accusations?|complaints?|commitments?|intentions|strategy|military|retaliation|request|refusal|rhetoric|message|warning|proposal|plan|push|move|bid|role)\b/i;

/** Is a capital city mention used for its government ("Washington and Beijing are at odds")? */
function isMetonymic(text: string, span: EntitySpan): boolean {
  const before = text.slice(Math.max(0, span.start - 40), span.start);
  const after = text.slice(span.end, span.end + 60);
  // Datelines: "BEIJING (AP) —" or a capitals-only place at the start of a line.
  if (span.text === span.text.toUpperCase() && (span.start === 0 || /\n\s*$/.test(before))) return false;
  if (LOCATIVE_BEFORE.test(before)) return false;
  if (/^-based|^\s*\(|^\s+(?:city|municipality|residents?|airport|streets?|state|time)\b/i.test(after)) return false;
  if (POLITICAL_POSSESSIVE.test(after)) return true;
  if (/^['’]s/.test(after)) return false;
  if (STATEMENT_AFTER.test(after)) return true;
  if (PRESSURE_BEFORE.test(before)) return true;
  const other = (s: string) => countryOfCapital(s) ?? countryByName(s);
  const pairAfter = /^\s+and\s+(\p{Lu}[\p{L}.]+(?:\s+\p{Lu}[\p{L}.]+)?)/u.exec(after);
  if (pairAfter && other(pairAfter[1]!)) return true;
  const pairBefore = /(\p{Lu}[\p{L}.]+)\s+and\s+$/u.exec(before);
  if (pairBefore && other(pairBefore[1]!)) return true;
  if (/\bbetween\s+$/i.test(before)) return true;
  if (/\b(?:from|by)\s+$/i.test(before) && /^\s+that\b/i.test(after)) return true;
  return false;
}

/**
 * Canonical entities of one article. `spans` are tagger spans (findEntities(text) when omitted);
 * gazetteer names the tagger missed are added. Mentions come back in text order, each with the key
 * of its entity; entities in order of first mention.
 */
export function resolveEntities(text: string, spans?: readonly EntitySpan[], options: ResolveOptions = {}): ResolvedEntities {
  const all = mergeSpans(repairSpans(text, spans ?? findEntities(text)), gazetteerSpans(text));
  const sentences = splitSentences(text);
  const sentenceOf = (pos: number) => {
    let lo = 0, hi = sentences.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = sentences[mid]!;
      if (pos < s.start) hi = mid - 1;
      else if (pos >= s.end) lo = mid + 1;
      else return s;
    }
    return { start: 0, end: text.length };
  };

  // The article's own country for unqualified ministries: the dateline, else the most-mentioned non-US country.
  const counts = new Map<string, number>();
  for (const s of all) {
    const c = countryByName(s.text) ?? countryByDemonymWord(s.text) ?? (s.type === "LOC" ? countryOfCapital(s.text) : undefined);
    if (c) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
  }
  const datelineCountry = options.dateline ? countryByName(options.dateline) ?? countryOfCapital(options.dateline) : undefined;
  // The United States has no ministries (its foreign ministry is the State Department), so in a
  // Washington-datelined story an unqualified "Foreign Ministry" is the other country's.
  const homeCountry =
    (datelineCountry && datelineCountry.name !== "United States" ? datelineCountry.name : null) ??
    [...counts].filter(([c]) => c !== "United States").sort((a, b) => b[1] - a[1])[0]?.[0] ??
    null;

  const drafts = new Map<string, Draft>();
  const order: string[] = [];
  const persons: Draft[] = [];
  const mentions: Mention[] = [];

  // Generic bodies ("Foreign Ministry") get the side into their key: China's and Japan's differ.
  const bodyHasOwnSide = (name: string) => {
    const b = bodyByName(name);
    return !b || b.side !== null;
  };
  const upsert = (kind: EntityKind, name: string, side: string | null, surface: string, pos: number): Draft => {
    const key = entityKey(kind, side && kind === "org" && !bodyHasOwnSide(name) ? `${name} (${side})` : name);
    let d = drafts.get(key);
    if (!d) {
      d = { key, name, kind, aliases: new Set(), roles: [], side, tokens: name.split(" "), lastSeen: pos };
      drafts.set(key, d);
      order.push(key);
    }
    if (surface !== d.name) d.aliases.add(surface);
    // A dateline in capitals ("BEIJING") gives way to the ordinary spelling when one shows up.
    if (d.name === d.name.toUpperCase() && surface !== surface.toUpperCase() && normalizeName(surface) === normalizeName(d.name)) {
      d.aliases.add(d.name);
      d.name = surface;
    }
    d.side ??= side;
    d.lastSeen = pos;
    return d;
  };
  const countryDraft = (c: Country, surface: string, pos: number) => upsert("place", c.name, c.name, surface, pos);

  const personWords = new Set<string>();
  for (const s of all) if (s.type === "PER" && /\s/.test(s.text)) for (const w of s.text.split(/\s+/)) personWords.add(w);

  for (let k = 0; k < all.length; k++) {
    const span = all[k]!;
    const surface = span.text.replace(/['’]s$/, "");
    const prev = k > 0 ? all[k - 1]! : null;
    const qualifier =
      prev && /^(?:['’]s)?\s*$/.test(text.slice(prev.end, span.start)) ? countryByName(prev.text) ?? countryByDemonymWord(prev.text) : undefined;
    let d: Draft;
    let mentionKind: EntityKind;
    // A span the tagger calls a person stays a person when its word is part of a full person name
    // in the article ("Michael Jordan" … "Jordan"); otherwise a lone country or capital name
    // ("Jordan", "Washington") is the country or capital.
    const isPer = span.type === "PER" && (!(countryByName(surface) ?? countryOfCapital(surface)) || personWords.has(surface));
    const country = isPer ? undefined : countryByName(surface);
    const demonym = country || isPer ? undefined : countryByDemonymWord(surface);
    const capital = country || demonym || isPer ? undefined : countryOfCapital(surface);
    if (country) {
      d = countryDraft(country, surface, span.start);
      mentionKind = "place";
    } else if (demonym) {
      d = countryDraft(demonym, surface, span.start);
      mentionKind = "place";
    } else if (capital && isMetonymic(text, span)) {
      d = upsert("org", governmentName(capital.name), capital.name, surface, span.start);
      mentionKind = "org";
    } else if (isPer) {
      d = resolvePerson(personName(surface), surface, span.start, persons, upsert);
      mentionKind = "person";
    } else {
      const { body, inside } = bodyOf(surface);
      if (body) {
        const side = body.side ?? inside?.name ?? qualifier?.name ?? homeCountry;
        d = upsert("org", body.name, side, surface, span.start);
        mentionKind = "org";
      } else {
        const kind = capital ? "place" : KIND_OF[span.type];
        const name = surface.replace(/^the\s+/i, "");
        const side = kind === "org" ? inside?.name ?? qualifier?.name ?? null : null;
        d = upsert(kind, name, side, surface, span.start);
        mentionKind = kind;
      }
    }
    mentions.push({ start: span.start, end: span.end, text: span.text, kind: mentionKind, entity: d.key });

    if (d.kind === "person") {
      const sent = sentenceOf(span.start);
      const before = titleBefore(text, sent.start, span.start, personWords);
      const after = appositionAfter(text, sent.end, span.end);
      const lead = appositionBefore(text, sent.start, span.start, span.end, sent.end);
      for (const [role, at] of [
        [before, before ? text.lastIndexOf(before, span.start) : -1],
        [after, after ? text.indexOf(after, span.end) : -1],
        [lead, lead ? text.lastIndexOf(lead, span.start) : -1],
      ] as const) {
        if (!role || d.roles.includes(role)) continue;
        d.roles.push(role);
        // A country or government body in the role first; else an organization named in it
        // ("a spokeswoman for the World Health Organization").
        d.side ??= sideOfPhrase(role, homeCountry) ?? (at >= 0 ? organizationIn(all, at, at + role.length) : null);
      }
    }
  }

  // A lone surname seen before the full name ("Wang ... Wang Wenbin"): merge into the full name when unambiguous.
  const keyMap = new Map<string, string>();
  for (const p of persons) {
    if (p.tokens.length !== 1) continue;
    const lone = normalizeName(p.tokens[0]!);
    const full = persons.filter((q) => q.tokens.length > 1 && q.tokens.some((t) => normalizeName(t) === lone));
    if (full.length === 0) {
      // No full name in the article: a surname only one public figure bears ("Biden") is that figure.
      const fig = figureBySurname(p.name);
      if (fig && drafts.has(p.key) && !drafts.has(entityKey("person", fig.name))) {
        const renamed: Draft = { ...p, key: entityKey("person", fig.name), name: fig.name, tokens: fig.name.split(" ") };
        renamed.aliases.add(p.name);
        renamed.side ??= fig.country;
        drafts.delete(p.key);
        drafts.set(renamed.key, renamed);
        order[order.indexOf(p.key)] = renamed.key;
        keyMap.set(p.key, renamed.key);
      }
      continue;
    }
    if (full.length !== 1) continue;
    const f = full[0]!;
    for (const a of [p.name, ...p.aliases]) f.aliases.add(a);
    for (const r of p.roles) if (!f.roles.includes(r)) f.roles.push(r);
    f.side ??= p.side;
    keyMap.set(p.key, f.key);
    drafts.delete(p.key);
  }
  // A head of state or minister the article gives no country for still speaks for their government.
  for (const p of persons) if (drafts.has(p.key)) p.side ??= figureNamed(p.name)?.country ?? null;
  const entities: Entity[] = order
    .filter((k) => drafts.has(k))
    .map((k) => {
      const d = drafts.get(k)!;
      d.aliases.delete(d.name);
      return { key: d.key, name: d.name, kind: d.kind, aliases: [...d.aliases], roles: d.roles, side: d.side };
    });
  return { mentions: mentions.map((m) => (keyMap.has(m.entity) ? { ...m, entity: keyMap.get(m.entity)! } : m)), entities };
}

const NEEDS_THE = new Set(["United States", "United Kingdom", "United Arab Emirates", "Netherlands", "Philippines"]);
function governmentName(country: string): string {
  return `Government of ${NEEDS_THE.has(country) ? "the " : ""}${country}`;
}

/** Tagger slips worth repairing before resolution: "U.S.-China" (two countries as one name) and
 *  "House Speaker Nancy Pelosi" tagged as one organization (a title followed by a person's name). */
function repairSpans(text: string, spans: readonly EntitySpan[]): EntitySpan[] {
  const out: EntitySpan[] = [];
  for (const s of spans) {
    const parts = s.text.split(/[-–]/);
    if (parts.length > 1 && parts.every((p) => countryByName(p) || countryByDemonymWord(p))) {
      let at = s.start;
      for (const p of parts) {
        out.push({ start: at, end: at + p.length, type: countryByName(p) ? "LOC" : "MISC", text: p });
        at += p.length + 1;
      }
      continue;
    }
    if ((s.type === "ORG" || s.type === "MISC" || s.type === "LOC") && figureNamed(s.text)) {
      out.push({ ...s, type: "PER" });
      continue;
    }
    if (s.type === "ORG" || s.type === "MISC") {
      const m = /^(.*\b(?:Speaker|President|Secretary|Minister|Director|Chairman|Senator|Governor|Ambassador|Spokesman|Spokeswoman|Spokesperson|Leader|Chief))\s+((?:\p{Lu}[\p{L}'’.-]*\s+){1,2}\p{Lu}[\p{L}'’-]+)$/u.exec(s.text);
      if (m) {
        const start = s.start + s.text.length - m[2]!.length;
        out.push({ start, end: s.end, type: "PER", text: text.slice(start, s.end) });
        continue;
      }
    }
    out.push(s);
  }
  return out;
}

/** The first organization tagged inside [start, end): its own side when it is a known body, else its name. */
function organizationIn(spans: readonly EntitySpan[], start: number, end: number): string | null {
  for (const s of spans) {
    if (s.type !== "ORG" || s.start < start || s.end > end) continue;
    const surface = s.text.replace(/['’]s$/, "");
    const { body, inside } = bodyOf(surface);
    return body?.side ?? inside?.name ?? body?.name ?? surface.replace(/^the\s+/i, "");
  }
  return null;
}

/** A government body named by a mention, allowing a country qualifier inside ("U.S. Justice Department"). */
function bodyOf(surface: string): { body: Body | undefined; inside: Country | undefined } {
  const direct = bodyByName(surface);
  if (direct) return { body: direct, inside: undefined };
  const words = surface.replace(/^the\s+/i, "").split(/\s+/);
  // Both searches below try phrases that start with the first word.
  if (!mayStartKnownName(words[0]!)) return { body: undefined, inside: undefined };
  for (let i = 1; i < words.length; i++) {
    const head = words.slice(0, i).join(" ").replace(/['’]s$/, "");
    const c = countryByName(head) ?? countryByDemonymWord(head);
    if (!c) continue;
    const rest = words.slice(i).join(" ");
    return { body: bodyByName(rest), inside: c };
  }
  // "Ministry of Public Security's Institute of Forensic Science": a unit of a known body speaks for its side.
  for (let i = words.length - 1; i >= 1; i--) {
    const b = bodyByName(words.slice(0, i).join(" ").replace(/['’]s$/, ""));
    if (b?.side) return { body: undefined, inside: countryNamed(b.side) };
  }
  return { body: undefined, inside: undefined };
}

function resolvePerson(
  name: string,
  surface: string,
  pos: number,
  persons: Draft[],
  upsert: (kind: EntityKind, name: string, side: string | null, surface: string, pos: number) => Draft,
): Draft {
  const tokens = name.split(" ");
  const norm = (t: string) => normalizeName(t);
  if (tokens.length === 1) {
    // "Wang" → the most recently mentioned person whose name contains it (last name first, then any token).
    const t = norm(tokens[0]!);
    const cands = persons.filter((p) => p.tokens.length > 1 && p.tokens.some((x) => norm(x) === t));
    if (cands.length) {
      const best = cands.sort((a, b) => b.lastSeen - a.lastSeen)[0]!;
      if (surface !== best.name) best.aliases.add(surface);
      best.lastSeen = pos;
      return best;
    }
  } else {
    // A longer or shorter form of a known full name ("Joe Biden" / "Joseph R. Biden" share first+last).
    const first = norm(tokens[0]!), last = norm(tokens[tokens.length - 1]!);
    const same = persons.find((p) => p.tokens.length > 1 && norm(p.tokens[0]!) === first && norm(p.tokens[p.tokens.length - 1]!) === last);
    if (same) {
      if (surface !== same.name) same.aliases.add(surface);
      same.lastSeen = pos;
      return same;
    }
  }
  const d = upsert("person", name, null, surface, pos);
  if (!persons.includes(d)) persons.push(d);
  return d;
}

/**
 * The entity named at [start, end) — for linking a quote's speaker span: the mention that overlaps
 * the span most (ties: the earlier one), or null when no mention overlaps it.
 */
export function entityAt(resolved: ResolvedEntities, start: number, end: number): { mention: Mention; entity: Entity } | null {
  let best: Mention | null = null;
  let bestOverlap = 0;
  for (const m of resolved.mentions) {
    const overlap = Math.min(end, m.end) - Math.max(start, m.start);
    if (overlap > bestOverlap) {
      best = m;
      bestOverlap = overlap;
    }
  }
  if (!best) return null;
  const entity = resolved.entities.find((e) => e.key === best.entity);
  return entity ? { mention: best, entity } : null;
}
