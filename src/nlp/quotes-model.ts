// Logistic-regression scorers for quotes, fitted by scripts/train-quotes.ts on PolNeAR train
// (../shared/bench/quotes/polnear/train.jsonl), weights and thresholds in quotes-model.json:
//   - candidates: (content, source) guesses for quoted spans the rules leave unattributed (markCandidates in quotes.ts);
//   - keep: whether a direct quote the rules made is one PolNeAR attributes that way (keepFeatures in quotes.ts);
//   - span: which content boundaries around a rule-made direct quote PolNeAR would mark (spanChoices in quotes-span.ts).

import MODEL_JSON from "./quotes-model.json" with { type: "json" };

interface LogisticModel {
  /** null: the stage is off. */
  threshold: number | null;
  weights: Record<string, number>;
}

const MODEL = MODEL_JSON as { candidates: LogisticModel; keep: LogisticModel; span?: { weights: Record<string, number> } };
const CANDIDATE_WEIGHTS = new Map(Object.entries(MODEL.candidates.weights));
const KEEP_WEIGHTS = new Map(Object.entries(MODEL.keep.weights));
/** Weights of the span chooser (the best-scoring choice wins, no threshold), or null when the model has none. */
export const SPAN_WEIGHTS: ReadonlyMap<string, number> | null = MODEL.span ? new Map(Object.entries(MODEL.span.weights)) : null;

/**
 * Log-odds above which a candidate is kept, or null when the candidate stage is off. It is off in the shipped
 * model: at the best out-of-fold train threshold (1.5) it adds +0.003 direct e2e F1 on train (0.8003 -> 0.8032),
 * but on dev it costs 0.002 (0.7935 -> 0.7918, attribution 0.941 -> 0.939) and 5-15% of extraction speed
 * (bench/annotate-quotes.ts). `npx tsx scripts/train-quotes.ts --with-candidates` switches it on.
 */
export const CANDIDATE_THRESHOLD: number | null = MODEL.candidates.threshold;
/** Log-odds below which a rule-made direct quote is dropped (best out-of-fold train direct e2e F1, see the training script). */
export const KEEP_THRESHOLD: number | null = MODEL.keep.threshold;

export function scoreWith(weights: ReadonlyMap<string, number>, features: readonly string[]): number {
  let z = 0;
  for (const f of features) z += weights.get(f) ?? 0;
  return z;
}

/** Log-odds that a candidate is a correctly attributed quote (PolNeAR's span conventions). */
export function scoreCandidate(features: readonly string[]): number {
  return scoreWith(CANDIDATE_WEIGHTS, features);
}

/** Log-odds that a rule-made direct quote is correct as extracted. */
export function scoreKeep(features: readonly string[]): number {
  return scoreWith(KEEP_WEIGHTS, features);
}
