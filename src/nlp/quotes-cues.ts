// The vocabulary of attribution: verbs that introduce speech ("said", "told", "warned"), the
// words that may sit between a speaker and its verb ("also", "later", "has"), and the nouns
// that can head an unnamed source ("a spokesman", "officials", "the report").
// Lists, not a model: they were drawn from the cue and source spans of PolNeAR train
// (../shared/bench/quotes/polnear/train.jsonl), keeping forms seen at least a few times.

/** Lemma → its inflected forms, for verbs that introduce direct or reported speech. */
const SPEECH_LEMMAS: Record<string, string[]> = {
  say: ["say", "says", "said", "saying"],
  tell: ["tell", "tells", "told", "telling"],
  add: ["add", "adds", "added", "adding"],
  note: ["note", "notes", "noted", "noting"],
  warn: ["warn", "warns", "warned", "warning"],
  urge: ["urge", "urges", "urged", "urging"],
  write: ["write", "writes", "wrote", "writing"],
  tweet: ["tweet", "tweets", "tweeted", "tweeting"],
  ask: ["ask", "asks", "asked", "asking"],
  explain: ["explain", "explains", "explained", "explaining"],
  state: ["states", "stated", "stating"],
  respond: ["respond", "responds", "responded", "responding"],
  reply: ["reply", "replies", "replied", "replying"],
  declare: ["declare", "declares", "declared", "declaring"],
  conclude: ["conclude", "concludes", "concluded", "concluding"],
  argue: ["argue", "argues", "argued", "arguing"],
  insist: ["insist", "insists", "insisted", "insisting"],
  claim: ["claim", "claims", "claimed", "claiming"],
  acknowledge: ["acknowledge", "acknowledges", "acknowledged", "acknowledging"],
  admit: ["admit", "admits", "admitted", "admitting"],
  announce: ["announce", "announces", "announced", "announcing"],
  suggest: ["suggest", "suggests", "suggested", "suggesting"],
  predict: ["predict", "predicts", "predicted", "predicting"],
  recall: ["recall", "recalls", "recalled", "recalling"],
  continue: ["continued"],
  stress: ["stress", "stresses", "stressed", "stressing"],
  emphasize: ["emphasize", "emphasizes", "emphasized", "emphasizing", "emphasise", "emphasised"],
  complain: ["complain", "complains", "complained", "complaining"],
  contend: ["contend", "contends", "contended", "contending"],
  maintain: ["maintains", "maintained"],
  assert: ["assert", "asserts", "asserted", "asserting"],
  observe: ["observed"],
  remark: ["remarked"],
  report: ["report", "reports", "reported", "reporting"],
  confirm: ["confirm", "confirms", "confirmed", "confirming"],
  deny: ["denied", "denies"],
  vow: ["vow", "vows", "vowed", "vowing"],
  pledge: ["pledge", "pledges", "pledged", "pledging"],
  promise: ["promise", "promises", "promised", "promising"],
  comment: ["commented"],
  joke: ["joked", "jokes"],
  quip: ["quipped", "quips"],
  exclaim: ["exclaimed"],
  shout: ["shouted"],
  chant: ["chanted"],
  yell: ["yelled"],
  testify: ["testified"],
  boast: ["boasted", "boasts"],
  caution: ["cautioned", "cautions"],
  charge: ["charged"],
  counter: ["countered"],
  reiterate: ["reiterated", "reiterates"],
  repeat: ["repeated"],
  describe: ["described", "describes", "describing"],
  call: ["call", "calls", "called", "calling"],
  accuse: ["accused", "accuses", "accusing"],
  demand: ["demanded", "demands"],
  believe: ["believe", "believes", "believed"],
  think: ["think", "thinks", "thought"],
  hope: ["hopes", "hoped"],
  fear: ["fears", "feared"],
  estimate: ["estimated", "estimates"],
  find: ["found", "finds"],
  show: ["show", "shows", "showed"],
  indicate: ["indicated", "indicates"],
  reveal: ["revealed", "reveals"],
  point: ["pointed out", "points out"],
  go: ["went on to say", "went on", "goes on"],
  opine: ["opined", "opines"],
  read: ["reads", "read"],
  criticize: ["criticized", "criticizes"],
  praise: ["praised"],
  blame: ["blamed"],
  dismiss: ["dismissed"],
  express: ["expressed"],
  allege: ["alleged", "alleges"],
  cite: ["cited", "citing"],
  mention: ["mentioned"],
  propose: ["proposed"],
  recommend: ["recommended"],
  tout: ["touted"],
  pen: ["penned"],
  post: ["posted"],
  message: ["messaged"],
  // Added from cue spans of PolNeAR train direct quotes that the first lists missed (2+ occurrences each).
  remark2: ["remarking", "remarks"],
  chant2: ["chants", "chanting"],
  interject: ["interjected"],
  concede: ["conceded", "concedes", "conceding"],
  answer: ["answered", "answers"],
  lament: ["lamented", "laments"],
  question: ["questioned"],
  imply: ["implied", "implies"],
  assure: ["assured", "assures"],
  elaborate: ["elaborated"],
  bemoan: ["bemoaned"],
  bark: ["barked"],
  yell2: ["yelling", "yells"],
  proclaim: ["proclaimed", "proclaims"],
  chide: ["chided", "chiding"],
  muse: ["mused"],
  wonder: ["wondered"],
  retweet: ["retweeted"],
  boom: ["boomed"],
  snap: ["snapped"],
  retort: ["retorted"],
  scream: ["screamed", "screaming"],
  shoot: ["shot back"],
  fire: ["fired back"],
  continue2: ["continues", "continuing"],
  mock: ["mocked", "mocks", "mocking"],
  refer: ["referred to", "refers to", "referring to"],
  reference: ["referenced"],
  denounce: ["denounced", "denounces"],
  slam: ["slammed", "slams", "slamming"],
  blast: ["blasted", "blasts"],
  thank: ["thanked"],
  dub: ["dubbed"],
  label: ["labeled", "labelled", "labeling"],
  brand: ["branded"],
  hail: ["hailed"],
  deride: ["derided"],
  decry: ["decried"],
  praise2: ["praising"],
  fume: ["fumed"],
  quote: ["quoted", "quoting"],
  sing: ["sang", "sings", "sang"],
  gush: ["gushed"],
  scoff: ["scoffed"],
  sigh: ["sighed"],
  laugh: ["laughed"],
  whisper: ["whispered"],
  plead: ["pleaded"],
  // Second round: verbs that follow a quoted sentence in PolNeAR train ("“…,” I confessed", "“…,” remembered X").
  confess: ["confessed", "confesses"],
  remember: ["remembered", "remembers"],
  recount: ["recounted", "recounts"],
  reason: ["reasoned", "reasons"],
  marvel: ["marveled", "marvelled", "marvels"],
  beam: ["beamed"],
  rave: ["raved"],
  grumble: ["grumbled"],
  vent: ["vented"],
  mutter: ["muttered"],
  murmur: ["murmured"],
  taunt: ["taunted"],
  tease: ["teased"],
  cry: ["cried"],
  cheer: ["cheered"],
  shrug: ["shrugged"],
  thunder: ["thundered"],
  roar: ["roared"],
  intone: ["intoned"],
  gripe: ["griped"],
  rant: ["ranted"],
  sneer: ["sneered"],
  summarize: ["summarized"],
  volunteer: ["volunteered"],
  // "As Vulture put it, “…”".
  put: ["put it", "puts it"],
};

/** Lemmas whose object is the listener ("told reporters that …"), not the content. */
export const LISTENER_LEMMAS = new Set(["tell", "ask", "warn", "urge", "remind"]);

/** Lemmas that need quoted words to count as a speech cue ("called it an “appropriate step”"): alone they describe acts, not speech. */
export const NEEDS_QUOTE_LEMMAS = new Set([
  "call", "describe", "accuse", "criticize", "praise", "blame", "dismiss", "express", "cite", "tout", "post", "read", "show", "find",
  "indicate", "reveal", "mention", "propose", "recommend", "demand", "repeat", "charge", "pen", "message", "estimate", "hope", "fear",
  "mock", "refer", "reference", "denounce", "slam", "blast", "thank", "dub", "label", "brand", "hail", "deride", "decry", "praise2",
  "question", "chide", "retweet", "quote", "put",
]);

const FORM_TO_LEMMA = new Map<string, string>();
for (const [lemma, forms] of Object.entries(SPEECH_LEMMAS)) for (const f of forms) FORM_TO_LEMMA.set(f, lemma);

export function cueLemma(form: string): string | undefined {
  return FORM_TO_LEMMA.get(form.toLowerCase());
}

// Longest forms first so "pointed out" wins over a shorter prefix.
const FORMS = [...FORM_TO_LEMMA.keys()].sort((a, b) => b.length - a.length).map((f) => f.replace(/ /g, "\\s+"));

/** Matches a cue verb form as a whole word (global, case-insensitive). */
export const CUE_RE = new RegExp(`(?<![\\p{L}\\p{N}'’-])(?:${FORMS.join("|")})(?![\\p{L}\\p{N}-])`, "giu");

/** Words allowed between a source and its cue: auxiliaries and adverbs ("has also said", "later told"). */
export const BETWEEN_SOURCE_AND_CUE = new Set(
  (
    "also has have had would will could did does do is was were are then later previously recently repeatedly once further " +
    "publicly privately quickly simply reportedly initially first earlier often frequently always never just only still again " +
    "finally even actually flatly angrily bluntly openly succinctly simply not already ultimately subsequently separately " +
    "immediately directly explicitly specifically clearly famously memorably told"
  ).split(" "),
);

/** Lowercase nouns that can head an unnamed source ("a source said", "the spokesman added"). */
export const SOURCE_NOUNS = new Set(
  (
    "campaign poll voters officials candidates supporters candidate leaders polls president experts aides allies report group " +
    "administration governor company groups advisers people official team spokesman spokeswoman spokesperson spokespeople state party records judge " +
    "nominee manager survey strategist supporter director office senators senator government media adviser advisor aide ad source " +
    "members analysts lawmakers statement critics leader strategists reports board sources reporter states crowd agency rivals man " +
    "politicians organization lawsuit newspaper establishment advocates polling opponents activists staff insiders women donors " +
    "delegates committee emails executives economists court parties campaigns conservatives email businessman audience chairman " +
    "friends letter data debate results networks prosecutors authorities public executive mayor firm camp woman organizations " +
    "community analysis leadership country investigation ads pollster observers employee video countries secretary activist bill " +
    "attendees tweet movement protesters researchers unions member lawyers friend progressives employees operatives rally mogul " +
    "editorial message paper wife backers speech person account narrator actor panel plan surveys workers scientists department " +
    "liberals diplomat neurosurgeon staffer organizers actress journalist fans justice figures lawyer network host tycoon husband " +
    "commentators veteran moderators meeting documents research officer pundits council remarks speaker foundation lawmaker mother " +
    "speechwriter union organizer contenders nation chairwoman industry investigators consultant ally daughter legislature attorneys " +
    "citizens donor journalists findings estimates magazine moderator writers evidence family users analyst minister ministry chief " +
    "embassy author surrogates editors father pastor lobbyists independents critic residents officers police study studies " +
    "documents filing filings memo ambassador envoy diplomats negotiator commenter commenters child children student students voter resident scientist scientists professor economist expert historian strategist pollster front-runner frontrunner hopeful hopefuls contender challenger incumbent poster viewer viewers reader readers negotiators representative representatives"
  ).split(" "),
);

/** Determiners and modifiers that may start an unnamed source noun phrase ("a senior campaign official"). */
export const SOURCE_MODIFIERS = new Set(
  (
    "a an the another one two three some many several most other his her their its our my your this that these those both each " +
    "senior top former chief longtime close former current local federal state foreign deputy assistant white house new recent " +
    "national republican democratic conservative liberal political campaign presidential press security intelligence defense " +
    "military administration government party police health trade u.s. chinese american us unnamed anonymous anti-drug " +
    "spokesman spokeswoman"
  ).split(" "),
);

export const PRONOUNS: Record<string, "m" | "f" | "pl" | "1" | "n"> = {
  he: "m", she: "f", they: "pl", i: "1", we: "1", it: "n",
};
