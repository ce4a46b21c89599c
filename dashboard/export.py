"""Export of exactly what is shown, as CSV (Excel-friendly) and XLSX. Pure functions."""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
from defusedcsv import csv as defused_csv

from dashboard.constants import LAENDER
from dashboard.formatting import change_text, continuation_texts, deadline_text, localized
from dashboard.i18n import translate
from dashboard.state import ViewState, land_code

# A cell starting with one of these is run as a formula by Excel, LibreOffice or Sheets
# (CSV injection). Prefixing an apostrophe makes it plain text and keeps every character.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

EXPORT_COLUMNS = (
    ("land", "field_land"),
    ("title", "field_title"),
    ("category", "field_category"),
    ("target", "field_target"),
    ("summary", "field_summary"),
    ("funding", "field_funding"),
    ("provider", "field_provider"),
    ("status", "field_status"),
    ("continuation", "field_continuation"),
    ("deadline", "field_deadline"),
    ("start_year", "period_start"),
    ("end_year", "period_end"),
    ("url", "field_url"),
    ("source_date", "field_source_date"),
    ("checked", "field_checked"),
    ("note", "field_note"),
    ("changed", "field_changed"),
    ("amount_eur", "field_amount_eur"),
    ("rate_percent", "field_rate_percent"),
    ("leave_days", "field_leave_days"),
    ("leave_period", "field_leave_period"),
    ("figure_condition", "field_figure_condition"),
)


# Excel with a German locale opens a CSV by double click splitting every line on ";", quotes
# or not: a cell "Land;=1+1" would become "Land" and a formula. An apostrophe after each ";"
# that is followed by a formula trigger keeps the text and runs nothing.
AFTER_SEMICOLON = re.compile(r";(\s*)(?=[=+\-@|%\t\r])")


def neutralise(value: object) -> object:
    """Make a text cell safe for spreadsheets; other values pass unchanged."""
    if not isinstance(value, str):
        return value
    value = AFTER_SEMICOLON.sub(r";\1'", value)
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def export_table(measures: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rows a user sees, with readable labels and headers in the UI language (and the
    programmes' own texts in English where the page is English)."""
    rows = {
        "land": measures["ags"].map(lambda ags: LAENDER[ags].name),
        "title": localized(measures, "title", lang),
        "category": measures["category"].map(lambda c: translate(lang, f"category.{c}")),
        "target": measures["target_groups"].map(lambda gs: ", ".join(translate(lang, f"target.{g}") for g in gs)),
        "summary": localized(measures, "summary", lang),
        "funding": localized(measures, "funding", lang),
        "provider": measures["provider"],
        "status": measures["status"].map(lambda s: translate(lang, f"status.{s}")),
        "continuation": [" ".join(filter(None, continuation_texts(row, lang))) for _, row in measures.iterrows()],
        "deadline": measures["deadline"].map(lambda d: deadline_text(d, lang)),
        "start_year": measures["start_year"].astype("string").fillna(""),
        "end_year": measures["end_year"].astype("string").fillna(""),
        "url": measures["url"],
        "source_date": measures["source_date"],
        "checked": measures["checked"].map(lambda d: d.isoformat()),
        "note": measures["note"],
        "changed": [change_text(row, lang) for _, row in measures.iterrows()],
        # the figures as numbers (empty where the source names none), for sorting in a spreadsheet
        **{column: measures[column].astype("object").where(measures[column].notna(), "")
           for column in ("amount_eur", "rate_percent", "leave_days")},
        "leave_period": measures["leave_period"].map(lambda p: translate(lang, f"leave_period.{p}") if p else ""),
        "figure_condition": localized(measures, "figure_condition", lang),
    }
    table = pd.DataFrame(rows, columns=[c for c, _ in EXPORT_COLUMNS])
    table.columns = [translate(lang, key) for _, key in EXPORT_COLUMNS]
    return table.map(neutralise)


def to_csv_bytes(table: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows umlauts correctly; commas, because every
    other tool expects them. Written with defusedcsv, which neutralises every cell that a
    spreadsheet would run (=, +, -, @, |, %), whatever ``export_table`` already did."""
    buffer = io.StringIO()
    writer = defused_csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(table.itertuples(index=False, name=None))
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx_bytes(table: pd.DataFrame, sheet_name: str = "Massnahmen") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        table.to_excel(writer, index=False, sheet_name=sheet_name)
        sheet = writer.sheets[sheet_name]
        sheet.freeze_panes = "A2"
        for column in sheet.columns:
            width = max(len(str(cell.value or "")) for cell in column[:50])
            sheet.column_dimensions[column[0].column_letter].width = min(max(width, 10), 60)
    return buffer.getvalue()


def export_basename(state: ViewState, prefix: str = "weiterbildung", today: dt.date | None = None) -> str:
    """E.g. ``weiterbildung_2026-11-24_BY-BE-SN`` or ``…_alle-Laender_gefiltert``."""
    today = today or dt.date.today()
    selection = "-".join(land_code(ags) for ags in state.lands) or "alle-Laender"
    filtered = "_gefiltert" if state.filters.active_count() else ""
    return f"{prefix}_{today.isoformat()}_{selection}{filtered}"


def export_filename(state: ViewState, extension: str, today: dt.date | None = None) -> str:
    return f"{export_basename(state, today=today)}.{extension}"
