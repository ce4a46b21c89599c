"""Loading and validating measures: every problem named by file, line and column."""

from pathlib import Path

import pytest

from dashboard import validate
from dashboard.constants import LAENDER
from dashboard.data import MEASURES_PATH, SOURCES_PATH, MeasuresStore, is_http_url, load_measures, url_host
from dashboard.query import Filters, filter_measures
from dashboard.state import ViewState
from tests.conftest import row, write_measures, write_sources

BROKEN = Path(__file__).parent / "fixtures" / "broken"

# fixture file -> the one problem it must produce, as "line:column: message start"
EXPECTED = {
    "unknown_ags.csv": "3:ags: unknown state code",
    "unknown_category.csv": "3:category: unknown category",
    "javascript_url.csv": "3:url: url must be an absolute http:// or https://",
    "ftp_url.csv": "3:url: url must be an absolute http:// or https://",
    "bad_date.csv": "3:checked: checked must be an ISO date",
    "future_date.csv": "3:checked: checked date lies in the future",
    "duplicate_id.csv": "3:id: duplicate id 'by-meisterbonus'",
    "empty_title.csv": "3:title: must not be empty",
    "unknown_target_group.csv": "3:target_group: unknown target group",
    "unknown_status.csv": "3:status: unknown status",
    "bad_year.csv": "3:start_year: year must be empty or four digits",
    "year_order.csv": "3:end_year: end_year is before start_year",
    "bad_handlungsfeld.csv": "3:handlungsfeld: handlungsfeld must be empty or one of 1, 2, 3",
    "duplicate_title.csv": "3:title: duplicate (ags, title)",
    "bad_id.csv": "3:id: id must be lowercase",
    "too_few_fields.csv": "3: row has 3 fields, the header has 22",
    "latin1.csv": "3: file is not valid UTF-8",
    "missing_column.csv": "1: missing required column(s): url",
}


def test_every_fixture_has_an_expectation():
    assert sorted(p.name for p in BROKEN.glob("*.csv")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validator_names_file_line_and_column(name, capsys):
    path = BROKEN / name
    assert validate.main([str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"{path}:{EXPECTED[name]}") for line in lines), lines


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - {"missing_column.csv"}))
def test_bad_rows_are_left_out_and_good_rows_kept(name):
    result = load_measures(BROKEN / name)
    assert result.rows_read == 2
    assert len(result.measures) == 1  # the good row survives, the bad one is reported
    assert result.rows_skipped == 1
    bad_lines = {p.line for p in result.problems}
    assert bad_lines == {3}


def test_shipped_data_is_valid(capsys):
    assert validate.main([str(MEASURES_PATH)]) == 0
    assert capsys.readouterr().out == ""


def test_shipped_data_covers_every_land():
    measures = load_measures().measures
    assert set(measures["ags"]) == set(LAENDER)


def test_loaded_types(measures_file):
    result = load_measures(measures_file([row(target_group="employees;companies")]))
    measure = result.measures.iloc[0]
    assert measure["checked"].isoformat() == "2026-11-01"
    assert measure["start_year"] == 2013 and measure["handlungsfeld"] == 3
    assert measure["target_groups"] == ("employees", "companies")
    assert result.problems == []


def test_hostile_text_is_kept_verbatim(measures_file):
    payload = '<script>alert("x")</script> =HYPERLINK("http://evil")'
    result = load_measures(measures_file([row(summary=payload, title="<img src=x onerror=alert(1)>")]))
    assert result.measures.iloc[0]["summary"] == payload
    assert result.problems == []


def test_bom_and_crlf_are_accepted(tmp_path):
    path = write_measures(tmp_path / "m.csv", [row()])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    result = load_measures(path)
    assert result.problems == [] and len(result.measures) == 1


def test_validator_reports_unreadable_file(tmp_path, capsys):
    assert validate.main([str(tmp_path / "missing.csv")]) == 2
    assert "cannot read file" in capsys.readouterr().err


def test_store_reloads_changed_file_and_keeps_last_good(measures_file, tmp_path):
    path = measures_file([row()])
    write_sources(path, [])  # an evidence file, if an empty one: without one nothing new is served
    store = MeasuresStore(path, min_per_land=0, state_dir=tmp_path)  # a one-row file is complete here
    assert len(store().measures) == 1

    write_measures(path, [row(), row(id="by-zwei", title="Zweite")])
    assert len(store().measures) == 2  # picked up without a restart

    path.write_text("this is not a measures file\n", encoding="utf-8")
    assert len(store().measures) == 2  # broken file: the last good data stays in service

    path.unlink()
    assert len(store().measures) == 2


def test_matching_filters_once_per_load_and_a_reload_filters_afresh(measures_file):
    path = measures_file([row(), row(id="by-zwei", title="Zweite", category="counselling")])
    write_sources(path, [])
    store = MeasuresStore(path, min_per_land=0, state_dir=path.parent / "state")
    only_aufstieg = Filters(categories=("upgrading_bonus",))
    first = store().matching(only_aufstieg)
    assert first.equals(filter_measures(store().measures, only_aufstieg)) and list(first["id"]) == ["by-meisterbonus"]
    # A click or the compare view changes the view but not the filters: the same result is reused.
    assert store().matching(ViewState(categories=("upgrading_bonus",), lands=("09", "11"), compare=True).filters) is first
    assert len(store().matching(Filters())) == 2

    write_measures(path, [row(id="by-drei", title="Dritte")])
    assert list(store().matching(only_aufstieg)["id"]) == ["by-drei"]  # new data, not the kept result


def shipped_rows(folder: Path | None = None) -> list[str]:
    """The shipped measures' lines; with ``folder``, the evidence file is copied there too."""
    if folder is not None:
        (folder / "sources.csv").write_bytes(SOURCES_PATH.read_bytes())
    return MEASURES_PATH.read_text(encoding="utf-8").splitlines(keepends=True)


def test_a_file_cut_at_a_line_end_is_reported_and_not_served(tmp_path, caplog):
    """A truncated file whose rows are each valid: only the completeness check can tell."""
    path = tmp_path / "measures.csv"
    path.write_text("".join(shipped_rows(tmp_path)), encoding="utf-8")
    store = MeasuresStore(path, state_dir=tmp_path / "state")
    shipped = len(store().measures)
    assert store.health().ok and shipped > 100
    path.write_text("".join(shipped_rows()[:30]), encoding="utf-8")
    assert len(store().measures) == shipped  # the last good data stays in service
    health = store.health()
    assert not health.ok and any("is the file complete?" in why for why in health.why)
    assert validate.main([str(path)]) == 1


def test_a_deleted_or_garbage_file_is_reported_and_logged(tmp_path, caplog):
    path = tmp_path / "measures.csv"
    path.write_text("".join(shipped_rows(tmp_path)), encoding="utf-8")
    store = MeasuresStore(path, state_dir=tmp_path / "state")
    shipped = len(store().measures)
    path.unlink()
    assert len(store().measures) == shipped and store.health().why == [f"{path}: the file is gone"]
    assert any("the file is gone" in record.getMessage() for record in caplog.records)
    for content in (b"", b"\xff\xfe garbage \x00", "id,ags\n".encode()):
        path.write_bytes(content)
        assert len(store().measures) == shipped and not store.health().ok


def test_workers_fall_back_on_the_same_last_good_data(tmp_path):
    """Each gunicorn worker has its own store; a worker that meets a bad file serves the newest
    data any worker put in service, not whatever it loaded at its own start."""
    path, state = tmp_path / "measures.csv", tmp_path / "state"
    rows = shipped_rows(tmp_path)
    path.write_text("".join(rows[:-1]), encoding="utf-8")  # version 1: all but the last measure
    first, second = MeasuresStore(path, state_dir=state), MeasuresStore(path, state_dir=state)
    assert len(first().every_row) == len(second().every_row) == len(rows) - 2
    path.write_text("".join(rows), encoding="utf-8")  # version 2: complete
    assert len(first().every_row) == len(rows) - 1  # only the first worker serves a request meanwhile
    path.write_text("".join(rows[:20]), encoding="utf-8")  # then the file is cut
    assert len(first().every_row) == len(second().every_row) == len(rows) - 1
    restarted = MeasuresStore(path, state_dir=state)  # a worker started after a crash
    assert len(restarted().every_row) == len(rows) - 1 and not restarted.health().ok


def test_control_characters_and_unicode_digits_are_problems_not_crashes(measures_file):
    result = load_measures(measures_file([row(summary="Zeile\x0bmit Tabulator"), row(id="by-z", title="Z",
                                                                                      start_year="²⁰²⁰")]))
    messages = {(p.column, p.message) for p in result.problems}
    assert ("summary", "contains a control character or one XML cannot carry (such as NUL or U+FFFE)") in messages
    assert ("start_year", "year must be empty or four digits 1949-2100") in messages
    assert result.measures.empty and result.rows_read == 2


@pytest.mark.parametrize("url", [
    "https://evil.example\\@www.gesetze-bayern.de/x",  # a browser opens evil.example
    "https://user:secret@www.bayern.de/", "https://www.bayern.de/a b", "javascript:alert(1)",
    "https:/www.bayern.de", "https://", "ftp://www.bayern.de/", "https://www.bayern.de/\x0b",
])
def test_urls_the_browser_would_read_differently_are_no_links(url):
    assert url_host(url) is None and not is_http_url(url)


def test_a_plain_official_url_is_a_link():
    assert url_host("https://www.stmwi.bayern.de/meisterbonus/") == "www.stmwi.bayern.de"


@pytest.mark.parametrize(("changes", "column", "message"), [
    ({"rate_percent": "120"}, "rate_percent", "rate_percent must be empty or a whole number of percent from 0 to 100"),
    ({"amount_eur": "-500"}, "amount_eur", "amount_eur must be empty or a whole number of euro"),
    ({"leave_days": "5", "leave_period": ""}, "leave_period", "leave_period missing"),
    ({"leave_days": "45", "leave_period": "year"}, "leave_days", "leave_days must be empty or a whole number of days"),
    ({"figure_condition": "Nur für Beste.", "figure_condition_en": ""}, "figure_condition_en", "figure_condition_en missing"),
])
def test_figures_out_of_range_are_named_by_file_line_and_column(measures_file, capsys, changes, column, message):
    """A figure is a typed, checked number: a rate over 100 %, a negative amount, days without
    their period are problems with file:line:column, and the row is left out."""
    path = measures_file([row(id="by-gut", title="Gut", amount_eur="3000"), row(**changes)])
    assert validate.main([str(path), "--min-per-land", "0"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"{path}:3:{column}: {message}") for line in lines), lines
    assert list(load_measures(path).measures["id"]) == ["by-gut"]
