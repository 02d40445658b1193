// CueScanner answers "cue verbs in s.slice(lo, hi)" from one scan of s; it must find exactly what CUE_RE finds in the slice.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CUE_RE, CueScanner } from "../../src/nlp/quotes-cues.ts";

function bySlice(s: string, lo: number, hi: number): string[] {
  const out: string[] = [];
  const t = s.slice(lo, hi);
  CUE_RE.lastIndex = 0;
  for (let m = CUE_RE.exec(t); m; m = CUE_RE.exec(t)) out.push(`${lo + m.index}:${m[0]}`);
  return out;
}

const TEXT =
  "The mayor pointed out that the bridge was closed, and later went on to say it would reopen. Sayings aside, " +
  "the clerk's unsaid answer — she told   reporters — was that nobody warned-off anyone; Kelvin said so.\n\n" +
  "“We will see,” said the coach, who had pointed\nout the same thing. 3said x-said said3 ’said";

test("every slice of a text gets the cues CUE_RE finds in that slice, edges included", () => {
  const sc = new CueScanner(TEXT);
  for (let lo = 0; lo < TEXT.length; lo += 1) {
    for (const len of [0, 1, 3, 4, 5, 7, 11, 14, 20, 40, 200]) {
      const hi = Math.min(TEXT.length, lo + len);
      const got = sc.matches(lo, hi).map((m) => `${m.start}:${m.text}`);
      assert.deepEqual(got, bySlice(TEXT, lo, hi), `slice [${lo}, ${hi}) ${JSON.stringify(TEXT.slice(lo, hi))}`);
    }
  }
});

test("a multi-word cue cut by the slice end falls back to its shorter form, as in the slice", () => {
  const s = "He pointed out that it rained.";
  const sc = new CueScanner(s);
  const at = s.indexOf("pointed");
  assert.deepEqual(sc.matches(0, s.length).map((m) => m.text), ["pointed out"]);
  assert.deepEqual(sc.matches(0, at + "pointed ou".length).map((m) => m.text), bySlice(s, 0, at + "pointed ou".length).map((x) => x.split(":")[1]));
  // A slice starting inside a word still sees a cue at its first position ("unsaid" → "said").
  const u = "It went unsaid.";
  const from = u.indexOf("said");
  assert.deepEqual(new CueScanner(u).matches(from, u.length).map((m) => m.start), [from]);
  assert.deepEqual(new CueScanner(u).matches(0, u.length), []);
});

test("nameRunSpans finds the runs NAME_RUN_RE finds (particles, initials, apostrophes, no-break spaces, non-ASCII)", async () => {
  const { NAME_RUN_RE, nameRunSpans } = await import("../../src/nlp/speakers.ts");
  const text =
    "Commission President Ursula von der Leyen met Ali al  Sistani and J. R. Smith’s aide in São Paulo. " +
    "Émile Zola\u00a0Jr wrote to O' and Mc- in DE GAULLE van Dyke; iPhone maker Apple-Inc said A\tB de\u00a0Cd. Q " +
    "İlhan Omar, 𝐀lpha 𝐁eta, X.";
  const want: number[] = [];
  NAME_RUN_RE.lastIndex = 0;
  for (let m = NAME_RUN_RE.exec(text); m; m = NAME_RUN_RE.exec(text)) want.push(m.index, m.index + m[0].length);
  assert.deepEqual(nameRunSpans(text), want);
  assert.ok(want.length > 20);
});

test("countRuns counts what /[class]+/gu finds in the slice, negative offsets and cut surrogate pairs included", async () => {
  const { countRuns, isLetterOrNumber } = await import("../../src/nlp/quotes-chars.ts");
  const text = "Rain, 3 inches — 𝐀lpha’s end. “Ok” é\ud835";
  for (let lo = -4; lo <= text.length; lo++) {
    for (let hi = -4; hi <= text.length + 1; hi++) {
      const want = (text.slice(lo, hi).match(/[\p{L}\p{N}]+/gu) ?? []).length;
      assert.equal(countRuns(text, lo, hi, isLetterOrNumber), want, `[${lo}, ${hi})`);
    }
  }
  assert.equal(countRuns(text, 0, text.length, isLetterOrNumber, 2), 2);
});
