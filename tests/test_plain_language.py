"""The shipped texts are written for citizens: short sentences, no insider words (German and
English). The lists grow whenever an audit finds a word a citizen does not know."""

import csv
import re

import pytest

from dashboard.data import MEASURES_PATH

MAX_WORDS = 25  # per sentence
# Columns a citizen reads on a card; titles keep the programme's official name.
TEXTS = {"de": ("summary", "funding", "note"), "en": ("summary_en", "funding_en")}
INSIDER_WORDS = {
    "de": ("Literalität", "niedrigschwellig", "Matching", "Dachstrategie", "Durchlässigkeit", "Qualifizierung 4.0",
           "Stand 2014", "förderfähigen Gesamtausgaben", "förderfähige Gesamtausgaben", "zuwendungsfähig",
           "Konzeptauswahlverfahren", "De-minimis-Beihilfe"),
    "en": ("low-threshold", "matching", "umbrella strategy", "permeability", "Qualification 4.0",
           "eligible total costs", "eligible total expenditure"),
}
# An abbreviation a citizen cannot know must be spelled out in the same text.
EXPLAINED = {"KMU": "kleine", "DQR": "Qualifikationsrahmen"}
# A sentence ends at . ! ? followed by a blank; "z. B.", "ca." and ordinals ("1.", "31.") do not
# end one, a year or an amount ("2027.", "€500.") does.
NOT_AN_END = re.compile(r"(?:\b(?:z|B|ca|bzw|Nr|Abs|Art|u|a|d|h|i|S|ggf|inkl|max|mind|rd|vgl|e\.V|Dr|St|etc|e\.g|i\.e)"
                        r"|(?<![0-9€$])[0-9]{1,2})\.$")


def sentences(text: str) -> list[str]:
    out, current = [], ""
    for piece in re.split(r"(?<=[.!?])\s+", text):
        current = f"{current} {piece}".strip()
        if not NOT_AN_END.search(current.split()[-1] if current.split() else ""):
            out.append(current)
            current = ""
    return out + ([current] if current else [])


@pytest.fixture(scope="module")
def rows():
    with MEASURES_PATH.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_sentence_splitter_keeps_abbreviations_together():
    assert sentences("Bis zu 50 %, z. B. für Kurse. Danach 1. Runde bis 2027. Dann mehr.") == [
        "Bis zu 50 %, z. B. für Kurse.", "Danach 1. Runde bis 2027.", "Dann mehr."]


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_sentences_are_short(rows, lang):
    long = [(r["id"], column, s) for r in rows for column in TEXTS[lang] for s in sentences(r[column])
            if len(s.split()) > MAX_WORDS]
    assert long == []


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_no_insider_words(rows, lang):
    found = [(r["id"], column, word) for r in rows for column in (*TEXTS[lang], f"title{'_en' if lang == 'en' else ''}")
             for word in INSIDER_WORDS[lang] if word.casefold() in r[column].casefold()]
    assert found == []


def test_abbreviations_are_explained(rows):
    unexplained = [(r["id"], column, short) for r in rows for column in TEXTS["de"] for short, words in EXPLAINED.items()
                   if re.search(rf"\b{short}\b", r[column]) and words not in r[column]]
    assert unexplained == []
