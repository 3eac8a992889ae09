"""French words the enrichment reads: speech verbs, titles, number words, currencies, qualifiers."""

from __future__ import annotations

# Verbs that report speech, as the infinitive (the lemma the French model gives) and their common forms in
# press French (present, past participle, inverted "a-t-il ajouté").
SPEECH_LEMMAS = frozenset(
    "dire déclarer affirmer préciser ajouter estimer expliquer souligner indiquer assurer poursuivre lancer "
    "confier annoncer insister répondre reconnaître rappeler juger commenter marteler prévenir avertir regretter "
    "dénoncer promettre demander interroger résumer trancher observer noter glisser conclure ironiser déplorer "
    "admettre avouer raconter témoigner plaider réagir répliquer renchérir s'agacer s'insurger s'exclamer "
    "s'interroger confirmer annoncer écrire tweeter menacer soutenir".split())
_ER_VERBS = (
    "déclarer affirmer préciser ajouter estimer expliquer souligner indiquer assurer lancer confier annoncer "
    "insister rappeler juger commenter marteler regretter dénoncer demander interroger résumer trancher "
    "observer noter glisser ironiser déplorer avouer raconter témoigner plaider répliquer rétorquer saluer "
    "lâcher tempérer nuancer relever pointer fustiger critiquer railler tonner tacler répéter détailler "
    "confirmer tweeter menacer insister s'agacer agacer insurger exclamer constater avancer argumenter "
    "justifier prévoir espérer féliciter réjouir emporter indigner inquiéter interroger alerter interpeller "
    "souffler objecter protester exhorter enthousiasmer balayer abonder analyser soupirer persifler "
    "enchaîner plaisanter corriger amuser")
_IRREGULAR_FORMS = (
    "dit dis disent disait disaient dire répond répondu répondent répondait reconnaît reconnu reconnaissent "
    "prévient prévenu préviennent promet promis promettent admet admis admettent conclut conclu concluent "
    "écrit écrivent poursuit poursuivi poursuivent avertit averti avertissent soutient soutenu soutiennent "
    "réagit réagi réagissent renchérit renchéri renchérissent interroge prévoit prévu tempère tempèrent "
    "répète répètent relève relèvent soulève réjouit réjoui réjouie défend défendu défendent savoir "
    "concède concèdent concédé concédait sourit souri sourient souriait reprend repris reprennent "
    "attaqué attaquée coupé coupée")  # (only after "a": "attaque" and "coupe" are more often other words)
# Speech said with "faire": "fait valoir le ministère", "le club a fait savoir qu'il « ... »".
_PHRASAL_FORMS = frozenset(f"{faire} {infinitive}" for faire in ("fait", "font", "faisait", "faisaient")
                           for infinitive in ("valoir", "savoir"))


def _er_forms(verbs: str) -> set[str]:
    forms: set[str] = set()
    for verb in verbs.split():
        stem = verb.removeprefix("s'")[:-2]
        forms.update(stem + ending for ending in ("é", "e", "ent", "ait", "aient", "ée", "és", "ées"))
        if stem.endswith(("el", "et")):
            forms.update(stem + stem[-1] + ending for ending in ("e", "ent"))  # "rappelle", "rappellent"
    return forms


SPEECH_FORMS = frozenset(_er_forms(_ER_VERBS) | set(_IRREGULAR_FORMS.split()) | _PHRASAL_FORMS)
# Titles and roles written before a name: removed from the entity's name.
TITLES = ("M.", "Mme", "Mlle", "MM.", "Me", "Dr", "Pr", "Monsieur", "Madame", "Mademoiselle")
# The abbreviated ones, as a pattern: what a name written just after is a person's.
SHORT_TITLES = r"(?:M\.|Mme|Mlle|Me|Dr|Pr)"
ROLE_WORDS = frozenset(
    "président présidente ministre premier première secrétaire directeur directrice général générale "
    "patron patronne porte-parole maire député députée sénateur sénatrice chef cheffe entraîneur entraîneuse "
    "sélectionneur capitaine gouverneur gouverneure commissaire délégué déléguée adjoint adjointe "
    "vice-président vice-présidente fondateur fondatrice pdg ceo dirigeant dirigeante responsable "
    "économiste analyste avocat avocate procureur procureure juge élu élue candidat candidate".split())
FEMININE_MARKERS = frozenset({"mme", "madame", "mlle", "mademoiselle", "la", "présidente", "directrice", "ministre-",
                              "elle", "cheffe", "patronne", "députée", "sénatrice", "générale", "adjointe",
                              "candidate", "élue", "avocate", "fondatrice", "dirigeante", "entraîneuse"})
MASCULINE_MARKERS = frozenset({"m.", "monsieur", "le", "président", "directeur", "il", "patron", "député",
                               "sénateur", "général", "adjoint", "candidat", "élu", "avocat", "fondateur",
                               "dirigeant", "entraîneur", "sélectionneur"})

NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20,
    "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100, "cents": 100, "mille": 1000,
}
MULTIPLIERS = {"millier": 1_000, "milliers": 1_000, "million": 1_000_000, "millions": 1_000_000,
               "milliard": 1_000_000_000, "milliards": 1_000_000_000}
CURRENCIES = {"euro": "EUR", "euros": "EUR", "€": "EUR", "dollar": "USD", "dollars": "USD", "$": "USD",
              "livre": "GBP", "livres": "GBP", "£": "GBP", "franc": "CHF", "francs": "CHF", "yen": "JPY",
              "yens": "JPY", "yuan": "CNY", "yuans": "CNY"}
QUALIFIERS = {"plus de": "at_least", "au moins": "at_least", "au minimum": "at_least", "plus d'": "at_least",
              "environ": "approximate", "près de": "approximate", "presque": "approximate",
              "quelque": "approximate", "quelques": "approximate", "autour de": "approximate",
              "moins de": "at_most", "moins d'": "at_most", "jusqu'à": "at_most", "au plus": "at_most",
              "pas plus de": "at_most"}
QUANTITY_UNITS = {"km": "km", "kilomètres": "km", "kilomètre": "km", "m": "m", "mètres": "m", "mètre": "m",
                  "t": "t", "tonnes": "t", "tonne": "t", "kg": "kg", "kilos": "kg", "litres": "l", "litre": "l",
                  "hectares": "ha", "hectare": "ha", "mw": "MW", "gw": "GW", "km²": "km²", "m²": "m²",
                  "mégawattheures": "MWh", "mégawattheure": "MWh", "gigawattheures": "GWh", "gigawattheure": "GWh",
                  "mwh": "MWh", "gwh": "GWh", "twh": "TWh", "mégawatts": "MW", "mégawatt": "MW", "m3": "m3",
                  "gigawatts": "GW", "gigawatt": "GW", "kilowatts": "kW", "kilowatt": "kW", "kilogrammes": "kg",
                  "kilogramme": "kg", "kilo": "kg", "grammes": "g", "kilomètres-heure": "km/h", "km/h": "km/h",
                  "millimètres": "mm", "millimètre": "mm", "mm": "mm", "centimètres": "cm", "centimètre": "cm",
                  "cm": "cm"}
DURATION_UNITS = {"an": "year", "ans": "year", "année": "year", "années": "year", "mois": "month",
                  "semaine": "week", "semaines": "week", "jour": "day", "jours": "day", "heure": "hour",
                  "heures": "hour", "minute": "minute", "minutes": "minute", "min": "minute", "seconde": "second",
                  "secondes": "second"}

# Seats of power the press names for the institution: "selon Matignon", "a confirmé Bercy".
SEATS_OF_POWER = frozenset({"Matignon", "Bercy", "Élysée", "Quai d'Orsay", "Quai d’Orsay", "Beauvau", "Palais-Bourbon",
                            "Palais du Luxembourg", "Hôtel de Brienne", "Kremlin", "Maison Blanche", "Downing Street"})
# Words that open or close an organisation's name, and nouns that say the name after them is one ("le fonds
# Norvane Ventures", "la start-up Kelvio", "le titre Maison Berthier").
ORGANISATION_FIRST_WORDS = frozenset(
    "maison groupe banque société compagnie laboratoires éditions caisse crédit fondation institut fédération "
    "confédération union syndicat association agence office conseil cabinet cour tribunal autorité commission "
    "comité ministère parquet assemblée sénat direction haute haut".split())
ORGANISATION_LAST_WORDS = frozenset(
    "industries industrie foods énergie energy group groupe ventures capital partners holding holdings "
    "technologies systems motors airlines airways bank banque assurances sa sas sarl se ag gmbh inc ltd "
    "plc corp co frères fils associés consulting logistique distribution".split())
ORGANISATION_NOUNS = frozenset(
    "groupe société entreprise firme marque enseigne compagnie constructeur opérateur fonds start-up startup "
    "titre action holding fabricant équipementier assureur banque laboratoire cabinet club syndicat parti "
    "fédération association sous-traitant distributeur transporteur chaîne filiale".split())
# Nationality endings, for a capitalised word after an article: "le Français", "la Suédoise", "l'Allemande".
NATIONALITY_ENDINGS = ("ais", "aise", "aises", "ois", "oise", "oises", "ien", "ienne", "iens", "iennes", "and",
                       "ande", "ands", "andes", "ède", "èdes", "ain", "aine", "ains", "aines", "ol", "ole", "ols",
                       "oles", "on", "onne", "ons", "onnes", "in", "ine", "ins", "ines", "ique", "iques", "èque",
                       "èques", "ène", "ènes")
