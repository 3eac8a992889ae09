"""Labels and word lists of entity repair and labelling: the kept labels in tie-break
order, titles that only people carry and titles that also start other names, role nouns before a person's
name, and the countries, regions, world regions, place names that are also people's names, and demonyms.
"""

from __future__ import annotations

ENTITY_LABELS: tuple[str, ...] = (
    "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
)
"""Kept labels, in the order that breaks ties of the label vote."""

_LABEL_RANK = {label: rank for rank, label in enumerate(ENTITY_LABELS)}

# Labels whose names are proper nouns at both ends: lowercase words at an edge are model overreach
# ("United seemed home"). Titles of works and laws may legitimately start or end in lowercase.
_PROPER_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_SEARCHED_LABELS = frozenset({"PERSON", "ORG"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})

# Titles that only ever precede a person's name: their presence makes the whole entity a PERSON.
_STRONG_TITLES = frozenset({
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Sir", "Dame", "Prof", "Professor", "Rev", "Revd",
    "Reverend", "Messrs", "Mme", "Mlle", "Herr", "Signor",
})
# Words that are titles before a PERSON mention but may start other names ("General Motors",
# "King's Cross"): stripped only from PERSON mentions, and a vote for PERSON when right before one.
_WEAK_TITLES = frozenset({
    "President", "Vice", "Prime", "Deputy", "Minister", "Chancellor", "Secretary", "Foreign", "Home",
    "General", "Gen", "Lt", "Col", "Colonel", "Major", "Maj", "Capt", "Captain", "Commander", "Admiral",
    "Sergeant", "Sgt", "Lord", "Lady", "Baron", "Baroness", "Earl", "Duke", "Duchess", "Count",
    "Countess", "King", "Queen", "Prince", "Princess", "Emperor", "Empress", "Pope", "Cardinal",
    "Archbishop", "Bishop", "Father", "Sister", "Brother", "Rabbi", "Imam", "Sheikh", "Ayatollah",
    "Senator", "Sen", "Rep", "Representative", "Congressman", "Congresswoman", "Governor", "Gov",
    "Mayor", "Judge", "Justice", "Ambassador", "Chairman", "Chairwoman", "Chief", "Coach", "Manager",
    "Inspector", "Detective", "Officer", "Constable", "Supt", "Superintendent", "Private",
    "Mister", "Madam", "Madame",
})
# Lower-case role nouns that precede a person's name ("US president Joe Biden", "Chelsea boss Jose
# Mourinho"); they vote PERSON for the mention that follows.
_ROLE_WORDS = frozenset({
    "president", "minister", "secretary", "chancellor", "senator", "governor", "mayor", "spokesman",
    "spokeswoman", "spokesperson", "coach", "manager", "boss", "striker", "midfielder", "defender",
    "goalkeeper", "keeper", "winger", "captain", "skipper", "player", "chairman", "chairwoman",
    "chief", "director", "actor", "actress", "singer", "rapper", "star", "producer", "leader",
    "ambassador", "envoy", "founder", "executive", "analyst", "author", "writer", "presenter",
    "comedian", "champion", "judge", "general", "colonel", "king", "queen", "prince", "princess",
    "broadcaster", "comic", "novelist", "poet", "artist", "designer", "musician", "guitarist",
    "drummer", "pianist", "composer", "film-maker", "filmmaker", "athlete", "sprinter", "runner",
    "boxer", "golfer", "batsman", "bowler", "jockey", "trainer", "veteran", "legend", "tycoon",
    "billionaire", "businessman", "businesswoman", "entrepreneur", "lawyer", "attorney",
    "prosecutor", "detective", "doctor", "professor", "scientist", "researcher", "economist",
    "critic", "commentator", "pundit", "journalist", "reporter", "editor", "photographer", "dj",
    "chef", "model", "hopeful", "newcomer", "frontman", "frontwoman", "vocalist", "songwriter",
    "rival", "forward", "full-back", "fly-half", "scrum-half", "prop", "flanker", "hooker", "olympian",
    "paralympian", "physio", "physiotherapist", "chair", "chairperson", "councillor", "commissioner", "treasurer", "premier", "peer",
    "ombudsman", "officer",
})
_PRECEDING_PERSON_WORDS = _ROLE_WORDS | frozenset({
    "President", "Minister", "Secretary", "Chancellor", "Senator", "Governor", "Mayor", "Coach",
    "Manager", "Judge", "King", "Queen", "Prince", "Princess", "Pope", "General", "Colonel", "Captain",
    "Sergeant", "Ambassador", "Chairman", "Archbishop", "Cardinal", "Sheikh", "Ayatollah",
    "MP", "MEP", "MSP", "TD", "AM", "CEO",  # "Liberal MP Anne Smith"
    # titles of rank that never precede anything but a person's name ("Conservative peer Lord Heseltine")
    "Lord", "Lady", "Baron", "Baroness", "Earl", "Duke", "Duchess", "Countess", "Emperor", "Empress",
    "Bishop", "Rabbi", "Imam", "Sen", "Rep", "Gov", "Congressman", "Congresswoman", "Admiral", "Commander",
    "Lt", "Col", "Maj", "Capt", "Sgt", "Inspector", "Detective", "Superintendent", "Supt", "Constable",
})

# Countries and regions the small model sometimes calls an organisation or a person. Cities are
# deliberately absent: a city's name is often its sports team, which is an ORG.
_PLACES = frozenset(name.casefold() for name in (
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Argentina", "Armenia", "Australia",
    "Austria", "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium",
    "Belize", "Benin", "Bhutan", "Bolivia", "Bosnia", "Botswana", "Brazil", "Brunei", "Bulgaria",
    "Burkina Faso", "Burma", "Burundi", "Cambodia", "Cameroon", "Canada", "Chad", "Chile", "China",
    "Colombia", "Congo", "Costa Rica", "Croatia", "Cuba", "Cyprus", "Czech Republic", "Czechia",
    "Denmark", "Djibouti", "Dominica", "Ecuador", "Egypt", "El Salvador", "England", "Eritrea",
    "Estonia", "Eswatini", "Ethiopia", "Fiji", "Finland", "France", "Gabon", "Gambia", "Georgia",
    "Germany", "Ghana", "Greece", "Grenada", "Guatemala", "Guinea", "Guyana", "Haiti", "Honduras",
    "Hungary", "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy",
    "Ivory Coast", "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Kosovo", "Kuwait",
    "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Lesotho", "Liberia", "Libya", "Liechtenstein",
    "Lithuania", "Luxembourg", "Madagascar", "Malawi", "Malaysia", "Maldives", "Mali", "Malta",
    "Mauritania", "Mauritius", "Mexico", "Moldova", "Monaco", "Mongolia", "Montenegro", "Morocco",
    "Mozambique", "Myanmar", "Namibia", "Nepal", "Netherlands", "New Zealand", "Nicaragua", "Niger",
    "Nigeria", "North Korea", "North Macedonia", "Northern Ireland", "Norway", "Oman", "Pakistan",
    "Palestine", "Panama", "Papua New Guinea", "Paraguay", "Peru", "Philippines", "Poland",
    "Portugal", "Qatar", "Romania", "Russia", "Rwanda", "Samoa", "San Marino", "Saudi Arabia",
    "Scotland", "Senegal", "Serbia", "Seychelles", "Sierra Leone", "Singapore", "Slovakia",
    "Slovenia", "Somalia", "South Africa", "South Korea", "South Sudan", "Spain", "Sri Lanka", "Sudan",
    "Suriname", "Sweden", "Switzerland", "Syria", "Taiwan", "Tajikistan", "Tanzania", "Thailand",
    "Togo", "Tonga", "Trinidad", "Tunisia", "Turkey", "Turkmenistan", "Uganda", "Ukraine",
    "United Arab Emirates", "United Kingdom", "United States", "Uruguay", "Uzbekistan", "Vanuatu",
    "Venezuela", "Vietnam", "Wales", "Yemen", "Zambia", "Zimbabwe",
    # regions, territories, disputed lands
    "Abkhazia", "Catalonia", "Chechnya", "Crimea", "Darfur", "Donbas", "Donbass", "Donetsk",
    "Gaza", "Gaza Strip", "Greenland", "Hong Kong", "Kashmir", "Kurdistan", "Luhansk", "Macau",
    "Nagorno-Karabakh", "Puerto Rico", "Quebec", "Siberia", "South Ossetia", "Tibet",
    "Transnistria", "West Bank", "Xinjiang", "Flanders", "Bavaria", "Tasmania",
))
# Continents and the world's regions: places without a government (LOC), whatever the model called them.
_WORLD_REGIONS = frozenset(name.casefold() for name in (
    "Africa", "Asia", "Europe", "North America", "South America", "Central America", "Latin America",
    "Antarctica", "Oceania", "Australasia", "Americas", "Arctic", "Middle East", "Far East", "Asia Pacific",
    "Asia-Pacific", "South-East Asia", "Southeast Asia", "South East Asia", "East Asia", "South Asia",
    "Central Asia", "Sub-Saharan Africa", "North Africa", "West Africa", "East Africa", "Southern Africa",
    "Eastern Europe", "Western Europe", "Central Europe", "Scandinavia", "Balkans", "Caribbean",
))
# Well-known places whose names are also common surnames or first names: a mention of them alone is
# not linked to a person's full name unless the model calls it a person.
_PLACES_NAMED_LIKE_PEOPLE = frozenset(name.casefold() for name in (
    "Washington", "Lincoln", "Jackson", "Houston", "Dallas", "Austin", "Madison", "Charlotte",
    "Florence", "Victoria", "Sydney", "Chelsea", "Paris", "Orlando", "Phoenix", "Denver", "Kingston",
    "Hamilton", "Wellington", "Nelson", "Douglas", "Raleigh", "Columbus", "Jefferson", "Preston",
    "Bolton", "Lancaster", "York", "Derby", "Chester", "Hull", "Burnley", "Barnsley", "Reading",
    "Brighton", "Lyon", "Santiago", "Jordan", "Georgia", "Israel", "Adelaide", "Regina", "Eugene",
    "Lawrence", "Marshall", "Clinton", "Chad", "Carolina", "Virginia", "Francis", "Wilson", "Everton",
))
# Nouns for a person by origin that open a name's span ("Welshman Jimmy Watkins", "Texan Michael Chicoine").
_PERSON_DEMONYMS = frozenset(
    "welshman welshwoman frenchman frenchwoman englishman englishwoman irishman irishwoman scotsman scotswoman "
    "dutchman dutchwoman scot briton texan californian kiwi aussie yorkshireman yorkshirewoman cornishman "
    "ulsterman".split())
_DEMONYMS = frozenset(name.casefold() for name in (
    "Afghan", "Albanian", "Algerian", "American", "Arab", "Argentine", "Argentinian", "Armenian",
    "Asian", "Australian", "Austrian", "Azerbaijani", "Bangladeshi", "Belarusian", "Belgian",
    "Bosnian", "Brazilian", "British", "Bulgarian", "Cameroonian", "Canadian", "Chilean", "Chinese",
    "Colombian", "Croatian", "Cuban", "Cypriot", "Czech", "Danish", "Dutch", "Egyptian", "English",
    "Estonian", "Ethiopian", "European", "Filipino", "Finnish", "French", "Georgian", "German",
    "Ghanaian", "Greek", "Hungarian", "Icelandic", "Indian", "Indonesian", "Iranian", "Iraqi",
    "Irish", "Israeli", "Italian", "Jamaican", "Japanese", "Jordanian", "Kazakh", "Kenyan",
    "Korean", "Kosovan", "Kurdish", "Kuwaiti", "Latvian", "Lebanese", "Libyan", "Lithuanian",
    "Macedonian", "Malaysian", "Maltese", "Mexican", "Moroccan", "Nepalese", "Nigerian",
    "Norwegian", "Pakistani", "Palestinian", "Peruvian", "Polish", "Portuguese", "Qatari",
    "Romanian", "Russian", "Saudi", "Scottish", "Senegalese", "Serbian", "Slovak", "Slovenian",
    "Somali", "Spanish", "Sudanese", "Swedish", "Swiss", "Syrian", "Taiwanese", "Thai", "Tibetan",
    "Tunisian", "Turkish", "Ukrainian", "Uzbek", "Venezuelan", "Vietnamese", "Welsh", "Yemeni",
    "Zimbabwean",
)) | frozenset(
    name.casefold() + "s" for name in (
        "Afghan", "Algerian", "American", "Arab", "Argentine", "Australian", "Belgian", "Brazilian",
        "Canadian", "Croatian", "Cuban", "Egyptian", "European", "Filipino", "Georgian", "German",
        "Indian", "Iranian", "Iraqi", "Israeli", "Italian", "Kenyan", "Korean", "Mexican", "Nigerian",
        "Pakistani", "Palestinian", "Russian", "Saudi", "Serbian", "Syrian", "Ukrainian",
    )
)

# Feasts and holidays are days, not entities (a date, like "Monday"), though the model may call one a person
# ("until about Easter," said Mr Shaw).
# Members of a parliament: "Labour TD Siobhán Keating", "Tory MP Anne Smith" are a party and a person, and
# "MPs say" names no one
_MEMBER_TITLES = frozenset({"MP", "MPs", "MEP", "MEPs", "MSP", "MSPs", "TD", "TDs", "MLA", "MLAs", "MHA", "MHAs"})
# Offices that are no one's surname: the model tags "The Assistant Treasurer, Daniel Merrow" as a "Treasurer"
# organisation; the office alone names nobody
_OFFICES = frozenset({
    "treasurer", "chancellor", "minister", "president", "premier", "senator", "governor", "mayor", "secretary",
    "ambassador", "commissioner", "ombudsman", "taoiseach", "tánaiste", "councillor", "chairman", "chairwoman",
})
# Titles that are surnames too ("John Bishop"), so an office only after "the": "the Bishop said"
_OFFICES_AFTER_THE = frozenset({"bishop", "archbishop", "coroner", "judge", "magistrate", "recorder"})
_FESTIVALS = frozenset({
    "easter", "christmas", "xmas", "ramadan", "eid", "diwali", "hanukkah", "chanukah", "passover", "thanksgiving",
    "halloween", "hogmanay", "lent", "advent", "pentecost", "whitsun", "michaelmas", "epiphany", "yom kippur",
    "rosh hashanah", "good friday", "easter sunday", "easter monday", "christmas day", "christmas eve",
    "boxing day", "new year", "new year's day", "new year's eve", "chinese new year", "lunar new year",
    "valentine's day", "mother's day", "father's day", "guy fawkes night", "bonfire night", "may day",
})
