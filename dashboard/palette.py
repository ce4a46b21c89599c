"""The palette and type sizes, in one place: the custom properties of ``assets/app.css``'s
``:root``. The stylesheet uses them directly; the figures and the print sheet read them here, so
the map, the tables and the page can never drift apart."""

from __future__ import annotations

import re
from pathlib import Path

STYLESHEET = Path(__file__).resolve().parents[1] / "assets" / "app.css"


def custom_properties(css: str) -> dict[str, str]:
    """``--name: value;`` of the first ``:root`` block, by name without the dashes."""
    root = re.search(r":root\s*\{(.*?)\}", css, re.S)
    body = re.sub(r"/\*.*?\*/", "", root.group(1), flags=re.S) if root else ""
    return {name: value.strip() for name, value in re.findall(r"--([a-z0-9-]+)\s*:\s*([^;]+);", body)}


PALETTE = custom_properties(STYLESHEET.read_text(encoding="utf-8"))


def pixels(name: str) -> int:
    """A size of the palette (``14px``) as a number, as plotly takes it."""
    return int(PALETTE[name].removesuffix("px"))
