"""One module per thing a visitor sees, each declaring its layout and its ``Panel`` rows (the
outputs it owns and a pure render). ``PANELS``, in ``shell`` beside where each panel is placed
on the page, is what ``callbacks.update_view`` renders."""

from __future__ import annotations

from dashboard.panels.base import Panel, ViewData
from dashboard.panels.shell import PANELS

__all__ = ["PANELS", "Panel", "ViewData"]
