""""Was passt zu mir?" on the shipped data, for the questions people bring to a counsellor: each
persona's answers, the programmes that must be offered (a Land's or a federal one), the advice
that must be named, and the programmes that must not be offered. Every Land appears, some
personas live in one Land and work in another, and the English finder offers the same."""

from __future__ import annotations

import re

import pytest

from dashboard.constants import AGS_BY_SHORT
from dashboard.data import MeasuresStore
from dashboard.panels import ViewData, finder
from dashboard.query import finder_answer
from dashboard.state import ViewState

# (lives in, works in ("" = not answered), situation, goal, must be offered, advice to be named, must not be offered)
PERSONAS = [
    # employed in Hamburg, wants to become a Meister: the Land's bonus, the federal grant, the city's advice
    ("HH", "HH", "employed", "upgrading", {"hh-meisterpraemie", "bund-aufstiegs-bafoeg"}, {"hh-weiterbildungsberatung"},
     {"hh-bildungsurlaub", "hh-weiterbildungsbonus-plus"}),
    # looking for work in Sachsen, wants a course: the employment agency's voucher, the federal advice
    ("SN", "SN", "jobseeking", "course", {"bund-bildungsgutschein"}, {"bund-berufsberatung-erwerbsleben"},
     {"sn-meisterbonus", "sn-zukunft-berufliche-bildung"}),
    # only where one lives and works: both Länder's programmes, as each one's own rule allows
    ("BB", "BE", "", "", {"bb-bildungsscheck", "be-bildungszeit", "be-meisterbonus", "be-bildungsberatung"}, set(),
     {"bb-bildungszeit", "bb-servicepaket-qualifizierung"}),
    ("BY", "BY", "employed", "course", {"by-esf-weiterbilden-zukunft", "by-esf-frauen-im-beruf"},
     {"by-weiterbildungsinitiatoren"}, {"by-meisterbonus"}),
    ("BY", "BY", "employed", "upgrading", {"by-meisterbonus", "by-meisterpreis", "bund-aufstiegs-bafoeg"}, set(),
     {"by-esf-weiterbilden-zukunft"}),
    ("NW", "NW", "self_employed", "course", {"nw-bildungsscheck-2-0"}, {"nw-bbe"}, {"nw-awbg", "nw-meisterpraemie"}),
    ("NW", "NW", "upgrading", "upgrading", {"nw-meisterpraemie", "bund-aufstiegs-bafoeg"}, set(), {"nw-bildungsscheck-2-0"}),
    ("HE", "HE", "employed", "educational_leave", {"he-hbug"}, {"he-proabschluss-beratung"}, {"he-qualifizierungsscheck"}),
    # lives in Rheinland-Pfalz, works in Hessen: Hessen's cheque goes by residence, RP's by either
    ("RP", "HE", "employed", "course", {"rp-qualischeck", "rp-transformation"}, set(), {"he-qualifizierungsscheck"}),
    ("HE", "RP", "employed", "course", {"he-qualifizierungsscheck", "rp-qualischeck"}, set(), {"rp-bildungsfreistellung"}),
    ("BW", "BW", "jobseeking", "course", {"bw-esf-fachkurse", "bund-bildungsgutschein"}, {"bw-lnwbb"},
     {"bw-km-alpha-esf", "bw-bildungszeit"}),
    ("SL", "SL", "employer", "course", {"sl-kdw", "sl-qualifizierung-grosse-unternehmen", "sl-weiterbildungsportal"},
     set(), {"sl-swfg", "sl-bildungsfreistellung"}),
    ("MV", "MV", "upgrading", "founding", {"mv-meisterpraemie"}, {"bund-berufsberatung-erwerbsleben"},
     {"mv-meister-extra"}),
    # lives in MV, works in SH: MV's Meister extra needs both in MV
    ("MV", "SH", "upgrading", "upgrading", {"bund-aufstiegs-bafoeg"}, {"sh-beratungsnetzwerk-weiterbildung"},
     {"mv-meister-extra", "sh-meistergruendungspraemie"}),
    ("ST", "ST", "jobseeking", "course", {"st-weiterbildung-individuell"}, set(), {"st-weiterbildung-betrieblich"}),
    ("ST", "ST", "employed", "counselling", {"st-weiterbildungsagenturen"}, set(), {"st-meisterbonus-plus"}),
    ("TH", "TH", "employed", "course", {"th-weiterbildungsscheck", "th-anpassungsqualifizierung"},
     {"th-weiterbildungsagenturen"}, {"th-fachkraeftebedarfsdeckung", "th-meisterbonus"}),
    ("NI", "NI", "employed", "course", {"ni-regionale-fachkraeftebuendnisse", "ni-grundbildung-erwachsene"}, set(),
     {"ni-meisterpraemie", "ni-bildungsurlaub"}),
    ("HB", "HB", "employer", "apprenticeship", {"hb-ausbildungsunterstuetzungsfonds"}, {"hb-labew"}, {"hb-bildungszeit"}),
    ("BE", "BE", "employer", "apprenticeship", {"be-foerderung-berufsausbildung"}, set(), {"be-bildungszeit"}),
    ("BE", "BE", "jobseeking", "counselling", {"be-mobibe", "be-bildungsberatung"}, set(), {"be-meisterbonus"}),
    # lives in SH, works in HH: educational leave goes by the workplace
    ("SH", "HH", "employed", "educational_leave", {"hh-bildungsurlaub"}, set(), {"sh-bildungsfreistellung"}),
    ("HH", "HH", "self_employed", "course", {"hh-weiterbildungsbonus-plus"}, {"hh-weiterbildungsberatung"},
     {"hh-care-for-care"}),
    ("SN", "SN", "employer", "course", {"sn-zukunft-berufliche-bildung", "bund-weiterbildung-beschaeftigte"},
     {"sn-zefas"}, {"sn-meisterbonus"}),
]


@pytest.fixture(scope="module")
def load():
    return MeasuresStore()()


def _ids(frame) -> set[str]:
    return set(frame["id"])


def test_the_personas_cover_every_land_and_people_who_commute():
    lands = {code for home, work, *_ in PERSONAS for code in (home, work)}
    assert lands == set(AGS_BY_SHORT) and len(PERSONAS) >= 20
    assert sum(home != work for home, work, *_ in PERSONAS) >= 4


@pytest.mark.parametrize(("home", "work", "situation", "goal", "offered", "advice", "not_offered"), PERSONAS)
def test_each_persona_gets_what_a_counsellor_would_name(load, home, work, situation, goal, offered, advice, not_offered):
    answer = finder_answer(load.measures, load.federal, AGS_BY_SHORT[home], AGS_BY_SHORT[work], situation, goal)
    shown = _ids(answer.matches) | _ids(answer.federal)
    assert offered <= shown, offered - shown
    assert advice <= _ids(answer.counselling) | shown, advice - _ids(answer.counselling)
    assert not (not_offered & (shown | _ids(answer.counselling))), not_offered & shown
    assert shown or not answer.counselling.empty  # never a bare "nothing fits"


@pytest.mark.parametrize(("home", "work", "situation", "goal", "offered", "advice", "not_offered"), PERSONAS)
def test_the_english_finder_offers_the_same(load, home, work, situation, goal, offered, advice, not_offered):
    state = ViewState(finder=True, home=AGS_BY_SHORT[home], work=AGS_BY_SHORT[work], situation=situation, goal=goal)
    data = ViewData.of(load, state)
    links = {lang: re.findall(r"href='([^']+)'|href=\"([^\"]+)\"", str(finder.render(data, state, lang)["finder_results"]))
             for lang in ("de", "en")}
    assert links["de"] == links["en"] and links["de"]
