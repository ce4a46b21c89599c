"""Values from outside (the address bar, the browser's callback JSON, a control) made safe:
cleaners that keep only known values, parsers that answer with a value and what they had to
ignore (a ``notice``: an i18n key and the raw value, translated where shown). Nothing here
raises on outside input."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

MAX_TEXT_LENGTH = 100
MAX_NOTICE_VALUE = 40
# The i18n keys a notice may carry (panels.notices.view_notices translates them, with {value}).
NOTICE_UNKNOWN_LAND, NOTICE_IGNORED, NOTICE_TOO_LONG = "notice_unknown_land", "notice_ignored", "notice_too_long"
NOTICE_UNKNOWN_MEASURE = "notice_unknown_measure"
NOTICE_KEYS = (NOTICE_UNKNOWN_LAND, NOTICE_IGNORED, NOTICE_TOO_LONG, NOTICE_UNKNOWN_MEASURE)


def is_plain(value: Any) -> bool:
    return isinstance(value, (str, int)) and not isinstance(value, bool)


def clean_choices(values: Any, allowed) -> tuple:
    """Known values of a multi-select, in order, without repeats; anything else is dropped."""
    if is_plain(values):
        values = [values]
    if not isinstance(values, (list, tuple)):
        return ()
    return tuple(dict.fromkeys(v for v in values if is_plain(v) and v in allowed))


def clean_text(value: Any, _default: str = "") -> str:
    return value.strip()[:MAX_TEXT_LENGTH] if isinstance(value, str) else ""


def clean_flag(value: Any, _default: bool = False) -> bool:
    return value is True


def one_of(allowed) -> Callable[[Any, Any], Any]:
    """A cleaner for a single known value; anything else (unknown, not a string) keeps the default."""
    return lambda value, default: value if is_plain(value) and value in allowed else default


def notice(key: str, value: str) -> dict:
    return {"key": key, "value": value[:MAX_NOTICE_VALUE]}


def split_list(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


def choices(name: str, allowed, convert=str) -> Callable[[str], tuple[Any, list[dict]]]:
    """A comma-separated list of known values; each unknown one is ignored with a notice."""
    by_text = {str(value): value for value in allowed}

    def parse(raw: str):
        parts = split_list(raw)
        kept = tuple(dict.fromkeys(by_text[p] for p in parts if p in by_text))
        ignored = [notice(NOTICE_IGNORED, f"{name}={p}") for p in parts if p not in by_text]
        return (None if parts and not kept else kept), ignored  # nothing usable: keep the default
    return parse


def parse_flag(raw: str):
    return raw.strip().lower() in {"1", "true", "ja", "yes", "on"}, []


def parse_text(raw: str):
    return clean_text(raw), []


def join_values(values) -> str:
    return ",".join(str(value) for value in values)
