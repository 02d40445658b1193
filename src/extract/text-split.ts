// The fixed train / held-out split of the extraction bench used to fit text-dump-model.json.
// Shared by scripts/train-text-dump.ts and eval/extraction-text.ts so held-out figures are honest.

/** True for the ~20% of bench page ids that the text-dump model never saw in training (FNV-1a hash of the id). */
export function isHeldOut(id: string): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 5 === 0;
}
