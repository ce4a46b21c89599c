"""The maintainer's re-check of the official pages: ``python -m dashboard.recheck``.

Reads every ``url`` of ``data/measures.csv`` and ``data/sources.csv`` politely (a user agent
that names the project and a contact, robots.txt, one request per host every few seconds,
timeouts, a size limit, retries with backoff) and records per page: HTTP status, the final URL
after redirects, Last-Modified and ETag, the page's own date (htmldate), a hash of its main
text (trafilatura, so a new page layout is not a change) and the euro, percent and day figures
in that text. It compares the run with the previous one and with the data, and writes a review
list, worst first (dead, moved, newer than the row's source date, figures changed, text
changed, not checked), as ``review.csv`` and ``review.md``. It never edits the data: a person
reads the page and updates the row.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import hashlib
import json
import re
import sys
import time
import urllib.robotparser
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urlsplit

import charset_normalizer
import htmldate
import httpx
import trafilatura

from dashboard.data import DATA_DIR, MEASURES_PATH, SOURCES_PATH, source_period

PROJECT = "Weiterbildungskarte-Recheck/1.0 (+https://github.com/weiterbildungskarte; {contact})"
DEFAULT_CONTACT = "mailto:daten@weiterbildungskarte.example"
DEFAULT_OUT = DATA_DIR.parent / "recheck"

# Review kinds, worst first: the order of the review list.
KINDS = {
    "dead": "Seite nicht erreichbar oder gelöscht",
    "moved": "Seite umgezogen (Weiterleitung)",
    "newer": "Seite hat ein neueres Datum als die Zeile",
    "figures": "Beträge, Sätze oder Tage geändert",
    "text": "Haupttext geändert",
    "unchecked": "nicht geprüft",
}

EURO = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{2}|-))?\s*(?:€|Euro\b|EUR\b)")
EURO_BEFORE = re.compile(r"(?:€|EUR)\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{2}|-))?(?![\d])")
PERCENT = re.compile(r"(?<![\d,])(\d{1,3}(?:,\d+)?)\s*(?:%|Prozent\b)")
DAYS = re.compile(r"(?<![\d,])(\d{1,3})\s*(?:Arbeitstage|Bildungstage|Tage|Tagen)\b")


@dataclasses.dataclass
class Settings:
    contact: str = DEFAULT_CONTACT
    timeout: float = 20.0  # seconds per request (connect, read)
    max_bytes: int = 5_000_000  # a page larger than this is not read
    per_host_interval: float = 3.0  # seconds between two requests to one host
    retries: int = 2  # further attempts after a connection error, a 429 or a 5xx
    backoff: float = 2.0  # seconds before the first retry, doubled each time


@dataclasses.dataclass
class PageCheck:
    """What one run saw of one page. ``outcome``: ok, dead, error, timeout, too_large,
    robots (not fetched: robots.txt disallows it)."""

    url: str
    outcome: str
    status: int | None = None
    final_url: str = ""
    last_modified: str = ""
    etag: str = ""
    page_date: str = ""
    text_hash: str = ""
    figures: list[str] = dataclasses.field(default_factory=list)
    detail: str = ""


def figures(text: str) -> list[str]:
    """The euro amounts, percentages and day counts in ``text``, normalised and sorted:
    "1.500 Euro" and "1500 €" both read "1.500 €"."""
    found = set()
    for pattern in (EURO, EURO_BEFORE):
        for whole, cents in pattern.findall(text):
            value = f"{int(whole.replace('.', '')):,}".replace(",", ".")
            found.add(f"{value}{',' + cents if cents and cents not in ('00', '-') else ''} €")
    found.update(f"{value} %" for value in PERCENT.findall(text))
    found.update(f"{value} Tage" for value in DAYS.findall(text))
    return sorted(found)


def _decode(content: bytes, declared: str | None) -> str:
    """The page as text: the declared charset if any, else UTF-8, else the best guess."""
    for encoding in filter(None, [declared, "utf-8"]):
        try:
            return content.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    best = charset_normalizer.from_bytes(content).best()
    return str(best) if best is not None else content.decode("utf-8", errors="replace")


def analyse(html: str) -> tuple[str, str, list[str]]:
    """(the page's own date, a hash of its main text, the figures in it) for an HTML page;
    malformed HTML gives what can be read, never an exception."""
    try:
        main = trafilatura.extract(html, include_comments=False, include_tables=True) or ""
    except Exception:  # noqa: BLE001 - a parser's failure on one page must not end the run
        main = ""
    try:
        page_date = htmldate.find_date(html, original_date=False, outputformat="%Y-%m-%d") or ""
    except Exception:  # noqa: BLE001
        page_date = ""
    normalised = " ".join(main.split())
    digest = hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16] if normalised else ""
    return page_date, digest, figures(normalised)


class Fetcher:
    """A polite HTTP client: robots.txt per host, a per-host interval, retries with backoff."""

    def __init__(self, settings: Settings, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.settings, self.clock, self.sleep = settings, clock, sleep
        self.agent = PROJECT.format(contact=settings.contact)
        self.client = httpx.Client(follow_redirects=True, timeout=settings.timeout,
                                   headers={"User-Agent": self.agent, "Accept": "text/html,*/*;q=0.5"})
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._last: dict[str, float] = {}

    def close(self) -> None:
        self.client.close()

    def _wait_for(self, host: str) -> None:
        due = self._last.get(host, -1e9) + self.settings.per_host_interval - self.clock()
        if due > 0:
            self.sleep(due)
        self._last[host] = self.clock()

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            parser = urllib.robotparser.RobotFileParser()
            try:
                status, body = self._get(origin + "/robots.txt")
            except (httpx.HTTPError, ValueError):
                status, body = None, b""
            # As robots.txt's rules say: no file (4xx) allows everything; an unreachable one, too.
            parser.parse(_decode(body, None).splitlines() if status == 200 else [])
            self._robots[origin] = parser
        return self._robots[origin].can_fetch(self.agent, url)

    def _get(self, url: str) -> tuple[int, bytes]:
        response, body = self._read(url)
        return response.status_code, body

    def _read(self, url: str) -> tuple[httpx.Response, bytes]:
        self._wait_for(urlsplit(url).netloc)
        with self.client.stream("GET", url) as response:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.settings.max_bytes:
                raise TooLarge(f"{declared} bytes announced")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.settings.max_bytes:
                    raise TooLarge(f"more than {self.settings.max_bytes} bytes")
                chunks.append(chunk)
            return response, b"".join(chunks)

    def check(self, url: str) -> PageCheck:
        """Fetch and analyse one page; every failure is an outcome, never an exception."""
        try:
            if not self.allowed(url):
                return PageCheck(url, "robots", detail="robots.txt disallows it")
        except TooLarge as error:  # a giant robots.txt: treat as no rules
            return PageCheck(url, "error", detail=f"robots.txt: {error}")
        delay = self.settings.backoff
        for attempt in range(self.settings.retries + 1):
            result = self._attempt(url)
            if isinstance(result, PageCheck):
                return result
            outcome, detail = result
            if attempt < self.settings.retries:
                self.sleep(delay)
                delay *= 2
        return PageCheck(url, "dead" if outcome == "error" else outcome, detail=detail)

    def _attempt(self, url: str) -> PageCheck | tuple[str, str]:
        """One request: the page's check, or (outcome, detail) of a failure worth retrying."""
        try:
            response, body = self._read(url)
        except TooLarge as error:
            return PageCheck(url, "too_large", detail=str(error))
        except httpx.TimeoutException:
            return "timeout", f"no answer within {self.settings.timeout:g} s"
        except (httpx.HTTPError, ValueError) as error:
            return "error", f"{type(error).__name__}: {error}"[:200]
        if response.status_code == 429 or response.status_code >= 500:
            return "error", f"HTTP {response.status_code}"
        return self._checked(url, response, body)

    @staticmethod
    def _checked(url: str, response: httpx.Response, body: bytes) -> PageCheck:
        check = PageCheck(url, "ok" if response.status_code < 400 else "dead", response.status_code,
                          str(response.url), response.headers.get("last-modified", ""),
                          response.headers.get("etag", ""))
        if check.outcome == "dead":
            check.detail = f"HTTP {response.status_code}"
            return check
        if "html" in response.headers.get("content-type", "text/html"):
            charset = response.charset_encoding
            check.page_date, check.text_hash, check.figures = analyse(_decode(body, charset))
        else:  # a PDF or another document: its bytes are its text
            check.text_hash = hashlib.sha256(body).hexdigest()[:16]
        return check


class TooLarge(Exception):
    """A page (or its announced length) beyond the size limit."""


@dataclasses.dataclass
class Page:
    """A URL the data names, with the rows that cite it and the newest date they give for it."""

    url: str
    rows: list[str]
    source_date: str  # the newest source_date any citing row states for this page ("" if none)


def pages_in(measures: Path, sources: Path) -> list[Page]:
    """Every URL of the measures and the evidence, once, with who cites it."""
    cited: dict[str, Page] = {}
    for path, id_column in ((measures, "id"), (sources, "measure_id")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                url = (row.get("url") or "").strip()
                if not url.startswith(("http://", "https://")):
                    continue
                page = cited.setdefault(url, Page(url, [], ""))
                page.rows.append(f"{path.name}:{row.get(id_column, '')}")
                date = (row.get("source_date") or "").strip()
                if source_period(date) and (not page.source_date or
                                            source_period(date)[1] > source_period(page.source_date)[1]):
                    page.source_date = date
    return list(cited.values())


def _findings(page: Page, check: PageCheck, previous: dict | None) -> list[tuple[str, str]]:
    """(kind, detail) for each thing a maintainer should look at on one page."""
    if check.outcome == "dead":
        return [("dead", check.detail)]
    if check.outcome != "ok":
        return [("unchecked", f"{check.outcome}: {check.detail}")]
    found = []
    if check.final_url and check.final_url != page.url:
        found.append(("moved", f"now {check.final_url}"))
    period = source_period(page.source_date)
    if check.page_date and (period is None or dt.date.fromisoformat(check.page_date) > period[1]):
        found.append(("newer", f"page dated {check.page_date}, the data says {page.source_date or 'no date'}"))
    if previous and previous.get("outcome") == "ok":
        found += _changes_since(check, previous)
    return found


def _changes_since(check: PageCheck, previous: dict) -> list[tuple[str, str]]:
    """Figures gone or new since the last run; else a changed main text."""
    gone = sorted(set(previous.get("figures", [])) - set(check.figures))
    new = sorted(set(check.figures) - set(previous.get("figures", [])))
    if gone or new:
        return [("figures", "; ".join(filter(None, [f"gone: {', '.join(gone)}" if gone else "",
                                                     f"new: {', '.join(new)}" if new else ""])))]
    if previous.get("text_hash") and check.text_hash and previous["text_hash"] != check.text_hash:
        return [("text", "the main text differs from the last run")]
    return []


def review(pages: Iterable[Page], now: dict[str, PageCheck], before: dict[str, dict]) -> list[dict]:
    """The review list, worst first: one item per finding (a page may have several)."""
    items = [{"kind": kind, "what": KINDS[kind], "url": page.url, "cited_by": " ".join(page.rows), "detail": detail}
             for page in pages for kind, detail in _findings(page, now[page.url], before.get(page.url))]
    order = list(KINDS)
    return sorted(items, key=lambda i: (order.index(i["kind"]), i["url"]))


def write_report(items: list[dict], checks: dict[str, PageCheck], out: Path, when: str) -> None:
    """``review.csv``, ``review.md`` and ``last-run.json`` (the next run's comparison) in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / "review.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["kind", "what", "url", "cited_by", "detail"])
        writer.writeheader()
        writer.writerows(items)
    counts = {kind: sum(1 for i in items if i["kind"] == kind) for kind in KINDS}
    lines = [f"# Re-check der amtlichen Seiten, {when}", "",
             f"{len(checks)} Seiten gelesen. Zu prüfen: " + ", ".join(f"{KINDS[k]}: {n}" for k, n in counts.items()), "",
             "Jede Zeile: die Seite öffnen, die Zeile in `data/measures.csv` / `data/sources.csv` prüfen und "
             "bei Bedarf ändern (mit Eintrag in `data/changes.csv`), dann `python -m dashboard.validate`.", ""]
    for kind in KINDS:
        chosen = [i for i in items if i["kind"] == kind]
        if chosen:
            lines += [f"## {KINDS[kind]} ({len(chosen)})", ""]
            lines += [f"- <{i['url']}> – {i['detail']} (zitiert von {i['cited_by']})" for i in chosen]
            lines.append("")
    (out / "review.md").write_text("\n".join(lines), encoding="utf-8")
    state = {"run": when, "pages": {url: dataclasses.asdict(check) for url, check in checks.items()}}
    (out / "last-run.json").write_text(json.dumps(state, ensure_ascii=False, indent=1), encoding="utf-8")


def run(measures: Path, sources: Path, out: Path, settings: Settings, limit: int | None = None) -> list[dict]:
    """One re-check: read every page, compare with the last run in ``out``, write the review."""
    previous_file = out / "last-run.json"
    before = json.loads(previous_file.read_text(encoding="utf-8"))["pages"] if previous_file.exists() else {}
    pages = pages_in(measures, sources)[:limit]
    fetcher = Fetcher(settings)
    try:
        checks = {}
        for number, page in enumerate(pages, 1):
            checks[page.url] = fetcher.check(page.url)
            print(f"[{number}/{len(pages)}] {checks[page.url].outcome:9} {page.url}", file=sys.stderr)
    finally:
        fetcher.close()
    items = review(pages, checks, before)
    write_report(items, checks, out, dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"))
    return items


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.recheck", description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=Path, default=MEASURES_PATH)
    parser.add_argument("--sources", type=Path, default=SOURCES_PATH)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="report folder (default: %(default)s)")
    parser.add_argument("--contact", default=DEFAULT_CONTACT, help="who site owners can reach, in the user agent")
    parser.add_argument("--interval", type=float, default=Settings.per_host_interval,
                        help="seconds between two requests to one host (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=Settings.timeout)
    parser.add_argument("--max-bytes", type=int, default=Settings.max_bytes)
    parser.add_argument("--limit", type=int, help="check only the first N pages")
    args = parser.parse_args(argv)
    settings = Settings(contact=args.contact, timeout=args.timeout, max_bytes=args.max_bytes,
                        per_host_interval=args.interval)
    items = run(args.measures, args.sources, args.out, settings, args.limit)
    print(f"{len(items)} finding(s); see {args.out / 'review.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
