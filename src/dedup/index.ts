// Copy detection: fingerprints, the LSH index, the pairwise relation and copy groups.
export * from "./fingerprint.ts";
export * from "./lsh.ts";
export * from "./compare.ts";
export * from "./credits.ts";
export * from "./copy-index.ts";
export * from "./serialize.ts";
