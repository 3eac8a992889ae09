"""Words the gazetteer lacks: other names of countries, the UK's nations, demonyms, and the words that make a
region of a known place ("County Durham", "south Wales")."""

from __future__ import annotations

# Other names of countries, besides GeoNames' and pycountry's (name, common name, official name). Keys are
# case-folded; dotted forms are folded by the lookup ("U.S." -> "us").
COUNTRY_ALIASES: dict[str, str] = {
    "uk": "GB", "britain": "GB", "great britain": "GB", "united kingdom": "GB",
    "us": "US", "usa": "US", "america": "US", "united states": "US", "the states": "US", "states": "US",
    "united states of america": "US",
    "holland": "NL", "netherlands": "NL", "the netherlands": "NL",
    "russia": "RU", "south korea": "KR", "north korea": "KP", "korea": "KR", "iran": "IR", "syria": "SY",
    "czech republic": "CZ", "czechia": "CZ", "ivory coast": "CI", "burma": "MM", "myanmar": "MM",
    "uae": "AE", "the uae": "AE", "vatican": "VA", "taiwan": "TW", "vietnam": "VN", "laos": "LA",
    "moldova": "MD", "tanzania": "TZ", "venezuela": "VE", "bolivia": "BO", "palestine": "PS",
    "macedonia": "MK", "north macedonia": "MK", "congo": "CD", "drc": "CD", "east timor": "TL",
    "cape verde": "CV", "swaziland": "SZ", "turkey": "TR", "brunei": "BN",
}

# The UK's nations: first-level divisions of GB in GeoNames (ids and admin1 codes as GeoNames has them).
UK_NATIONS: dict[str, tuple[int, str]] = {
    "england": (6269131, "ENG"), "scotland": (2638360, "SCT"), "wales": (2634895, "WLS"),
    "northern ireland": (2641364, "NIR"),
}

# Demonyms and nationality adjectives that point to one country ("British" -> GB). A word that names several
# peoples or a continent ("European", "Arab", "Asian") is not here: it points to no one country.
DEMONYMS: dict[str, str] = {
    "afghan": "AF", "albanian": "AL", "algerian": "DZ", "american": "US", "americans": "US", "angolan": "AO",
    "argentine": "AR", "argentinian": "AR", "argentinians": "AR", "armenian": "AM", "australian": "AU",
    "australians": "AU", "austrian": "AT", "austrians": "AT", "azerbaijani": "AZ", "bangladeshi": "BD",
    "belarusian": "BY", "belgian": "BE", "belgians": "BE", "bolivian": "BO", "bosnian": "BA", "brazilian": "BR",
    "brazilians": "BR", "british": "GB", "briton": "GB", "britons": "GB", "brit": "GB", "brits": "GB",
    "bulgarian": "BG", "burmese": "MM", "cambodian": "KH", "cameroonian": "CM", "canadian": "CA",
    "canadians": "CA", "chilean": "CL", "chinese": "CN", "colombian": "CO", "congolese": "CD",
    "croatian": "HR", "croat": "HR", "croats": "HR", "cuban": "CU", "cubans": "CU", "cypriot": "CY",
    "czech": "CZ", "czechs": "CZ", "dane": "DK", "danes": "DK", "danish": "DK", "dutch": "NL",
    "dutchman": "NL", "ecuadorian": "EC", "egyptian": "EG", "egyptians": "EG", "english": "GB",
    "englishman": "GB", "estonian": "EE", "ethiopian": "ET", "filipino": "PH", "finn": "FI", "finns": "FI",
    "finnish": "FI", "french": "FR", "frenchman": "FR", "frenchwoman": "FR", "georgian": "GE",
    "german": "DE", "germans": "DE", "ghanaian": "GH", "greek": "GR", "greeks": "GR", "hungarian": "HU",
    "icelandic": "IS", "indian": "IN", "indians": "IN", "indonesian": "ID", "iranian": "IR", "iranians": "IR",
    "iraqi": "IQ", "iraqis": "IQ", "irish": "IE", "irishman": "IE", "israeli": "IL", "israelis": "IL",
    "italian": "IT", "italians": "IT", "jamaican": "JM", "japanese": "JP", "jordanian": "JO",
    "kazakh": "KZ", "kenyan": "KE", "kenyans": "KE", "korean": "KR", "koreans": "KR", "kosovan": "XK",
    "kuwaiti": "KW", "latvian": "LV", "lebanese": "LB", "libyan": "LY", "lithuanian": "LT",
    "luxembourgish": "LU", "malaysian": "MY", "maltese": "MT", "mexican": "MX", "mexicans": "MX",
    "moldovan": "MD", "mongolian": "MN", "montenegrin": "ME", "moroccan": "MA", "mozambican": "MZ",
    "namibian": "NA", "nepalese": "NP", "nepali": "NP", "new zealander": "NZ", "nigerian": "NG",
    "nigerians": "NG", "northern irish": "GB", "norwegian": "NO", "norwegians": "NO", "pakistani": "PK",
    "pakistanis": "PK", "palestinian": "PS", "palestinians": "PS", "paraguayan": "PY", "peruvian": "PE",
    "philippine": "PH", "pole": "PL", "poles": "PL", "polish": "PL", "portuguese": "PT", "qatari": "QA",
    "romanian": "RO", "romanians": "RO", "russian": "RU", "russians": "RU", "rwandan": "RW", "saudi": "SA",
    "saudis": "SA", "scot": "GB", "scots": "GB", "scottish": "GB", "senegalese": "SN", "serb": "RS",
    "serbs": "RS", "serbian": "RS", "singaporean": "SG", "slovak": "SK", "slovakian": "SK",
    "slovenian": "SI", "somali": "SO", "south african": "ZA", "south africans": "ZA", "south korean": "KR",
    "north korean": "KP", "spaniard": "ES", "spaniards": "ES", "spanish": "ES", "sri lankan": "LK",
    "sudanese": "SD", "swede": "SE", "swedes": "SE", "swedish": "SE", "swiss": "CH", "syrian": "SY",
    "syrians": "SY", "taiwanese": "TW", "tanzanian": "TZ", "thai": "TH", "tunisian": "TN", "turk": "TR",
    "turks": "TR", "turkish": "TR", "ugandan": "UG", "ukrainian": "UA", "ukrainians": "UA",
    "uruguayan": "UY", "uzbek": "UZ", "venezuelan": "VE", "vietnamese": "VN", "welsh": "GB",
    "welshman": "GB", "yemeni": "YE", "zambian": "ZM", "zimbabwean": "ZW", "kiwi": "NZ", "kiwis": "NZ",
}

# Words that make a region of a place the gazetteer knows: "County Durham", "south Wales", "Greater London".
REGION_WORDS = frozenset({
    "county", "co.", "greater", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "north-east", "north-west", "south-east", "south-west", "north-eastern", "north-western",
    "south-eastern", "south-western", "mid", "upper", "lower", "inner", "outer", "rural", "metropolitan",
    "province", "region", "state", "district", "borough", "shire",
})
