"""Loading and validating the two data files: the Länder borders and the measures table.

The measures file is edited by hand, so it is read defensively: every problem is reported
as ``file:line:column: problem`` and the offending row is left out, never the whole file.
Nothing here raises on bad *content*; only a missing or unreadable file is an error.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import io
import json
import logging
import os
import re
import stat
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import ada_url
import pandas as pd
import pandera.pandas as pa
import shapely.geometry

from dashboard.constants import (
    ALLOWED_URL_SCHEMES,
    APPLICANTS,
    BASES,
    CATEGORIES,
    CONFIRMATIONS,
    ELIGIBILITY,
    FEDERAL,
    GOALS,
    HANDLUNGSFELDER,
    LAENDER,
    LEAVE_PERIODS,
    MAX_AMOUNT_EUR,
    MAX_LEAVE_DAYS,
    LIST_SEPARATOR,
    MEASURE_ID_PATTERN,
    MIN_MEASURES_PER_LAND,
    EVERYONE,
    PROVIDERS,
    STATUSES,
    TARGET_GROUP_SEPARATOR,
    TARGET_GROUPS,
)
from dashboard import columns
from dashboard.continuation import on_law_portal, with_continuation
from dashboard.query import Filters, filter_measures

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
GEOJSON_PATH = DATA_DIR / "laender.geojson"
MEASURES_PATH = DATA_DIR / "measures.csv"

MEASURE_COLUMNS = columns.names(columns.MEASURES)
REQUIRED_COLUMNS = columns.required(columns.MEASURES)
SOURCES_PATH = DATA_DIR / "sources.csv"
SOURCE_COLUMNS = columns.names(columns.SOURCES)
CHANGE_COLUMNS = columns.names(columns.CHANGES)
MAX_EVIDENCE_LENGTH = 400
FIGURE_NUMBERS = ("amount_eur", "rate_percent", "leave_days", "income_limit_eur")  # whole numbers, typed as Int64
MAX_FIELD_LENGTH = 2000  # longer than any honest summary; guards the page against giant cells
ID_PATTERN = re.compile(f"^{MEASURE_ID_PATTERN}$")
REPLACEMENT_CHAR = "\ufffd"
YEAR_ORDER_ERROR = "end_year is before start_year"
FUNDING_EN_ERROR = "funding_en missing: the amount needs its English text"
SOURCE_AFTER_CHECK_ERROR = "source_date is after the date the row was checked"
# "Was passt zu mir?" can offer a running programme that serves people only if its row says who
# may apply and what it is for (an alliance serves its partners; "providers" apply for the rest).
LEAVE_PERIOD_ERROR = "leave_period missing: days of leave are per year or per two years"
CONDITION_EN_ERROR = "figure_condition_en missing: the condition needs its English text"
SITUATIONS_ERROR = f"situations missing: a running programme names who may apply ({EVERYONE} for all)"
GOALS_ERROR = "goals missing: a running programme that people apply for names what it is for"
# Row checks that look at several columns, and the column each problem is reported in.
FRAME_CHECK_COLUMNS = {YEAR_ORDER_ERROR: "end_year", FUNDING_EN_ERROR: "funding_en",
                       SOURCE_AFTER_CHECK_ERROR: "source_date", "multiple_fields_uniqueness": "title",
                       SITUATIONS_ERROR: "situations", GOALS_ERROR: "goals", LEAVE_PERIOD_ERROR: "leave_period",
                       CONDITION_EN_ERROR: "figure_condition_en"}


@dataclass(frozen=True)
class Problem:
    """One finding of the validator. ``line`` is the 1-based line in the file (header = 1)."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file] + [str(p) for p in (self.line, self.column) if p not in (None, "")]
        return f"{':'.join(where)}: {self.message}"


@dataclass
class MeasuresLoad:
    """The valid measures plus every problem found; ``rows_read`` counts all data rows."""

    measures: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    # The evidence behind the measures (``load_sources``), by measure id; empty without a file.
    sources: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(SOURCE_COLUMNS)))
    # The change log (``load_changes``); empty without a file.
    changes: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(CHANGE_COLUMNS)))
    # The federal instruments (rows with ``ags`` FEDERAL), taken out of ``measures`` here: every
    # view of the Länder reads ``measures`` and never counts them; the finder and the Land pages
    # show them beside a Land's as "bundesweit".
    federal: pd.DataFrame | None = None

    def __post_init__(self) -> None:
        if self.federal is None:
            everywhere = self.measures["ags"] == FEDERAL if "ags" in self.measures else pd.Series(dtype=bool)
            self.federal = self.measures.loc[everywhere] if everywhere.any() else self.measures.iloc[0:0]
            self.measures = self.measures.loc[~everywhere] if everywhere.any() else self.measures
        # A load's measures never change, so what a set of filters makes of them holds for
        # as long as the load is served: a click, the compare view, the counts table and the
        # export all ask for the same filters. Bounded, because every search text is a key.
        # lru_cache is thread-safe; callers must treat the frames it returns as read-only.
        self._matching = functools.lru_cache(maxsize=64)(
            lambda filters: filter_measures(self.measures, filters))

    @property
    def rows_skipped(self) -> int:
        return self.rows_read - len(self.measures) - len(self.federal)

    @property
    def every_row(self) -> pd.DataFrame:
        """The Länder's measures and the federal instruments: what the evidence is checked for."""
        return pd.concat([self.measures, self.federal]) if not self.federal.empty else self.measures

    def matching(self, filters: Filters) -> pd.DataFrame:
        """The measures that match ``filters`` (``query.filter_measures``), for all Länder."""
        return self._matching(filters)


# --------------------------------------------------------------------------- checks
def url_host(value: str) -> str | None:
    """The host a browser would open for ``value``, if it is a link the app may render: an
    absolute http(s) URL with a host and no user name or password, which the browsers' own
    URL rules (WHATWG, through ada-url) and Python's agree on. Else None.

    Python's urllib and browsers disagree on some URLs: ``https://evil.example\\@good.de/``
    is good.de to urllib and evil.example to a browser. Such a URL is no link here."""
    if not isinstance(value, str) or any(c in value for c in "\\ \t\r\n") or CONTROL_CHARACTER.search(value):
        return None
    try:
        parsed, python = ada_url.URL(value), urlsplit(value)
    except ValueError:
        return None
    host = parsed.hostname
    if (parsed.protocol.rstrip(":") not in ALLOWED_URL_SCHEMES or not host or parsed.username or parsed.password
            or python.hostname != host):
        return None
    return host


def is_http_url(value: str) -> bool:
    """True for a link the app may render (see ``url_host``)."""
    return url_host(value) is not None


def _is_iso_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return bool(re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value))


def _not_future(value: str) -> bool:
    return not _is_iso_date(value) or dt.date.fromisoformat(value) <= dt.date.today()


def source_period(value: str) -> tuple[dt.date, dt.date] | None:
    """A source's own date as the source states it: "2024", "2024-06" or "2024-06-12" ->
    (first day, last day) of that period; None if it is not such a date."""
    match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", value)
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if day is not None:
            return (dt.date(year, month, day),) * 2
        if month is not None:
            first = dt.date(year, month, 1)
            return first, (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


def _is_source_date_or_empty(value: str) -> bool:
    return value == "" or source_period(value) is not None


def _source_date_not_future(value: str) -> bool:
    period = source_period(value)
    return period is None or period[0] <= dt.date.today()


def _is_year_or_empty(value: str) -> bool:
    # [0-9], not str.isdigit: "²⁰²⁰" is digits to isdigit, and int() refuses it.
    return value == "" or (bool(re.fullmatch(r"[0-9]{4}", value)) and 1949 <= int(value) <= 2100)


def _known_list(allowed) -> callable:
    """A check: empty, or values from ``allowed`` separated by LIST_SEPARATOR."""
    allowed = set(allowed)
    return lambda value: value == "" or all(part in allowed for part in value.split(LIST_SEPARATOR))


def _target_groups_known(value: str) -> bool:
    groups = value.split(TARGET_GROUP_SEPARATOR)
    return bool(value) and all(g in TARGET_GROUPS for g in groups)


def _element(check, error: str) -> pa.Check:
    return pa.Check(check, element_wise=True, error=error)


# Control characters other than tab and line breaks: invisible in a card, and refused by
# spreadsheets (openpyxl cannot write them, so an export would fail).
# Characters no text cell may hold: control characters, and what XML 1.0 cannot carry (lone
# surrogates, the noncharacters U+FDD0-U+FDEF and U+xFFFE/U+xFFFF): the feed would be malformed
# and a spreadsheet refuses them.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef"
                               + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}"
                                         for plane in range(17)) + "]")


def _text_column(required: bool = False, extra: list[pa.Check] | None = None) -> pa.Column:
    checks = [_element(lambda v: len(v) <= MAX_FIELD_LENGTH, f"longer than {MAX_FIELD_LENGTH} characters")]
    checks.append(_element(lambda v: REPLACEMENT_CHAR not in v, "contains bytes that are not valid UTF-8"))
    checks.append(_element(lambda v: not CONTROL_CHARACTER.search(v),
                           "contains a control character or one XML cannot carry (such as NUL or U+FFFE)"))
    if required:
        checks.append(_element(lambda v: v.strip() != "", "must not be empty"))
    return pa.Column(str, checks + (extra or []))


def _whole_number(name: str, unit: str, low: int, high: int) -> pa.Column:
    """A figure: empty where the source names none, else a whole number of ``unit`` in range."""
    def ok(value: str) -> bool:
        return value == "" or (value.isascii() and value.isdigit() and low <= int(value) <= high)
    return pa.Column(str, [_element(ok, f"{name} must be empty or a whole number of {unit} from {low} to {high:,}")])


def _serves_people(frame: pd.DataFrame) -> pd.Series:
    """Running programmes that people or employers use: all but the alliances (``basis``)."""
    return (frame["status"] == "running") & (frame["basis"] != "alliance")


def _vocabulary(values) -> str:
    return ", ".join(str(v) for v in values)


# What a cell of each column may hold, by column (``columns.MEASURES`` names them all; the
# schema below takes them in that order and fails at import if one is missing).
CELL_CHECKS: dict[str, pa.Column] = {
    "id": pa.Column(
        str,
        [_element(lambda v: bool(ID_PATTERN.match(v)), "id must be lowercase letters, digits and hyphens")],
        unique=True,
        report_duplicates="exclude_first",
    ),
    "ags": pa.Column(str, [_element(lambda v: v in LAENDER or v == FEDERAL,
                                    f"unknown state code; expected 01 to 16 ({FEDERAL}: bundesweit)")]),
    "title": _text_column(required=True),
    "category": pa.Column(
        str, [_element(lambda v: v in CATEGORIES, f"unknown category; expected one of {_vocabulary(CATEGORIES)}")]
    ),
    "target_group": pa.Column(
        str,
        [
            _element(
                _target_groups_known,
                f"unknown target group; expected one or more of {_vocabulary(TARGET_GROUPS)} "
                f"separated by '{TARGET_GROUP_SEPARATOR}'",
            )
        ],
    ),
    "summary": _text_column(required=True),
    "funding": _text_column(),
    "provider": _text_column(),
    "url": pa.Column(str, [_element(is_http_url, "url must be an absolute http:// or https:// address")]),
    "status": pa.Column(
        str, [_element(lambda v: v in STATUSES, f"unknown status; expected one of {_vocabulary(STATUSES)}")]
    ),
    "start_year": pa.Column(str, [_element(_is_year_or_empty, "year must be empty or four digits 1949-2100")]),
    "end_year": pa.Column(str, [_element(_is_year_or_empty, "year must be empty or four digits 1949-2100")]),
    "handlungsfeld": pa.Column(
        str,
        [
            _element(
                lambda v: v == "" or v in {str(h) for h in HANDLUNGSFELDER},
                f"handlungsfeld must be empty or one of {_vocabulary(HANDLUNGSFELDER)}",
            )
        ],
    ),
    "checked": pa.Column(
        str,
        [
            _element(_is_iso_date, "checked must be an ISO date YYYY-MM-DD"),
            _element(_not_future, "checked date lies in the future"),
        ],
    ),
    "note": _text_column(),
    "source_date": pa.Column(str, [
        _element(_is_source_date_or_empty, "source_date must be empty, YYYY, YYYY-MM or YYYY-MM-DD"),
        _element(_source_date_not_future, "source_date lies in the future"),
    ]),
    "title_en": _text_column(required=True),
    "summary_en": _text_column(required=True),
    "funding_en": _text_column(),
    "eligibility": pa.Column(str, [_element(lambda v: v == "" or v in ELIGIBILITY,
                                            f"unknown eligibility; expected empty or one of {_vocabulary(ELIGIBILITY)}")]),
    "situations": pa.Column(str, [_element(_known_list(APPLICANTS),
                                           f"unknown situation; expected one or more of {_vocabulary(APPLICANTS)}")]),
    "goals": pa.Column(str, [_element(_known_list(GOALS.values()),
                                      f"unknown goal; expected empty or one or more of {_vocabulary(GOALS.values())}")]),
    "partners": _text_column(),
    "basis": pa.Column(str, [_element(lambda v: v in BASES, f"unknown basis; expected one of {_vocabulary(BASES)}")]),
    "valid_until": pa.Column(str, [_element(lambda v: v == "" or _is_iso_date(v),
                                            "valid_until must be empty or an ISO date YYYY-MM-DD")]),
    "deadline": pa.Column(str, [_element(lambda v: v == "" or _is_iso_date(v),
                                         "deadline must be empty or an ISO date YYYY-MM-DD")]),
    "amount_eur": _whole_number("amount_eur", "euro", 0, MAX_AMOUNT_EUR),
    "rate_percent": _whole_number("rate_percent", "percent", 0, 100),
    "leave_days": _whole_number("leave_days", "days", 0, MAX_LEAVE_DAYS),
    "leave_period": pa.Column(str, [_element(lambda v: v == "" or v in LEAVE_PERIODS,
                                             f"leave_period must be empty or one of {_vocabulary(LEAVE_PERIODS)}")]),
    "income_limit_eur": _whole_number("income_limit_eur", "euro", 0, MAX_AMOUNT_EUR),
    "figure_condition": _text_column(),
    "figure_condition_en": _text_column(),
}
MEASURES_SCHEMA = pa.DataFrameSchema(
    {name: CELL_CHECKS[name] for name in MEASURE_COLUMNS},
    checks=[
        pa.Check(
            lambda df: (df["funding"] == "") | (df["funding_en"] != ""),
            error=FUNDING_EN_ERROR,
        ),
        pa.Check(
            lambda df: df.apply(lambda r: not (_is_source_date_or_empty(r["source_date"]) and r["source_date"]
                                                and _is_iso_date(r["checked"])
                                                and source_period(r["source_date"])[0]
                                                > dt.date.fromisoformat(r["checked"])), axis=1),
            error=SOURCE_AFTER_CHECK_ERROR,
        ),
        pa.Check(
            lambda df: ~(
                (df["start_year"] != "") & (df["end_year"] != "") & (df["start_year"] > df["end_year"])
            ),
            error=YEAR_ORDER_ERROR,
        ),
        pa.Check(lambda df: (df["leave_days"] == "") | (df["leave_period"] != ""), error=LEAVE_PERIOD_ERROR),
        pa.Check(lambda df: (df["figure_condition"] == "") | (df["figure_condition_en"] != ""), error=CONDITION_EN_ERROR),
        pa.Check(lambda df: ~(_serves_people(df) & (df["situations"] == "")), error=SITUATIONS_ERROR),
        pa.Check(lambda df: ~(_serves_people(df) & (df["situations"] != PROVIDERS) & (df["goals"] == "")),
                 error=GOALS_ERROR),
    ],
    unique=["ags", "title"],
    report_duplicates="exclude_first",
    strict=False,
)


# --------------------------------------------------------------------------- reading
def _decode(raw: bytes, file: str) -> tuple[str, list[Problem]]:
    """Decode UTF-8 (with or without BOM). Bad bytes become U+FFFD and are reported
    per line, so the rows that carry them are left out while all other rows load."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        text = raw.decode("utf-8-sig", errors="replace")
        line = raw[: error.start].count(b"\n") + 1
        return text, [Problem(file, line, None, f"file is not valid UTF-8 (first bad byte at line {line})")]


def _empty_frame() -> pd.DataFrame:
    return pd.DataFrame(columns=list(MEASURE_COLUMNS), index=pd.Index([], name="line"), dtype=object)


def _read_records(text: str, file: str) -> tuple[pd.DataFrame, list[Problem], int]:
    """Parse CSV text into a frame of strings indexed by the line each record starts on.

    Returns the frame of well-formed records, the problems, and the number of data rows
    read (malformed ones included, so that nothing is dropped without a report)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return _empty_frame(), [Problem(file, 1, None, "file is empty")], 0
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        problem = Problem(file, 1, None, f"missing required column(s): {', '.join(missing)}")
        return _empty_frame(), [problem], sum(1 for record in reader if any(c.strip() for c in record))
    problems = [Problem(file, 1, column, "unknown column (ignored)") for column in header if column not in MEASURE_COLUMNS]
    rows, lines, read = _read_rows(reader, header, file, problems)
    if not rows:
        return _empty_frame(), problems, read
    frame = pd.DataFrame(rows, columns=list(MEASURE_COLUMNS), index=pd.Index(lines, name="line"), dtype=object)
    return frame, problems, read


def _read_rows(reader, header: list[str], file: str, problems: list[Problem]) -> tuple[list[dict], list[int], int]:
    """The records after the header: (rows as dicts, the line each starts on, rows read).
    Malformed and misshapen records are counted and reported in ``problems``."""
    rows, lines, read = [], [], 0
    start = reader.line_num + 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            read += 1
            problems.append(Problem(file, start, None, f"malformed CSV: {error}"))
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in record):
            continue  # blank lines are not rows
        read += 1
        if len(record) != len(header):
            # Its cells cannot be matched to columns; validating them would only add noise.
            problems.append(Problem(file, line, None, f"row has {len(record)} fields, the header has {len(header)}"))
            continue
        cells = dict(zip(header, record, strict=True))
        rows.append({c: cells.get(c, "").strip() for c in MEASURE_COLUMNS})
        lines.append(line)
    return rows, lines, read


def _schema_problems(frame: pd.DataFrame, file: str) -> list[Problem]:
    if frame.empty:
        return []
    try:
        MEASURES_SCHEMA.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    else:
        return []
    problems: dict[Problem, None] = {}  # ordered set: frame-wide checks report once per column
    for case in cases.itertuples(index=False):
        if case.check == "field_uniqueness":
            message = f"duplicate {case.column} {case.failure_case!r}"
        elif case.check == "multiple_fields_uniqueness":
            message = "duplicate (ags, title): the same Land already lists this title"
        else:
            message = str(case.check)
        line = None if pd.isna(case.index) else int(case.index)
        column = None if case.column is None or pd.isna(case.column) or case.column == "" else case.column
        column = FRAME_CHECK_COLUMNS.get(case.check, column)
        problems[Problem(file, line, column, message)] = None
    return list(problems)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The app's view of valid rows: real dates, integers and target-group tuples."""
    out = frame.copy()
    out["checked"] = pd.to_datetime(out["checked"], format="%Y-%m-%d").dt.date
    for column in ("start_year", "end_year", "handlungsfeld", *FIGURE_NUMBERS):
        out[column] = pd.to_numeric(out[column].replace("", None)).astype("Int64")
    out["target_groups"] = out["target_group"].map(lambda v: tuple(v.split(TARGET_GROUP_SEPARATOR)))
    for column in ("situations", "goals"):
        out[column] = out[column].map(lambda v: tuple(v.split(LIST_SEPARATOR)) if v else ())
    # The last day the source's own date can mean ("2021" -> 2021-12-31): how old it is at most.
    out["source_until"] = out["source_date"].map(lambda v: (source_period(v) or (None, None))[1])
    out["newest_source"] = out["source_until"]  # with_sources adds the evidence's dates
    # Without its evidence no running programme is confirmed; with_sources computes it anew.
    return with_continuation(out.reset_index(), _empty_sources(), dt.date.today())


def _empty_sources() -> pd.DataFrame:
    return pd.DataFrame(columns=[*SOURCE_COLUMNS, "line", "source_until"])


def load_measures(path: Path | str = MEASURES_PATH) -> MeasuresLoad:
    """Read and validate the measures CSV. Invalid rows are left out and reported."""
    path = Path(path)
    file = path.name if path.parent == DATA_DIR else str(path)
    text, problems = _decode(path.read_bytes(), file)
    frame, parse_problems, rows_read = _read_records(text, file)
    problems += parse_problems
    problems += _schema_problems(frame, file)
    problems.sort(key=lambda p: (p.line or 0, p.column or ""))
    bad_lines = {p.line for p in problems if p.line is not None and p.line > 1}
    valid = frame.loc[~frame.index.isin(bad_lines)]
    return MeasuresLoad(measures=_typed(valid), problems=problems, rows_read=rows_read)


def load_geojson(path: Path | str = GEOJSON_PATH) -> dict:
    """Read the Länder borders, features ordered from the smallest Land to the largest.

    Each feature must carry a known, unique ``ags``. The order is insurance for clicks:
    plotly hands a click to the first feature whose rings contain it. Our borders carry
    holes (Brandenburg's for Berlin), which plotly honours; should a future borders file
    lack a hole, smallest-first still lets the enclosed Land win. The browser test
    ``test_every_land_is_selected_by_clicks_anywhere_inside`` checks all sixteen.
    Area in squared degrees is enough to rank the Länder."""
    geojson = json.loads(Path(path).read_text(encoding="utf-8"))
    features = geojson.get("features", [])
    codes = [f.get("properties", {}).get("ags") for f in features]
    if sorted(codes) != sorted(LAENDER):
        raise ValueError(f"{path}: expected one feature for each of the 16 AGS codes, found {codes}")
    features.sort(key=lambda f: shapely.geometry.shape(f["geometry"]).area)
    return geojson


def _load_side_table(path: Path, columns: tuple[str, ...], row_problems) -> tuple[list[dict], list[Problem]]:
    """A file that annotates the measures (evidence, change log): its valid rows as dicts with
    their ``line``, and a Problem per bad row and column. ``row_problems(row)`` names them."""
    file = path.name if path.parent == DATA_DIR else str(path)
    text, problems = _decode(path.read_bytes(), file)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        header = ",".join(reader.fieldnames or [])
        hint = "; is it saved with ';' instead of ','?" if ";" in header else ""
        return [], problems + [Problem(file, 1, None, f"expected columns {', '.join(columns)}; missing "
                                                      f"{', '.join(missing)}{hint}")]
    rows = []
    for record in reader:
        row = {c: (record.get(c) or "").strip() for c in columns}
        found = row_problems(row)
        problems += [Problem(file, reader.line_num, column, message) for column, message in found]
        if not found:
            rows.append({**row, "line": reader.line_num})
    return rows, problems


def load_sources(path: Path | str, measure_ids) -> tuple[pd.DataFrame, list[Problem]]:
    """``data/sources.csv``: one row per piece of evidence (measure_id, url, source_date,
    evidence, read, confirms). Rows with a problem are left out and named, like the measures."""
    known = set(measure_ids)
    rows, problems = _load_side_table(Path(path), SOURCE_COLUMNS, lambda row: _source_row_problems(row, known))
    frame = pd.DataFrame(rows, columns=[*SOURCE_COLUMNS, "line"])
    frame["source_until"] = frame["source_date"].map(lambda v: (source_period(v) or (None, None))[1])
    return frame, problems


def _source_row_problems(row: dict, known_ids: set) -> list[tuple[str, str]]:
    checks = [
        ("measure_id", row["measure_id"] in known_ids, "no measure with this id"),
        ("url", is_http_url(row["url"]), "url must be an absolute http:// or https:// address"),
        ("source_date", _is_source_date_or_empty(row["source_date"]) and _source_date_not_future(row["source_date"]),
         "source_date must be empty, YYYY, YYYY-MM or YYYY-MM-DD, not in the future"),
        ("read", _is_iso_date(row["read"]) and _not_future(row["read"]), "read must be an ISO date, not in the future"),
        ("evidence", 0 < len(row["evidence"]) <= MAX_EVIDENCE_LENGTH and not CONTROL_CHARACTER.search(row["evidence"]),
         f"evidence must be 1 to {MAX_EVIDENCE_LENGTH} characters of text"),
        ("confirms", row["confirms"] in ("", *CONFIRMATIONS),
         f"confirms must be empty or one of {_vocabulary(CONFIRMATIONS)}"),
    ]
    problems = [(column, message) for column, ok, message in checks if not ok]
    period = source_period(row["source_date"])
    if not problems and period and period[0] > dt.date.fromisoformat(row["read"]):
        problems.append(("source_date", "source_date is after the date the page was read"))
    return problems


def load_changes(path: Path | str, measure_ids) -> tuple[pd.DataFrame, list[Problem]]:
    """``data/changes.csv``: the change log, one row per change of a programme's facts (date,
    measure_id, change, change_en: what changed, in a citizen's words)."""
    known = set(measure_ids)

    def problems(row: dict) -> list[tuple[str, str]]:
        checks = [
            ("date", _is_iso_date(row["date"]) and _not_future(row["date"]), "date must be an ISO date, not in the future"),
            ("measure_id", row["measure_id"] in known, "no measure with this id"),
            *((column, 0 < len(row[column]) <= MAX_EVIDENCE_LENGTH and not CONTROL_CHARACTER.search(row[column]),
               f"{column} must be 1 to {MAX_EVIDENCE_LENGTH} characters of text") for column in ("change", "change_en")),
        ]
        return [(column, message) for column, ok, message in checks if not ok]

    rows, found = _load_side_table(Path(path), CHANGE_COLUMNS, problems)
    return pd.DataFrame(rows, columns=[*CHANGE_COLUMNS, "line"]), found


def _with_changes(measures: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """Each measure's latest change: ``changed`` (a date or None), ``change``, ``change_en``."""
    latest = changes.sort_values(["date", "line"]).drop_duplicates("measure_id", keep="last").set_index("measure_id")
    out = measures.copy()
    out["changed"] = out["id"].map(lambda mid: dt.date.fromisoformat(latest.at[mid, "date"]) if mid in latest.index
                                   else None)
    for column in ("change", "change_en"):
        out[column] = out["id"].map(lambda mid, column=column: latest.at[mid, column] if mid in latest.index else "")
    return out


def _confirmation_problems(sources: pd.DataFrame, measures: pd.DataFrame, file: str) -> list[Problem]:
    """Evidence that claims more than it can: ``in_force`` off the Land's law portal or for a
    programme that rests on no law, ``term`` for a programme with no ``valid_until``."""
    if sources.empty or measures.empty:
        return []
    by_id = measures.set_index("id")
    problems = []
    for item in sources.itertuples(index=False):
        row = by_id.loc[item.measure_id]
        if item.confirms == "in_force" and not (row["basis"] == "law" and on_law_portal(item.url, row["ags"])):
            problems.append(Problem(file, item.line, "confirms", "in_force needs a measure with basis law and a url "
                                                                 "on its Land's law portal (constants.LAW_PORTALS)"))
        if item.confirms == "term" and not row["valid_until"]:
            problems.append(Problem(file, item.line, "confirms", "term needs the measure's valid_until"))
    return problems


def with_sources(load: MeasuresLoad, path: Path | str, today: dt.date | None = None) -> tuple[MeasuresLoad, list[Problem]]:
    """The load with its evidence attached, and the problems of the evidence file: its own rows,
    and every measure without a piece of evidence. The measures' newest source date
    (``newest_source``) and their continuation (``continuation.with_continuation``, as of
    ``today``) take the evidence into account."""
    path = Path(path)
    if not path.exists():
        return load, [Problem(path.name, None, None, "no sources file: every measure needs its evidence")]
    every_row = load.every_row
    ids = every_row["id"] if not every_row.empty else []
    sources, problems = load_sources(path, ids)
    changes_path = path.with_name("changes.csv")  # optional: no file, no changes recorded
    changes, change_problems = load_changes(changes_path, ids) if changes_path.exists() else (
        pd.DataFrame(columns=[*CHANGE_COLUMNS, "line"]), [])
    problems += change_problems
    backed = set(sources["measure_id"])
    problems += [Problem(path.name, None, "measure_id", f"measure {mid} has no evidence")
                 for mid in every_row.get("id", []) if mid not in backed]
    measures = every_row.copy()
    if not measures.empty:
        problems += _confirmation_problems(sources, measures, path.name)
        newest = sources.dropna(subset=["source_until"]).groupby("measure_id")["source_until"].max()
        measures["newest_source"] = [max(filter(None, [own, newest.get(mid)]), default=None)
                                     for mid, own in zip(measures["id"], measures["source_until"], strict=True)]
        measures = _with_changes(with_continuation(measures, sources, today or dt.date.today()), changes)
    return MeasuresLoad(measures=measures, problems=load.problems, rows_read=load.rows_read, sources=sources,
                        changes=changes), problems


# A maintainer's acceptance of the measures file (``python -m dashboard.validate --accept``):
# its number of rows and its digest. A file with fewer rows that is not the accepted one has
# lost rows nobody meant to remove (a copy cut short, a bad merge): it is not served.
MANIFEST_NAME = "manifest.json"


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_manifest(path: Path, load: MeasuresLoad) -> Path:
    manifest = path.with_name(MANIFEST_NAME)
    manifest.write_text(json.dumps({"file": path.name, "rows": load.rows_read, "sha256": file_digest(path)}, indent=1)
                        + "\n", encoding="utf-8")
    return manifest


def manifest_problems(load: MeasuresLoad, path: Path) -> list[Problem]:
    """The measures file against its accepted manifest, if there is one beside it."""
    manifest = path.with_name(MANIFEST_NAME)
    try:
        accepted = json.loads(manifest.read_text(encoding="utf-8"))
        rows = int(accepted["rows"])
    except (OSError, ValueError, KeyError, TypeError):
        return []  # no manifest (or none readable): nothing to compare with
    if load.rows_read >= rows or file_digest(path) == accepted.get("sha256"):
        return []
    return [Problem(path.name, None, None, f"{load.rows_read} rows where {rows} were accepted: rows are missing "
                                           "(a file cut short?); after an intended removal run "
                                           "`python -m dashboard.validate --accept`")]


def completeness_problems(load: MeasuresLoad, file: str, min_per_land: int = MIN_MEASURES_PER_LAND) -> list[Problem]:
    """What a truncated or half-saved file looks like: a Land with fewer valid measures than
    the shipped data has for every Land. Row checks cannot see a cut that falls on a line end."""
    counts = load.measures["ags"].value_counts() if not load.measures.empty else {}
    return [Problem(file, None, "ags", f"{land.name} ({ags}) has {int(counts.get(ags, 0))} valid measure(s), at "
                                      f"least {min_per_land} expected: is the file complete?")
            for ags, land in LAENDER.items() if counts.get(ags, 0) < min_per_land]


@dataclass
class DataHealth:
    """What /healthz says about the data: ``ok`` only if the file on disk is complete and clean
    and is what is served; ``why`` names each problem (at most ``MAX_REPORTED`` of them)."""

    ok: bool
    why: list[str]
    files: dict[str, str] = field(default_factory=dict)  # each data file: "ok" or its first problem

    MAX_REPORTED = 20


def default_state_dir() -> Path:
    """A folder of this user's own under the system's temp folder (never one shared by all)."""
    return Path(tempfile.gettempdir()) / f"weiterbildungskarte-{os.getuid()}"


def private_folder(path: Path, create: bool = True) -> Path | None:
    """``path`` as a folder only this user may enter (mode 0700, created so if missing), or
    None with the reason logged if it is anything else: another user's folder, one others may
    write to, or a symbolic link. What others could plant there would be served as data."""
    try:
        if create:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(path)
    except OSError as error:
        if create:
            log.error("%s: cannot use it for the last good data (%s)", path, error)
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        log.error("%s: not a private folder of this user (owner %s, mode %o); the last good data is not kept there",
                  path, info.st_uid, stat.S_IMODE(info.st_mode))
        return None
    return path


def write_privately(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: into a new file no link can redirect
    (O_EXCL, O_NOFOLLOW), flushed, then renamed over the old one."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


class MeasuresStore:
    """The measures the app serves, reloaded when the file changes on disk.

    Calling the store costs one ``stat``. A changed file is loaded and validated. It is put in
    service unless it cannot be read, is gone, has no valid row or is incomplete (a Land
    below ``min_per_land``): then the last good data stays in service, the failure is logged
    and ``health()`` reports it. The last good data is also kept as a snapshot file in
    ``state_dir``, shared by every worker on the machine: a worker that starts (or restarts
    after a crash) while the file is bad serves the same last good data as the others."""

    def __init__(self, path: Path | str = MEASURES_PATH, min_per_land: int = MIN_MEASURES_PER_LAND,
                 state_dir: Path | str | None = None):
        self.path = Path(path)
        self.min_per_land = min_per_land
        self.state_dir = Path(state_dir or os.environ.get("WBK_STATE_DIR") or default_state_dir())
        digest = hashlib.blake2b(str(self.path.resolve()).encode(), digest_size=8).hexdigest()
        # The last good set of files (measures, evidence, change log), by the measures' path.
        self.snapshot = self.state_dir / f"last-good-{digest}"
        self.sources_path = self.path.with_name("sources.csv")  # the evidence, beside the measures
        self._source_problems: list[str] = []
        self._stamp: tuple | None = None
        self._rejected: list[str] = []  # why the file on disk is not what is served
        self._current = self._first_load()

    def _file_stamp(self) -> tuple | None:
        """Changes when the measures file, its evidence or its change log changes, and with the day (a term
        that ends or a source that turns 24 months old changes what is confirmed); None if the
        measures are gone."""
        try:
            stat = self.path.stat()
        except OSError:
            return None
        stamp = [dt.date.today(), stat.st_mtime_ns, stat.st_size]
        for beside in (self.sources_path, self.sources_path.with_name("changes.csv")):
            try:
                stamp += [beside.stat().st_mtime_ns, beside.stat().st_size]
            except OSError:
                stamp += [None, None]
        return tuple(stamp)

    def _first_load(self) -> MeasuresLoad:
        self._stamp = self._file_stamp()
        candidate, why = self._candidate()
        if not why:
            return self._accept(candidate)
        self._rejected = why
        fallback = self._snapshot_load()
        if fallback is not None:
            return fallback
        if candidate is None:
            raise FileNotFoundError(f"{self.path}: no measures to serve ({'; '.join(why)})")
        log.error("%s: serving it as it is, with no earlier good data to fall back on", self.path)
        return candidate  # incomplete but something: better than an empty site

    def _candidate(self) -> tuple[MeasuresLoad | None, list[str]]:
        """The file's load and why it must not be served (empty if it may)."""
        try:
            load = self._logged(load_measures(self.path))
            load, source_problems = with_sources(load, self.sources_path)
        except OSError as error:
            message = f"{self.path}: cannot read the file ({error.strerror or error})"
            log.error("%s; keeping the last good data", message)
            return None, [message]
        for problem in source_problems:
            log.warning("evidence: %s", problem)
        self._source_problems = [str(problem) for problem in source_problems]
        if load.measures.empty:
            why = [f"{self.path}: no valid row"]
        else:
            why = [str(p) for p in completeness_problems(load, self.path.name, self.min_per_land)
                   + manifest_problems(load, self.path)]
        # An evidence file that cannot be read as a whole (gone, wrong header or separator) would
        # leave every card unconfirmed: the last good set stays in service instead.
        why += [str(p) for p in source_problems if p.column is None and p.line in (None, 1)]
        for reason in why:
            log.error("%s; keeping the last good data", reason)
        return load, why

    @staticmethod
    def _logged(load: MeasuresLoad) -> MeasuresLoad:
        for problem in load.problems:
            log.warning("invalid measure data: %s", problem)
        return load

    def _accept(self, load: MeasuresLoad) -> MeasuresLoad:
        self._rejected = []
        try:  # the snapshot for other workers: each file written whole, then renamed into place
            folder = private_folder(self.state_dir) and private_folder(self.snapshot)
            if folder:  # the evidence and the change log first: the measures complete the set
                for source, name in self.data_files():
                    if source.exists():
                        write_privately(folder / name, source.read_bytes())
        except OSError as error:
            log.warning("cannot keep a snapshot of the last good data in %s: %s", self.state_dir, error)
        return load

    def data_files(self) -> tuple[tuple[Path, str], ...]:
        """The files of one data set and their names in a snapshot, the measures last."""
        return ((self.sources_path, "sources.csv"), (self.sources_path.with_name("changes.csv"), "changes.csv"),
                (self.path, "measures.csv"))

    def _snapshot_load(self) -> MeasuresLoad | None:
        folder = private_folder(self.snapshot, create=False)
        if folder is None:
            return None
        try:
            load = with_sources(load_measures(folder / "measures.csv"), folder / "sources.csv")[0]
        except OSError:
            return None
        return None if load.measures.empty else load

    def __call__(self) -> MeasuresLoad:
        stamp = self._file_stamp()
        if stamp == self._stamp:
            return self._current
        self._stamp = stamp
        candidate, why = self._candidate() if stamp is not None else (None, [f"{self.path}: the file is gone"])
        if stamp is None:
            log.error("%s; keeping the last good data", why[0])
        if not why:
            self._current = self._accept(candidate)
            return self._current
        self._rejected = why
        # Another worker may have put newer good data in service than this one has.
        newest = self._snapshot_load()
        if newest is not None:
            self._current = newest
        return self._current

    def health(self) -> DataHealth:
        """Whether the data on disk is clean, complete and in service, and if not, why."""
        load = self()
        why = self._rejected + [str(problem) for problem in load.problems] + self._source_problems
        files = {}
        for path, name in self.data_files():
            first = next((reason for reason in why if reason.startswith((name, str(path)))
                          or f" {name}:" in reason), None)
            files[name] = "ok" if first is None else first
        return DataHealth(ok=not why, why=why[:DataHealth.MAX_REPORTED], files=files)


