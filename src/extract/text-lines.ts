// Line features for boilerplate removal in plain-text page dumps. Shared by the extractor
// (src/extract/text-dump.ts) and the training script (scripts/train-text-dump.ts), so the
// weights in text-dump-model.json always meet the same feature vector they were fitted on.
// Features are generic shapes and phrase families, never strings of a particular site.

export interface Line {
  /** Trimmed text of the line. */
  text: string;
  /** Offset of `text` in the input. */
  start: number;
  /** End offset in the input. `input.slice(start, end)` equals `text` except for hard-wrapped paragraphs joined into one line. */
  end: number;
  /** Index among non-blank lines. */
  index: number;
  blankBefore: boolean;
  blankAfter: boolean;
}

/** Splits a dump into its non-blank lines, trimmed, with offsets into `text` and blank-line neighbours. */
export function splitLines(text: string, from = 0): Line[] {
  const out: Line[] = [];
  let blank = true;
  const re = /[^\n]*(?:\n|$)/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m[0].length > 0; m = re.exec(text)) {
    const raw = m[0].replace(/\r?\n$/, "");
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (!t || /^[\s\u00a0\u200b\ufeff]*$/.test(t)) {
      blank = true;
      if (out.length) out[out.length - 1]!.blankAfter = true;
      continue;
    }
    out.push({ text: t, start: m.index + lead, end: m.index + lead + t.length, index: out.length, blankBefore: blank, blankAfter: false });
    blank = false;
  }
  return out;
}

const STOP = new Set(
  ("a an the and or but if of to in on at by for with from as is are was were be been being has have had do does did " +
    "it its this that these those he she they we you i his her their our your my him them us not no so than then there " +
    "which who whom what when where why how also after before over into about against between during while because said says " +
    "will would could should can may might must up out more most some any all such only just very").split(" "),
);

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

// Phrase families. Each is one feature; the model learns how much each family means.
const RE = {
  caption: /\((?:AP|AFP|Reuters|EPA|Getty|Xinhua|Bloomberg|UPI|PA)?\s*Photos?\b|\bPhoto(?:graph)?s?\s*(?:credit)?\s*[:/]|\bGetty Images\b|\/(?:Reuters|AFP|AP|EPA|Getty|Bloomberg|Shutterstock)\b|\bImages?\s*(?:credit|source|courtesy)\b|\bCredit:|\bPhoto by\b|\bCourtesy of\b|\bShutterstock\b|\biStock\b|\bPicture:|\(Photo\b|\bPhoto Credit\b/i,
  fileCaption: /^(?:FILE|IN THIS PHOTO|IN THIS FILE PHOTO)\b\s*[-–—:]/,
  copyright: /©|\bcopyright\b|all rights reserved/i,
  share: /\b(?:share|tweet|facebook|twitter|whatsapp|linkedin|pinterest|reddit|telegram|e-?mail|print|copy link|flipboard)\b/i,
  subscribe: /\b(?:subscribe|subscription|newsletter|sign up|sign in|log ?in|register|create (?:an|your) account|inbox|unsubscribe)\b/i,
  cookie: /\b(?:cookies?|privacy (?:policy|notice|settings)|terms (?:of|and) (?:use|service)|consent|gdpr|do not sell)\b/i,
  related: /^(?:related|read more|recommended|trending|most (?:popular|read|viewed)|more (?:from|stories|news|on)|other news|you (?:may|might) (?:also )?like|also read|see also|top stories|latest (?:news|stories)|editor'?s picks|popular|more to explore|read next|up next|what to read next|related (?:articles|stories|content|coverage|topics))\b/i,
  comments: /\bcomments?\b|\bleave a (?:comment|reply)\b|\bpost comment\b|\breplies\b|\bjoin the (?:conversation|discussion)\b/i,
  ad: /^(?:advertisement|advertising|sponsored|ad|promoted|paid content|story continues below|continue reading)\b|\bad choices\b|\bcontinue reading below\b/i,
  sourceLink: /^(?:source link|source|via|originally published|this (?:article|story) (?:was |first )?(?:originally )?(?:appeared|published))\b/i,
  timeAgo: /\b\d+\s*(?:s|sec|secs|min|mins|minutes?|h|hrs?|hours?|d|days?|weeks?|months?)\s+ago\b/i,
  readTime: /\b\d+\s*(?:-\s*)?min(?:ute)?s?\s+read\b/i,
  byline: /^(?:by|written by|words by|reporting by|story by)\s+[\p{Lu}]/iu,
  date: /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/i,
  url: /https?:\/\/|www\.|\b[\w-]+\.(?:com|org|net|co\.uk|cn|io)\b|@\w{2,}/i,
  separators: /\s[|•·»›]\s|\s\/\s|\s[|•·»›]$|^[|•·»›]/,
  bullet: /^[•·\-–—*>▶►»|✓✔]\s*/,
  nav: /^(?:home|menu|search|skip to (?:main )?content|back to top|next|previous|prev|close|open|toggle|more|show more|load more|view all|see all|all|top|login|logout|contact us|about us|careers|sitemap|site map|rss|help|faq|accessibility)$/i,
  teaser: /\b(?:click here|tap here|watch|video|podcast|listen|gallery|slideshow|photos)\b/i,
  commentsHead: /^(?:\d+\s+)?(?:comments?|responses?|replies|reader comments|discussion)\b.{0,30}$|\bleave a (?:reply|comment)\b|\bjoin the (?:conversation|discussion)\b|\bwhat do you think\b|\bpost a comment\b|\badd a comment\b/i,
  commentMeta: /^reply$|\bsays:?$|\bat \d{1,2}:\d{2}\s*(?:am|pm)\b|^\d{1,2}:\d{2}\s*(?:am|pm)$|\b(?:likes?|upvotes?|points?)$/i,
  endPunct: /[.!?…]["'”’»)\]]*$/,
  colonEnd: /:$/,
  commaEnd: /[,;]$/,
  quoteStart: /^["“‘'«]/,
};

export interface DocStats {
  lines: Line[];
  /** Normalized text of each line, for repeat counts. */
  counts: Map<string, number>;
  usesBlanks: boolean;
  totalWords: number;
}

interface Base {
  words: number;
  prose: number; // 1 when the line reads like a sentence of running text
  vec: number[];
}

const normKey = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

function base(line: Line, doc: DocStats): Base {
  const t = line.text;
  const ws = t.match(WORD_RE) ?? [];
  const n = ws.length;
  let caps = 0, stop = 0, lettersWords = 0;
  for (const w of ws) {
    if (/^\p{L}/u.test(w)) {
      lettersWords++;
      if (/^\p{Lu}/u.test(w)) caps++;
    }
    if (STOP.has(w.toLowerCase())) stop++;
  }
  const chars = t.length;
  const digits = (t.match(/\p{N}/gu) ?? []).length;
  const punct = (t.match(/[^\p{L}\p{N}\s]/gu) ?? []).length;
  const letters = (t.match(/\p{L}/gu) ?? []).length;
  const upper = (t.match(/\p{Lu}/gu) ?? []).length;
  const sentences = (t.match(/[.!?]["'”’)]?\s+["“‘(]?\p{Lu}/gu) ?? []).length + (RE.endPunct.test(t) ? 1 : 0);
  const stopRatio = n ? stop / n : 0;
  const capRatio = lettersWords ? caps / lettersWords : 0;
  const endPunct = RE.endPunct.test(t) ? 1 : 0;
  const repeats = doc.counts.get(normKey(t)) ?? 1;
  const prose = n >= 10 && endPunct && stopRatio >= 0.2 ? 1 : 0;
  const short = n <= 12;
  const vec = [
    Math.log1p(n) / 4,
    n <= 1 ? 1 : 0,
    n >= 2 && n <= 3 ? 1 : 0,
    n >= 4 && n <= 6 ? 1 : 0,
    n >= 7 && n <= 12 ? 1 : 0,
    n >= 13 && n <= 25 ? 1 : 0,
    n >= 26 && n <= 60 ? 1 : 0,
    n > 60 ? 1 : 0,
    Math.log1p(chars) / 7,
    endPunct,
    RE.colonEnd.test(t) ? 1 : 0,
    RE.commaEnd.test(t) ? 1 : 0,
    /^\p{Lu}/u.test(t) ? 1 : 0,
    /^\p{Ll}/u.test(t) ? 1 : 0,
    /^\p{N}/u.test(t) ? 1 : 0,
    RE.bullet.test(t) ? 1 : 0,
    RE.quoteStart.test(t) ? 1 : 0,
    capRatio,
    capRatio > 0.7 && n >= 3 ? 1 : 0,
    letters >= 4 && upper / letters > 0.8 ? 1 : 0,
    stopRatio,
    stopRatio < 0.1 && n >= 4 ? 1 : 0,
    chars ? digits / chars : 0,
    chars ? punct / chars : 0,
    Math.min(sentences, 6) / 6,
    prose,
    RE.caption.test(t) ? 1 : 0,
    RE.fileCaption.test(t) ? 1 : 0,
    RE.copyright.test(t) ? 1 : 0,
    short && RE.share.test(t) ? 1 : 0,
    RE.subscribe.test(t) ? (short ? 1 : 0.5) : 0,
    RE.cookie.test(t) ? 1 : 0,
    RE.related.test(t) && short ? 1 : 0,
    short && RE.comments.test(t) ? 1 : 0,
    short && RE.ad.test(t) ? 1 : 0,
    short && RE.sourceLink.test(t) ? 1 : 0,
    RE.timeAgo.test(t) ? 1 : 0,
    RE.readTime.test(t) ? 1 : 0,
    n <= 10 && RE.byline.test(t) ? 1 : 0,
    n <= 14 && RE.date.test(t) ? 1 : 0,
    RE.url.test(t) ? 1 : 0,
    RE.separators.test(t) ? 1 : 0,
    RE.nav.test(t) ? 1 : 0,
    short && RE.teaser.test(t) ? 1 : 0,
    repeats > 1 ? 1 : 0,
    Math.log(repeats) / 2,
    line.blankBefore && doc.usesBlanks ? 1 : 0,
    line.blankAfter && doc.usesBlanks ? 1 : 0,
    line.blankBefore && line.blankAfter && doc.usesBlanks ? 1 : 0,
    doc.usesBlanks ? 1 : 0,
    doc.lines.length ? line.index / doc.lines.length : 0,
    chars ? (t.match(/[{}\[\]<>=;"\\]/g) ?? []).length / chars : 0,
    /^[{\[<]|[}\]>]$|":\s*["{\[\d]|function\s*\(|=>|<\/?\w+[ >]/.test(t) ? 1 : 0,
    short && RE.commentsHead.test(t) ? 1 : 0,
    RE.commentMeta.test(t) ? 1 : 0,
  ];
  return { words: n, prose, vec };
}

export const BASE_NAMES = [
  "logWords", "w1", "w2_3", "w4_6", "w7_12", "w13_25", "w26_60", "w60p", "logChars", "endPunct", "colonEnd", "commaEnd",
  "startUpper", "startLower", "startDigit", "bullet", "quoteStart", "capRatio", "titleCase", "allCaps", "stopRatio", "noStops",
  "digitRatio", "punctRatio", "sentences", "prose", "caption", "fileCaption", "copyright", "share", "subscribe", "cookie",
  "related", "comments", "ad", "sourceLink", "timeAgo", "readTime", "byline", "dateLine", "url", "separators", "nav", "teaser",
  "repeated", "logRepeats", "blankBefore", "blankAfter", "blankBoth", "docBlanks", "relPos",
  "codeChars", "codeShape", "commentsHead", "commentMeta",
];

// Neighbour features reuse a few base entries by index (logWords, endPunct, stopRatio, prose, caption, related, titleCase, w1..w4_6).
const NEIGHBOUR_PICK = [0, 1, 2, 3, 9, 17, 18, 20, 25, 26, 32, 44];
const OFFSETS = [-3, -2, -1, 1, 2, 3];

export function docStats(lines: Line[]): DocStats {
  const counts = new Map<string, number>();
  let totalWords = 0, blanks = 0;
  for (const l of lines) {
    const k = normKey(l.text);
    counts.set(k, (counts.get(k) ?? 0) + 1);
    totalWords += (l.text.match(WORD_RE) ?? []).length;
    if (l.blankBefore) blanks++;
  }
  // A dump "uses blanks" when blank lines separate most blocks (scrapinghub style, seed 000's article).
  return { lines, counts, usesBlanks: lines.length > 0 && blanks / lines.length > 0.3, totalWords };
}

/** Feature vectors of every line (stage 1 of the model): the line itself, its neighbours, and where it sits among the prose. */
export function lineFeatures(lines: Line[]): { features: number[][]; words: number[] } {
  const doc = docStats(lines);
  const bases = lines.map((l) => base(l, doc));
  const n = lines.length;
  const words = bases.map((b) => b.words);
  // Prose words before and after each line: lines between the first and last prose are likely article.
  const proseWords = bases.map((b) => (b.prose ? b.words : 0));
  const totalProse = proseWords.reduce((s, x) => s + x, 0) || 1;
  const before: number[] = [];
  let acc = 0;
  for (let i = 0; i < n; i++) {
    before.push(acc / totalProse);
    acc += proseWords[i]!;
  }
  // The densest prose block: max-sum run of (prose words - a per-line cost), allowing short interruptions.
  const gain = bases.map((b) => (b.prose ? b.words : b.words >= 8 ? 2 : -6));
  let best = 0, bestS = 0, bestE = -1, cur = 0, curS = 0;
  for (let i = 0; i < n; i++) {
    if (cur <= 0) {
      cur = 0;
      curS = i;
    }
    cur += gain[i]!;
    if (cur > best) {
      best = cur;
      bestS = curS;
      bestE = i;
    }
  }
  // Distance to the last "Related / Other news / Trending" header line above (reset by a blank-separated prose paragraph).
  const sinceRelated: number[] = [];
  let last = -1;
  for (let i = 0; i < n; i++) {
    if (bases[i]!.vec[32] === 1) last = i;
    else if (doc.usesBlanks && lines[i]!.blankBefore && bases[i]!.prose && lines[i]!.blankAfter) last = -1;
    sinceRelated.push(last < 0 ? 0 : 1 / (1 + i - last));
  }
  // Lines below a comments header ("12 Comments", "Leave a Reply") are reader comments, however prose-like.
  const COMMENTS_HEAD = BASE_NAMES.indexOf("commentsHead"), COMMENT_META = BASE_NAMES.indexOf("commentMeta");
  const belowComments: number[] = [];
  let seen = -1, metas = 0;
  for (let i = 0; i < n; i++) {
    if (bases[i]!.vec[COMMENTS_HEAD] === 1 && before[i]! > 0.3) seen = i;
    if (bases[i]!.vec[COMMENT_META] === 1) metas++;
    belowComments.push(seen < 0 ? 0 : 1, Math.min(1, metas / 5));
  }
  const features: number[][] = [];
  for (let i = 0; i < n; i++) {
    const v = bases[i]!.vec.slice();
    v.push(belowComments[2 * i]!, belowComments[2 * i + 1]!);
    for (const o of OFFSETS) {
      const j = i + o;
      if (j < 0 || j >= n) {
        for (let k = 0; k < NEIGHBOUR_PICK.length; k++) v.push(0);
        v.push(1);
      } else {
        for (const k of NEIGHBOUR_PICK) v.push(bases[j]!.vec[k]!);
        v.push(0);
      }
    }
    for (const w of [3, 8, 20]) {
      let pw = 0, cnt = 0, pr = 0;
      for (let j = Math.max(0, i - w); j <= Math.min(n - 1, i + w); j++) {
        if (j === i) continue;
        pw += Math.log1p(words[j]!);
        pr += bases[j]!.prose;
        cnt++;
      }
      v.push(cnt ? pw / cnt / 4 : 0, cnt ? pr / cnt : 0);
    }
    v.push(before[i]!, 1 - before[i]! - proseWords[i]! / totalProse);
    v.push(i >= bestS && i <= bestE ? 1 : 0);
    v.push(i < bestS ? Math.min(1, (bestS - i) / 20) : 0, i > bestE ? Math.min(1, (i - bestE) / 20) : 0);
    v.push(sinceRelated[i]!);
    v.push(Math.log1p(doc.totalWords) / 10, Math.log1p(totalProse) / 10);
    v.push(totalProse > 0 ? Math.min(1, words[i]! / totalProse) : 0);
    features.push(v);
  }
  return { features, words };
}

export const STAGE1_SIZE = BASE_NAMES.length + 2 + OFFSETS.length * (NEIGHBOUR_PICK.length + 1) + 6 + 2 + 1 + 2 + 1 + 2 + 1;

/** Stage 2 adds the stage-1 probabilities of the neighbourhood: a line amid article lines is article. */
export function contextFeatures(stage1: number[][], p: number[], words: number[]): number[][] {
  const n = p.length;
  const at = (j: number) => (j < 0 || j >= n ? 0 : p[j]!);
  const logit = (x: number) => Math.log(Math.max(1e-4, x) / Math.max(1e-4, 1 - x)) / 5;
  // Main block on stage-1 probabilities, weighted by words.
  let best = 0, bestS = 0, bestE = -1, cur = 0, curS = 0;
  for (let i = 0; i < n; i++) {
    if (cur <= 0) {
      cur = 0;
      curS = i;
    }
    cur += (p[i]! - 0.5) * Math.log1p(words[i]!);
    if (cur > best) {
      best = cur;
      bestS = curS;
      bestE = i;
    }
  }
  const maxBefore: number[] = [], maxAfter: number[] = [];
  let m = 0;
  for (let i = 0; i < n; i++) {
    maxBefore.push(m);
    if (words[i]! >= 8) m = Math.max(m, p[i]!);
  }
  m = 0;
  for (let i = n - 1; i >= 0; i--) {
    maxAfter[i] = m;
    if (words[i]! >= 8) m = Math.max(m, p[i]!);
  }
  return stage1.map((f, i) => {
    const v = f.slice();
    v.push(logit(p[i]!), at(i - 1), at(i + 1), at(i - 2), at(i + 2));
    for (const w of [2, 5, 12]) {
      let s = 0, c = 0, sw = 0, ww = 0;
      for (let j = Math.max(0, i - w); j <= Math.min(n - 1, i + w); j++) {
        if (j === i) continue;
        s += p[j]!;
        c++;
        sw += p[j]! * Math.log1p(words[j]!);
        ww += Math.log1p(words[j]!);
      }
      v.push(c ? s / c : 0, ww ? sw / ww : 0);
    }
    v.push(i >= bestS && i <= bestE ? 1 : 0, maxBefore[i]!, maxAfter[i]!, Math.min(maxBefore[i]!, maxAfter[i]!));
    return v;
  });
}

export const STAGE2_EXTRA = 5 + 6 + 4;

export interface LinearModel {
  kind?: "linear";
  names?: string[];
  mean: number[];
  std: number[];
  weights: number[];
  bias: number;
}

/** One hidden layer of ReLU units, then a logistic output. */
export interface MlpModel {
  kind: "mlp";
  names?: string[];
  mean: number[];
  std: number[];
  /** Hidden x input weights, row-major. */
  w1: number[];
  b1: number[];
  w2: number[];
  b2: number;
}

export type LineModel = LinearModel | MlpModel;

export function predict(model: LineModel, x: number[]): number {
  const mu = model.mean, sd = model.std, d = mu.length;
  if (model.kind === "mlp") {
    const h = model.b1.length;
    let z = model.b2;
    for (let j = 0; j < h; j++) {
      let a = model.b1[j]!;
      const row = j * d;
      for (let k = 0; k < d; k++) a += model.w1[row + k]! * ((x[k]! - mu[k]!) / sd[k]!);
      if (a > 0) z += model.w2[j]! * a;
    }
    return 1 / (1 + Math.exp(-z));
  }
  let z = model.bias;
  const w = model.weights;
  for (let k = 0; k < w.length; k++) z += w[k]! * ((x[k]! - mu[k]!) / sd[k]!);
  return 1 / (1 + Math.exp(-z));
}

export interface HeaderLine {
  /** `YYYY-MM-DD` from a leading ` date 2023-07-07` header (crawler dumps put the fetch metadata first). */
  date: string;
  start: number;
  end: number;
}

/** Lines of a dump after its leading `date YYYY-MM-DD` header (if any), which may share the first line with page text. */
export function dumpLines(text: string): { lines: Line[]; header: HeaderLine | null } {
  const m = /^[\s\ufeff]*date[:=]?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*/i.exec(text);
  if (!m) return { lines: unwrap(splitLines(text)), header: null };
  const start = m[0].search(/\S/) >= 0 ? m[0].search(/date/i) : 0;
  const lines = splitLines(text, m[0].length);
  // The rest of the header's line is page text with no blank line before it.
  if (lines.length && lines[0]!.start === m[0].length) lines[0]!.blankBefore = false;
  return { lines: unwrap(lines), header: { date: m[1]!, start, end: m[0].length } };
}

/**
 * Text browsers (lynx -dump, w3m) and mail-style dumps wrap paragraphs at a fixed width. Such a
 * dump is recognized by its short, even lines that often continue in lower case on the next
 * line; its wrapped paragraphs are joined back into one line each, since every feature of the
 * line model assumes a line is a whole block. Unwrapped dumps pass through unchanged.
 */
export function unwrap(lines: Line[]): Line[] {
  const long = lines.filter((l) => l.text.length >= 30);
  if (long.length < 5) return lines;
  const lengths = long.map((l) => l.text.length).sort((a, b) => a - b);
  const width = lengths[Math.floor(lengths.length * 0.9)]!;
  const maxLen = lengths[lengths.length - 1]!;
  let continued = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i + 1]!.blankBefore && lines[i]!.text.length >= width * 0.6 && /^\p{Ll}/u.test(lines[i + 1]!.text)) continued++;
  }
  // Wrapped: no line much longer than the wrap width (<= 100 columns) and lower-case continuations common.
  if (width > 100 || maxLen > width + 20 || continued < 0.15 * long.length) return lines;
  const out: (Line & { wrapTail: number })[] = [];
  for (const l of lines) {
    const prev = out[out.length - 1];
    const joins = prev !== undefined && !l.blankBefore && prev.wrapTail >= width * 0.6 && !/^(?:[•·*>▶►»|✓✔]|[-–—]\s|\d+[.)]\s)/u.test(l.text);
    if (joins && prev) {
      prev.text = `${prev.text} ${l.text}`;
      prev.end = l.end;
      prev.wrapTail = l.text.length;
      prev.blankAfter = l.blankAfter;
    } else out.push({ ...l, index: out.length, wrapTail: l.text.length });
  }
  return out.map(({ wrapTail: _, ...l }) => l);
}
