"""One module per thing a visitor sees. ``PANELS`` is what ``callbacks.update_view`` renders,
in order; a new panel is a module here with its layout and its ``Panel`` row, its place in
``shell.build_layout`` and its row below."""

from __future__ import annotations

from dashboard.panels import alliance, cards, compare, filters, finder, mapview, notices, share, timeline
from dashboard.panels.base import Panel, ViewData

PANELS: tuple[Panel, ...] = (
    mapview.COLOURS,
    cards.PANEL,
    compare.PANEL,
    mapview.COUNTS,
    notices.PANEL,
    filters.PANEL,
    timeline.PANEL,
    share.PANEL,
    finder.PANEL,
    alliance.PANEL,
)

__all__ = ["PANELS", "Panel", "ViewData"]
