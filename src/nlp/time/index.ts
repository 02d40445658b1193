// Temporal expressions (TIMEX3) and publication dates for undated articles.
export { tagTimexes } from "./tag.ts";
export type { TagOptions } from "./tag.ts";
export { estimatePublication, tagWithPublication } from "./publication.ts";
export type { PublicationHints } from "./publication.ts";
export { describeTimex, timexToDateRange } from "./range.ts";
export type { DateRange } from "./range.ts";
export type { Granularity } from "./calendar.ts";
