/**
 * Capitalised words that are not names: they begin sentences, name months and
 * days, or are common nouns written with a capital in titles of wars, treaties
 * and events. A run of capitalised words containing one of them is not taken
 * for an unknown person's name.
 */
export const NOT_NAME_WORDS = new Set(
  `a an the this that these those it its he she they we i you our his her their my your
   in on at for but and or nor so as after before when while during since with without from to by of into
   onto upon over under about above below between among against through throughout toward towards
   each every all some many most no not yet also then there here such both either neither
   last next first second third fourth fifth new old great little more less other another
   today yesterday tomorrow now however although though because if unless whether until
   what which who whom whose where why how
   later earlier meanwhile afterwards afterward subsequently finally eventually instead thus hence therefore
   moreover furthermore indeed again still only even perhaps already soon once twice recently initially
   originally previously nevertheless nonetheless otherwise accordingly consequently besides likewise
   similarly overall altogether according following despite regarding concerning including except
   unlike like near just never always often sometimes thereafter hereafter whereas whilst upon
   mr mrs ms dr sir lord lady
   january february march april may june july august september october november december
   monday tuesday wednesday thursday friday saturday sunday
   war wars world revolution treaty accords accord agreement declaration conference summit
   congress day days week month year years century olympics olympic games street square
   university college school church mosque palace hotel airport station prize award
   north south east west northern southern eastern western central
   cold holy great national international communist socialist democratic republican
   chapter section part volume vol page figure table note notes see source sources
   article articles paragraph paragraphs clause clauses annex appendix schedule preamble contracting
   english french german latin
   mv ms ss hms uss rms
   asia europe africa america americas oceania balkans caucasus levant arctic antarctica pacific atlantic
   theory studies issues review journal press house institute history affairs relations report
   act acts charter protocol convention memorandum communique communiqué resolution statement plan doctrine
   pact declaration code constitution law bill program programme initiative process talks round`.split(/\s+/).filter(Boolean),
);

/** Words that may sit inside a name in lower case ("Zëri i Popullit", "Charles de Gaulle"). */
export const NAME_PARTICLES = new Set(['i', 'e', 'de', 'del', 'della', 'di', 'da', 'van', 'von', 'der', 'den', 'la', 'le', 'al', 'el', 'bin', 'ibn', 'abu', 'ben', 'du', 'dos', 'das']);

/** Words that end a capitalised run: the name cannot continue past them. */
export const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'their', 'our', 'his', 'her']);

/** Last words of place names ("Gaza City", "Red River"): such a run is not a person. */
export const PLACE_HEADS = new Set(
  `city town village province region district county state island islands river sea ocean lake bay gulf strait
   peninsula coast mountains mountain valley desert plain plains bridge port harbour harbor airport square street
   avenue road hall palace castle cathedral camp prison hospital hotel museum park border front line canal`.split(/\s+/).filter(Boolean),
);

/** First words of place names ("Camp David", "Port Said", "Cape Town"). */
export const PLACE_FIRST = new Set(['camp', 'fort', 'lake', 'mount', 'mt', 'port', 'cape', 'saint', 'st', 'san', 'santa', 'sao', 'são', 'gulf', 'bay', 'isle', 'isla', 'rio', 'lago', 'monte', 'costa', 'puerto', 'ciudad', 'bandar', 'kuala', 'ras', 'wadi', 'tel']);
