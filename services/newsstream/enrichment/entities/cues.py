"""What the words of a name and the words around it say about what it names.

The small model labels each mention from a few words of context and often calls a company a person
("Jetstar", "PepsiCo", "Costco Wholesale") or a city a person. News copy says what a thing is, though not
always next to the mention the model read: `shares in X`, `X's chief executive`, `X said it would`, `rival X`,
`X plc`, `X-based`, `X Stadium`, `the film X`. `cue_votes(text, start, end)` returns the labels such cues
vote for, for one mention; `entities` adds them up over all the mentions of an entity, with the model's own
votes, and takes the label with most.

Each cue is a pattern of words a reader relies on, not an article's wording:
- name-internal: the last word of a name (`Holdings`, `plc`, `Airways` -> ORG; `Stadium`, `Airport` -> FAC;
  `Championships`, `Awards`, `Cup` -> EVENT);
- before the name: a lower-case noun that says what kind of thing follows (`airline`, `retailer`, `rival`
  firm nouns -> ORG; `the city of`, `the province of` -> GPE; `the film`, `the album` -> WORK_OF_ART; `the
  drug` -> PRODUCT), a company relation (`shares in`, `takeover of`, `an analyst at` -> ORG);
- after the name: what it has or does (`X's chief executive`, `X shares`, `X, which`, and `Air Deccan said it`
  for a name that does not start with a given name -> ORG; `X, 45,`, `X said he`, `X, who` -> PERSON;
  `X-based`, `X, Leicestershire-based` -> GPE);
- around it: `firms like X`, `a firm called X` -> ORG, and so is every later member of such a list (`the
  financial institutions JP Morgan Chase, Citigroup, Merrill Lynch and ...`); `the` before a name rules out a person; the agency of a
  wire story's dateline (`OSLO, June 19 (Newswire) -`) -> ORG.
"""

from __future__ import annotations

import re
from collections import Counter

from ..datelines import dateline_of_paragraph
from .gazetteer import is_place_name
from ..given_names import is_given_name

CUE_WEIGHT = 4

_ORG_LAST_WORDS = frozenset(
    "plc inc inc. corp corp. corporation ltd ltd. llc co co. company companies group holdings ag sa nv gmbh "
    "bank bancorp airways airlines airline motors energy telecom telecommunications pharmaceuticals pharma "
    "industries partners capital securities systems technologies technology foods brewery breweries "
    "insurance assurance investments international enterprises media entertainment records studios "
    "networks communications electronics steel petroleum resources mining minerals logistics "
    "laboratories labs association federation council committee commission authority agency union "
    "management advisory marine logistik logistikk rewards ventures solutions services consulting limited "
    "navy army police guard "
    "institute foundation trust society party ministry department office university college school "
    "fc afc united rovers athletic wanderers estate estates wines winery vineyards".split()
)
# Courts of law are named by their kind before "Court".
_COURT_KINDS = frozenset(
    "high supreme appeals appeal appellate district crown county federal constitutional criminal family circuit "
    "magistrates magistrates' commercial tax labour labor military international".split()
)
_FAC_LAST_WORDS = frozenset(
    "stadium arena airport bridge dam tower towers cathedral abbey station terminal harbour harbor prison "
    "hotel museum gallery theatre theater road street avenue square".split()
)
_EVENT_LAST_WORDS = frozenset(
    "championships championship awards cup open games olympics marathon prix festival summit "
    "conference war tournament trophy expo election elections".split()
)
# A lower-case noun right before a name that says what the name is ("rival Jetstar", "airline Virgin Blue").
_ORG_KIND_NOUNS = frozenset(
    "airline carrier firm company group bank lender insurer retailer supermarket chain carmaker automaker "
    "drugmaker chipmaker maker manufacturer producer supplier brewer brokerage giant conglomerate "
    "operator telecoms telco competitor competitors developer publisher label studio network "
    "broadcaster newspaper magazine agency regulator watchdog utility miner subsidiary "
    "fund bidder shipper wholesaler exchange club side outfit band party union charity consultancy jeweller "
    "jeweler grocer bookmaker housebuilder homebuilder auditor auditors winemaker distiller".split()
)
# Of those, the nouns that only ever precede a company's name ("water firm Aguas Argentinas"): stronger evidence
# than the model's reading of a name it has never seen.
_COMPANY_ONLY_NOUNS = frozenset(
    "firm company bank lender insurer retailer supermarket carmaker automaker drugmaker chipmaker manufacturer "
    "brewer brokerage conglomerate airline carrier telco wholesaler utility miner subsidiary consultancy "
    "housebuilder homebuilder auditor auditors accountancy".split()
)  # not "winemaker", "distiller": people's trades too ("Marlborough winemaker Annelise Kerr")
_GPE_KIND_NOUNS = frozenset("city town village province state county region district capital port".split())
_WORK_KIND_NOUNS = frozenset(
    "film movie album single song book novel play musical show series sitcom programme program "
    "documentary opera soap".split()
)
_PRODUCT_KIND_NOUNS = frozenset("drug car model phone handset console game software device brand".split())
# Lower-case nouns whose object names a company: "shares in X", "takeover of X", "an analyst at X".
_ORG_RELATION_NOUNS = frozenset(
    "shares stake stakes takeover merger bid offer acquisition buyout analyst analysts investors "
    "shareholders customers chairman chairwoman boss bosses executive executives director directors "
    "spokesman spokeswoman spokesperson staff workers employees owner owners board chief founder "
    "headquarters subsidiary unit division arm economist economists strategist strategists trader traders".split()
)
# What a company has: "X's chief executive", "X shares", "X's profits".
_ORG_POSSESSIONS = frozenset(
    "shares share profit profits sales revenue revenues earnings results turnover chief boss bosses chairman "
    "chairwoman board shareholders stake stores shops branches staff workforce workers employees customers "
    "brand brands products spokesman spokeswoman spokesperson executives management subsidiary subsidiaries "
    "unit division plant plants factory factories headquarters stock bid offer deal takeover merger "
    "executive directors investors debts debt losses loss market shareholder founder founders owner owners "
    "ceo managing operating".split()
)
# Members of a team or club named before them: "Chelsea striker Drogba", "Leeds fans".
_TEAM_MEMBERS = frozenset(
    "striker strikers midfielder midfielders defender defenders goalkeeper keeper coach manager captain skipper "
    "winger forward fans supporters players squad".split()
)
# Words after a name that a person's name is not followed by: "Labour MP", "Labour leader", "Tory voters".
_NOT_PERSON_FOLLOWERS = frozenset(
    "mp mps mep meps msp msps td tds mla mlas leader leadership government councillor councillors candidate candidates voters "
    "supporters activists members peer peers minister ministers party policy policies manifesto "
    "conference oilfield oilfields field fields refinery project projects mine mines pipeline".split()
)
_PERSON_POSSESSIONS = frozenset(
    "wife husband son sons daughter daughters father mother brother sister family career girlfriend "
    "boyfriend partner children widow lawyer lawyers agent birthday funeral death".split()
)

# Job and kind nouns that a sentence may start a name with ("Chipmaker Aurelia", "Treasurer Peter Costello"):
# a description, not part of the name.
DESCRIPTORS = _ORG_KIND_NOUNS | frozenset(
    "treasurer chancellor minister secretary president senator governor mayor chairman chairwoman chair "
    "spokesman spokeswoman spokesperson analyst economist coach manager striker midfielder defender "
    "goalkeeper actor actress singer rapper director producer author writer novelist presenter comedian boss "
    "founder organiser organizer promoter jeweller jeweler retailer chipmaker carmaker drugmaker insurer "
    "lender airline carrier regulator watchdog mogul tycoon magnate billionaire entrepreneur businessman "
    "businesswoman musician guitarist drummer frontman frontwoman chef".split()
)
# Person roles after which a name in apposition is a person: "Its chief executive, Anneliese Varga, said".
_APPOSITION_ROLES = frozenset(
    "executive chairman chairwoman chair president director spokesman spokeswoman spokesperson secretary "
    "minister founder boss manager coach head leader analyst economist governor mayor editor author "
    "officer partner lawyer wife husband son daughter mother father "
    "fellow professor adviser advisor consultant correspondent strategist coordinator researcher".split()
)
# Words after a given name that make it something else than a person's name ("Roman Catholic Archbishop").
_NOT_SURNAMES = DESCRIPTORS | _APPOSITION_ROLES | _ORG_LAST_WORDS | _FAC_LAST_WORDS | _EVENT_LAST_WORDS | frozenset(
    "catholic archbishop bishop cardinal prince princess king queen lord lady sir saint st church".split())
_ROLE_APPOSITION = re.compile(r"\b([a-z]+)\s*,\s*$")
# "Lomond's head of UK equities, Fraser McColl,": a role with what it is of, then the name
_ROLE_OF_APPOSITION = re.compile(r"\b([a-z]+)\s+(?:of|at|for)\s+(?:the\s+)?(?:[\w'’&-]+\s+){0,3}?[\w'’&-]+\s*,\s*$")
# "Afon Water, the company responsible ...", "Qantas, the national carrier", "Smith, the chief executive".
_APPOSITION_WORD = r",\s*(?:the|a|an|its|their)\s+(?:[\w'’-]+\s+){0,4}?([a-z]+)"
_APPOSITION_AFTER = re.compile(_APPOSITION_WORD + r"\b(?!['’]s\b)")
# The head noun that closes the apposition: "Kwame Asante, the company's operations director," is a director.
_APPOSITION_HEAD_AFTER = re.compile(_APPOSITION_WORD + r"\s*[,;.]")
_ITS_ROLE_AND = re.compile(r",\s*(?:its|their)\s+(?:[\w'’-]+\s+){0,4}?[a-z]+\s+and\b")
# Without an article: "Will Davies, senior research fellow at the IPPR,", "Ted Cohen, senior vice president of".
_BARE_ROLE_AFTER = re.compile(r",\s*(?:[a-z][\w'’-]*\s+){0,3}?([a-z]+)\s+(?:of|at|for|to|with)\b")
# A result: "Liverpool beat Chelsea", "lost to Leeds": a team, which a city's name often is.
_RESULT_AFTER = re.compile(r"\s+(?:beat|beats|drew|draw|lost|won|thrashed|defeated|overcame|edged|routed|hammered)\b")
_RESULT_BEFORE = re.compile(r"\b(?:beat|beating|against|v|vs|versus|lost\s+to|draw\s+with|drew\s+with)\.?\s+$")
_STATEMENT_AFTER = re.compile(r"\s+said\s+in\s+a\s+statement\b")
_THE_BEFORE = re.compile(r"\bthe\s+$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’&.-]*")
# "Tobin, 49,", "Tobin, a 49-year-old accountant": an age of two digits at most is a person's ("a 150-year-old
# firm" is not)
_AGE_AFTER = re.compile(r",\s*(?:\d{1,2}\s*,|(?:a|an|the)\s+\d{1,2}-year-old\s+([a-z]+))")
_SAID_IT = re.compile(r"\s*(?:has\s+|had\s+)?(?:said|says)\s+it\b")
_SAID_PRONOUN = re.compile(r"\s*(?:has\s+|had\s+)?(?:said|says|added|told)\s+(he|she)\b")
# "Annelise Kerr planted her first vines": a name whose own verb is followed by "his" or "her" (a company's is
# "its"); half a cue, as a club "extended his contract"
_VERB_HIS_HER = re.compile(r"\s+[a-z]+ed\s+(?:his|her)\b")
# A name that speaks: a river or a region does not ("the Bloc Quebecois said", which the model took for one).
_SPEAKS_AFTER = re.compile(r"\s*(?:has\s+|have\s+|had\s+)?(?:said|says|told|added|warned|argued|insisted|called)\b")
_RELATIVE_AFTER = re.compile(r",\s*(who|which)\b")
_CAMEL_CASE = re.compile(r"[a-z]{4}[A-Z]")  # not McDonald, MacRae, DeShawn
_BASED_AFTER = re.compile(r"(?:,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)?-(?:based|born|headquartered)\b")
# "companies such as X", "firms like X", "a firm called X": a kind noun, then the name of one of its kind.
_KIND_THEN_NAME = re.compile(r"\b([A-Za-z][a-z]+)\s+(such\s+as|like|including|called|named)\s+$")
# Groups whose members may be people: "a group including Bob Geldof" names a member, not a kind of group.
_COLLECTIVE_NOUNS = frozenset("group band party union side outfit club team squad board panel committee".split())
_POSSESSIVE = re.compile(r"['’]s?\s+")
# A list of names after a kind noun ("the financial institutions JP Morgan Chase, Citigroup, Merrill Lynch",
# "brands including Moet & Chandon champagne and Louis Vuitton"): the kind holds for every member, not only the
# first. Group 1 is the kind noun; the members before the name are written-out names, each perhaps followed by
# one lower-case word of its own ("champagne").
_LIST_MEMBER_NAME = r"[A-Z][\w'’&.-]*(?:\s+(?:[A-Z0-9][\w'’&.-]*|of|de|di|del|du|la|le|van|von|&))*"
_LIST_MEMBER = _LIST_MEMBER_NAME + r"(?:\s+(?!and\b|or\b)[a-z]+)?"
_LIST_JOIN = r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"  # ", ", " and ", ", and "
_LIST_BEFORE = re.compile(
    r"\b([a-z]+)\s+(?:(such\s+as|like|including|called|named)\s+)?(?:" + _LIST_MEMBER + _LIST_JOIN + r")+$")
_LIST_WINDOW = 160
# The kind after a name or a list of names: "the Penfolds, Lindemans and Rosemount brands", "the Rosemount label".
_THE_LIST_BEFORE = re.compile(r"\bthe\s+(?:" + _LIST_MEMBER_NAME + _LIST_JOIN + r")*$")
_KIND_AFTER_LIST = re.compile(
    r"(?:\s*,\s*" + _LIST_MEMBER_NAME + r")*(?:\s*,?\s+(?:and|or)\s+" + _LIST_MEMBER_NAME + r")?\s+([a-z]+)\b")
_LIST_GOES_ON = re.compile(r"\s*,\s*(?:and\s+|or\s+)?[A-Z]|\s+(?:and|or)\s+[A-Z]")
_LIST_SEPARATOR = re.compile(r",(?:\s*(?:and|or)\b)?|\s(?:and|or)\s")
_PART_OF_COUNTRY_AFTER = re.compile(
    r"\s+in\s+the\s+(?:far\s+|extreme\s+)?(?:north|south|east|west|north-east|north-west|south-east|south-west|"
    r"northeast|northwest|southeast|southwest|centre|center)\s+of\b")
_PLACE_POSSESSIVE = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)['’]s\s+$")


_CUE_WORDS = DESCRIPTORS | _ORG_RELATION_NOUNS | _WORK_KIND_NOUNS | _PRODUCT_KIND_NOUNS | _GPE_KIND_NOUNS


_PLACE_PREPOSITIONS = frozenset({"in", "of", "from", "near"})


def cue_votes(text: str, start: int, end: int) -> Counter[str]:
    """The labels the name `text[start:end]` and its neighbours vote for (each vote `CUE_WEIGHT`; a negative
    vote rules a label out)."""
    votes: Counter[str] = Counter()
    name_words = text[start:end].split()
    if not name_words:
        return votes
    _name_cues(name_words, votes)
    window = text[max(0, start - 40):start]
    before = _words_before(text, start, 3)
    _cues_before(before, window, len(name_words), votes)
    if before and before[-1] in _PLACE_PREPOSITIONS and is_place_name(" ".join(name_words)) \
            and (len(name_words) == 1 or len(name_words) == 2 and not is_given_name(name_words[0])):
        votes["GPE"] += CUE_WEIGHT  # "Senator Dale Prewitt of Wyoming, who", "an analyst in Melbourne"
        votes["PERSON"] -= CUE_WEIGHT
    _list_kind_cues(text, start, end, votes)
    _kind_after_cues(text, start, end, votes)
    company_like = len(name_words) >= 2 and not is_given_name(name_words[0].strip(".,"))
    _cues_after(text[end:end + 40], text[end:end + 80], votes, company_like)
    if _is_dateline_agency(text, start, end):
        votes["ORG"] += 3 * CUE_WEIGHT  # "OSLO, June 19 (Newswire) -": the agency that filed the story
        votes["GPE"] -= CUE_WEIGHT
        votes["PERSON"] -= CUE_WEIGHT
    return votes


def _is_dateline_agency(text: str, start: int, end: int) -> bool:
    if start == 0 or text[start - 1] != "(":
        return False
    dateline = dateline_of_paragraph(text, start)
    return dateline is not None and dateline.agency == (start, end)


def _name_cues(name_words: list[str], votes: Counter[str]) -> None:
    """What the name's own words say: its last word, a given name first, capitals, a county."""
    last = name_words[-1].casefold().strip(".,")
    if len(name_words) >= 2 or last in ("plc", "inc"):
        if last in _ORG_LAST_WORDS:
            votes["ORG"] += CUE_WEIGHT
        elif last in _FAC_LAST_WORDS:
            votes["FAC"] += CUE_WEIGHT
        elif last in _EVENT_LAST_WORDS:
            votes["EVENT"] += CUE_WEIGHT
    if last == "court" and len(name_words) >= 2 and name_words[-2].casefold() in _COURT_KINDS:
        votes["ORG"] += CUE_WEIGHT  # "the Delhi High Court", "Santiago Appeals Court"; "Earls Court" is a place
        votes["PERSON"] -= CUE_WEIGHT
    first = name_words[0]
    if 2 <= len(name_words) <= 3 and first[:1].isupper() and not first.isupper() \
            and is_given_name(first.strip(".,")) and not votes \
            and not any(word.casefold() in _NOT_SURNAMES for word in name_words[1:]):
        votes["PERSON"] += CUE_WEIGHT  # "Graham Pike": a given name and a surname
    if len(name_words) == 1 and len(first) >= 3 and first.isalpha() and first.isupper():
        votes["PERSON"] -= CUE_WEIGHT  # "LSEG", "IBM": an acronym, not a person's name
    if len(name_words) == 1 and _CAMEL_CASE.search(first):
        votes["PERSON"] -= CUE_WEIGHT  # "DaimlerChrysler", "PepsiCo": a capital inside a word is a brand's
    if len(name_words) >= 2 and last in _GPE_KIND_NOUNS and is_place_name(" ".join(name_words[:-1])):
        votes["GPE"] += CUE_WEIGHT  # "New York State", "Gansu Province": a place and what kind of place
        votes["PERSON"] -= CUE_WEIGHT
    if len(name_words) == 1 and len(last) >= 5 and last.endswith("shire"):
        votes["GPE"] += CUE_WEIGHT  # "Worcestershire"


def _cues_before(before: list[str], window: str, name_length: int, votes: Counter[str]) -> None:
    """What the words before the name say: a kind noun, a company relation, an apposition after a role."""
    if before:
        nearest = before[-1]
        if nearest in _COMPANY_ONLY_NOUNS or _is_goods_maker(before):
            votes["ORG"] += 3 * CUE_WEIGHT
        elif nearest in _ORG_KIND_NOUNS:
            votes["ORG"] += CUE_WEIGHT
        elif nearest in _WORK_KIND_NOUNS and len(before) >= 2 and before[-2] in ("the", "new", "hit", "his", "her"):
            votes["WORK_OF_ART"] += CUE_WEIGHT
        elif nearest in _PRODUCT_KIND_NOUNS and len(before) >= 2 and before[-2] in ("the", "its"):
            votes["PRODUCT"] += CUE_WEIGHT
        elif nearest == "of" and len(before) >= 2 and before[-2] in _GPE_KIND_NOUNS:
            votes["GPE"] += CUE_WEIGHT
        elif nearest in ("in", "of", "at", "for") and len(before) >= 2 and before[-2] in _ORG_RELATION_NOUNS:
            votes["ORG"] += CUE_WEIGHT
        elif nearest == "the" and len(before) >= 3 and before[-2] in ("in", "of", "at", "for") \
                and before[-3] in _ORG_RELATION_NOUNS:
            votes["ORG"] += CUE_WEIGHT
        if name_length == 1 and nearest in ("rival", "rivals"):
            votes["ORG"] += CUE_WEIGHT  # "rival Jetstar"; "rival Andy Roddick" is a full name
    apposition = _ROLE_APPOSITION.search(window)
    role_of = _ROLE_OF_APPOSITION.search(window)
    if apposition and apposition.group(1) in _APPOSITION_ROLES or role_of and role_of.group(1) in _APPOSITION_ROLES:
        votes["PERSON"] += CUE_WEIGHT
    elif apposition and apposition.group(1) in _ORG_KIND_NOUNS | {"company"}:
        votes["ORG"] += CUE_WEIGHT  # "its own budget airline, Jetstar,"
    kind = _KIND_THEN_NAME.search(window)
    if kind:
        _vote_for_kind(_singular(kind.group(1).casefold()), kind.group(2), votes)  # "Firms like Ithaca" opens a sentence
    country = _PLACE_POSSESSIVE.search(window)
    if country and name_length == 1 and is_place_name(country.group(1)):
        votes["ORG"] += CUE_WEIGHT // 2  # "majority-owned by Japan's Suzuki": people are introduced in full
    if _THE_BEFORE.search(window):
        votes["PERSON"] -= CUE_WEIGHT  # nobody calls a person "the Smith" or a group "the Tamil Tigers" one
    if _RESULT_BEFORE.search(window):
        votes["GPE"] -= CUE_WEIGHT  # "beat Leeds": a team, not the place


def _is_goods_maker(before: list[str]) -> bool:
    """`wine maker`, `toy maker`: a maker of goods is a company ("US wine maker Robert Mondavi"); a film maker,
    a policy maker or a peacemaker is a person."""
    return len(before) >= 2 and before[-1] in _GOODS_MAKERS and before[-2] not in _PEOPLE_MAKING


_GOODS_MAKERS = frozenset({"maker", "makers", "manufacturer", "producer", "supplier"})
_PEOPLE_MAKING = frozenset(
    "film movie music programme program documentary policy decision peace trouble king match record rule law "
    "money film-maker game fashion".split())


def _vote_for_kind(noun: str, connector: str | None, votes: Counter[str]) -> None:
    """The vote of a kind noun before a name or a list of names ("firms like X"): never a person's name."""
    if connector == "including" and noun in _COLLECTIVE_NOUNS:
        return
    if noun in _ORG_KIND_NOUNS | _GPE_KIND_NOUNS | _PRODUCT_KIND_NOUNS | _WORK_KIND_NOUNS \
            or noun in ("company", "institution", "country", "title"):
        votes["PERSON"] -= CUE_WEIGHT
    if noun in _ORG_KIND_NOUNS or noun in ("company", "institution"):
        votes["ORG"] += CUE_WEIGHT
    elif noun in _GPE_KIND_NOUNS or noun == "country":
        votes["GPE"] += CUE_WEIGHT
    elif noun in _PRODUCT_KIND_NOUNS:
        votes["PRODUCT"] += CUE_WEIGHT
    elif noun in _WORK_KIND_NOUNS or noun == "title":
        votes["WORK_OF_ART"] += CUE_WEIGHT


def _list_kind_cues(text: str, start: int, end: int, votes: Counter[str]) -> None:
    """A name that is not the first of a list after a kind noun gets the kind's vote (the first gets it from
    the words right before it)."""
    window = text[max(0, start - _LIST_WINDOW):start]
    window = window[max(window.rfind("."), window.rfind(";"), window.rfind(":"), window.rfind("\n")) + 1:]
    if not window.rstrip().endswith(",") and not window.endswith((" and ", " or ")):
        return
    listed = _LIST_BEFORE.search(window)
    # "the programme The OC, Micha Barton." is an apposition: after a comma, the list must have had two members
    # or go on after the name ("firms such as Tesco, Asda, Sainsbury and Morrison")
    if listed and (window.endswith((" and ", " or ")) or _LIST_GOES_ON.match(text, end)
                   or len(_LIST_SEPARATOR.findall(window, listed.end(1))) >= 2):
        _vote_for_kind(_singular(listed.group(1)), listed.group(2), votes)


def _kind_after_cues(text: str, start: int, end: int, votes: Counter[str]) -> None:
    """`the Penfolds, Lindemans and Rosemount brands`, `the Rosemount label`: a kind noun after a name, or after
    the list of names it belongs to, that `the` opens, is what each of them is."""
    after = _KIND_AFTER_LIST.match(text, end, min(len(text), end + _LIST_WINDOW))
    if after is None or not _THE_LIST_BEFORE.search(text, max(0, start - _LIST_WINDOW), start):
        return
    kind = _singular(after.group(1))
    if kind in ("brand", "product", "range"):
        votes["PRODUCT"] += CUE_WEIGHT
        votes["PERSON"] -= CUE_WEIGHT
    elif kind in ("label", "chain"):
        votes["ORG"] += CUE_WEIGHT
        votes["PERSON"] -= CUE_WEIGHT


def _cues_after(after: str, further: str, votes: Counter[str], company_like: bool = False) -> None:
    """What the words after the name say: what it has or does, who or which it is, an age, -based."""
    possessive = _POSSESSIVE.match(after)
    following = _first_word(after[possessive.end():] if possessive else after)
    if following in _ORG_POSSESSIONS:
        votes["ORG"] += CUE_WEIGHT
    elif possessive and following in _PERSON_POSSESSIONS:
        votes["PERSON"] += CUE_WEIGHT
    if _SAID_PRONOUN.match(after):
        votes["PERSON"] += CUE_WEIGHT
    elif _VERB_HIS_HER.match(after):
        votes["PERSON"] += CUE_WEIGHT // 2
    elif company_like and _SAID_IT.match(after):
        votes["ORG"] += CUE_WEIGHT  # "Air Deccan has said it will"; "Howard said it was" is a person's words
    if not possessive and following in _NOT_PERSON_FOLLOWERS:
        votes["PERSON"] -= CUE_WEIGHT  # "Labour MP", "Tory leader"
    if not possessive and following in _TEAM_MEMBERS:
        votes["ORG"] += CUE_WEIGHT  # "Chelsea striker Drogba", "Leeds fans"
    relative = _RELATIVE_AFTER.match(after)
    if relative:
        votes["PERSON" if relative.group(1) == "who" else "ORG"] += CUE_WEIGHT // 2
    head = _APPOSITION_HEAD_AFTER.match(further)
    described = head if head and (head.group(1) in _APPOSITION_ROLES or head.group(1) in _ORG_KIND_NOUNS) \
        else _APPOSITION_AFTER.match(further)
    if described and _ITS_ROLE_AND.match(further):
        described = None  # "against Vivendi Universal, its boss and another executive": a list, the boss is its
    if described and described.group(1) in _ORG_KIND_NOUNS | {"company"}:
        votes["ORG"] += CUE_WEIGHT
    elif described and described.group(1) in _APPOSITION_ROLES:
        votes["PERSON"] += CUE_WEIGHT
    elif (bare := _BARE_ROLE_AFTER.match(further)) and bare.group(1) in _APPOSITION_ROLES:
        votes["PERSON"] += CUE_WEIGHT
    if _RESULT_AFTER.match(after):
        votes["GPE"] -= CUE_WEIGHT  # "Leeds beat Stoke": a team, not the place
    if _SPEAKS_AFTER.match(after):
        votes["LOC"] -= CUE_WEIGHT
    if _STATEMENT_AFTER.match(after):
        votes["ORG"] += CUE_WEIGHT // 2
    if (age := _AGE_AFTER.match(after)) and (age.group(1) or "") not in _ORG_KIND_NOUNS | {"company"}:
        votes["PERSON"] += CUE_WEIGHT
    if _BASED_AFTER.match(after) or _PART_OF_COUNTRY_AFTER.match(after):
        votes["GPE"] += CUE_WEIGHT  # "X-based"; "Sidi Ammar in the east of the country"


def _words_before(text: str, start: int, count: int) -> list[str]:
    """The `count` words before `start` in its sentence, lower-cased, nearest last; a capitalised word stops it
    (it belongs to another name) unless it is the sentence's first word and one of the cue words."""
    begin = max(0, start - 60)
    window = text[begin:start]
    cut = max(window.rfind("."), window.rfind("\n"), window.rfind(","), window.rfind(";"), window.rfind(":"))
    found = _WORD.findall(window[cut + 1:])
    sentence_initial = cut >= 0 or begin == 0  # the window reaches back to the sentence's start
    words = found[-count:]
    kept: list[str] = []
    for position in range(len(words) - 1, -1, -1):
        word = words[position]
        first = sentence_initial and position == 0 and len(found) <= count
        if word[0].isupper() and not (first and word.casefold() in _CUE_WORDS):
            break
        kept.append(word.casefold())
    return kept[::-1]


def _singular(noun: str) -> str:
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def _first_word(text: str) -> str:
    match = _WORD.match(text.lstrip(" \t"))
    return match.group().casefold() if match else ""


_SPORTS_WORDS = re.compile(
    r"\b(?:match|matches|season|league|cup|coach|striker|midfielder|defender|goalkeeper|goal|goals|scored|"
    r"score|win|won|beat|defeat|victory|champions|championship|tournament|squad|club|fixture|final|"
    r"semi-final|quarter-final|try|tries|wicket|innings|race|medal|seeded|set|sets|injury|kick-off|"
    r"half-time|penalty|referee|fans|stadium|manager|players|player|team)\b", re.IGNORECASE)
_ARTS_WORDS = re.compile(
    r"\b(?:film|films|movie|movies|album|albums|single|singles|song|songs|band|bands|singer|singers|rapper|"
    r"chart|charts|actor|actors|actress|actresses|star|stars|starring|director|oscar|oscars|award|awards|"
    r"festival|theatre|musical|comedy|drama|novel|novels|book|books|author|music|concert|tour|show|shows|"
    r"series|episode|sitcom|cast|role|character|box office|premiere|gig|gigs|record label)\b", re.IGNORECASE)
_STORY_WORDS = 8


def is_sports_story(text: str) -> bool:
    """Whether the article is a sports story: in one, a city's name is usually its team ("Leeds beat Stoke")."""
    return _has_at_least(_SPORTS_WORDS, text, _STORY_WORDS)


def is_arts_story(text: str) -> bool:
    """Whether the article is about films, music, television or books: in one, people and characters go by one
    name (Bono, Eminem, Hermione)."""
    return _has_at_least(_ARTS_WORDS, text, _STORY_WORDS)


# Several different words, not one repeated: a tech story about MP3 players says "player" ten times.
_STORY_DISTINCT_WORDS = 5


def _has_at_least(words: re.Pattern[str], text: str, count: int) -> bool:
    seen = 0
    distinct: set[str] = set()
    for match in words.finditer(text):
        seen += 1
        distinct.add(match.group().casefold().removesuffix("s"))
        if seen >= count and len(distinct) >= _STORY_DISTINCT_WORDS:
            return True
    return False
