"""Who runs the site: the operator's settings for the Impressum, the privacy page and the
accessibility statement, from one TOML file (``WBK_OPERATOR_SETTINGS``), checked at start.

Without a settings file the site runs with ``deploy/operator.example.toml`` and every page that
shows these details says that they are examples to replace before the site goes public.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

EXAMPLE_SETTINGS = Path(__file__).resolve().parents[1] / "deploy" / "operator.example.toml"
ENVIRONMENT_KEY = "WBK_OPERATOR_SETTINGS"
EMAIL = re.compile(r"[^@\s<>\"'(),;:]+@[^@\s<>\"'(),;:]+\.[a-z]{2,}", re.IGNORECASE)
HTTPS = re.compile(r"https://[^\s<>\"']+")


class SettingsError(ValueError):
    """A settings file the site cannot be run with; the message names the file and the key."""


@dataclass(frozen=True)
class Field:
    section: str
    key: str
    kind: str = "text"  # text, email, date, https, days
    required: bool = True


# Every setting once: where it is in the file, what it must be, and whether it may be empty.
FIELDS: tuple[Field, ...] = (
    Field("operator", "name"), Field("operator", "street"), Field("operator", "postcode"), Field("operator", "city"),
    Field("operator", "represented_by"), Field("operator", "email", "email"), Field("operator", "phone"),
    Field("operator", "vat_id", required=False),
    Field("accessibility", "feedback_email", "email"), Field("accessibility", "last_assessment", "date"),
    Field("accessibility", "assessment_method"), Field("accessibility", "enforcement_body"),
    Field("accessibility", "enforcement_url", "https"),
    Field("accessibility", "sign_language_video", "https", required=False),
    Field("accessibility", "sign_language_video_size", required=False),
    Field("accessibility", "sign_language_video_duration", required=False),
    Field("privacy", "officer_name"), Field("privacy", "officer_email", "email"),
    Field("privacy", "supervisory_authority"), Field("privacy", "log_retention_days", "days"),
)

CHECKS = {
    "text": (lambda v: isinstance(v, str) and 0 < len(v) <= 300 and "\n" not in v, "a line of text"),
    "email": (lambda v: isinstance(v, str) and bool(EMAIL.fullmatch(v)), "one plain e-mail address"),
    "date": (lambda v: isinstance(v, (str, dt.date)) and _is_date(str(v)), "a date YYYY-MM-DD"),
    "https": (lambda v: isinstance(v, str) and bool(HTTPS.fullmatch(v)), "an https:// address"),
    "days": (lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 365, "a number of days, 0-365"),
}


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Operator:
    """The checked settings (``values[section][key]``, as text) and whether they are the examples."""

    values: dict
    example: bool

    def get(self, section: str, key: str) -> str:
        return self.values[section][key]


def load_operator(path: Path | str | None = None) -> Operator:
    """The settings at ``path`` (else ``WBK_OPERATOR_SETTINGS``, else the examples), checked.
    Raises SettingsError naming the file, the key and what it must be."""
    chosen = path or os.environ.get(ENVIRONMENT_KEY, "").strip() or None
    file = Path(chosen) if chosen else EXAMPLE_SETTINGS
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except OSError as error:
        raise SettingsError(f"{file}: cannot read the operator settings ({error.strerror or error})") from error
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{file}: not a TOML file ({error})") from error
    values: dict = {}
    for field in FIELDS:
        value = raw.get(field.section, {}).get(field.key, "") if isinstance(raw.get(field.section), dict) else ""
        if value in ("", None):
            if field.required:
                raise SettingsError(f"{file}: [{field.section}] {field.key} is missing; it must be {CHECKS[field.kind][1]}")
            value = ""
        elif not CHECKS[field.kind][0](value):
            raise SettingsError(f"{file}: [{field.section}] {field.key} must be {CHECKS[field.kind][1]}, not {value!r}")
        values.setdefault(field.section, {})[field.key] = str(value)
    return Operator(values=values, example=chosen is None)
