// Who is speaking: finds the people an article names and resolves a quote's source mention
// (a name, a title such as "the spokesman", or a pronoun) to a canonical person.
//
// Candidate people come from the entities module when the caller passes its output
// (`{ mentions, entities }` as in Annotations); otherwise from a small capitalized-name heuristic
// below, so quotes work on their own. Resolution rules, in order:
//   - a name resolves to the longest earlier full name sharing a word with it ("Wang" → "Wang Wenbin");
//   - "the spokesman"/"the minister" resolves to the most recent person whose role holds that noun;
//   - "he"/"she" resolves to the most recent compatible person in subject position
//     (a quote's speaker or the first person named in a sentence), searching back sentence by sentence.

import type { Entity, EntityKind, Mention, Span } from "../core/types.ts";
import { isJsSpace, isLetterCp, isUpperCp } from "./quotes-chars.ts";

export interface EntityInput {
  mentions: readonly Mention[];
  entities: readonly Entity[];
}

export interface Person {
  key: string;
  name: string;
  kind: EntityKind;
  roles: string[];
  side: string | null;
  gender: "m" | "f" | null;
}

/** A place in the text where a person (or organization) is named. */
export interface NameMention extends Span {
  key: string;
  kind: EntityKind;
}

export interface SpeakerIndex {
  text: string;
  people: Map<string, Person>;
  /** Sorted by start. */
  mentions: NameMention[];
  /** Sentence spans (sorted) used for subject-position preference. */
  sentences: readonly Span[];
}

export interface ResolvedSpeaker {
  speaker: string | null;
  speakerEntity: string | null;
  side: string | null;
}

// Words that, capitalized, are titles rather than names: they split "Public Security Minister Wang Xiaohong".
const TITLE_WORDS = new Set(
  (
    "president minister secretary state director sen senator rep representative gov governor gen general spokesman spokeswoman " +
    "spokesperson chairman chairwoman chair speaker mayor judge justice ambassador adviser advisor commissioner chief deputy vice " +
    "leader premier chancellor king queen prince princess dr mr mrs ms miss prof professor pope officer head congressman " +
    "congresswoman candidate nominee host ceo founder councilman councilwoman assemblyman lt col maj sgt capt adm rev " +
    "attorney counsel administrator envoy czar coordinator inspector superintendent sheriff commander marshal lord sir dame " +
    "treasurer comptroller chairperson executive manager strategist anchor correspondent reporter editor columnist"
  ).split(" "),
);

const ORG_WORDS = new Set(
  (
    "ministry department embassy centers prevention house party committee campaign administration council university news agency service court " +
    "congress senate bank inc corp co ltd group times post journal press network foundation institute association union " +
    "commission office bureau board center centre council club team fund organization organisation company corporation media " +
    "review magazine tribune herald daily gazette channel cnn fox nbc abc cbs msnbc npr ap reuters bloomberg xinhua police force army " +
    "navy command caucus coalition authority federation league society times-picker republicans democrats school college " +
    "hospital airlines industries holdings partners capital labs security"
  ).split(" "),
);

const PLACES = new Set(
  (
    "china u.s. us usa america united states beijing washington mexico russia ukraine taiwan japan india canada britain uk " +
    "england france germany europe asia africa iran iraq syria israel gaza korea north south new york california texas florida " +
    "ohio michigan wisconsin pennsylvania iowa nevada virginia georgia arizona colorado carolina hampshire illinois chicago london " +
    "paris moscow kyiv tokyo hong kong xinjiang san francisco los angeles white"
  ).split(" "),
);

// Capitalized words that start sentences or name times, never people.
const NOT_NAMES = new Set(
  (
    "the a an but and or so yet in on at of for to by with from as if when while after before since because though although " +
    "however meanwhile still also this that these those there here it its he she they we i you his her their our my your " +
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september " +
    "october november december jan feb mar apr jun jul aug sep sept oct nov dec today yesterday tomorrow last next " +
    "what why how who where which whose not no yes now then according mr mrs ms dr some many all most one two read more " +
    "chinese american russian mexican european democratic republican democrat republican gop"
  ).split(" "),
);

const FEMALE_NAMES = new Set(
  (
    "hillary nancy janet jen jennifer mary elizabeth sarah susan karen lisa linda patricia barbara margaret kamala michelle " +
    "melania ivanka chelsea jill huma kellyanne donna debbie nikki sarah elizabeth amy kirsten maxine tulsi condoleezza " +
    "madeleine samantha ann anne anna maria laura emily jessica ashley angela theresa marine ursula christine jane kate " +
    "katherine catherine rachel rebecca sharon carly hope sheryl"
  ).split(" "),
);
const MALE_NAMES = new Set(
  (
    "donald joe joseph barack bernie ted marco john james robert michael william david richard charles thomas chris " +
    "christopher mark paul steven steve kevin brian george mike mitt jeb ben rand tim tom todd antony tony matthew rahul " +
    "xi jinping vladimir wang lin jake lloyd mitch chuck paul newt rudy reince eric jared jason corey stephen sean bill " +
    "hunter andrew peter frank gary scott jeff jeffrey greg ron rick dick al harry dan daniel jim larry adam sam samuel"
  ).split(" "),
);

const NAME_TOKEN = String.raw`(?:\p{Lu}[\p{L}'’\-]*\p{L}|\p{Lu}\.|\p{Lu}(?=\s))`;
/** Capitalized name runs ("Wang Wenbin", "Ursula von der Leyen", "J. Smith"): what nameRunSpans finds without it. */
export const NAME_RUN_RE = new RegExp(String.raw`${NAME_TOKEN}(?:[ \t\u00a0]+(?:(?:de|van|von|bin|al|da|la|le|du|der|del)[ \t\u00a0]+)?${NAME_TOKEN})*`, "gu");
const PARTICLES = ["de", "van", "von", "bin", "al", "da", "la", "le", "du", "der", "del"];

/** End of a NAME_TOKEN match at p, or -1. */
function nameTokenAt(text: string, p: number): number {
  const n = text.length;
  if (p >= n) return -1;
  const cp = text.codePointAt(p)!;
  if (!isUpperCp(cp)) return -1;
  const after = p + (cp > 0xffff ? 2 : 1);
  // \p{Lu}[\p{L}'’\-]*\p{L}: up to the last letter of the run of letters, apostrophes and hyphens.
  let lastL = -1;
  for (let j = after; j < n; ) {
    const c = text.codePointAt(j)!;
    const w = c > 0xffff ? 2 : 1;
    if (isLetterCp(c)) lastL = j + w;
    else if (c !== 39 && c !== 0x2019 && c !== 45) break;
    j += w;
  }
  if (lastL >= 0) return lastL;
  if (after < n && text.charCodeAt(after) === 46) return after + 1;
  if (after < n && isJsSpace(text.charCodeAt(after))) return after;
  return -1;
}
function skipRunSpaces(text: string, q: number): number {
  while (q < text.length && isRunSpace(text.charCodeAt(q))) q++;
  return q;
}
/** The matches of NAME_RUN_RE in text as [start, end) pairs, found by hand (the regex was most of nameRuns' time). */
export function nameRunSpans(text: string): number[] {
  const out: number[] = [];
  const n = text.length;
  for (let p = 0; p < n; ) {
    const c = text.charCodeAt(p);
    if (c < 65 || (c > 90 && c < 128)) {
      p++; // ASCII, not an uppercase letter: no token starts here
      continue;
    }
    let end = nameTokenAt(text, p);
    if (end < 0) {
      p++;
      continue;
    }
    for (;;) {
      const q = skipRunSpaces(text, end);
      if (q === end) break;
      let next = -1;
      for (const part of PARTICLES) {
        if (!text.startsWith(part, q)) continue;
        const r = skipRunSpaces(text, q + part.length);
        if (r === q + part.length) continue;
        next = nameTokenAt(text, r);
        if (next >= 0) break;
      }
      if (next < 0) next = nameTokenAt(text, q);
      if (next < 0) break;
      end = next;
    }
    out.push(p, end);
    p = end;
  }
  return out;
}

function canonicalKey(kind: EntityKind, name: string): string {
  const l = name.toLowerCase();
  // Names are mostly words joined by single spaces, which the whitespace collapse leaves alone.
  for (let i = 0; i < l.length; i++) {
    const c = l.charCodeAt(i);
    if (isJsSpace(c) && (c !== 32 || (i + 1 < l.length && isJsSpace(l.charCodeAt(i + 1))))) return `${kind}:${l.replace(/\s+/g, " ")}`;
  }
  return `${kind}:${l}`;
}

/** Drops a final possessive ("Trump’s" → "Trump", "Jones'" → "Jones"): /['’]s?$/ without a regex. */
function stripPossessive(s: string): string {
  const n = s.length;
  const last = s.charCodeAt(n - 1);
  if (last === 39 || last === 0x2019) return s.slice(0, n - 1);
  if (last === 115 && n >= 2) {
    const c = s.charCodeAt(n - 2);
    if (c === 39 || c === 0x2019) return s.slice(0, n - 2);
  }
  return s;
}

/** Lowercased, one final period dropped ("Sen." → "sen"). */
function lowerNoDot(w: string): string {
  const l = w.toLowerCase();
  return l.charCodeAt(l.length - 1) === 46 ? l.slice(0, -1) : l;
}

function isRunSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}

/** Guesses whether a capitalized run is a person, an organization, a place or neither. */
function classifyRun(words: string[]): EntityKind | null {
  const lower = words.map((w) => w.toLowerCase());
  let allPlaces = true;
  for (const w of lower) {
    if (ORG_WORDS.has(w)) return "org";
    if (allPlaces && !PLACES.has(w)) allPlaces = false;
  }
  if (allPlaces || PLACES.has(lower.length === 1 ? lower[0]! : lower.join(" "))) return "place";
  if (words.length === 1 && /^\p{Lu}{2,}$/u.test(words[0]!)) return "org";
  return "person";
}

interface Run extends Span {
  words: string[];
  role: string;
}

/** The last word of the 60 characters before `at` split at spaces/tabs/no-break spaces, as nameRuns splits them. */
function wordBefore(text: string, at: number): string {
  const lo = Math.max(0, at - 60);
  let e = at - 1;
  while (e >= lo && isRunSpace(text.charCodeAt(e))) e--;
  let b = e;
  while (b >= lo && !isRunSpace(text.charCodeAt(b))) b--;
  return text.slice(b + 1, e + 1);
}

/** The run's role with role words just before the run in lowercase ("spokesperson Wang Wenbin") put in front. */
function roleBefore(text: string, index: number, role: string): string {
  const prevChar = text[index - 1];
  if ((prevChar === " " || prevChar === "\t" || prevChar === "\u00a0") && TITLE_WORDS.has(wordBefore(text, index))) {
    // A lowercase title word right before the run ("spokesperson Wang Wenbin") and up to three words before it.
    const before = text.slice(Math.max(0, index - 60), index).split(/[ \t\u00a0]+/);
    before.pop();
    const last = before[before.length - 1];
    if (last && /^\p{Ll}/u.test(last) && TITLE_WORDS.has(last)) {
      const from = Math.max(0, before.length - 4);
      const words = before.slice(from).filter((w) => /^[\p{L}.-]+$/u.test(w));
      return (words.join(" ") + " " + role).trim();
    }
  }
  return role;
}

/** Capitalized name runs with their leading title words split off as the role. */
function nameRuns(text: string): Run[] {
  const out: Run[] = [];
  const spans = nameRunSpans(text);
  for (let r = 0; r < spans.length; r += 2) {
    const index = spans[r]!;
    const raw = text.slice(index, spans[r + 1]!);
    // Fast path for the commonest run, one capitalized word that is no name ("The", "But", "Senator"): the same
    // outcome as the walk below, without its allocations (nameRuns was the hottest function of extractQuotes).
    const single = raw.indexOf(" ") < 0 && raw.indexOf("\t") < 0 && raw.indexOf("\u00a0") < 0;
    if (single) {
      const clean = stripPossessive(raw);
      if (TITLE_WORDS.has(lowerNoDot(raw)) || NOT_NAMES.has(lowerNoDot(clean))) continue;
      // One word, neither title nor non-name: the walk below would keep it whole, possessive dropped.
      out.push({ start: index, end: index + clean.length, words: [clean], role: roleBefore(text, index, "") });
      continue;
    }
    let start = index;
    const parts = raw.split(/([ \t\u00a0]+)/);
    // Walk words, dropping leading non-names and title words (remembering titles as the role).
    const words: { w: string; s: number }[] = [];
    let off = start;
    for (const p of parts) {
      if (p.trim()) words.push({ w: p, s: off });
      off += p.length;
    }
    let i = 0;
    let lastTitle = -1;
    for (let k = 0; k < words.length; k++) {
      const lw = lowerNoDot(words[k]!.w);
      if (TITLE_WORDS.has(lw)) lastTitle = k;
    }
    const roleWords: string[] = [];
    if (lastTitle >= 0) {
      for (let k = 0; k <= lastTitle; k++) roleWords.push(words[k]!.w);
      i = lastTitle + 1;
    }
    while (i < words.length && NOT_NAMES.has(lowerNoDot(stripPossessive(words[i]!.w)))) i++;
    if (i >= words.length) continue;
    const kept = words.slice(i);
    const lastW = kept[kept.length - 1]!;
    const lastClean = stripPossessive(lastW.w);
    start = kept[0]!.s;
    const end = lastW.s + lastClean.length;
    const ws = kept.map((x) => stripPossessive(x.w));
    ws[ws.length - 1] = lastClean;
    out.push({ start, end, words: ws, role: roleBefore(text, index, roleWords.join(" ")) });
  }
  return out;
}

function genderOf(name: string, role: string): "m" | "f" | null {
  if (role) {
    const r = role.toLowerCase();
    if (/\b(mrs|ms|miss|madam|spokeswoman|chairwoman|congresswoman|queen|princess|first lady)\b/.test(r)) return "f";
    if (/\b(mr|spokesman|chairman|congressman|king|prince|sir)\b/.test(r)) return "m";
  }
  // The first word (name.split(/\s+/)[0]).
  let w = 0;
  while (w < name.length && !isJsSpace(name.charCodeAt(w))) w++;
  const first = name.slice(0, w).toLowerCase();
  if (FEMALE_NAMES.has(first)) return "f";
  if (MALE_NAMES.has(first)) return "m";
  return null;
}

/** Whether text[a, b) is at most 7 characters ("for the") between whitespace: the only gaps the run merge can join. */
function shortGap(text: string, a: number, b: number): boolean {
  while (a < b && isJsSpace(text.charCodeAt(a))) a++;
  while (b > a && isJsSpace(text.charCodeAt(b - 1))) b--;
  return b - a <= 7;
}

/** Builds the people index of one article, from the entities module's output when given, else from heuristics. */
export function buildSpeakerIndex(text: string, sentences: readonly Span[], entities?: EntityInput): SpeakerIndex {
  const people = new Map<string, Person>();
  const mentions: NameMention[] = [];
  if (entities) {
    for (const e of entities.entities) {
      people.set(e.key, {
        key: e.key,
        name: e.name,
        kind: e.kind,
        roles: [...e.roles],
        side: e.side,
        gender: genderOf(e.name, e.roles.join(" ")),
      });
    }
    for (const m of entities.mentions) {
      if (!people.has(m.entity)) continue;
      mentions.push({ start: m.start, end: m.end, key: m.entity, kind: m.kind });
    }
    mentions.sort((a, b) => a.start - b.start);
    return { text, people, mentions, sentences };
  }
  // Heuristic: full names first define people; later single words attach to the latest full name holding them.
  const byWord = new Map<string, string>(); // lowercased word → person key (latest wins)
  // "Centers for Disease Control and Prevention": runs joined by of/for/and/on make one organization.
  const runs: Run[] = [];
  for (const run of nameRuns(text)) {
    const prev = runs[runs.length - 1];
    if (prev && shortGap(text, prev.end, run.start) && /^\s+(?:of|for|and|on|the|of the|for the)\s+$/.test(text.slice(prev.end, run.start)) && (classifyRun(prev.words) === "org" || classifyRun(run.words) === "org")) {
      runs[runs.length - 1] = { start: prev.start, end: run.end, words: [...prev.words, ...text.slice(prev.end, run.start).trim().split(/\s+/), ...run.words], role: prev.role };
      continue;
    }
    runs.push(run);
  }
  for (const run of runs) {
    const kind = classifyRun(run.words);
    if (!kind) continue;
    const name = run.words.join(" ");
    if (kind !== "person") {
      const key = canonicalKey(kind, name);
      if (!people.has(key)) people.set(key, { key, name, kind, roles: [], side: null, gender: null });
      mentions.push({ start: run.start, end: run.end, key, kind });
      continue;
    }
    let key: string | undefined;
    if (run.words.length === 1) {
      key = byWord.get(run.words[0]!.toLowerCase());
      // A lone unknown capitalized word opening a sentence ("Later", "Hours", "Speaking") is not a name.
      if (!key && /(?:^|[.!?:”"\n])\s*$/.test(text.slice(Math.max(0, run.start - 3), run.start))) continue;
      if (!key) {
        // A lone unknown capitalized word is a person only with a title ("Mr. Trump", "Sen. Warren") or right
        // before a speech verb ("Warren said"); otherwise it is more often a place or outlet ("in Vermont", "on NBC").
        const titled = run.role !== "";
        const speaks = /^\s*(?:,\s*)?(?:also\s+|later\s+|then\s+)?(?:said|says|told|tells|added|adds|asked|wrote|tweeted|argued|noted|warned|explained|replied|responded)\b/.test(text.slice(run.end, run.end + 40));
        const kind: EntityKind = titled || speaks ? "person" : "other";
        key = canonicalKey(kind, name);
        if (!people.has(key)) people.set(key, { key, name, kind, roles: [], side: null, gender: genderOf(name, run.role) });
        if (kind !== "person") {
          mentions.push({ start: run.start, end: run.end, key, kind });
          continue;
        }
      }
    } else {
      // A longer name that contains an earlier one ("Donald J. Trump" after "Donald Trump") stays separate unless equal.
      key = canonicalKey("person", name);
      if (!people.has(key)) people.set(key, { key, name, kind: "person", roles: [], side: null, gender: genderOf(name, run.role) });
      for (const w of run.words) if (w.charCodeAt(w.length - 1) !== 46 && w.length > 1) byWord.set(w.toLowerCase(), key);
    }
    const p = people.get(key)!;
    if (run.role && !p.roles.includes(run.role)) p.roles.push(run.role);
    if (!p.gender) p.gender = genderOf(p.name, run.role);
    mentions.push({ start: run.start, end: run.end, key, kind: "person" });
  }
  // Appositive roles: "Lin Jian, the Chinese spokesman," and "The head of the US team, Jen Daskal, deputy … adviser".
  // Sticky: it only ever matches right at a mention's end (a forward search from every mention was 3% of extractQuotes).
  const APPOS_RE = /,\s+(?:the|a|an)?\s*([\p{L}\s.'’-]{3,80}?)(?=,|\s+(?:said|says|told)\b)/uy;
  for (const m of mentions) {
    if (m.kind !== "person") continue;
    if (text.charCodeAt(m.end) !== 44) continue; // APPOS_RE opens with a comma
    APPOS_RE.lastIndex = m.end;
    const a = APPOS_RE.exec(text);
    if (a && a.index === m.end) {
      const words = a[1]!.toLowerCase().split(/\s+/);
      if (words.some((w) => TITLE_WORDS.has(w))) {
        const p = people.get(m.key)!;
        if (!p.roles.includes(a[1]!.trim())) p.roles.push(a[1]!.trim());
        if (!p.gender) p.gender = genderOf(p.name, a[1]!);
      }
    }
  }
  return { text, people, mentions, sentences };
}

function resolved(index: SpeakerIndex, key: string): ResolvedSpeaker {
  const p = index.people.get(key)!;
  return { speaker: p.name, speakerEntity: p.key, side: p.side };
}

const SPOKES = /^spokes(?:man|woman|person|people)$/;

function roleMatches(person: Person, noun: string): boolean {
  const n = noun.toLowerCase();
  for (const r of person.roles) {
    for (const w of r.toLowerCase().split(/\s+/)) {
      if (w === n || (SPOKES.test(w) && SPOKES.test(n)) || w.replace(/s$/, "") === n.replace(/s$/, "")) return true;
    }
  }
  return false;
}

/** Index of the last sentence starting at or before pos (-1 when none). Sentences are sorted. */
export function sentenceIndexAt(sentences: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid]!.start <= pos) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/**
 * Resolves the source mention `source` to a canonical person.
 * `subjects` are earlier speakers' mention starts (from resolved quotes) that count as subject positions.
 */
export function resolveSpeaker(index: SpeakerIndex, source: Span, subjects: readonly NameMention[] = []): ResolvedSpeaker {
  const raw = index.text.slice(source.start, source.end).trim();
  const unresolved: ResolvedSpeaker = { speaker: raw || null, speakerEntity: null, side: null };
  const lower = raw.toLowerCase();
  // 1. A name mention inside the source: take the last person mention in it.
  let inside: NameMention | undefined;
  for (const m of index.mentions) {
    if (m.start >= source.end) break;
    if (m.start >= source.start && m.end <= source.end && (m.kind === "person" || !inside)) inside = m;
  }
  // "Mayor Hale’s physician": the name only qualifies the speaker, who stays unresolved.
  if (inside && /['’]s\s+(?:[\p{Ll}-]+\s+){0,3}[\p{Ll}-]+$/u.test(raw) && /['’]s$/u.test(index.text.slice(inside.start, inside.end + 2))) return unresolved;
  if (inside) return resolved(index, inside.key);
  // 2. Pronouns.
  if (lower === "he" || lower === "she") {
    const want = lower === "he" ? "m" : "f";
    const key = mostRecentSubject(index, source.start, want, subjects);
    return key ? resolved(index, key) : unresolved;
  }
  // 3. A relative pronoun speaks for the name it follows: "Marc Morial, the head of the league, who suggested …".
  if (lower === "who") {
    let best: NameMention | undefined;
    for (const m of index.mentions) {
      if (m.start >= source.start) break;
      if (m.kind === "person" && /^(?:['’]s?)?\s*(?:,[^,.;:!?“”"]{0,100})?,?\s*$/u.test(index.text.slice(m.end, source.start))) best = m;
    }
    return best ? resolved(index, best.key) : unresolved;
  }
  // 4. Definite titles: "the spokesman", "the Chinese spokesman", "the minister".
  const t = /^the\s+(?:[\p{L}.-]+\s+){0,4}?([\p{Ll}-]+)$/iu.exec(raw);
  if (t) {
    const noun = t[1]!;
    let best: NameMention | undefined;
    for (const m of index.mentions) {
      if (m.start >= source.start) break;
      if (m.kind === "person" && roleMatches(index.people.get(m.key)!, noun)) best = m;
    }
    if (best) return resolved(index, best.key);
  }
  return unresolved;
}

function compatible(p: Person, want: "m" | "f"): boolean {
  return p.kind === "person" && (p.gender === null || p.gender === want);
}

function mostRecentSubject(index: SpeakerIndex, pos: number, want: "m" | "f", subjects: readonly NameMention[]): string | null {
  const si = sentenceIndexAt(index.sentences, pos);
  const subjectStarts = new Set(subjects.map((s) => s.start));
  // Mentions before pos, grouped per sentence, newest sentence first; at most 12 sentences back.
  let fallback: string | null = null;
  let mi = index.mentions.length - 1;
  while (mi >= 0 && index.mentions[mi]!.start >= pos) mi--;
  for (let s = si; s >= 0 && s > si - 12; s--) {
    const sent = index.sentences[s]!;
    const inSentence: NameMention[] = [];
    while (mi >= 0 && index.mentions[mi]!.start >= sent.start) {
      inSentence.unshift(index.mentions[mi]!);
      mi--;
    }
    const people = inSentence.filter((m) => compatible(index.people.get(m.key)!, want));
    if (!people.length) continue;
    const speaker = people.filter((m) => subjectStarts.has(m.start)).pop();
    if (speaker) return speaker.key;
    // The first person named in the sentence is usually its subject.
    const first = people[0]!;
    const lead = index.text.slice(sent.start, first.start);
    if (lead.split(/\s+/).length <= 12) return first.key;
    if (!fallback) fallback = people[people.length - 1]!.key;
    if (s < si) return fallback;
  }
  return fallback;
}
