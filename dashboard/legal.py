"""The pages a public body's site must carry, drawn by the server as plain HTML from the
operator's settings (``dashboard.operator``): the accessibility statement (``/barrierefreiheit``,
BITV 2.0 § 7) with its feedback address, the explanations in Leichte Sprache
(``/leichte-sprache``, BITV 2.0 § 4, Anlage 2 Teil 2), the Impressum (DDG § 5) and the privacy
page (``/datenschutz``). With the example settings each says so at the top.

The accessibility statement tells what the project knows: the automated checks the tests run
(``data/accessibility.json``: axe-core's version, its rules, the views, the last run) and the
known limits of the site. All data is escaped by the template engine.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from flask import Flask, Response, render_template_string, request

from dashboard.constants import DEFAULT_LANGUAGE, LANGUAGES, LEGAL_PAGES
from dashboard.i18n import translate
from dashboard.operator import Operator
from dashboard.site import base_url

CHECKS_PATH = Path(__file__).resolve().parents[1] / "data" / "accessibility.json"

PAGE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} | Weiterbildungskarte</title>
<meta name="description" content="{{ title }}">
<link rel="canonical" href="{{ canonical }}">
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1f24; margin: 0;
         line-height: 1.6; background: #f3f5f8; font-size: {{ '1.2rem' if easy else '1rem' }}; }
  header, main, footer { max-width: 48rem; margin: 0 auto; padding: 1rem; }
  header { background: #08306b; color: #fff; max-width: none; }
  header a { color: #fff; }
  main { background: #fff; }
  .example { border: 3px solid #b35c00; padding: .8rem; font-weight: 600; background: #fff3e0; }
  a { color: #08306b; }
  h2 { margin-top: 1.6rem; }
  footer a { display: inline-block; margin: .2rem .6rem .2rem 0; padding: .3rem 0; }
</style>
</head>
<body>
<header><p><a href="{{ home }}">Weiterbildungskarte</a></p><h1>{{ title }}</h1></header>
<main>
{% if example %}<p class="example" role="note">{{ example_notice }}</p>{% endif %}
{% for section in sections %}
{% if section.heading %}<h2>{{ section.heading }}</h2>{% endif %}
{% for line in section.lines %}{% if line.href %}<p><a href="{{ line.href }}">{{ line.text }}</a></p>{% else %}<p>{{ line.text }}</p>{% endif %}
{% endfor %}{% endfor %}
</main>
<footer><nav aria-label="{{ legal_nav }}">{% for href, label in links %}<a href="{{ href }}">{{ label }}</a>{% endfor %}</nav></footer>
</body>
</html>"""


def checks() -> dict:
    """The record of the automated accessibility checks (data/accessibility.json)."""
    return json.loads(CHECKS_PATH.read_text(encoding="utf-8"))


def _line(text: str, href: str = "") -> dict:
    return {"text": text, "href": href}


def _mailto(address: str, subject: str) -> str:
    return f"mailto:{quote(address, safe='@')}?subject={quote(subject, safe='')}"


def accessibility_sections(operator: Operator, lang: str) -> list[dict]:
    record = checks()
    video = operator.get("accessibility", "sign_language_video")
    t = lambda key, **values: translate(lang, key, **values)  # noqa: E731
    sections = [
        {"heading": "", "lines": [_line(t("a11y_intro", operator=operator.get("operator", "name")))]},
        {"heading": t("a11y_status_heading"), "lines": [_line(t("a11y_status", standard=record["standard"]))]},
        {"heading": t("a11y_limits_heading"), "lines": [_line(t(f"a11y_limit_{n}")) for n in range(1, 5)]},
        {"heading": t("a11y_method_heading"), "lines": [
            _line(t("a11y_made", date=operator.get("accessibility", "last_assessment"),
                    method=operator.get("accessibility", "assessment_method"))),
            _line(t("a11y_automated", version=record["axe_version"], rules=", ".join(record["rules"]),
                    views=len(record["views"]), date=record["last_run"], result=record[f"result_{lang}"])),
            _line(record[f"browser_checks_{lang}"]), _line(record[f"manual_check_{lang}"])]},
        {"heading": t("a11y_feedback_heading"), "lines": [
            _line(t("a11y_feedback")),
            _line(operator.get("accessibility", "feedback_email"),
                  _mailto(operator.get("accessibility", "feedback_email"), t("a11y_feedback_subject")))]},
        {"heading": t("a11y_enforcement_heading"), "lines": [
            _line(t("a11y_enforcement")),
            _line(operator.get("accessibility", "enforcement_body"), operator.get("accessibility", "enforcement_url"))]},
    ]
    if video:
        sections.append({"heading": t("a11y_video_heading"), "lines": [_line(t(
            "a11y_video", size=operator.get("accessibility", "sign_language_video_size"),
            duration=operator.get("accessibility", "sign_language_video_duration")), video)]})
    return sections


def impressum_sections(operator: Operator, lang: str) -> list[dict]:
    o = lambda key: operator.get("operator", key)  # noqa: E731
    lines = [_line(o("name")), _line(o("street")), _line(f"{o('postcode')} {o('city')}"),
             _line(translate(lang, "impressum_represented", who=o("represented_by"))),
             _line(o("email"), _mailto(o("email"), "Weiterbildungskarte")),
             _line(translate(lang, "impressum_phone", phone=o("phone")))]
    if o("vat_id"):
        lines.append(_line(translate(lang, "impressum_vat", vat=o("vat_id"))))
    return [{"heading": translate(lang, "impressum_provider"), "lines": lines},
            {"heading": translate(lang, "impressum_data_heading"),
             "lines": [_line(translate(lang, "attribution_geo")), _line(translate(lang, "attribution_data")),
                       _line(translate(lang, "impressum_links"))]}]


def privacy_sections(operator: Operator, lang: str) -> list[dict]:
    t = lambda key, **values: translate(lang, key, **values)  # noqa: E731
    return [
        {"heading": t("privacy_controller_heading"), "lines": [
            _line(f"{operator.get('operator', 'name')}, {operator.get('operator', 'street')}, "
                  f"{operator.get('operator', 'postcode')} {operator.get('operator', 'city')}"),
            _line(t("privacy_officer", name=operator.get("privacy", "officer_name"))),
            _line(operator.get("privacy", "officer_email"), _mailto(operator.get("privacy", "officer_email"), "Datenschutz"))]},
        {"heading": t("privacy_logs_heading"), "lines": [
            _line(t("privacy_logs", days=operator.get("privacy", "log_retention_days")))]},
        {"heading": t("privacy_none_heading"), "lines": [_line(t(f"privacy_none_{n}")) for n in range(1, 5)]},
        {"heading": t("privacy_email_heading"), "lines": [_line(t("privacy_email"))]},
        {"heading": t("privacy_rights_heading"), "lines": [
            _line(t("privacy_rights")), _line(t("privacy_authority", authority=operator.get("privacy", "supervisory_authority")))]},
    ]


def easy_sections(operator: Operator, _lang: str) -> list[dict]:
    """Leichte Sprache (German only): what the site holds, how to use it, the essentials of the
    accessibility statement and where else Leichte Sprache is offered (tests/test_legal.py
    checks the rules a machine can check)."""
    sections = [{"heading": heading, "lines": [_line(sentence) for sentence in sentences]}
                for heading, sentences in EASY_TEXT]
    feedback = operator.get("accessibility", "feedback_email")
    sections[2]["lines"].append(_line(feedback, _mailto(feedback, "Barriere auf der Weiterbildungs-Karte")))
    return sections


# Leichte Sprache after BITV 2.0, Anlage 2 Teil 2: short sentences, one idea each, the reader
# addressed directly, no abbreviations, numbers as digits, compound nouns with a hyphen.
EASY_TEXT: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Was steht auf dieser Seite?", (
        "Deutschland hat 16 Bundes-Länder.",
        "Jedes Bundes-Land hilft bei der Weiter-Bildung.",
        "Weiter-Bildung heißt: Sie lernen etwas Neues für Ihren Beruf.",
        "Sie machen zum Beispiel einen Kurs.",
        "Oder Sie machen eine Prüfung als Meisterin oder Meister.",
        "Die Bundes-Länder geben dafür oft Geld.",
        "Oder Sie bekommen frei von der Arbeit.",
        "Auf dieser Seite finden Sie diese Angebote.",
    )),
    ("Wie benutzen Sie die Seite?", (
        "Oben sehen Sie eine Karte von Deutschland.",
        "Klicken Sie auf Ihr Bundes-Land.",
        "Dann sehen Sie die Angebote in Ihrem Bundes-Land.",
        "Zu jedem Angebot gibt es einen kurzen Text.",
        "Dort steht: Was wird bezahlt?",
        "Wer bekommt das Angebot?",
        "Wie viel Geld gibt es?",
        "Es gibt auch einen Link zur Seite vom Amt.",
        "Dort können Sie mehr lesen.",
        "Sie wissen nicht, was zu Ihnen passt?",
        "Dann klicken Sie auf: Was passt zu mir?",
        "Dort beantworten Sie 4 Fragen.",
        "Dann zeigt Ihnen die Seite passende Angebote.",
    )),
    ("Wie barriere-frei ist die Seite?", (
        "Barriere-frei heißt: Alle Menschen können die Seite gut benutzen.",
        "Wir prüfen die Seite bei jeder Änderung.",
        "Die Karte ist ein Bild.",
        "Darum gibt es alles auch als Liste und als Tabelle.",
        "Sie können die Seite auch nur mit der Tastatur benutzen.",
        "Sie finden eine Barriere auf der Seite?",
        "Dann schreiben Sie uns bitte eine E-Mail.",
        "Die Adresse ist:",
    )),
    ("Wo gibt es noch Leichte Sprache?", (
        "Die Texte zu den einzelnen Angeboten sind nicht in Leichter Sprache.",
        "Sie haben Fragen zu einem Angebot?",
        "Dann fragen Sie bei einer Beratungs-Stelle in Ihrem Bundes-Land.",
        "Dort hilft man Ihnen gern.",
    )),
)

BUILDERS = {"barrierefreiheit": accessibility_sections, "leichte-sprache": easy_sections,
            "impressum": impressum_sections, "datenschutz": privacy_sections}


def legal_page(name: str, operator: Operator, lang: str, base: str) -> str:
    lang = "de" if name == "leichte-sprache" else lang  # Leichte Sprache is German
    suffix = "" if lang == DEFAULT_LANGUAGE else f"?lang={lang}"
    return render_template_string(
        PAGE, lang=lang, title=translate(lang, f"legal.{name}"), canonical=f"{base}/{name}{suffix}", home=base + "/",
        example=operator.example, example_notice=translate(lang, "operator_example"), easy=name == "leichte-sprache",
        sections=BUILDERS[name](operator, lang), legal_nav=translate(lang, "legal_nav"),
        links=[(f"{base}/{page}{suffix if page != 'leichte-sprache' else ''}", translate(lang, f"legal.{page}"))
               for page in LEGAL_PAGES])


def register_routes(server: Flask, operator: Operator) -> None:
    def view(name: str):
        def page():
            lang = request.args.get("lang", DEFAULT_LANGUAGE)
            html = legal_page(name, operator, lang if lang in LANGUAGES else DEFAULT_LANGUAGE, base_url())
            return Response(html, mimetype="text/html")
        return page

    for name in LEGAL_PAGES:
        server.add_url_rule(f"/{name}", f"legal_{name.replace('-', '_')}", view(name))
