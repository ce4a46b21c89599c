"""Shared fixtures. Browser tests use dash[testing]'s ``dash_duo`` with Debian's Chromium."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from selenium.webdriver.chrome.options import Options

from dashboard.data import MEASURE_COLUMNS, SOURCE_COLUMNS

CHROMIUM = "/usr/bin/chromium"
# The flags this workplace requires; without the networking ones Chromium phones home.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--window-size=1400,1000",
)


def pytest_setup_options():
    """Hook of dash[testing]: the options its Chrome webdriver starts with."""
    options = Options()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    return options


VALID_ROW = {
    "id": "by-meisterbonus",
    "ags": "09",
    "title": "Meisterbonus",
    "category": "upgrading_bonus",
    "target_group": "upgrading_trainees",
    "summary": "Ein Bonus für bestandene Meisterprüfungen.",
    "funding": "3.000 €",
    "provider": "Bayerisches Staatsministerium",
    "url": "https://www.example.bayern.de/meisterbonus",
    "status": "running",
    "start_year": "2013",
    "end_year": "",
    "handlungsfeld": "3",
    "checked": "2026-11-01",
    "note": "",
    "source_date": "2026-10",
    "title_en": "Master bonus",
    "summary_en": "A bonus for passed master examinations.",
    "funding_en": "EUR 3,000",
    "basis": "guideline",
    "situations": "upgrading",  # who may apply and what for ("Was passt zu mir?")
    "goals": "upgrading",
}


@pytest.fixture
def app():
    """The dashboard on the shipped data, as the README's start command serves it."""
    from dashboard.app import create_app
    return create_app()


def write_measures(path: Path, rows: list[dict], columns=MEASURE_COLUMNS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_sources(measures_path: Path, evidence: list[tuple[str, str, str, str]], read: str = "2026-11-01") -> Path:
    """sources.csv beside ``measures_path``: (measure_id, url, source_date, confirms) per row."""
    path = measures_path.with_name("sources.csv")
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(SOURCE_COLUMNS)
        writer.writerows([mid, url, date, f"Beleg für {mid}", read, confirms] for mid, url, date, confirms in evidence)
    return path


def row(**changes) -> dict:
    return {**VALID_ROW, **changes}


@pytest.fixture
def measures_file(tmp_path):
    """A factory: ``measures_file([row(...), ...])`` writes a CSV and returns its path."""
    return lambda rows, name="measures.csv": write_measures(tmp_path / name, rows)
