"""What a public body's site must carry (issue #23): the accessibility statement, Leichte
Sprache, Impressum and privacy page from the operator's settings (dashboard/operator.py,
dashboard/legal.py); the example notice without settings; the links on every page."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from dashboard.app import create_app
from dashboard.constants import LEGAL_PAGES
from dashboard.legal import EASY_TEXT, checks
from dashboard.operator import EXAMPLE_SETTINGS, SettingsError, load_operator

REPO = Path(__file__).resolve().parents[1]
OWN = EXAMPLE_SETTINGS.read_text(encoding="utf-8").replace("Beispiel-Ministerium für Arbeit und Bildung",
                                                            "Senatsverwaltung für Weiterbildung")


@pytest.fixture(scope="module")
def example_client():
    return create_app().server.test_client()


def test_without_settings_every_page_says_its_details_are_examples(example_client):
    for page in LEGAL_PAGES:
        html = example_client.get(f"/{page}").get_data(as_text=True)
        assert "Beispielangaben" in html and "WBK_OPERATOR_SETTINGS" in html, page


def test_with_the_operators_settings_the_pages_show_them_and_no_example_notice(tmp_path, monkeypatch):
    settings = tmp_path / "betreiber.toml"
    settings.write_text(OWN, encoding="utf-8")
    monkeypatch.setenv("WBK_OPERATOR_SETTINGS", str(settings))
    client = create_app().server.test_client()
    for page in ("barrierefreiheit", "impressum", "datenschutz"):
        for lang in ("de", "en"):
            response = client.get(f"/{page}?lang={lang}")
            html = response.get_data(as_text=True)
            assert response.status_code == 200 and "Senatsverwaltung für Weiterbildung" in html, (page, lang)
            assert "Beispielangaben" not in html and "Example details" not in html
    statement = lxml.html.fromstring(client.get("/barrierefreiheit").data)
    feedback = statement.cssselect('a[href^="mailto:barrierefreiheit@example.org"]')
    assert feedback, "a way to report barriers"


def test_the_statement_names_the_automated_checks_as_the_tests_run_them(example_client):
    record = checks()
    html = example_client.get("/barrierefreiheit").get_data(as_text=True)
    assert f"axe-core {record['axe_version']}" in html and record["last_run"] in html
    pinned = re.search(r"^AXE_VERSION=(\S+)", (REPO / "scripts" / "test.sh").read_text(), re.M).group(1)
    assert record["axe_version"] == pinned
    access = (REPO / "tests" / "test_browser_access.py").read_text(encoding="utf-8")
    run_only = re.search(r"runOnly: \[([^\]]+)\]", access).group(1)
    assert record["rules"] == re.findall(r"'([^']+)'", run_only)
    views = re.search(r"^VIEWS = \{(.*?)^\}", access, re.M | re.S).group(1)
    assert set(re.findall(r'^\s+"([a-z]+)":', views, re.M)) <= set(record["views"])


def test_a_settings_file_without_a_feedback_contact_is_refused_with_a_clear_message(tmp_path, monkeypatch):
    settings = tmp_path / "betreiber.toml"
    settings.write_text(OWN.replace('feedback_email = "barrierefreiheit@example.org"', ""), encoding="utf-8")
    with pytest.raises(SettingsError, match=r"\[accessibility\] feedback_email is missing; it must be one plain e-mail"):
        load_operator(settings)
    monkeypatch.setenv("WBK_OPERATOR_SETTINGS", str(settings))
    with pytest.raises(SettingsError, match="betreiber.toml"):
        create_app()  # the site does not start without it


@pytest.mark.parametrize(("change", "message"), [
    (('log_retention_days = 7', 'log_retention_days = "lange"'), "log_retention_days must be a number of days"),
    (('enforcement_url = "https://www.schlichtungsstelle-bgg.de"', 'enforcement_url = "javascript:x"'),
     "enforcement_url must be an https:// address"),
    (('last_assessment = "2026-12-06"', 'last_assessment = "gestern"'), "last_assessment must be a date"),
])
def test_other_settings_are_checked_too(tmp_path, change, message):
    settings = tmp_path / "betreiber.toml"
    settings.write_text(OWN.replace(*change), encoding="utf-8")
    with pytest.raises(SettingsError, match=message):
        load_operator(settings)


def test_the_pages_are_linked_from_every_page_and_in_the_sitemap(example_client):
    first_view = lxml.html.fromstring(example_client.get("/?land=BY").data)
    assert {a.get("href") for a in first_view.cssselect("#first-view .legal-links a")} == {f"/{p}" for p in LEGAL_PAGES}
    assert first_view.cssselect('#first-view .header-actions a[href="/leichte-sprache"]')  # in the phone's menu
    embedded = lxml.html.fromstring(example_client.get("/?einbetten=1&land=BY").data)
    assert embedded.cssselect("#first-view .legal-links a")
    land = example_client.get("/land/BY").get_data(as_text=True)
    assert "/barrierefreiheit" in land and "/impressum" in land
    sheet = example_client.get("/blatt/BY").get_data(as_text=True)
    assert "/barrierefreiheit" in sheet and "/impressum" in sheet
    sitemap = example_client.get("/sitemap.xml").get_data(as_text=True)
    assert all(f"/{page}</loc>" in sitemap for page in LEGAL_PAGES)


ABBREVIATIONS = ("z. B.", "z.B.", "bzw.", "usw.", "ca.", "d. h.", "u. a.", "ggf.", "inkl.", "etc.", "Nr.", "BITV",
                 "WCAG", "DSGVO", "EU", "BKG", "ESF", "Abs.")


def test_the_leichte_sprache_text_follows_the_rules_a_machine_can_check():
    """BITV 2.0, Anlage 2 Teil 2: short sentences with one idea, the reader addressed directly,
    no abbreviations, no percent signs, no Roman numerals, compound nouns with a hyphen."""
    sentences = [s for _, lines in EASY_TEXT for s in lines]
    assert len(sentences) >= 25
    for sentence in sentences:
        words = sentence.split()
        assert len(words) <= 12, sentence
        assert "%" not in sentence and "Prozent" not in sentence, sentence
        assert not any(abbreviation in sentence for abbreviation in ABBREVIATIONS), sentence
        assert not re.search(r"\b[IVXLCDM]{2,}\b", sentence), sentence
        assert all(len(word.strip(".,:?!")) <= 13 for word in words if "-" not in word), sentence
    addressed = sum(bool(re.search(r"\b(Sie|Ihr|Ihre|Ihrem|Ihren|Ihnen)\b", s)) for s in sentences)
    assert addressed >= len(sentences) / 3
    for heading, _ in EASY_TEXT:
        assert len(heading.split()) <= 8


def test_the_leichte_sprache_page_explains_the_site_and_names_where_to_report_barriers(example_client):
    html = example_client.get("/leichte-sprache").get_data(as_text=True)
    assert 'lang="de"' in html and "Klicken Sie auf Ihr Bundes-Land." in html
    assert 'href="mailto:barrierefreiheit@example.org' in html


def test_a_sign_language_video_is_offered_only_where_the_operator_has_one(tmp_path, monkeypatch, example_client):
    assert "Gebärdensprache" not in example_client.get("/barrierefreiheit").get_data(as_text=True)
    settings = tmp_path / "betreiber.toml"
    settings.write_text(OWN.replace('sign_language_video = ""', 'sign_language_video = "https://video.example.de/dgs.mp4"')
                        .replace('sign_language_video_size = ""', 'sign_language_video_size = "38 MB"')
                        .replace('sign_language_video_duration = ""', 'sign_language_video_duration = "4:30 Minuten"'),
                        encoding="utf-8")
    monkeypatch.setenv("WBK_OPERATOR_SETTINGS", str(settings))
    html = create_app().server.test_client().get("/barrierefreiheit").get_data(as_text=True)
    assert 'href="https://video.example.de/dgs.mp4"' in html and "38 MB" in html and "4:30 Minuten" in html
