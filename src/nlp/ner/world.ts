// A small hand-written gazetteer for canonical entities and sides: countries with their
// aliases, demonyms and capitals, and government bodies with the country they belong to.
// Written for this project (facts, not copied text); extend it as new storylines need.

export interface Country {
  name: string;
  aliases: string[];
  demonyms: string[];
  capital: string | null;
}

// name | aliases | demonyms | capital
const COUNTRY_TABLE = `
United States|U.S.,US,USA,U.S.A.,America,United States of America,the States|American,Americans|Washington
China|PRC,P.R.C.,People's Republic of China,Mainland China|Chinese|Beijing
Taiwan|Republic of China,ROC|Taiwanese|Taipei
Hong Kong|HK,HKSAR|Hong Konger,Hong Kongers|
Russia|Russian Federation|Russian,Russians|Moscow
United Kingdom|UK,U.K.,Britain,Great Britain|British,Briton,Britons|London
France|French Republic|French|Paris
Germany|Federal Republic of Germany|German,Germans|Berlin
Italy||Italian,Italians|Rome
Spain||Spanish|Madrid
Japan||Japanese|Tokyo
South Korea|Republic of Korea,ROK|South Korean,South Koreans|Seoul
North Korea|DPRK,Democratic People's Republic of Korea|North Korean,North Koreans|Pyongyang
India|Republic of India|Indian,Indians|New Delhi
Pakistan||Pakistani,Pakistanis|Islamabad
Afghanistan||Afghan,Afghans|Kabul
Iran|Islamic Republic of Iran|Iranian,Iranians|Tehran
Iraq||Iraqi,Iraqis|Baghdad
Syria||Syrian,Syrians|Damascus
Israel||Israeli,Israelis|Jerusalem
Palestine|Palestinian territories|Palestinian,Palestinians|
Saudi Arabia|Kingdom of Saudi Arabia|Saudi,Saudis|Riyadh
Turkey|Turkiye,Türkiye|Turkish,Turks|Ankara
Egypt||Egyptian,Egyptians|Cairo
Ukraine||Ukrainian,Ukrainians|Kyiv
Poland||Polish,Poles|Warsaw
Mexico|United Mexican States|Mexican,Mexicans|Mexico City
Canada||Canadian,Canadians|Ottawa
Brazil||Brazilian,Brazilians|Brasilia
Argentina||Argentine,Argentinian|Buenos Aires
Colombia||Colombian,Colombians|Bogota
Venezuela||Venezuelan,Venezuelans|Caracas
Cuba||Cuban,Cubans|Havana
Australia||Australian,Australians|Canberra
New Zealand||New Zealander|Wellington
Indonesia||Indonesian,Indonesians|Jakarta
Philippines|the Philippines|Filipino,Filipinos,Philippine|Manila
Vietnam|Viet Nam|Vietnamese|Hanoi
Thailand||Thai|Bangkok
Myanmar|Burma|Burmese|Naypyidaw
Malaysia||Malaysian,Malaysians|Kuala Lumpur
Singapore||Singaporean,Singaporeans|
Nigeria||Nigerian,Nigerians|Abuja
South Africa||South African,South Africans|Pretoria
Kenya||Kenyan,Kenyans|Nairobi
Ethiopia||Ethiopian,Ethiopians|Addis Ababa
Netherlands|Holland,the Netherlands|Dutch|Amsterdam
Belgium||Belgian,Belgians|Brussels
Switzerland||Swiss|Bern
Sweden||Swedish,Swedes|Stockholm
Norway||Norwegian,Norwegians|Oslo
Greece||Greek,Greeks|Athens
Portugal||Portuguese|Lisbon
Ireland||Irish|Dublin
Austria||Austrian,Austrians|Vienna
Hungary||Hungarian,Hungarians|Budapest
Qatar||Qatari|Doha
United Arab Emirates|UAE,U.A.E.|Emirati|Abu Dhabi
Lebanon||Lebanese|Beirut
Jordan||Jordanian|Amman
Libya||Libyan,Libyans|Tripoli
Sudan||Sudanese|Khartoum
Chile||Chilean,Chileans|Santiago
Peru||Peruvian,Peruvians|Lima
`;

// More countries: names, aliases and demonyms only. Their capitals are not read as governments
// ("Kingston", "San Jose" and "Victoria" are more often other places in English news);
// "Georgia" is left out because US news mostly means the state.
const MORE_COUNTRIES = `
Haiti||Haitian,Haitians|Port-au-Prince
Dominican Republic||Dominican|Santo Domingo
Jamaica||Jamaican,Jamaicans|Kingston
Bolivia||Bolivian,Bolivians|La Paz
Ecuador||Ecuadorian,Ecuadorians|Quito
Paraguay||Paraguayan|Asuncion
Uruguay||Uruguayan|Montevideo
Guatemala||Guatemalan,Guatemalans|Guatemala City
Honduras||Honduran,Hondurans|Tegucigalpa
El Salvador||Salvadoran,Salvadorans|San Salvador
Nicaragua||Nicaraguan,Nicaraguans|Managua
Costa Rica||Costa Rican|San Jose
Panama||Panamanian|Panama City
Denmark||Danish,Dane,Danes|Copenhagen
Finland||Finnish,Finn,Finns|Helsinki
Iceland||Icelandic|Reykjavik
Czech Republic|Czechia|Czech,Czechs|Prague
Slovakia||Slovak,Slovaks|Bratislava
Romania||Romanian,Romanians|Bucharest
Bulgaria||Bulgarian,Bulgarians|Sofia
Serbia||Serbian,Serbs|Belgrade
Croatia||Croatian,Croats|Zagreb
Bosnia and Herzegovina|Bosnia|Bosnian,Bosnians|Sarajevo
Slovenia||Slovenian|Ljubljana
Albania||Albanian,Albanians|Tirana
North Macedonia|Macedonia|Macedonian|Skopje
Kosovo||Kosovar,Kosovars|Pristina
Montenegro||Montenegrin|Podgorica
Moldova||Moldovan|Chisinau
Belarus||Belarusian,Belarusians|Minsk
Lithuania||Lithuanian,Lithuanians|Vilnius
Latvia||Latvian,Latvians|Riga
Estonia||Estonian,Estonians|Tallinn
Armenia||Armenian,Armenians|Yerevan
Azerbaijan||Azerbaijani,Azeri|Baku
Kazakhstan||Kazakh,Kazakhs|Astana
Uzbekistan||Uzbek,Uzbeks|Tashkent
Turkmenistan||Turkmen|Ashgabat
Kyrgyzstan||Kyrgyz|Bishkek
Tajikistan||Tajik,Tajiks|Dushanbe
Mongolia||Mongolian,Mongolians|Ulaanbaatar
Nepal||Nepali,Nepalese|Kathmandu
Bangladesh||Bangladeshi,Bangladeshis|Dhaka
Sri Lanka||Sri Lankan,Sri Lankans|Colombo
Bhutan||Bhutanese|Thimphu
Maldives||Maldivian|Male
Cambodia||Cambodian,Cambodians|Phnom Penh
Laos||Laotian,Lao|Vientiane
Brunei||Bruneian|Bandar Seri Begawan
East Timor|Timor-Leste|Timorese|Dili
Papua New Guinea||Papua New Guinean|Port Moresby
Fiji||Fijian,Fijians|Suva
Yemen||Yemeni,Yemenis|Sanaa
Oman||Omani,Omanis|Muscat
Kuwait||Kuwaiti,Kuwaitis|Kuwait City
Bahrain||Bahraini,Bahrainis|Manama
Cyprus||Cypriot,Cypriots|Nicosia
Malta||Maltese|Valletta
Luxembourg||Luxembourgish|Luxembourg
Morocco||Moroccan,Moroccans|Rabat
Algeria||Algerian,Algerians|Algiers
Tunisia||Tunisian,Tunisians|Tunis
Mauritania||Mauritanian|Nouakchott
Mali||Malian,Malians|Bamako
Niger||Nigerien,Nigeriens|Niamey
Chad||Chadian,Chadians|N'Djamena
Senegal||Senegalese|Dakar
Ghana||Ghanaian,Ghanaians|Accra
Ivory Coast|Cote d'Ivoire,Côte d'Ivoire|Ivorian,Ivorians|Yamoussoukro
Liberia||Liberian,Liberians|Monrovia
Sierra Leone||Sierra Leonean|Freetown
Guinea||Guinean,Guineans|Conakry
Burkina Faso||Burkinabe|Ouagadougou
Benin||Beninese|Porto-Novo
Togo||Togolese|Lome
Cameroon||Cameroonian,Cameroonians|Yaounde
Central African Republic|CAR|Central African|Bangui
Gabon||Gabonese|Libreville
Congo|Republic of the Congo,Congo-Brazzaville|Congolese|Brazzaville
Democratic Republic of the Congo|DRC,DR Congo,Congo-Kinshasa||Kinshasa
Angola||Angolan,Angolans|Luanda
Zambia||Zambian,Zambians|Lusaka
Zimbabwe||Zimbabwean,Zimbabweans|Harare
Mozambique||Mozambican,Mozambicans|Maputo
Malawi||Malawian,Malawians|Lilongwe
Tanzania||Tanzanian,Tanzanians|Dodoma
Uganda||Ugandan,Ugandans|Kampala
Rwanda||Rwandan,Rwandans|Kigali
Burundi||Burundian|Gitega
Somalia||Somali,Somalis|Mogadishu
Eritrea||Eritrean,Eritreans|Asmara
Djibouti||Djiboutian|Djibouti
South Sudan||South Sudanese|Juba
Madagascar||Malagasy|Antananarivo
Namibia||Namibian,Namibians|Windhoek
Botswana||Botswanan,Batswana|Gaborone
Mauritius||Mauritian|Port Louis
Vatican|Holy See,Vatican City||
`;

function parseCountries(table: string): Country[] {
  return table
    .trim()
    .split("\n")
    .map((line) => {
      const [name, aliases, demonyms, capital] = line.split("|");
      const list = (s: string | undefined) => (s ? s.split(",").map((x) => x.trim()).filter(Boolean) : []);
      return { name: name!, aliases: list(aliases), demonyms: list(demonyms), capital: capital?.trim() || null };
    });
}

/** Countries whose capitals stand for their governments ("Washington", "Beijing", "Moscow"). */
const MAIN_COUNTRIES = parseCountries(COUNTRY_TABLE);
export const COUNTRIES: readonly Country[] = [...MAIN_COUNTRIES, ...parseCountries(MORE_COUNTRIES)];

export interface Body {
  name: string;
  aliases: string[];
  /** The country (or union) it speaks for; null when it depends on a qualifier ("Foreign Ministry"). */
  side: string | null;
}

// canonical name | aliases | side ("" = needs a qualifier such as "Chinese" or the article's country)
const BODY_TABLE = `
White House||United States
State Department|Department of State,U.S. State Department|United States
Justice Department|Department of Justice,DOJ|United States
Treasury Department|Department of the Treasury,U.S. Treasury,Treasury|United States
Commerce Department|Department of Commerce|United States
Pentagon|Defense Department,Department of Defense|United States
Department of Homeland Security|Homeland Security Department,DHS|United States
Drug Enforcement Administration|DEA|United States
Federal Bureau of Investigation|FBI|United States
Central Intelligence Agency|CIA|United States
Office of National Drug Control Policy|ONDCP|United States
Customs and Border Protection|CBP|United States
U.S. Congress|Congress,Capitol Hill|United States
U.S. Senate|Senate|United States
House of Representatives||United States
Biden administration||United States
Trump administration||United States
Obama administration||United States
Federal Reserve|Fed|United States
Communist Party of China|Chinese Communist Party,CCP,CPC,Communist Party|China
State Council||China
National People's Congress|NPC|China
Ministry of Public Security||China
National Narcotics Control Commission||China
People's Liberation Army|PLA|China
Xinhua|Xinhua News Agency|China
Zhongnanhai||China
Kremlin||Russia
Downing Street||United Kingdom
European Union|EU,E.U.|European Union
European Commission||European Union
United Nations|UN,U.N.|United Nations
NATO|North Atlantic Treaty Organization|NATO
Foreign Ministry|Ministry of Foreign Affairs|
Defense Ministry|Ministry of Defense,Ministry of National Defense|
Commerce Ministry|Ministry of Commerce|
Interior Ministry|Ministry of the Interior|
Public Security Ministry||China
`;

export const BODIES: readonly Body[] = BODY_TABLE.trim()
  .split("\n")
  .map((line) => {
    const [name, aliases, side] = line.split("|");
    return { name: name!, aliases: aliases ? aliases.split(",").map((x) => x.trim()).filter(Boolean) : [], side: side?.trim() || null };
  });

const norm = (s: string) => (/[’\s]/.test(s) ? s.toLowerCase().replace(/’/g, "'").replace(/\s+/g, " ").trim() : s.toLowerCase());

const countryByAlias = new Map<string, Country>();
const countryByDemonym = new Map<string, Country>();
const countryByCapital = new Map<string, Country>();
for (const c of COUNTRIES) {
  for (const a of [c.name, ...c.aliases]) countryByAlias.set(norm(a.replace(/^the /, "")), c);
  for (const d of c.demonyms) countryByDemonym.set(norm(d), c);
}
for (const c of MAIN_COUNTRIES) if (c.capital) countryByCapital.set(norm(c.capital), c);
const bodyByAlias = new Map<string, Body>();
for (const b of BODIES) for (const a of [b.name, ...b.aliases]) bodyByAlias.set(norm(a), b);

/**
 * Remembers a lookup's answers by input string: entity resolution asks about the same words and phrases many
 * times per article (every n-gram of every role phrase) and across articles. Bounded; cleared when full.
 */
function memo<T>(f: (s: string) => T | undefined): (s: string) => T | undefined {
  const seen = new Map<string, T | null>();
  return (s) => {
    const hit = seen.get(s);
    if (hit !== undefined) return hit ?? undefined;
    const v = f(s);
    if (seen.size >= 20_000) seen.clear();
    seen.set(s, v ?? null);
    return v;
  };
}

/** Country named by a name or alias ("U.S.", "the United States", "PRC"), case-sensitive for short acronyms. */
export const countryByName = memo((s: string): Country | undefined => {
  const t = s.replace(/^the\s+/i, "").replace(/['’]s$/, "").trim();
  // "US" in capitals only: "us" is a pronoun.
  if (t.length <= 3 && t !== t.toUpperCase()) return undefined;
  return countryByAlias.get(norm(t));
});

export const countryByDemonymWord = memo((s: string): Country | undefined => countryByDemonym.get(norm(s)));

/** The country whose government a capital can stand for (main countries only, see MORE_COUNTRIES). */
export const countryOfCapital = memo((s: string): Country | undefined => countryByCapital.get(norm(s)));

export function countryNamed(name: string): Country | undefined {
  return COUNTRIES.find((c) => c.name === name);
}

/** Government body by name or alias ("DEA", "Department of Justice"), case-sensitive for acronyms. */
export const bodyByName = memo((s: string): Body | undefined => {
  const t = s.replace(/^the\s+/i, "").replace(/['’]s$/, "").trim();
  if (t.length <= 4 && t !== t.toUpperCase()) return undefined;
  return bodyByAlias.get(norm(t));
});

/** Letters and digits only, lowercased: "U.S.," → "us". */
const bare = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
let firstWords: Set<string> | null = null;

/**
 * False when no country, demonym or body name (countryByName, countryByDemonymWord, bodyByName) can start
 * with this word, as written or without a trailing possessive or punctuation: a cheap test before trying
 * every phrase that starts with it. "the" and words with no letter or digit are always possible.
 */
export function mayStartKnownName(word: string): boolean {
  firstWords ??= new Set([...countryByAlias.keys(), ...countryByDemonym.keys(), ...bodyByAlias.keys()].map((k) => bare(k.split(" ")[0]!)));
  const b = bare(word);
  if (b === "" || b === "the" || firstWords.has(b)) return true;
  const cut = word.replace(/[,.;:]+$/, "");
  return firstWords.has(bare(word.replace(/['’]s$/, ""))) || firstWords.has(bare(cut.replace(/['’]s$/, "")));
}

/** Every surface form worth scanning raw text for (countries, demonyms, bodies), longest first. */
export function allSurfaceForms(): string[] {
  const out = new Set<string>();
  for (const c of COUNTRIES) for (const a of [c.name, ...c.aliases, ...c.demonyms]) out.add(a.replace(/^the /, ""));
  for (const b of BODIES) for (const a of [b.name, ...b.aliases]) out.add(a);
  return [...out].sort((a, b) => b.length - a.length);
}

/** Role words that make a phrase a title or role ("spokesperson", "Secretary", "Director"). */
export const ROLE_NOUNS = new Set(
  (
    "spokesperson spokesman spokeswoman spokespeople minister secretary president vice-president premier director ambassador envoy " +
    "official officials adviser advisor chairman chairwoman chair chief head leader senator representative congressman congresswoman " +
    "governor mayor general commander administrator deputy counselor diplomat attorney prosecutor judge czar tsar officer analyst " +
    "professor expert researcher ceo executive founder lawmaker king queen chancellor negotiator correspondent editor " +
    "commissioner inspector superintendent sheriff chairperson councillor councilor member delegate coordinator manager " +
    "strategist economist scholar fellow undersecretary under-secretary speaker"
  ).split(" "),
);
