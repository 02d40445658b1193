// The vocabulary of attribution: verbs that introduce speech ("said", "told", "warned"), the
// words that may sit between a speaker and its verb ("also", "later", "has"), and the nouns
// that can head an unnamed source ("a spokesman", "officials", "the report").
// Lists, not a model: they were drawn from the cue and source spans of PolNeAR train
// (../shared/bench/quotes/polnear/train.jsonl), keeping forms seen at least a few times.

import { isJsSpace } from "./quotes-chars.ts";

/** Lemma → its inflected forms, for verbs that introduce direct or reported speech. */
const SPEECH_LEMMAS: Record<string, string[]> = {
  say: ["say", "says", "said", "saying"],
  tell: ["tell", "tells", "told", "telling"],
  add: ["add", "adds", "added", "adding"],
  note: ["note", "notes", "noted", "noting"],
  warn: ["warn", "warns", "warned", "warning"],
  urge: ["urge", "urges", "urged", "urging"],
  write: ["write", "writes", "wrote", "writing"],
  tweet: ["tweet", "tweets", "tweeted", "tweeting"],
  ask: ["ask", "asks", "asked", "asking"],
  explain: ["explain", "explains", "explained", "explaining"],
  state: ["states", "stated", "stating"],
  respond: ["respond", "responds", "responded", "responding"],
  reply: ["reply", "replies", "replied", "replying"],
  declare: ["declare", "declares", "declared", "declaring"],
  conclude: ["conclude", "concludes", "concluded", "concluding"],
  argue: ["argue", "argues", "argued", "arguing"],
  insist: ["insist", "insists", "insisted", "insisting"],
  claim: ["claim", "claims", "claimed", "claiming"],
  acknowledge: ["acknowledge", "acknowledges", "acknowledged", "acknowledging"],
  admit: ["admit", "admits", "admitted", "admitting"],
  announce: ["announce", "announces", "announced", "announcing"],
  suggest: ["suggest", "suggests", "suggested", "suggesting"],
  predict: ["predict", "predicts", "predicted", "predicting"],
  recall: ["recall", "recalls", "recalled", "recalling"],
  continue: ["continued"],
  stress: ["stress", "stresses", "stressed", "stressing"],
  emphasize: ["emphasize", "emphasizes", "emphasized", "emphasizing", "emphasise", "emphasised"],
  complain: ["complain", "complains", "complained", "complaining"],
  contend: ["contend", "contends", "contended", "contending"],
  maintain: ["maintains", "maintained"],
  assert: ["assert", "asserts", "asserted", "asserting"],
  observe: ["observed"],
  remark: ["remarked"],
  report: ["report", "reports", "reported", "reporting"],
  confirm: ["confirm", "confirms", "confirmed", "confirming"],
  deny: ["denied", "denies"],
  vow: ["vow", "vows", "vowed", "vowing"],
  pledge: ["pledge", "pledges", "pledged", "pledging"],
  promise: ["promise", "promises", "promised", "promising"],
  comment: ["commented"],
  joke: ["joked", "jokes"],
  quip: ["quipped", "quips"],
  exclaim: ["exclaimed"],
  shout: ["shouted"],
  chant: ["chanted"],
  yell: ["yelled"],
  testify: ["testified"],
  boast: ["boasted", "boasts"],
  caution: ["cautioned", "cautions"],
  charge: ["charged"],
  counter: ["countered"],
  reiterate: ["reiterated", "reiterates"],
  repeat: ["repeated"],
  describe: ["described", "describes", "describing"],
  call: ["call", "calls", "called", "calling"],
  accuse: ["accused", "accuses", "accusing"],
  demand: ["demanded", "demands"],
  believe: ["believe", "believes", "believed"],
  think: ["think", "thinks", "thought"],
  hope: ["hopes", "hoped"],
  fear: ["fears", "feared"],
  estimate: ["estimated", "estimates"],
  find: ["found", "finds"],
  show: ["show", "shows", "showed"],
  indicate: ["indicated", "indicates"],
  reveal: ["revealed", "reveals"],
  point: ["pointed out", "points out"],
  go: ["went on to say", "went on", "goes on"],
  opine: ["opined", "opines"],
  read: ["reads", "read"],
  criticize: ["criticized", "criticizes"],
  praise: ["praised"],
  blame: ["blamed"],
  dismiss: ["dismissed"],
  express: ["expressed"],
  allege: ["alleged", "alleges"],
  cite: ["cited", "citing"],
  mention: ["mentioned"],
  propose: ["proposed"],
  recommend: ["recommended"],
  tout: ["touted"],
  pen: ["penned"],
  post: ["posted"],
  message: ["messaged"],
  // Added from cue spans of PolNeAR train direct quotes that the first lists missed (2+ occurrences each).
  remark2: ["remarking", "remarks"],
  chant2: ["chants", "chanting"],
  interject: ["interjected"],
  concede: ["conceded", "concedes", "conceding"],
  answer: ["answered", "answers"],
  lament: ["lamented", "laments"],
  question: ["questioned"],
  imply: ["implied", "implies"],
  assure: ["assured", "assures"],
  elaborate: ["elaborated"],
  bemoan: ["bemoaned"],
  bark: ["barked"],
  yell2: ["yelling", "yells"],
  proclaim: ["proclaimed", "proclaims"],
  chide: ["chided", "chiding"],
  muse: ["mused"],
  wonder: ["wondered"],
  retweet: ["retweeted"],
  boom: ["boomed"],
  snap: ["snapped"],
  retort: ["retorted"],
  scream: ["screamed", "screaming"],
  shoot: ["shot back"],
  fire: ["fired back"],
  continue2: ["continues", "continuing"],
  mock: ["mocked", "mocks", "mocking"],
  refer: ["referred to", "refers to", "referring to"],
  reference: ["referenced"],
  denounce: ["denounced", "denounces"],
  slam: ["slammed", "slams", "slamming"],
  blast: ["blasted", "blasts"],
  thank: ["thanked"],
  dub: ["dubbed"],
  label: ["labeled", "labelled", "labeling"],
  brand: ["branded"],
  hail: ["hailed"],
  deride: ["derided"],
  decry: ["decried"],
  praise2: ["praising"],
  fume: ["fumed"],
  quote: ["quoted", "quoting"],
  sing: ["sang", "sings", "sang"],
  gush: ["gushed"],
  scoff: ["scoffed"],
  sigh: ["sighed"],
  laugh: ["laughed"],
  whisper: ["whispered"],
  plead: ["pleaded"],
  // Second round: verbs that follow a quoted sentence in PolNeAR train ("“…,” I confessed", "“…,” remembered X").
  confess: ["confessed", "confesses"],
  remember: ["remembered", "remembers"],
  recount: ["recounted", "recounts"],
  reason: ["reasoned", "reasons"],
  marvel: ["marveled", "marvelled", "marvels"],
  beam: ["beamed"],
  rave: ["raved"],
  grumble: ["grumbled"],
  vent: ["vented"],
  mutter: ["muttered"],
  murmur: ["murmured"],
  taunt: ["taunted"],
  tease: ["teased"],
  cry: ["cried"],
  cheer: ["cheered"],
  shrug: ["shrugged"],
  thunder: ["thundered"],
  roar: ["roared"],
  intone: ["intoned"],
  gripe: ["griped"],
  rant: ["ranted"],
  sneer: ["sneered"],
  summarize: ["summarized"],
  volunteer: ["volunteered"],
  // "As Vulture put it, “…”".
  put: ["put it", "puts it"],
};

/** Lemmas whose object is the listener ("told reporters that …"), not the content. */
export const LISTENER_LEMMAS = new Set(["tell", "ask", "warn", "urge", "remind"]);

/** Lemmas that need quoted words to count as a speech cue ("called it an “appropriate step”"): alone they describe acts, not speech. */
export const NEEDS_QUOTE_LEMMAS = new Set([
  "call", "describe", "accuse", "criticize", "praise", "blame", "dismiss", "express", "cite", "tout", "post", "read", "show", "find",
  "indicate", "reveal", "mention", "propose", "recommend", "demand", "repeat", "charge", "pen", "message", "estimate", "hope", "fear",
  "mock", "refer", "reference", "denounce", "slam", "blast", "thank", "dub", "label", "brand", "hail", "deride", "decry", "praise2",
  "question", "chide", "retweet", "quote", "put",
]);

const FORM_TO_LEMMA = new Map<string, string>();
for (const [lemma, forms] of Object.entries(SPEECH_LEMMAS)) for (const f of forms) FORM_TO_LEMMA.set(f, lemma);

export function cueLemma(form: string): string | undefined {
  return FORM_TO_LEMMA.get(form.toLowerCase());
}

// Longest forms first so "pointed out" wins over a shorter prefix.
const FORMS = [...FORM_TO_LEMMA.keys()].sort((a, b) => b.length - a.length).map((f) => f.replace(/ /g, "\\s+"));

/** Matches a cue verb form as a whole word (global, case-insensitive). */
export const CUE_RE = new RegExp(`(?<![\\p{L}\\p{N}'’-])(?:${FORMS.join("|")})(?![\\p{L}\\p{N}-])`, "giu");

// CueScanner below matches CUE_RE without running it: forms are ASCII letters with \s+ between words, and under /iu
// an ASCII letter also matches its other case and, for k and s, U+212A KELVIN SIGN and U+017F LONG S (no other
// code point case-folds to a-z). Alternatives are tried in FORMS order, as the regex does.
/** Code unit → folded letter index 0-25, or -1 when it is not a letter a form can consume. */
function letterIndex(c: number): number {
  if (c < 128) {
    const x = (c | 32) - 97;
    return x >= 0 && x < 26 ? x : -1;
  }
  if (c === 0x212a) return 10;
  if (c === 0x17f) return 18;
  return -1;
}
interface TrieNode {
  next: (TrieNode | undefined)[];
  /** Forms (as word lists) whose first word ends here, in FORMS order. */
  forms: string[][] | null;
}
const TRIE: TrieNode = { next: [], forms: null };
for (const f of FORMS) {
  const words = f.split("\\s+");
  let n = TRIE;
  for (const ch of words[0]!) n = n.next[ch.charCodeAt(0) - 97] ??= { next: [], forms: null };
  (n.forms ??= []).push(words);
}
// The same trie flattened for the scanner's pass over a whole text: node → 26 child ids (-1 none), node → forms.
const FLAT_NEXT: number[] = [];
const FLAT_FORMS: (string[][] | null)[] = [];
(function flatten(n: TrieNode): number {
  const id = FLAT_FORMS.length;
  FLAT_FORMS.push(n.forms);
  for (let i = 0; i < 26; i++) FLAT_NEXT.push(-1);
  for (let i = 0; i < 26; i++) {
    const c = n.next[i];
    if (c) FLAT_NEXT[id * 26 + i] = flatten(c);
  }
  return id;
})(TRIE);
const TRIE_NEXT = Int32Array.from(FLAT_NEXT);

const BEFORE_CLASS = /[\p{L}\p{N}'’-]/u;
const AFTER_CLASS = /[\p{L}\p{N}-]/u;
/** The code point of s ending just before p (within [lo, ·)), as /u reads it. */
function pointBefore(s: string, p: number, lo: number): string {
  const c = s.charCodeAt(p - 1);
  if (c >= 0xdc00 && c <= 0xdfff && p - 2 >= lo) {
    const h = s.charCodeAt(p - 2);
    if (h >= 0xd800 && h <= 0xdbff) return s.slice(p - 2, p);
  }
  return s[p - 1]!;
}
/** CUE_RE's lookbehind at position p of `s`, when the string scanned starts at `lo` (nothing before lo). */
function lookbehindOk(s: string, p: number, lo: number): boolean {
  if (p <= lo) return true;
  const c = s.charCodeAt(p - 1);
  if (c < 128) return !((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 39 || c === 45);
  return !BEFORE_CLASS.test(pointBefore(s, p, lo));
}
/** CUE_RE's lookahead at position q of `s` scanned up to `hi` (the end of input passes). */
function lookaheadOk(s: string, q: number, hi: number): boolean {
  if (q >= hi) return true;
  const c = s.charCodeAt(q);
  if (c < 128) return !((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45);
  let ch = s[q]!;
  if (c >= 0xd800 && c <= 0xdbff && q + 1 < hi) {
    const l = s.charCodeAt(q + 1);
    if (l >= 0xdc00 && l <= 0xdfff) ch = s.slice(q, q + 2);
  }
  return !AFTER_CLASS.test(ch);
}
/** End of the first form among `forms` (sharing the first word, which ends at q) matching at q in s[·, hi), or -1. */
function matchRest(s: string, q0: number, hi: number, forms: string[][]): number {
  for (const words of forms) {
    let q = q0;
    let ok = true;
    for (let w = 1; w < words.length && ok; w++) {
      if (q >= hi || !isJsSpace(s.charCodeAt(q))) ok = false;
      else {
        while (q < hi && isJsSpace(s.charCodeAt(q))) q++;
        const word = words[w]!;
        for (let i = 0; i < word.length; i++, q++) {
          if (q >= hi || letterIndex(s.charCodeAt(q)) !== word.charCodeAt(i) - 97) {
            ok = false;
            break;
          }
        }
      }
    }
    if (ok && lookaheadOk(s, q, hi)) return q;
  }
  return -1;
}

export interface CueMatch {
  start: number;
  end: number;
  text: string;
}

/**
 * Every CUE_RE match of `s.slice(lo, hi)`, with offsets into `s`, exactly as scanning the slice with CUE_RE would
 * find them, from one pass over `s`: the positions where a form's first word can start (after a character the
 * lookbehind allows) are listed once with their letter run, and a query walks the ones in its range, re-reading a
 * run only when `hi` cuts it (the slice's end is the end of input for the lookahead and for \s+).
 */
export class CueScanner {
  readonly s: string;
  /** Start positions, ascending. */
  private readonly starts: number[] = [];
  /** Per start: end of its letter run in the whole string. */
  private readonly runEnds: number[] = [];
  /** Per start: the forms whose first word is the whole run, or null. */
  private readonly forms: (string[][] | null)[] = [];

  constructor(s: string) {
    this.s = s;
    const n = s.length;
    // Inside a letter run no position can start a match (the lookbehind sees a letter), except a slice's own start,
    // which matches() handles itself: only run starts are listed.
    let p = 0;
    while (p < n) {
      const li0 = letterIndex(s.charCodeAt(p));
      if (li0 < 0) {
        p++;
        continue;
      }
      let node = lookbehindOk(s, p, 0) ? TRIE_NEXT[li0]! : -1;
      let anyForms = node >= 0 && FLAT_FORMS[node] !== null;
      let q = p + 1;
      for (; q < n; q++) {
        const li = letterIndex(s.charCodeAt(q));
        if (li < 0) break;
        if (node >= 0) {
          node = TRIE_NEXT[node * 26 + li]!;
          if (node >= 0 && FLAT_FORMS[node] !== null) anyForms = true;
        }
      }
      if (anyForms) {
        this.starts.push(p);
        this.runEnds.push(q);
        this.forms.push(node >= 0 ? FLAT_FORMS[node]! : null);
      }
      p = q;
    }
  }

  /** The match at p in s[·, hi) (its lookbehind already checked), or -1. */
  private matchAt(p: number, hi: number, k: number): number {
    const s = this.s;
    if (k >= 0 && this.runEnds[k]! <= hi) {
      const forms = this.forms[k];
      return forms ? matchRest(s, this.runEnds[k]!, hi, forms) : -1;
    }
    let node: TrieNode | undefined = TRIE;
    let q = p;
    for (; q < hi && node; q++) {
      const li = letterIndex(s.charCodeAt(q));
      if (li < 0) break;
      node = node.next[li];
    }
    return node?.forms ? matchRest(s, q, hi, node.forms) : -1;
  }

  /** The matches of CUE_RE in s.slice(lo, hi), in order, offsets into s. */
  matches(lo: number, hi: number): CueMatch[] {
    const out: CueMatch[] = [];
    const s = this.s;
    let pos = lo;
    // The first two positions: the slice's own start changes what the lookbehind sees.
    for (let p = lo; p < lo + 2 && p < hi; p++) {
      if (p < pos || letterIndex(s.charCodeAt(p)) < 0 || !lookbehindOk(s, p, lo)) continue;
      const e = this.matchAt(p, hi, -1);
      if (e >= 0) {
        out.push({ start: p, end: e, text: s.slice(p, e) });
        pos = e;
      }
    }
    const starts = this.starts;
    let a = 0;
    let b = starts.length;
    const from = Math.max(pos, lo + 2);
    while (a < b) {
      const mid = (a + b) >> 1;
      if (starts[mid]! < from) a = mid + 1;
      else b = mid;
    }
    for (let k = a; k < starts.length; k++) {
      const p = starts[k]!;
      if (p >= hi) break;
      if (p < pos) continue;
      const e = this.matchAt(p, hi, k);
      if (e >= 0) {
        out.push({ start: p, end: e, text: s.slice(p, e) });
        pos = e;
      }
    }
    return out;
  }
}

/** Words allowed between a source and its cue: auxiliaries and adverbs ("has also said", "later told"). */
export const BETWEEN_SOURCE_AND_CUE = new Set(
  (
    "also has have had would will could did does do is was were are then later previously recently repeatedly once further " +
    "publicly privately quickly simply reportedly initially first earlier often frequently always never just only still again " +
    "finally even actually flatly angrily bluntly openly succinctly simply not already ultimately subsequently separately " +
    "immediately directly explicitly specifically clearly famously memorably told"
  ).split(" "),
);

/** Lowercase nouns that can head an unnamed source ("a source said", "the spokesman added"). */
export const SOURCE_NOUNS = new Set(
  (
    "campaign poll voters officials candidates supporters candidate leaders polls president experts aides allies report group " +
    "administration governor company groups advisers people official team spokesman spokeswoman spokesperson spokespeople state party records judge " +
    "nominee manager survey strategist supporter director office senators senator government media adviser advisor aide ad source " +
    "members analysts lawmakers statement critics leader strategists reports board sources reporter states crowd agency rivals man " +
    "politicians organization lawsuit newspaper establishment advocates polling opponents activists staff insiders women donors " +
    "delegates committee emails executives economists court parties campaigns conservatives email businessman audience chairman " +
    "friends letter data debate results networks prosecutors authorities public executive mayor firm camp woman organizations " +
    "community analysis leadership country investigation ads pollster observers employee video countries secretary activist bill " +
    "attendees tweet movement protesters researchers unions member lawyers friend progressives employees operatives rally mogul " +
    "editorial message paper wife backers speech person account narrator actor panel plan surveys workers scientists department " +
    "liberals diplomat neurosurgeon staffer organizers actress journalist fans justice figures lawyer network host tycoon husband " +
    "commentators veteran moderators meeting documents research officer pundits council remarks speaker foundation lawmaker mother " +
    "speechwriter union organizer contenders nation chairwoman industry investigators consultant ally daughter legislature attorneys " +
    "citizens donor journalists findings estimates magazine moderator writers evidence family users analyst minister ministry chief " +
    "embassy author surrogates editors father pastor lobbyists independents critic residents officers police study studies " +
    "documents filing filings memo ambassador envoy diplomats negotiator commenter commenters child children student students voter resident scientist scientists professor economist expert historian strategist pollster front-runner frontrunner hopeful hopefuls contender challenger incumbent poster viewer viewers reader readers negotiators representative representatives"
  ).split(" "),
);

/** Determiners and modifiers that may start an unnamed source noun phrase ("a senior campaign official"). */
export const SOURCE_MODIFIERS = new Set(
  (
    "a an the another one two three some many several most other his her their its our my your this that these those both each " +
    "senior top former chief longtime close former current local federal state foreign deputy assistant white house new recent " +
    "national republican democratic conservative liberal political campaign presidential press security intelligence defense " +
    "military administration government party police health trade u.s. chinese american us unnamed anonymous anti-drug " +
    "spokesman spokeswoman"
  ).split(" "),
);

export const PRONOUNS: Record<string, "m" | "f" | "pl" | "1" | "n"> = {
  he: "m", she: "f", they: "pl", i: "1", we: "1", it: "n",
};
