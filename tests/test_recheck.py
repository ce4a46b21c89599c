"""The maintainer's re-check, offline: a local HTTP server whose pages change between two runs.
Every kind of change lands in its bucket of the review list, and nothing crashes."""

import csv
import json
import time

import pytest
from werkzeug import Response

from dashboard import recheck

DAY_ONE = {
    "/same": "<p>Zuschuss 40 % der Kosten, höchstens 1.500 Euro im Jahr.</p>",
    "/amount": "<p>Der Bonus beträgt 1.500 Euro. Es gibt 5 Arbeitstage.</p>",
    "/dead": "<p>Diese Seite gibt es noch.</p>",
    "/old": "<p>Eine Seite, die bald umzieht.</p>",
    "/dated": '<html><head><meta property="article:published_time" content="2023-05-02"></head>'
              "<body><article><p>Richtlinie vom Mai 2023.</p></article></body></html>",
    "/text": "<p>Erster Wortlaut der Seite mit vielen Worten darin.</p>",
}


def page(body: str) -> str:
    # trafilatura wants some body around the text before it calls it the main text
    return f"<html><head><title>Seite</title></head><body><main><article>{body * 3}</article></main></body></html>"


def serve(httpserver, day: dict, extra=()) -> None:
    httpserver.clear()
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /secret\n")
    for path, body in day.items():
        if body is None:
            httpserver.expect_request(path).respond_with_data("gone", status=404)
        else:
            httpserver.expect_request(path).respond_with_data(page(body) if not body.startswith("<html") else body,
                                                              content_type="text/html; charset=utf-8")
    for path, handler in extra:
        httpserver.expect_request(path).respond_with_handler(handler)


@pytest.fixture
def data_files(tmp_path, httpserver):
    base = httpserver.url_for("")
    # "/slow" last: the test server answers one request at a time, and it holds the line
    urls = [*DAY_ONE, "/secret", "/huge", "/broken", "/latin1", "/new", "/slow"]
    measures = tmp_path / "measures.csv"
    with measures.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "url", "source_date"])
        writer.writerows([f"by-{path.strip('/')}", base.rstrip("/") + path, "2022" if path == "/dated" else "2026-11"]
                         for path in urls)
    sources = tmp_path / "sources.csv"
    sources.write_text("measure_id,url,source_date,evidence,read,confirms\n"
                       f"by-same,{base.rstrip('/')}/same,2026-11,Beleg,2026-12-01,running\n", encoding="utf-8")
    return measures, sources, base.rstrip("/")


SLOW = 1.0  # seconds the slow page takes, twice the client's timeout


def slow(_request):
    time.sleep(SLOW)
    return Response("<p>spät</p>", content_type="text/html")


def run(data_files, tmp_path):
    measures, sources, _ = data_files
    settings = recheck.Settings(timeout=0.5, max_bytes=20_000, per_host_interval=0, retries=1, backoff=0)
    return recheck.run(measures, sources, tmp_path / "report", settings)


def test_two_runs_sort_every_change_into_its_bucket(data_files, tmp_path, httpserver):
    _, _, base = data_files
    common = [("/slow", slow),
              ("/huge", lambda _r: Response("<p>" + "x" * 50_000 + "</p>", content_type="text/html")),
              ("/broken", lambda _r: Response("<html><body><div><p>Kaputt <b>1.000 € <table><tr>", content_type="text/html")),
              ("/latin1", lambda _r: Response("<html><body><article><p>Förderung für Bürger: 300 Euro</p>"
                                              "</article></body></html>".encode("latin-1"), content_type="text/html")),
              ("/new", lambda _r: Response("<p>neu</p>", content_type="text/html"))]
    serve(httpserver, DAY_ONE, common)
    first = run(data_files, tmp_path)
    state = json.loads((tmp_path / "report" / "last-run.json").read_text(encoding="utf-8"))["pages"]
    assert state[base + "/amount"]["figures"] == ["1.500 €", "5 Tage"]
    assert state[base + "/latin1"]["outcome"] == "ok" and "300 €" in state[base + "/latin1"]["figures"]
    assert state[base + "/broken"]["outcome"] == "ok"
    first_kinds = {(i["kind"], i["url"].removeprefix(base)) for i in first}
    assert ("newer", "/dated") in first_kinds  # the page says 2023-05-02, the row 2022
    assert {("unchecked", "/secret"), ("unchecked", "/slow"), ("unchecked", "/huge")} <= first_kinds

    day_two = {**DAY_ONE, "/amount": "<p>Der Bonus beträgt 5.000 Euro. Es gibt 5 Arbeitstage.</p>",
               "/dead": None, "/text": "<p>Zweiter Wortlaut der Seite mit anderen Worten darin.</p>"}
    day_two.pop("/old")
    time.sleep(SLOW)  # the server finishes the slow page of the first run
    serve(httpserver, day_two, common)
    httpserver.expect_request("/old").respond_with_data("", status=301, headers={"Location": base + "/same"})
    second = run(data_files, tmp_path)
    kinds = {(i["kind"], i["url"].removeprefix(base)): i["detail"] for i in second}
    assert kinds[("dead", "/dead")] == "HTTP 404"
    assert kinds[("moved", "/old")] == f"now {base}/same"
    assert kinds[("figures", "/amount")] == "gone: 1.500 €; new: 5.000 €"
    assert ("text", "/text") in kinds
    assert kinds[("unchecked", "/secret")] == "robots: robots.txt disallows it"
    assert kinds[("unchecked", "/slow")].startswith("timeout")
    assert kinds[("unchecked", "/huge")].startswith("too_large")
    assert ("figures", "/same") not in kinds and ("text", "/same") not in kinds  # unchanged: nothing to do
    order = [i["kind"] for i in second]
    assert order == sorted(order, key=list(recheck.KINDS).index)  # worst first
    report = (tmp_path / "report" / "review.md").read_text(encoding="utf-8")
    assert "## Seite nicht erreichbar oder gelöscht (1)" in report and f"<{base}/dead>" in report
    with (tmp_path / "report" / "review.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == len(second)
    assert not any(p.name.endswith(".csv") and p.parent == data_files[0].parent and p.stat().st_size == 0
                   for p in data_files[0].parent.iterdir())  # the data is never touched


def test_the_user_agent_names_the_project_and_a_contact(httpserver, tmp_path):
    seen = []
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/p").respond_with_handler(
        lambda r: seen.append(r.headers.get("User-Agent")) or Response("<p>x</p>", content_type="text/html"))
    fetcher = recheck.Fetcher(recheck.Settings(contact="mailto:team@example.org", per_host_interval=0))
    assert fetcher.check(httpserver.url_for("/p")).outcome == "ok"
    assert seen and "Weiterbildungskarte" in seen[0] and "mailto:team@example.org" in seen[0]


def test_requests_to_one_host_keep_their_interval():
    now, slept = [100.0], []
    fetcher = recheck.Fetcher(recheck.Settings(per_host_interval=3.0), clock=lambda: now[0],
                              sleep=lambda s: (slept.append(s), now.__setitem__(0, now[0] + s)))
    fetcher._wait_for("a.example")
    now[0] += 1.0
    fetcher._wait_for("a.example")
    fetcher._wait_for("b.example")
    assert slept == [2.0]


@pytest.mark.parametrize("text, expected", [
    ("höchstens 1.500 Euro und 1500 €", ["1.500 €"]),
    ("€ 250,50 oder 60 Prozent, 5 Tage", ["250,50 €", "5 Tage", "60 %"]),
    ("bis zu 85 % der Kosten, 10 Arbeitstage in zwei Jahren", ["10 Tage", "85 %"]),
])
def test_figures_are_normalised(text, expected):
    assert recheck.figures(text) == expected
