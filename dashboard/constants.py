"""The project's fixed vocabularies: state codes, categories, target groups, statuses.

Everything that names a Land or a vocabulary key lives here, so that the data schema,
the validator, the figures and the UI can never disagree. Human-readable labels for the
keys live in the language catalogues (``dashboard/i18n.py``).
"""

from __future__ import annotations

from typing import NamedTuple


class Land(NamedTuple):
    ags: str  # official two-digit state code (Amtlicher Gemeindeschlüssel)
    name: str
    iso: str  # ISO 3166-2 code, e.g. "DE-BY"

    @property
    def short(self) -> str:
        """The ISO code without "DE-", as used in URLs (``?land=BY``)."""
        return self.iso.removeprefix("DE-")


LAENDER: dict[str, Land] = {
    land.ags: land
    for land in (
        Land("01", "Schleswig-Holstein", "DE-SH"),
        Land("02", "Hamburg", "DE-HH"),
        Land("03", "Niedersachsen", "DE-NI"),
        Land("04", "Bremen", "DE-HB"),
        Land("05", "Nordrhein-Westfalen", "DE-NW"),
        Land("06", "Hessen", "DE-HE"),
        Land("07", "Rheinland-Pfalz", "DE-RP"),
        Land("08", "Baden-Württemberg", "DE-BW"),
        Land("09", "Bayern", "DE-BY"),
        Land("10", "Saarland", "DE-SL"),
        Land("11", "Berlin", "DE-BE"),
        Land("12", "Brandenburg", "DE-BB"),
        Land("13", "Mecklenburg-Vorpommern", "DE-MV"),
        Land("14", "Sachsen", "DE-SN"),
        Land("15", "Sachsen-Anhalt", "DE-ST"),
        Land("16", "Thüringen", "DE-TH"),
    )
}
AGS_BY_SHORT: dict[str, str] = {land.short: ags for ags, land in LAENDER.items()}

# What a measure is about. Order = display order.
CATEGORIES: tuple[str, ...] = (
    "individual_grant",  # vouchers or grants for individual employees (Bildungsscheck type)
    "upgrading_bonus",  # bonuses/grants for Aufstiegsfortbildung (Meister, Fachwirt, Techniker)
    "company_training",  # programmes for companies that qualify their staff
    "educational_leave",  # the Land's law on paid educational leave
    "counselling",  # free further-education counselling
    "alliance",  # the Land's alliance or pact for training and skilled workers
    "other",
)

TARGET_GROUPS: tuple[str, ...] = (
    "employees",
    "jobseekers",
    "upgrading_trainees",
    "self_employed",
    "companies",
    "young_people",
    "migrants",
    "everyone",
)
TARGET_GROUP_SEPARATOR = ";"

STATUSES: tuple[str, ...] = ("running", "planned", "ended")

# "Was passt zu mir?" (the finder). On what basis a programme applies, as its source states it:
ELIGIBILITY: tuple[str, ...] = ("residence", "workplace", "company_seat", "residence_or_workplace",
                                 "residence_and_workplace", "any")
# A person's situation and goal; the URL uses the German words (the keys of the dicts).
SITUATIONS: dict[str, str] = {"beschaeftigt": "employed", "selbststaendig": "self_employed",
                              "arbeitsuchend": "jobseeking", "arbeitgeber": "employer", "aufstieg": "upgrading"}
GOALS: dict[str, str] = {"kurs": "course", "aufstieg": "upgrading", "bildungsurlaub": "educational_leave",
                         "beratung": "counselling", "gruendung": "founding", "ausbildung": "apprenticeship"}
# Who may apply (a measure's ``situations`` cell): the situations above, "everyone" (open to all,
# whatever their situation) or "providers" (only education providers and project bodies apply:
# the programme serves people through them, and the finder does not offer it to a person).
EVERYONE, PROVIDERS = "everyone", "providers"
APPLICANTS: tuple[str, ...] = (*SITUATIONS.values(), EVERYONE, PROVIDERS)
# The situation a goal leads into: who wants to become a Meister will be in upgrading training,
# who wants to found a business will be self-employed. A programme for that situation fits the
# goal whatever the person's situation today.
GOAL_LEADS_TO: dict[str, str] = {"upgrading": "upgrading", "founding": "self_employed"}
# The periods a number of leave days may refer to (``leave_period``), and the days per year each means.
LEAVE_PERIODS: dict[str, int] = {"year": 1, "two_years": 2}
MAX_LEAVE_DAYS = 30  # no Land grants more than 10; a higher number is a typing error
MAX_AMOUNT_EUR = 1_000_000

# The pages a public body's site must carry (dashboard/legal.py), by path: linked from every
# page's footer, the phone's menu and the printed sheet.
LEGAL_PAGES: tuple[str, ...] = ("barrierefreiheit", "leichte-sprache", "impressum", "datenschutz")

# The federal instruments (Aufstiegs-BAföG, the employment agency's funding …) are rows of the
# measures table with this code instead of a Land's: shown beside a Land's ("bundesweit"), never
# counted as one.
FEDERAL = "00"
LIST_SEPARATOR = ";"  # between values of situations and goals, as in target_group

# What the map colours: the number of matching measures, or each Land's alliance (URL words).
MAP_MODES: dict[str, str] = {"massnahmen": "measures", "buendnisse": "alliances", "bildungsurlaub": "leave",
                             "meisterbonus": "upgrading_bonus", "bildungsscheck": "individual_grant"}
DEFAULT_STATUSES: tuple[str, ...] = ("running",)

# A complete measures file has at least this many valid measures for every Land (the shipped
# data has 6 to 9); fewer means a truncated or half-saved file (data.completeness_problems).
MIN_MEASURES_PER_LAND = 6

# What a programme rests on (``basis``): a Land law, a funding guideline (Förderrichtlinie, ESF Plus
# programme, call), a programme without a published guideline, an alliance of partners, or a
# counselling/information service run for the Land.
BASES: tuple[str, ...] = ("law", "guideline", "programme", "alliance", "service")

# What a piece of evidence (``data/sources.csv``, column ``confirms``) shows about continuation:
# an official page saying the programme runs, the Land's law portal showing the law in force,
# or a guideline stating its own term (the measure's ``valid_until``).
CONFIRMATIONS: tuple[str, ...] = ("running", "in_force", "term")

# The Länder's (and the federation's) official law portals: only there does a law's version in force count as
# evidence that a law-based programme continues (``continuation``).
LAW_PORTALS: dict[str, str] = {
    "01": "gesetze-rechtsprechung.sh.juris.de", "02": "landesrecht-hamburg.de", "03": "voris.wolterskluwer-online.de",
    "04": "transparenz.bremen.de", "05": "recht.nrw.de", "06": "rv.hessenrecht.hessen.de",
    "07": "landesrecht.rlp.de", "08": "landesrecht-bw.de", "09": "gesetze-bayern.de", "10": "recht.saarland.de",
    "11": "gesetze.berlin.de", "12": "bravors.brandenburg.de", "13": "landesrecht-mv.de",
    "14": "revosax.sachsen.de", "15": "landesrecht.sachsen-anhalt.de", "16": "landesrecht.thueringen.de",
    FEDERAL: "gesetze-im-internet.de",  # the Federal Ministry of Justice's portal of federal law
}

# Handlungsfelder of the Allianz für Aus- und Weiterbildung 2023-2026.
HANDLUNGSFELDER: tuple[int, ...] = (1, 2, 3)

LANGUAGES: tuple[str, ...] = ("de", "en")
DEFAULT_LANGUAGE = "de"

# A measure's id: lowercase ISO code of its Land, a hyphen, a slug (by-meisterbonus). The
# validator checks it, and ?massnahme=<id> links to one.
MEASURE_ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"

# The only link schemes a measure may carry; anything else is never rendered as a link.
ALLOWED_URL_SCHEMES: tuple[str, ...] = ("https", "http")
