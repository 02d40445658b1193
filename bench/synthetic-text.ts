// Deterministic synthetic news-like text for the benches (bench/dedup.ts, bench/ingest-copies.ts): word
// sequences drawn from a skewed (Zipf-like) vocabulary of 40,000 made-up words with English function words at
// the top, 150-600 words long, generated from a seeded PRNG so any article can be regenerated to build a copy of it.

import { mulberry32 } from "../src/core/random.ts";

const FUNCTION_WORDS = "the of and to a in is that for on was with as by at from it his said were an be has have had its are this which who not".split(" ");
const SYLLABLES = "ba be bi bo bu ka ke ki ko ku ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu la le li lo lu da de di do du".split(" ");
export const VOCAB: string[] = [...FUNCTION_WORDS];
{
  const rnd = mulberry32(7);
  const seen = new Set(VOCAB);
  while (VOCAB.length < 40_000) {
    let w = "";
    const n = 2 + Math.floor(rnd() * 3);
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
    if (rnd() < 0.15) w = w[0]!.toUpperCase() + w.slice(1);
    if (!seen.has(w)) {
      seen.add(w);
      VOCAB.push(w);
    }
  }
}

export function article(i: number): string {
  const rnd = mulberry32(0x9e3779b9 ^ Math.imul(i + 1, 0x85ebca6b));
  const n = 150 + Math.floor(rnd() * 450);
  const words: string[] = new Array(n);
  for (let w = 0; w < n; w++) {
    // r^4 skews toward the top of the list: function words take ~35% of tokens, as in news text.
    const r = rnd();
    words[w] = VOCAB[Math.floor(r * r * r * r * VOCAB.length)]!;
    if (w % 18 === 17) words[w] += ".";
  }
  return words.join(" ");
}

/** A copy of article i: the first 60-90% of it with about one word in eight replaced (a trimmed, spun copy). */
export function copyOf(i: number, seed: number): string {
  const rnd = mulberry32(seed);
  const words = article(i).split(" ");
  const keep = Math.floor(words.length * (0.6 + rnd() * 0.3));
  const out = words.slice(0, keep);
  for (let w = 0; w < out.length; w++) if (rnd() < 0.125) out[w] = VOCAB[Math.floor(rnd() * VOCAB.length)]!;
  return out.join(" ");
}

