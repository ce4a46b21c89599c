"""The columns of the data files, each once: its name, how it is published and whether a file
must have it. The loader (``data``), the validator, the open data and ``datapackage.json``
(``opendata``) and the README's column list (a test) derive from these tables; a new column
is one row here, its cell check in ``data.CELL_CHECKS`` and, if a person reads it, its line
on the card.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "string"  # the Frictionless type of the published value: string, integer or date
    required: bool = False  # a file without this column is refused as a whole
    published: bool = True  # in /daten/massnahmen.csv|.json and datapackage.json


MEASURES: tuple[Column, ...] = (
    Column("id", required=True),
    Column("ags", required=True),
    Column("title", required=True),
    Column("category", required=True),
    Column("target_group", required=True),
    Column("summary"),
    Column("funding"),
    Column("provider"),
    Column("url", required=True),
    Column("status", required=True),
    Column("start_year", "integer"),
    Column("end_year", "integer"),
    Column("handlungsfeld", "integer"),
    Column("checked", "date", required=True),
    Column("note"),
    Column("source_date", required=True),
    Column("title_en", required=True),
    Column("summary_en", required=True),
    Column("funding_en"),
    Column("eligibility"),
    Column("situations"),
    Column("goals"),
    Column("partners"),
    Column("basis", required=True),
    Column("valid_until", "date"),
    Column("deadline", "date"),
    # The programme's figures, where its source states them (maps and rankings by figure).
    Column("amount_eur", "integer"),  # the one-off or highest amount in euro
    Column("rate_percent", "integer"),  # the share of the costs it pays
    Column("leave_days", "integer"),  # days of paid educational leave …
    Column("leave_period"),  # … per "year" or per "two_years"
    Column("income_limit_eur", "integer"),  # the highest income at which it may be granted
    Column("figure_condition"),  # what the figures depend on, in a citizen's words
    Column("figure_condition_en"),
)

# What the app derives for each measure and publishes beside its columns: the Land's name, its
# continuation (``continuation.py``) and its latest change (``data/changes.csv``).
DERIVED: tuple[Column, ...] = (
    Column("land"),
    Column("continuation"),  # term, law, source (confirmed), unconfirmed, expired, or empty
    Column("continuation_date"),  # the confirming date as its source states it
    Column("continuation_url"),
    Column("changed", "date"),
    Column("change"),
    Column("change_en"),
)

SOURCES: tuple[Column, ...] = (
    Column("measure_id", required=True),
    Column("url", required=True),
    Column("source_date", required=True),
    Column("evidence", required=True),
    Column("read", "date", required=True),
    Column("confirms", required=True),
)

CHANGES: tuple[Column, ...] = (
    Column("date", "date", required=True),
    Column("measure_id", required=True),
    Column("change", required=True),
    Column("change_en", required=True),
)


def names(table: tuple[Column, ...]) -> tuple[str, ...]:
    return tuple(column.name for column in table)


def required(table: tuple[Column, ...]) -> tuple[str, ...]:
    return tuple(column.name for column in table if column.required)


def frictionless_fields(table: tuple[Column, ...]) -> list[dict]:
    """The ``schema.fields`` of a Frictionless resource for the published columns."""
    return [{"name": column.name, "type": column.kind} for column in table if column.published]
