"""How values read on a card, a sheet or in an export: dates as a German or English reader
expects them, links only where they may be links, and the sentences on a programme's
continuation, application deadline and latest change. Pure functions of a row and a language."""

from __future__ import annotations

import datetime as dt

from dashboard.constants import FEDERAL, LAENDER
from dashboard.data import is_http_url
from dashboard.i18n import translate


# The columns that have an English twin ("title" -> "title_en"), ours translated from German.
TRANSLATED_COLUMNS = ("title", "summary", "funding", "change", "figure_condition")


def localized(row, column: str, lang: str):
    """A translated column of a row (or a frame's column) in the page's language."""
    if column not in TRANSLATED_COLUMNS:
        raise KeyError(f"{column} has no English twin")
    return row[f"{column}_en" if lang == "en" else column]


def area_name(ags: str, lang: str) -> str:
    """Where a row applies: its Land's name, or "bundesweit" for a federal instrument."""
    return translate(lang, "federal_area") if ags == FEDERAL else LAENDER[ags].name


def figure_text(value: float, unit: str, lang: str) -> str:
    """A figure with its unit as a reader expects it: "3.000 €", "€3,000", "5 Tage pro Jahr"."""
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    if lang == "de":
        number = number.translate(str.maketrans(",.", ".,"))
    return translate(lang, unit, value=number)


def format_date(value: dt.date, lang: str) -> str:
    return value.strftime("%d.%m.%Y") if lang == "de" else value.isoformat()


def safe_url(url: str) -> str:
    """The URL if it may be a link (http or https with a host), else "" (no link is drawn)."""
    return url if is_http_url(url) else ""


def format_source_date(value: str, lang: str) -> str:
    """A source's own date as precise as the source states it: 2024, 06/2024 or 12.06.2024."""
    parts = value.split("-")
    if lang != "de" or len(parts) == 1:
        return value
    return "/".join(reversed(parts)) if len(parts) == 2 else ".".join(reversed(parts))


def continuation_texts(row, lang: str) -> tuple[str, str]:
    """A card's two sentences on continuation (``continuation.py``): what confirms that the
    programme runs (or that its term has passed), and the flag when nothing does. One is empty."""
    kind, stated = row["continuation"], row["continuation_stated"]
    if kind == "unconfirmed":
        if not stated:
            return "", translate(lang, "undated_note")
        return "", translate(lang, "stale_note", date=format_source_date(stated, lang))
    if not kind:
        return "", ""
    return translate(lang, f"continuation.{kind}", date=format_source_date(stated, lang)), ""


def change_text(row, lang: str) -> str:
    """The latest change of the programme's facts (``data/changes.csv``): "05.12.2026: …"."""
    changed = row.get("changed")
    if not isinstance(changed, dt.date):
        return ""
    return f"{format_date(changed, lang)}: {localized(row, 'change', lang)}"


def deadline_text(deadline: str, lang: str, today: dt.date | None = None) -> str:
    """The application deadline as a citizen needs it: still open, or passed (empty if none)."""
    if not deadline:
        return ""
    day = dt.date.fromisoformat(deadline)
    key = "deadline_open" if day >= (today or dt.date.today()) else "deadline_passed"
    return translate(lang, key, date=format_date(day, lang))
