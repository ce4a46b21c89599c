"""The list of programmes: one card per measure, as plain data the browser writes as text.

Every piece of data reaches the page as a string that assets/app.js writes with ``textContent``
into the page's one card template: never as HTML. Links only for http(s) URLs (``safe_url``),
checked here and again in the browser. The cards of every Land travel with the filters
(``list_views``), so the browser shows a clicked Land's at once.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pandas as pd
from dash import html

from dashboard.constants import LAENDER
from dashboard.data import url_host
from dashboard.formatting import (
    area_name,
    change_text,
    continuation_texts,
    deadline_text,
    format_date,
    format_source_date,
    localized,
    safe_url,
)
from dashboard.i18n import translate
from dashboard.panels.base import Panel, ViewData
from dashboard.query import measures_for_lands
from dashboard.state import ViewState


# The ids the browser looks for (assets/app.js reads them from panels.shell.page_config).
CARD_TEMPLATE_ID = "measure-card-template"
MEASURE_ID_PREFIX = "measure-"  # a card's element id: the prefix and the measure's id
EVIDENCE_PATH = "/daten/belege/"  # + <measure id>.json?lang=…: a card's evidence, when opened


def _period(row, lang: str) -> str:
    start, end = row["start_year"], row["end_year"]
    parts = []
    if not pd.isna(start):
        parts.append(translate(lang, "period_from", start=int(start)))
    if not pd.isna(end):
        parts.append(translate(lang, "period_until", end=int(end)))
    return " ".join(parts)


def card_data(row, lang: str, evidence: list | None = None, today: dt.date | None = None) -> dict:
    """One measure as plain data for the card template: what, for whom, how much, who, how old
    its source is, when we checked it, the link and how many pieces of evidence (fetched when
    opened). Only strings, lists of strings and counts: assets/app.js writes each string as
    text into ``card_template``.
    In English the programme's own texts are our translations, marked as such."""
    english = lang == "en"
    funding = localized(row, "funding", lang)
    confirmed, flag = continuation_texts(row, lang)
    fields = [
        ("field_summary", localized(row, "summary", lang)),
        ("field_target", ", ".join(translate(lang, f"target.{g}") for g in row["target_groups"])),
        ("field_funding", funding or translate(lang, "funding_unknown")),
        ("field_deadline", deadline_text(row["deadline"], lang, today)),
        ("field_provider", row["provider"]),
        ("field_period", _period(row, lang)),
        ("field_source_date", format_source_date(row["source_date"], lang) if row["source_date"]
         else translate(lang, "source_date_unknown")),
        ("field_checked", format_date(row["checked"], lang)),
        ("field_changed", change_text(row, lang)),
    ]
    return {
        "id": f"{MEASURE_ID_PREFIX}{row['id']}",
        "ags": row["ags"],
        "land": area_name(row["ags"], lang),
        "title": localized(row, "title", lang),
        "translated": translate(lang, "translated_mark") if english else "",
        "category": translate(lang, f"category.{row['category']}"),
        "status": row["status"],
        "status_label": translate(lang, f"status.{row['status']}"),
        "continuation": confirmed,
        "stale": flag,
        "fields": [[translate(lang, key), value] for key, value in fields if value],
        "url": safe_url(row["url"]),
        "note": row["note"],
        # The evidence itself is folded away and fetched when opened (``evidence_items``, at
        # EVIDENCE_PATH): the cards of all Länder travel to every visitor.
        "sources_count": len(evidence or []),
        "sources_label": translate(lang, "sources_label", count=len(evidence or [])),
    }


def evidence_items(evidence: list | None, lang: str) -> list[list[str]]:
    """A card's evidence as the browser lists it: [link (or "" if it may be none), host, "its
    date · read on …"], newest first. What each page shows stays in data/sources.csv."""
    return [[safe_url(url), url_host(url) or "", " · ".join(filter(None, [
        format_source_date(date, lang) if date else "",
        translate(lang, "source_read", date=format_date(dt.date.fromisoformat(read), lang))]))]
        for url, date, _text, read in (evidence or [])]


def card_labels(lang: str) -> dict:
    """The texts every card shares, sent once with the cards."""
    return {"link": translate(lang, "link_official"), "new_tab": translate(lang, "link_new_tab"),
            "no_link": translate(lang, "link_unavailable"), "note": translate(lang, "field_note"),
            "copy": translate(lang, "copy_link"), "copied": translate(lang, "link_copied"),
            "report": translate(lang, "report_error"), "report_subject": translate(lang, "report_subject"),
            "report_body": translate(lang, "report_body"), "evidence_failed": translate(lang, "evidence_failed"),
            "lang": lang}  # the language of the evidence a card fetches when opened


CARD_SLOTS = ("title", "translated", "category", "status", "continuation", "stale", "fields", "link", "link-label", "new-tab",
              "no-link", "copy", "report", "note-box", "note-label", "note", "sources-box", "sources-label", "sources")


def card_template() -> html.Template:
    """The one structure of a measure card; assets/app.js ("selection") clones it per card and
    fills each ``data-slot`` with text. Its links get their address when cloned (or are removed);
    until then they say they are links (role), so a crawler reading the template finds none
    "to nowhere". The article gets its class when cloned, so the
    template itself is never counted as a card."""
    def slot(name: str) -> dict:
        return {"data-slot": name}

    return html.Template(
        html.Article(
            [
                html.H3(**slot("title")),
                html.P(className="translated-mark", **slot("translated")),
                html.P([html.Span(className="badge", **slot("category")), html.Span(className="badge", **slot("status"))],
                       className="badges"),
                html.P(className="continuation-note", **slot("continuation")),
                html.P(className="stale-note", role="note", **slot("stale")),
                html.Dl(**slot("fields")),
                html.P([
                    html.A([html.Span(**slot("link-label")), html.Span(className="visually-hidden", **slot("new-tab"))],
                           target="_blank", rel="noopener noreferrer", className="official-link", role="link",
                           **slot("link")),
                    html.Span(className="muted", **slot("no-link")),
                    # ?massnahme=<id>: a link that opens this card (assets/app.js copies it)
                    html.Button(type="button", className="copy-link", **slot("copy")),
                    # "Fehler melden": a prefilled message, only where WBK_FEEDBACK_EMAIL is set
                    html.A(className="report-error", role="link", **slot("report")),
                ], className="card-links"),
                # The note and the evidence are for the curious: folded by default.
                html.Details([html.Summary(**slot("note-label")), html.P(**slot("note"))], className="source-note",
                             **slot("note-box")),
                html.Details([html.Summary(**slot("sources-label")), html.Ul(**slot("sources"))], className="evidence",
                             **slot("sources-box")),
            ],
        ),
        id=CARD_TEMPLATE_ID,
    )


def evidence_by_measure(sources: pd.DataFrame | None) -> dict[str, list[tuple[str, str, str, str]]]:
    """measure id -> [(url, source date, evidence, read)], newest source first."""
    if sources is None or sources.empty:
        return {}
    ordered = sources.sort_values("source_until", ascending=False,
                                  key=lambda column: column.map(lambda day: day.isoformat() if day else ""))
    evidence: dict[str, list] = {}
    for row in ordered.itertuples(index=False):
        evidence.setdefault(row.measure_id, []).append((row.url, row.source_date, row.evidence, row.read))
    return evidence


def list_views(measures: pd.DataFrame, lang: str, sources: pd.DataFrame | None = None) -> dict:
    """Everything the measures panel can show under the current filters, as plain data.

    ``measures`` are the filtered measures of all Länder. The page keeps this in the
    ``lists`` store, and assets/app.js ("selection") shows the clicked Land's entry straight
    away, without a round trip; it is sent again only when the filters or the language change."""
    ordered = measures_for_lands(measures, tuple(LAENDER))
    evidence = evidence_by_measure(sources)
    return {
        "lands": {
            ags: {"heading": translate(lang, "measures_heading", land=land.name),
                  "cards": [card_data(row, lang, evidence.get(row["id"])) for _, row in ordered.loc[ordered["ags"] == ags].iterrows()],
                  "empty": translate(lang, "no_measures", land=land.name)}
            for ags, land in LAENDER.items()
        },
        "none": {"heading": translate(lang, "measures_heading_none"), "cards": [],
                 "empty": translate(lang, "no_land_selected")},
        # The compare heading lists the chosen Länder; the browser fills in "{lands}".
        "compare": {"heading": translate(lang, "compare_heading", lands="{lands}"),
                    "hint": translate(lang, "compare_hint")},
        "names": {ags: land.name for ags, land in LAENDER.items()},
        "labels": card_labels(lang),
    }


def render(data: ViewData, _state: ViewState, lang: str) -> dict:
    return {"lists": list_views(data.matching, lang, data.load.sources)}


# The lists of the page's first filters are in the page (firstview.IN_PAGE_ID); assets/app.js
# puts them in the store ("firstView.lists").
PANEL = Panel("cards", {"lists": ("lists", "data")}, render, filtered=True, in_page=True)


# --------------------------------------------------------------------------- the server's cards
# The first view (dashboard/firstview.py) is drawn by the server, before any script: the same
# cards as assets/app.js's renderCard makes from card_data, as components. A browser test
# compares the two, element by element.


def _slot(name: str, content=None, tag=html.Span, **props):
    return tag(content, **{"data-slot": name}, **props)


def _report_link(data: dict, labels: dict, feedback_email: str, link: str):
    if not feedback_email:
        return None
    def fill(text: str) -> str:
        return (str(text).replace("{id}", data["id"].removeprefix(MEASURE_ID_PREFIX)).replace("{title}", data["title"])
                .replace("{land}", data["land"]).replace("{link}", link))
    def component(text: str) -> str:  # as JavaScript's encodeURIComponent
        return quote(text, safe="-_.!~*'()")
    href = (f"mailto:{quote(feedback_email, safe='@')}?subject={component(fill(labels['report_subject']))}"
            f"&body={component(fill(labels['report_body']))}")
    return _slot("report", labels["report"], html.A, className="report-error", role="link", href=href)


def static_card(data: dict, labels: dict, feedback_email: str = "", measure_link: str = "") -> html.Article:
    """One card of ``card_data`` as the browser's renderCard builds it (no slot left empty)."""
    measure = data["id"].removeprefix(MEASURE_ID_PREFIX)
    url = safe_url(data["url"])
    optional = [_slot(name, data[name], html.P, className=cls, **extra) if data[name] else None
                for name, cls, extra in (("translated", "translated-mark", {}), ("continuation", "continuation-note", {}),
                                         ("stale", "stale-note", {"role": "note"}))]
    children = [
        _slot("title", data["title"], html.H3), optional[0],
        html.P([_slot("category", data["category"], className="badge"),
                _slot("status", data["status_label"], className=f"badge status-{data['status']}")], className="badges"),
        optional[1], optional[2],
        _slot("fields", [part for label, value in data["fields"] for part in (html.Dt(label), html.Dd(value))], html.Dl),
        html.P([
            _slot("link", [_slot("link-label", labels["link"]),
                           _slot("new-tab", " " + labels["new_tab"], className="visually-hidden")],
                  html.A, target="_blank", rel="noopener noreferrer", className="official-link", role="link",
                  href=url) if url else _slot("no-link", labels["no_link"], className="muted"),
            _slot("copy", labels["copy"], html.Button, type="button", className="copy-link",
                  **{"data-measure": measure, "data-copied": labels["copied"]}),
            _report_link(data, labels, feedback_email, measure_link),
        ], className="card-links"),
        html.Details([_slot("note-label", labels["note"], html.Summary), _slot("note", data["note"], html.P)],
                     className="source-note", **{"data-slot": "note-box"}) if data["note"] else None,
        html.Details([_slot("sources-label", data["sources_label"], html.Summary), _slot("sources", tag=html.Ul)],
                     className="evidence", **{"data-slot": "sources-box"}) if data["sources_count"] else None,
    ]
    return html.Article([child for child in children if child is not None], className="measure-card", id=data["id"],
                        **{"data-ags": data["ags"]})
