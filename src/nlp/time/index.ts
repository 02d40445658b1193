export { tagTimexes } from "./tag.ts";
export type { TagOptions } from "./tag.ts";
