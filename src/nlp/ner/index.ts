export { tagTokens, tagSentences, findEntities, defaultTagger, toIob1, NerTagger, DEFAULT_MODEL_URL, NER_VERSION } from "./tagger.ts";
export type { EntitySpan, NerType } from "./tagger.ts";
export { taggerTokens, taggerSentences } from "./tokens.ts";
export { COUNTRIES, BODIES, countryByName, countryByDemonymWord, countryOfCapital, bodyByName } from "./world.ts";
export type { Country, Body } from "./world.ts";
