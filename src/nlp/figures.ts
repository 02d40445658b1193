// Public figures whose side a reader knows without being told: heads of state and government, foreign
// ministers and a few other national officials of the countries news storylines most often involve,
// from 2016 on. A person the article gives no country for ("President-elect Donald Trump said…",
// "Biden said…") still speaks for their government. Facts written for this project; extend as needed.
// A person's side in an article that states it (role, apposition) always wins over this table.

export interface Figure {
  name: string;
  country: string;
}

// name | country (as in src/nlp/ner/world.ts) | "surname" when the surname alone names them in the news
// ("Biden said"); common surnames (Kim, Lee, Wang, May, Harris) are left out of that.
const TABLE = `
Joe Biden|United States|surname
Donald Trump|United States|surname
Barack Obama|United States|surname
Kamala Harris|United States
Mike Pence|United States|surname
JD Vance|United States
Antony Blinken|United States|surname
Marco Rubio|United States|surname
Mike Pompeo|United States|surname
Rex Tillerson|United States|surname
Janet Yellen|United States|surname
Scott Bessent|United States|surname
Xi Jinping|China|surname
Li Qiang|China
Li Keqiang|China
Wang Yi|China
Qin Gang|China|surname
Wang Huning|China
Han Zheng|China
Vladimir Putin|Russia|surname
Dmitry Medvedev|Russia|surname
Sergey Lavrov|Russia|surname
Mikhail Mishustin|Russia|surname
Volodymyr Zelensky|Ukraine|surname
Dmytro Kuleba|Ukraine|surname
Andrii Sybiha|Ukraine|surname
Rishi Sunak|United Kingdom|surname
Keir Starmer|United Kingdom|surname
Boris Johnson|United Kingdom
Liz Truss|United Kingdom
Theresa May|United Kingdom
David Cameron|United Kingdom
David Lammy|United Kingdom|surname
Emmanuel Macron|France|surname
Olaf Scholz|Germany|surname
Friedrich Merz|Germany|surname
Angela Merkel|Germany|surname
Annalena Baerbock|Germany|surname
Giorgia Meloni|Italy|surname
Pedro Sanchez|Spain
Fumio Kishida|Japan|surname
Shigeru Ishiba|Japan|surname
Shinzo Abe|Japan
Yoshihide Suga|Japan
Sanae Takaichi|Japan|surname
Yoon Suk Yeol|South Korea
Lee Jae-myung|South Korea
Moon Jae-in|South Korea
Kim Jong Un|North Korea
Narendra Modi|India|surname
Subrahmanyam Jaishankar|India|surname
Shehbaz Sharif|Pakistan
Imran Khan|Pakistan
Benjamin Netanyahu|Israel|surname
Ali Khamenei|Iran|surname
Masoud Pezeshkian|Iran|surname
Ebrahim Raisi|Iran|surname
Recep Tayyip Erdogan|Turkey|surname
Mohammed bin Salman|Saudi Arabia
Abdel Fattah el-Sisi|Egypt
Andres Manuel Lopez Obrador|Mexico
Claudia Sheinbaum|Mexico|surname
Justin Trudeau|Canada|surname
Mark Carney|Canada
Melanie Joly|Canada
Luiz Inacio Lula da Silva|Brazil
Jair Bolsonaro|Brazil|surname
Javier Milei|Argentina|surname
Gustavo Petro|Colombia
Nicolas Maduro|Venezuela|surname
Anthony Albanese|Australia|surname
Scott Morrison|Australia
Penny Wong|Australia
Ferdinand Marcos Jr.|Philippines
Rodrigo Duterte|Philippines|surname
Prabowo Subianto|Indonesia
Joko Widodo|Indonesia|surname
Tsai Ing-wen|Taiwan|surname
Lai Ching-te|Taiwan
John Lee|Hong Kong
Carrie Lam|Hong Kong
Cyril Ramaphosa|South Africa|surname
Ursula von der Leyen|European Union
Antonio Guterres|United Nations|surname
`;

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[.\s]+/g, " ").trim();

const BY_NAME = new Map<string, Figure>();
/** Surname → the figures bearing it ("wang" → Wang Yi, Wang Huning). */
const BY_SURNAME = new Map<string, Figure[]>();
for (const line of TABLE.trim().split("\n")) {
  const [name, country, bySurname] = line.split("|") as [string, string, string | undefined];
  const f = { name, country };
  BY_NAME.set(fold(name), f);
  if (!bySurname) continue;
  // Chinese, Korean and Taiwanese names put the family name first.
  const words = fold(name).split(" ");
  const surname = ["China", "Taiwan", "North Korea", "South Korea"].includes(country) ? words[0]! : words[words.length - 1]!;
  BY_SURNAME.set(surname, [...(BY_SURNAME.get(surname) ?? []), f]);
}

/** The public figure a canonical person name ("Joe Biden", "Mélanie Joly") denotes, if the table knows them. */
export function figureNamed(name: string): Figure | undefined {
  return BY_NAME.get(fold(name));
}

/** The one public figure with this surname ("Biden" → Joe Biden); none when several share it ("Wang"). */
export function figureBySurname(surname: string): Figure | undefined {
  const list = BY_SURNAME.get(fold(surname));
  return list?.length === 1 ? list[0] : undefined;
}
