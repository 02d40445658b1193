// Wire-agency credits in a text: "(AP)" datelines, "Copyright 2024 The Associated Press", "©2023 Bloomberg L.P.",
// "-LRB- Reuters -RRB-" (tokenised corpora). Used to prefer the credited text as a group's original.
//
// Local stand-in: the extraction area is writing findCredits(text) in src/extract/dateline.ts; once it exists,
// dedup should call that one instead (this file then only adapts its output).

export interface Credit {
  /** Canonical agency name ("AP", "Reuters", "Bloomberg"). */
  agency: string;
  /** What was matched, as in the text. */
  text: string;
  start: number;
  end: number;
}

const AGENCIES: Array<[string, string]> = [
  ["AP", "AP|Associated Press|The Associated Press"],
  ["Reuters", "Reuters|Thomson Reuters"],
  ["AFP", "AFP|Agence France-Presse"],
  ["Bloomberg", "Bloomberg|Bloomberg L\\.P\\.|Bloomberg News"],
  ["Xinhua", "Xinhua"],
  ["UPI", "UPI"],
  ["dpa", "dpa|DPA"],
  ["Kyodo", "Kyodo"],
];

const names = AGENCIES.map(([, p]) => p).join("|");
const PATTERNS: RegExp[] = [
  // Dateline credit: "BEIJING (AP) —", "(Bloomberg) —", "-LRB- Reuters -RRB- -".
  new RegExp(`\\((${names})\\)|-LRB-\\s*(${names})\\s*-RRB-`, "g"),
  // Copyright line: "Copyright 2024 The Associated Press", "©2023 Bloomberg L.P.", "(c) 2009 Reuters".
  new RegExp(`(?:Copyright|©|\\(c\\))\\s*(?:©\\s*)?\\d{4}\\s+(${names})`, "gi"),
];

function canonical(name: string): string {
  for (const [agency, p] of AGENCIES) if (new RegExp(`^(?:${p})$`, "i").test(name)) return agency;
  return name;
}

export function findCredits(text: string): Credit[] {
  const out: Credit[] = [];
  for (const re of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const name = m[1] ?? m[2] ?? "";
      out.push({ agency: canonical(name), text: m[0], start: m.index, end: m.index + m[0].length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
