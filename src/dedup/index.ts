// Copy detection: the same story as it travels (verbatim, trimmed, wrapped in another page, edited, spun).
//
//   const index = new CopyIndex();                       // or groupCopies(docs) for a batch
//   index.add({ id, text, date, outlet })                // -> { group, original, kind, similarity, relations }
//   index.groups()                                       // -> CopyGroup[] (src/core/types.ts)
//   compareCopies(textOrFingerprint, textOrFingerprint)  // -> { kind, similarity, ... } | null
//
// Persisting (the store owns the tables): per article, encodeFingerprint(fp) as a BLOB/BYTEA with
// FINGERPRINT_VERSION, and fp.bands (uint32 band keys, stored as int32) as rows (key, article number) keyed on
// key, read back through candidatesFromPostings so a lookup returns what a MemoryLshStorage would. The pipeline
// groups straight from those tables (src/pipeline/corpus.ts: describeGroup over fingerprints read on demand);
// a CopyIndex is the in-memory equivalent, for batches (groupCopies) and for re-checking a store's groups with
// index.addFingerprint(id, decodeFingerprint(blob), { date, credited }), credited = wireCredits(text).length > 0.
export * from "./fingerprint.ts";
export * from "./lsh.ts";
export * from "./compare.ts";
export * from "./credits.ts";
export * from "./copy-index.ts";
export * from "./serialize.ts";
