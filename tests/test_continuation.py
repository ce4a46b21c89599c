"""Continuation: why a running programme counts as still running, computed from its evidence."""

import datetime as dt
from pathlib import Path

import pytest

from dashboard.continuation import continuation, is_stale, stale_before
from dashboard.data import load_measures, with_sources
from dashboard.panels.cards import list_views
from tests.conftest import row, write_sources

TODAY = dt.date(2026, 12, 5)
LAW_PORTAL = "https://www.gesetze-bayern.de/Content/Document/BayBiZG"  # Bayern's law portal host
ELSEWHERE = "https://www.example.bayern.de/seite"


def evidence(url, stated, confirms):
    from dashboard.data import source_period
    return {"url": url, "source_date": stated, "confirms": confirms,
            "source_until": source_period(stated)[1] if stated else None}


def measure(**changes):
    return {"status": "running", "ags": "09", "basis": "guideline", "valid_until": "", "source_until": None,
            "source_date": "", **changes}


def test_stale_means_the_newest_source_is_older_than_24_months():
    today = dt.date(2026, 11, 26)
    assert stale_before(today) == dt.date(2024, 11, 26)
    assert is_stale(dt.date(2024, 11, 25), today) and not is_stale(dt.date(2024, 11, 26), today)
    assert is_stale(None, today)  # no dated source: nothing confirms the programme either


@pytest.mark.parametrize("row, items, expected", [
    # (c) a guideline's stated term that covers today, stated by a piece of evidence
    (measure(valid_until="2027-12-31"), [evidence(ELSEWHERE, "2023", "term")], ("term", "2027-12-31")),
    # a term with no evidence stating it confirms nothing
    (measure(valid_until="2027-12-31"), [evidence(ELSEWHERE, "2023", "")], ("unconfirmed", "2023")),
    # past its term: ended, whatever else the evidence says
    (measure(valid_until="2026-06-30"), [evidence(ELSEWHERE, "2026-11", "running")], ("expired", "2026-06-30")),
    # (b) a law in force on the Land's own law portal: the version's date, however old
    (measure(basis="law"), [evidence(LAW_PORTAL, "2015-06", "in_force")], ("law", "2015-06")),
    # ... but not on another host, and not for a programme that rests on no law
    (measure(basis="law"), [evidence(ELSEWHERE, "2015-06", "in_force")], ("unconfirmed", "2015-06")),
    (measure(basis="guideline"), [evidence(LAW_PORTAL, "2015-06", "in_force")], ("unconfirmed", "2015-06")),
    # (a) an official page of the last 24 months that says it runs: the newest such page
    (measure(), [evidence(ELSEWHERE, "2025-03", "running"), evidence(ELSEWHERE + "2", "2026-02-01", "running")],
     ("source", "2026-02-01")),
    # a recent page that does not say it runs, or an old one that does, confirms nothing
    (measure(), [evidence(ELSEWHERE, "2026-02", ""), evidence(ELSEWHERE, "2022", "running")], ("unconfirmed", "2026-02")),
    (measure(), [evidence(ELSEWHERE, "", "running")], ("unconfirmed", "")),
    # not running: no claim at all
    (measure(status="ended"), [evidence(ELSEWHERE, "2026-02", "running")], ("", "")),
])
def test_continuation_rests_on_one_piece_of_evidence(row, items, expected):
    found = continuation(row, items, TODAY)
    assert (found.kind, found.stated) == expected
    assert found.confirmed == (found.kind in ("term", "law", "source"))
    assert bool(found.url) == found.confirmed


def test_cards_say_what_confirms_a_programme_or_why_nothing_does(measures_file):
    path = measures_file([
        row(id="by-richtlinie", title="Richtlinie", valid_until="2027-12-31", source_date="2023"),
        row(id="by-gesetz", title="Gesetz", title_en="Law", basis="law", category="educational_leave", source_date="2015-06"),
        row(id="by-quelle", title="Quelle", source_date="2026-05-12"),
        row(id="by-alt", title="Alt", source_date="2019-03"),
        row(id="by-abgelaufen", title="Abgelaufen", valid_until="2026-06-30", deadline="2026-03-31"),
        row(id="by-frist", title="Frist", title_en="Deadline", deadline="2027-01-31", source_date="2026-05-12"),
    ])
    write_sources(path, [("by-richtlinie", ELSEWHERE, "2023", "term"), ("by-gesetz", LAW_PORTAL, "2015-06", "in_force"),
                         ("by-quelle", ELSEWHERE, "2026-05-12", "running"), ("by-alt", ELSEWHERE, "2019-03", "running"),
                         ("by-abgelaufen", ELSEWHERE, "2026-03", "running"), ("by-frist", ELSEWHERE, "2026-05-12", "")])
    load, problems = with_sources(load_measures(path), path.with_name("sources.csv"), TODAY)
    assert problems == []
    statuses = dict(zip(load.measures["id"], load.measures["status"], strict=True))
    assert statuses["by-abgelaufen"] == "ended" and statuses["by-quelle"] == "running"
    german = {c["title"]: c for c in list_views(load.measures, "de")["lands"]["09"]["cards"]}
    english = {c["title"]: c for c in list_views(load.measures, "en")["lands"]["09"]["cards"]}
    assert german["Richtlinie"]["continuation"] == "Läuft laut Richtlinie bis 31.12.2027."
    assert german["Gesetz"]["continuation"] == "Gesetz in Kraft (Fassung vom 06/2015, laut amtlichem Rechtsportal)."
    assert german["Quelle"]["continuation"] == "Läuft: bestätigt durch eine amtliche Quelle vom 12.05.2026."
    assert german["Alt"]["continuation"] == "" and german["Alt"]["stale"].startswith(
        "Fortbestand nicht bestätigt: Die neueste amtliche Quelle ist vom 03/2019")
    assert german["Abgelaufen"]["continuation"] == "Beendet: Die Richtlinie galt bis 30.06.2026."
    assert ["Antragsfrist", "Die letzte Antragsfrist endete am 31.03.2026. Derzeit ist keine neue Runde bekannt."] \
        in german["Abgelaufen"]["fields"]
    assert german["Frist"]["stale"].startswith("Fortbestand nicht bestätigt")  # a page that does not say it runs
    assert ["Application deadline", "Apply by 2027-01-31"] in english["Deadline"]["fields"]
    assert english["Law"]["continuation"] == "Law in force (version of 2015-06, according to the official law portal)."


def test_evidence_that_claims_more_than_it_can_is_a_named_problem(measures_file):
    path = measures_file([row(id="by-a", title="A"), row(id="by-b", title="B", basis="law")])
    write_sources(path, [("by-a", LAW_PORTAL, "2020", "in_force"),  # basis is no law
                         ("by-b", ELSEWHERE, "2020", "in_force"),  # not the law portal
                         ("by-a", ELSEWHERE, "2020", "term"),  # no valid_until
                         ("by-b", ELSEWHERE, "2020", "maybe")])  # not a word we know
    problems = [str(p) for p in with_sources(load_measures(path), path.with_name("sources.csv"), TODAY)[1]]
    assert [Path(p.split(": ", 1)[0]).name for p in problems] == ["sources.csv:5:confirms", "sources.csv:2:confirms",
                                                      "sources.csv:3:confirms", "sources.csv:4:confirms"]
    assert "law portal" in problems[1] and "valid_until" in problems[3] and "one of running, in_force, term" in problems[0]
