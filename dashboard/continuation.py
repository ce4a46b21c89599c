"""Why we believe a running programme still runs: computed from its evidence, never typed.

A running programme is *confirmed* when one of these holds, each resting on a row of
``data/sources.csv`` whose ``confirms`` column says what the page shows:

- ``term``: its guideline states a term (the measure's ``valid_until``) that covers today, and
  a piece of evidence marked ``term`` states it;
- ``law``: it rests on a law (``basis`` = law) and the Land's official law portal
  (``constants.LAW_PORTALS``) shows the version in force: evidence marked ``in_force`` on that
  host, dated by the version;
- ``source``: an official page of the last ``STALE_MONTHS`` months, marked ``running``, says
  that it runs.

Otherwise it is *unconfirmed* (the card says so, with the newest source's date, or that no source
gives one). A running programme whose ``valid_until`` has passed is *expired*: it is served as
ended. Pure functions; the data layer attaches the result as columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import pandas as pd

from dashboard.constants import LAW_PORTALS

STALE_MONTHS = 24  # a source older than this does not confirm that a programme still runs
CONFIRMED_KINDS = ("term", "law", "source")  # in the order a card prefers them
COLUMNS = ("continuation", "continuation_date", "continuation_stated", "continuation_url", "current")


@dataclass(frozen=True)
class Continuation:
    """``kind``: term, law, source (confirmed), unconfirmed, expired, or "" (not running).
    ``date``: the term's end, the law version's date, the confirming source's date, or for
    an unconfirmed programme the newest source's date (None if no source gives one).
    ``url``: the page that confirms it (empty when unconfirmed). ``stated``: that date as the
    source states it (``2027-12-31``, ``2024-06`` or ``2024``), for display."""

    kind: str
    date: dt.date | None = None
    url: str = ""
    stated: str = ""

    @property
    def confirmed(self) -> bool:
        return self.kind in CONFIRMED_KINDS


def stale_before(today: dt.date) -> dt.date:
    """The day STALE_MONTHS before ``today``: a source dated (at the latest) before it is old."""
    year, month = divmod(today.year * 12 + today.month - 1 - STALE_MONTHS, 12)
    return today.replace(year=year, month=month + 1, day=min(today.day, 28))


def is_stale(newest_source, today: dt.date | None = None) -> bool:
    """True unless ``newest_source`` is a date within the last STALE_MONTHS."""
    return not isinstance(newest_source, dt.date) or newest_source < stale_before(today or dt.date.today())


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def on_law_portal(url: str, ags: str) -> bool:
    """True if ``url`` is on the official law portal of the Land ``ags``."""
    return _host(url) == LAW_PORTALS.get(ags)


def continuation(row: Mapping, evidence: Iterable[Mapping], today: dt.date) -> Continuation:
    """How the programme ``row`` stands today, from its ``evidence`` (rows of sources.csv with
    ``confirms``, ``url`` and ``source_until``: the last day the source's own date can mean)."""
    if row.get("declared_status", row["status"]) != "running":
        return Continuation("")
    valid_until = row.get("valid_until") or ""
    if valid_until and dt.date.fromisoformat(valid_until) < today:
        return Continuation("expired", dt.date.fromisoformat(valid_until), stated=valid_until)
    evidence = list(evidence)
    by_kind: dict[str, list[Mapping]] = {}
    for item in evidence:
        by_kind.setdefault(item["confirms"], []).append(item)
    if valid_until and by_kind.get("term"):
        return Continuation("term", dt.date.fromisoformat(valid_until), by_kind["term"][0]["url"], valid_until)
    laws = [e for e in by_kind.get("in_force", []) if on_law_portal(e["url"], row["ags"])]
    if row.get("basis") == "law" and laws:
        newest = max(laws, key=lambda e: e["source_until"] or dt.date.min)
        return Continuation("law", newest["source_until"], newest["url"], newest["source_date"])
    recent = [e for e in by_kind.get("running", []) if not is_stale(e["source_until"], today)]
    if recent:
        newest = max(recent, key=lambda e: e["source_until"])
        return Continuation("source", newest["source_until"], newest["url"], newest["source_date"])
    dated = [(until, stated) for until, stated in [(row.get("source_until"), row.get("source_date", "")),
                                                    *((e["source_until"], e["source_date"]) for e in evidence)]
             if isinstance(until, dt.date)]
    newest, stated = max(dated, default=(None, ""))
    return Continuation("unconfirmed", newest, stated=stated)


def with_continuation(measures: pd.DataFrame, sources: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """``measures`` with the columns of ``COLUMNS``; an expired programme's ``status`` becomes
    ended (the file's own stays in ``declared_status``, so this can run again on its result).
    ``current`` is what ``?aktuell=1`` keeps: a confirmed running programme, or any other whose
    newest source is at most STALE_MONTHS old."""
    out = measures.copy()
    if "declared_status" not in out:
        out["declared_status"] = out["status"]
    if out.empty:
        for column in COLUMNS:
            out[column] = pd.Series(dtype=object)
        return out
    evidence: dict[str, list[dict]] = {}
    for item in sources.to_dict("records"):
        evidence.setdefault(item["measure_id"], []).append(item)
    found = [continuation(row, evidence.get(row["id"], []), today) for row in out.to_dict("records")]
    out["continuation"] = [c.kind for c in found]
    out["continuation_date"] = [c.date for c in found]
    out["continuation_stated"] = [c.stated for c in found]
    out["continuation_url"] = [c.url for c in found]
    out["status"] = out["declared_status"].where(out["continuation"] != "expired", "ended")
    out["current"] = [c.confirmed or (c.kind != "unconfirmed" and not is_stale(newest, today))
                      for c, newest in zip(found, out["newest_source"], strict=True)]
    return out
