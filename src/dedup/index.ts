// Copy detection: the same story as it travels (verbatim, trimmed, wrapped in another page, edited, spun).
//
//   const index = new CopyIndex();                       // or groupCopies(docs) for a batch
//   index.add({ id, text, date, outlet })                // -> { group, original, kind, similarity, relations }
//   index.groups()                                       // -> CopyGroup[] (src/core/types.ts)
//   compareCopies(textOrFingerprint, textOrFingerprint)  // -> { kind, similarity, ... } | null
//
// Persisting (the store owns the tables): per article, encodeFingerprint(fp) as a BLOB/BYTEA with
// FINGERPRINT_VERSION, and fp.bands (uint32 band keys; bandKeysAsInt32 for int4 columns) as rows
// (key, article_id) indexed on key. Re-load with index.addFingerprint(id, decodeFingerprint(blob), { date, credited }),
// where credited = wireCredits(text).length > 0; the grouping does not depend on the order articles are re-added.
export * from "./fingerprint.ts";
export * from "./lsh.ts";
export * from "./compare.ts";
export * from "./credits.ts";
export * from "./copy-index.ts";
export * from "./serialize.ts";
