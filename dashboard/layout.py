"""Components: the page skeleton and the builders for measure cards, tables and notices.

Every piece of data is passed to Dash as a *string child*, which React renders as text, or,
for the measure cards, as plain data that assets/app.js writes with ``textContent``: no data
ever reaches ``dangerouslySetInnerHTML``, ``dcc.Markdown`` or an HTML parser. Links are
rendered only for http(s) URLs (``safe_url``), checked here and again in the browser.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

import dash_ag_grid as dag
import pandas as pd
from dash import dcc, html

from dashboard.constants import (
    ALLOWED_URL_SCHEMES,
    CATEGORIES,
    GOALS,
    HANDLUNGSFELDER,
    LAENDER,
    MAP_MODES,
    SITUATIONS,
    STATUSES,
    TARGET_GROUPS,
)
from dashboard.data import MeasuresLoad, url_host
from dashboard.figures import (
    ALLIANCE_CLASSES,
    ALLIANCE_COLOURS,
    choropleth_figure,
    map_locations,
    outline_spec,
    scale_colour,
)
from dashboard.formatting import change_text, continuation_texts, deadline_text, format_date, format_source_date, safe_url
from dashboard.i18n import translate
from dashboard.query import Filters, counts_per_land, filter_phrases, measures_for_lands
from dashboard.state import MAX_NOTICE_VALUE, MAX_TEXT_LENGTH, NOTICE_KEYS, PARAMETERS, TOUR_SECONDS_DEFAULT, TOUR_SECONDS_RANGE, ViewState

MAX_NOTICES = 12  # notices about one address shown at most
I18N = "i18n"  # pattern-matching id type of every static UI text (see callbacks.translate_texts)
MAP_CONFIG_BASE = {
    "displaylogo": False,
    "scrollZoom": False,
    "doubleClick": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "pan2d", "zoomInGeo", "zoomOutGeo", "resetGeo",
                               "hoverClosestGeo"],
}
GRID_COLUMNS = ("land", "category_label", "title", "target_label", "funding", "status_label", "checked", "url")


def text(key: str, lang: str, tag=html.Span, id_: str | None = None, **props):
    """A static UI text that follows the language switch. ``id_``: a plain id instead of the
    I18N pattern id, for a text a callback also sets something else on (its children then
    follow the language through the wrapper below)."""
    if id_:
        return tag(text(key, lang), id=id_, **props)
    return tag(translate(lang, key), id={"type": I18N, "key": key}, **props)


def options(prefix: str, keys: Sequence, lang: str) -> list[dict]:
    return [{"label": translate(lang, f"{prefix}.{key}"), "value": key} for key in keys]


DROPDOWN_LABEL_KEYS = ("select_all", "deselect_all", "selected_count", "search", "clear_search",
                       "clear_selection", "no_options_found")


def dropdown_labels(lang: str) -> dict[str, str]:
    """The texts dcc.Dropdown renders itself (counts, clear buttons), in the UI language."""
    return {key: translate(lang, f"dropdown.{key}") for key in DROPDOWN_LABEL_KEYS}


def mode_options(lang: str) -> list[dict]:
    return [{"label": translate(lang, "mode_single"), "value": "single"},
            {"label": translate(lang, "mode_compare"), "value": "compare"}]


DROPDOWNS = ("land-select", "compare-select", "filter-category", "filter-target", "finder-home", "finder-work")
# The dropdowns that pick one Land and say so when empty.
LAND_PICKERS = ("land-select", "finder-home", "finder-work")


def translated_props(lang: str) -> dict[tuple[str, str], object]:
    """Every translated property that is not a text child (those carry the ``I18N`` id), by
    (component id, property). The layout builds each component with these (``props_of``),
    and callbacks.translate_texts sends them all again on a language switch: a property that
    is translated is in this table, or it is in neither."""
    return {
        **{(picker, "placeholder"): translate(lang, "select_land_placeholder") for picker in LAND_PICKERS},
        ("compare-select", "placeholder"): translate(lang, "compare_select_placeholder"),
        ("filter-text", "placeholder"): translate(lang, "filter_text_placeholder"),
        ("filter-category", "placeholder"): translate(lang, "filter_any"),
        ("filter-target", "placeholder"): translate(lang, "filter_any"),
        ("filter-category", "options"): options("category", CATEGORIES, lang),
        ("filter-target", "options"): options("target", TARGET_GROUPS, lang),
        ("filter-status", "options"): options("status", STATUSES, lang),
        ("filter-hf", "options"): options("handlungsfeld", HANDLUNGSFELDER, lang),
        ("filter-current", "options"): [{"label": translate(lang, "filter_current_option"), "value": "current"}],
        ("map-mode", "options"): options("map_mode", tuple(MAP_MODES.values()), lang),
        ("finder-situation", "options"): options("situation", tuple(SITUATIONS.values()), lang),
        ("finder-goal", "options"): options("goal", tuple(GOALS.values()), lang),
        ("mode", "options"): mode_options(lang),
        ("map-region", "aria-label"): translate(lang, "map_label"),
        **{(dropdown, "labels"): dropdown_labels(lang) for dropdown in DROPDOWNS},
    }


def props_of(component_id: str, lang: str) -> dict:
    """The translated properties of one component, for its constructor."""
    return {prop: value for (cid, prop), value in translated_props(lang).items() if cid == component_id}


def land_options() -> list[dict]:
    return [{"label": land.name, "value": ags} for ags, land in sorted(LAENDER.items(), key=lambda i: i[1].name)]




# --------------------------------------------------------------------------- measures
def _period(row, lang: str) -> str:
    start, end = row["start_year"], row["end_year"]
    parts = []
    if not pd.isna(start):
        parts.append(translate(lang, "period_from", start=int(start)))
    if not pd.isna(end):
        parts.append(translate(lang, "period_until", end=int(end)))
    return " ".join(parts)


def card_data(row, lang: str, evidence: list | None = None, today: dt.date | None = None) -> dict:
    """One measure as plain data for the card template: what, for whom, how much, who, how old
    its source is, when we checked it, the link and the evidence. Only strings, lists of
    strings and flags: assets/app.js writes each string as text into ``card_template``.
    In English the programme's own texts are our translations, marked as such."""
    english = lang == "en"
    funding = row["funding_en" if english else "funding"]
    confirmed, flag = continuation_texts(row, lang)
    fields = [
        ("field_summary", row["summary_en" if english else "summary"]),
        ("field_target", ", ".join(translate(lang, f"target.{g}") for g in row["target_groups"])),
        ("field_funding", funding or translate(lang, "funding_unknown")),
        ("field_deadline", deadline_text(row["deadline"], lang, today)),
        ("field_provider", row["provider"]),
        ("field_period", _period(row, lang)),
        ("field_source_date", format_source_date(row["source_date"], lang) if row["source_date"]
         else translate(lang, "source_date_unknown")),
        ("field_checked", format_date(row["checked"], lang)),
        ("field_changed", change_text(row, lang)),
    ]
    return {
        "id": f"measure-{row['id']}",
        "ags": row["ags"],
        "land": LAENDER[row["ags"]].name,
        "title": row["title_en" if english else "title"],
        "translated": translate(lang, "translated_mark") if english else "",
        "category": translate(lang, f"category.{row['category']}"),
        "status": row["status"],
        "status_label": translate(lang, f"status.{row['status']}"),
        "continuation": confirmed,
        "stale": flag,
        "fields": [[translate(lang, key), value] for key, value in fields if value],
        "url": safe_url(row["url"]),
        "note": row["note"],
        "sources_label": translate(lang, "sources_label", count=len(evidence or [])),
        # Where each piece of evidence is and how old; what it shows stays in data/sources.csv
        # (the cards of all Länder travel to every visitor: a few words each add up).
        "sources": [[safe_url(url), url_host(url) or "", " · ".join(filter(None, [
            format_source_date(date, lang) if date else "",
            translate(lang, "source_read", date=format_date(dt.date.fromisoformat(read), lang))]))]
            for url, date, _text, read in (evidence or [])],
    }


def card_labels(lang: str) -> dict:
    """The texts every card shares, sent once with the cards."""
    return {"link": translate(lang, "link_official"), "new_tab": translate(lang, "link_new_tab"),
            "no_link": translate(lang, "link_unavailable"), "note": translate(lang, "field_note"),
            "copy": translate(lang, "copy_link"), "copied": translate(lang, "link_copied"),
            "report": translate(lang, "report_error"), "report_subject": translate(lang, "report_subject"),
            "report_body": translate(lang, "report_body")}


CARD_SLOTS = ("title", "translated", "category", "status", "continuation", "stale", "fields", "link", "link-label", "new-tab",
              "no-link", "copy", "report", "note-box", "note-label", "note", "sources-box", "sources-label", "sources")


def card_template() -> html.Template:
    """The one structure of a measure card; assets/app.js ("selection") clones it per card and
    fills each ``data-slot`` with text. The article gets its class when cloned, so the
    template itself is never counted as a card."""
    def slot(name: str) -> dict:
        return {"data-slot": name}

    return html.Template(
        html.Article(
            [
                html.H3(**slot("title")),
                html.P(className="translated-mark", **slot("translated")),
                html.P([html.Span(className="badge", **slot("category")), html.Span(className="badge", **slot("status"))],
                       className="badges"),
                html.P(className="continuation-note", **slot("continuation")),
                html.P(className="stale-note", role="note", **slot("stale")),
                html.Dl(**slot("fields")),
                html.P([
                    html.A([html.Span(**slot("link-label")), html.Span(className="visually-hidden", **slot("new-tab"))],
                           target="_blank", rel="noopener noreferrer", className="official-link", **slot("link")),
                    html.Span(className="muted", **slot("no-link")),
                    # ?massnahme=<id>: a link that opens this card (assets/app.js copies it)
                    html.Button(type="button", className="copy-link", **slot("copy")),
                    # "Fehler melden": a prefilled message, only where WBK_FEEDBACK_EMAIL is set
                    html.A(className="report-error", **slot("report")),
                ], className="card-links"),
                # The note and the evidence are for the curious: folded by default.
                html.Details([html.Summary(**slot("note-label")), html.P(**slot("note"))], className="source-note",
                             **slot("note-box")),
                html.Details([html.Summary(**slot("sources-label")), html.Ul(**slot("sources"))], className="evidence",
                             **slot("sources-box")),
            ],
        ),
        id="measure-card-template",
    )


def evidence_by_measure(sources: pd.DataFrame | None) -> dict[str, list[tuple[str, str, str, str]]]:
    """measure id -> [(url, source date, evidence, read)], newest source first."""
    if sources is None or sources.empty:
        return {}
    ordered = sources.sort_values("source_until", ascending=False,
                                  key=lambda column: column.map(lambda day: day.isoformat() if day else ""))
    evidence: dict[str, list] = {}
    for row in ordered.itertuples(index=False):
        evidence.setdefault(row.measure_id, []).append((row.url, row.source_date, row.evidence, row.read))
    return evidence


def list_views(measures: pd.DataFrame, lang: str, sources: pd.DataFrame | None = None) -> dict:
    """Everything the measures panel can show under the current filters, as plain data.

    ``measures`` are the filtered measures of all Länder. The page keeps this in the
    ``lists`` store, and assets/app.js ("selection") shows the clicked Land's entry straight
    away, without a round trip; it is sent again only when the filters or the language change."""
    ordered = measures_for_lands(measures, tuple(LAENDER))
    evidence = evidence_by_measure(sources)
    return {
        "lands": {
            ags: {"heading": translate(lang, "measures_heading", land=land.name),
                  "cards": [card_data(row, lang, evidence.get(row["id"])) for _, row in ordered.loc[ordered["ags"] == ags].iterrows()],
                  "empty": translate(lang, "no_measures", land=land.name)}
            for ags, land in LAENDER.items()
        },
        "none": {"heading": translate(lang, "measures_heading_none"), "cards": [],
                 "empty": translate(lang, "no_land_selected")},
        # The compare heading lists the chosen Länder; the browser fills in "{lands}".
        "compare": {"heading": translate(lang, "compare_heading", lands="{lands}"),
                    "hint": translate(lang, "compare_hint")},
        "names": {ags: land.name for ags, land in LAENDER.items()},
        "labels": card_labels(lang),
    }


def grid_rows(measures: pd.DataFrame, lang: str) -> list[dict]:
    """Rows for the AG Grid of the compare view; plain strings only."""
    return [
        {
            "land": LAENDER[row["ags"]].name,
            "category_label": translate(lang, f"category.{row['category']}"),
            "title": row["title"],
            "target_label": ", ".join(translate(lang, f"target.{g}") for g in row["target_groups"]),
            "funding": row["funding"],
            "status_label": translate(lang, f"status.{row['status']}"),
            "checked": row["checked"].isoformat(),
            "url": safe_url(row["url"]),
        }
        for _, row in measures.iterrows()
    ]


def grid_column_defs(lang: str) -> list[dict]:
    headers = {
        "land": "field_land",
        "category_label": "field_category",
        "title": "field_title",
        "target_label": "field_target",
        "funding": "field_funding",
        "status_label": "field_status",
        "checked": "field_checked",
        "url": "field_url",
    }
    columns = []
    for field in GRID_COLUMNS:
        column = {"field": field, "headerName": translate(lang, headers[field])}
        if field == "url":
            column["cellRenderer"] = "ExternalLink"  # assets/app.js, "AG Grid"
        if field in ("title", "funding"):
            column.update(wrapText=True, autoHeight=True, flex=2, minWidth=220)
        columns.append(column)
    return columns


def compare_grid(measures: pd.DataFrame, lang: str) -> dag.AgGrid:
    """The sortable, filterable table of the compared Länder's measures."""
    return dag.AgGrid(id="compare-grid", rowData=grid_rows(measures, lang), columnDefs=grid_column_defs(lang),
                      defaultColDef={"sortable": True, "filter": True, "resizable": True, "flex": 1, "minWidth": 120},
                      dashGridOptions={"domLayout": "autoHeight", "suppressCellFocus": False},
                      className="ag-theme-quartz compare-grid")


# --------------------------------------------------------------------------- tables and notices
def counts_table(counts: pd.Series, selected: Sequence[str], lang: str) -> html.Table:
    """An accessible table with the same numbers as the map."""
    rows = [
        html.Tr(
            [html.Th(LAENDER[ags].name, scope="row"), html.Td(str(int(counts[ags])))],
            className="selected" if ags in selected else None,
        )
        for ags in sorted(LAENDER, key=lambda a: LAENDER[a].name)
    ]
    rows.append(html.Tr([html.Th(translate(lang, "counts_total"), scope="row"), html.Td(str(int(counts.sum())))],
                        className="total"))
    return html.Table(
        [
            html.Caption(translate(lang, "counts_caption")),
            html.Thead(html.Tr([html.Th(translate(lang, "field_land"), scope="col"),
                                html.Th(translate(lang, "hover_count"), scope="col")])),
            html.Tbody(rows),
        ],
        className="counts-table",
    )


ENDING_SOON_DAYS = 183  # "ends within six months"


def timeline(measures: pd.DataFrame, lang: str, today: dt.date | None = None) -> list:
    """The programmes' periods on a time axis with a "today" line, those ending within six
    months flagged: as bars for the eye (hidden from screen readers) and as a table with the
    same facts for everyone. ``measures`` in display order (``measures_for_lands``)."""
    today = today or dt.date.today()
    dated = measures.loc[measures["start_year"].notna() | measures["end_year"].notna()]
    if dated.empty:
        return [html.P(translate(lang, "timeline_empty"), className="hint")]
    years = [int(y) for y in [*dated["start_year"].dropna(), *dated["end_year"].dropna()]]
    first, last = min([*years, today.year]), max([*years, today.year]) + 1
    span = (dt.date(last, 1, 1) - dt.date(first, 1, 1)).days

    def share(day: dt.date) -> float:
        return round(100 * (day - dt.date(first, 1, 1)).days / span, 2)

    bars, rows = [], []
    for _, row in dated.iterrows():
        start = dt.date(int(row["start_year"]), 1, 1) if pd.notna(row["start_year"]) else dt.date(first, 1, 1)
        end = dt.date(int(row["end_year"]), 12, 31) if pd.notna(row["end_year"]) else today
        soon = pd.notna(row["end_year"]) and 0 <= (end - today).days <= ENDING_SOON_DAYS
        flag = translate(lang, "timeline_ending_soon") if soon else ""
        title = row["title_en" if lang == "en" else "title"]
        bars.append(html.Div([html.Span(title, className="timeline-label"),
                              html.Span(className="timeline-bar" + (" ending-soon" if soon else "")
                                        + ("" if pd.notna(row["end_year"]) else " open-end"),
                                        style={"marginLeft": f"{share(start)}%",
                                               "width": f"{max(share(end) - share(start), 1)}%"})],
                             className="timeline-row"))
        rows.append(html.Tr([html.Th(title, scope="row"), html.Td(LAENDER[row["ags"]].name),
                             html.Td(str(int(row["start_year"])) if pd.notna(row["start_year"]) else "–"),
                             html.Td(str(int(row["end_year"])) if pd.notna(row["end_year"])
                                     else translate(lang, "timeline_open")),
                             html.Td(flag)], className="ending-soon" if soon else None))
    axis = html.Div([html.Span(str(year), className="timeline-year", style={"left": f"{share(dt.date(year, 1, 1))}%"})
                     for year in range(first, last + 1, max(1, (last - first) // 8))]
                    + [html.Span(translate(lang, "timeline_today"), className="timeline-today",
                                 style={"left": f"{share(today)}%"})], className="timeline-axis")
    return [
        html.Div([axis, *bars], className="timeline-chart", **{"aria-hidden": "true"}),
        html.Table([html.Caption(translate(lang, "timeline_caption", date=format_date(today, lang))),
                    html.Thead(html.Tr([html.Th(translate(lang, key), scope="col") for key in
                                        ("field_title", "field_land", "period_start", "period_end", "timeline_flag")])),
                    html.Tbody(rows)], className="timeline-table"),
    ]


def compare_matrix(matrix: pd.DataFrame, lang: str) -> html.Table:
    """Categories × Länder: how many measures each compared Land has of each kind.

    An HTML table rather than a chart: screen readers read it cell by cell, and the cells are
    tinted with the map's colour scale so the eye still finds the large numbers first."""
    categories = [c for c in CATEGORIES if c in matrix.columns]
    top = max(int(matrix[categories].to_numpy().max(initial=0)), 1)

    def cell(count: int) -> html.Td:
        return html.Td(str(count), className="matrix-dark" if count / top > 0.5 else None,
                       style={"backgroundColor": scale_colour(count / top)})

    return html.Table(
        [
            html.Caption(translate(lang, "compare_matrix_title")),
            html.Thead(html.Tr([html.Th(translate(lang, "field_category"), scope="col")]
                               + [html.Th(LAENDER[ags].name, scope="col") for ags in matrix.index])),
            html.Tbody([
                html.Tr([html.Th(translate(lang, f"category.{category}"), scope="row")]
                        + [cell(int(matrix.loc[ags, category])) for ags in matrix.index])
                for category in categories
            ]),
        ],
        className="compare-matrix",
    )


def data_notice(load: MeasuresLoad, lang: str):
    """A visible notice listing every invalid row of the measures file, or nothing."""
    if not load.problems:
        return None
    return html.Details(
        [
            html.Summary(translate(lang, "data_notice", count=max(load.rows_skipped, 1))),
            html.Ul([html.Li(str(problem)) for problem in load.problems]),
        ],
        className="notice notice-warning",
        id="data-notice",
    )


def counting_legend(filters: Filters, lang: str, stale: int = 0) -> str:
    """A sentence that says exactly what the map's colours count under the current filters:
    a phrase per filter that is set (``query.FILTERS``), and how many lack confirmation."""
    legend = translate(lang, "legend_counts", conditions="; ".join(filter_phrases(filters, lang)))
    return legend + (translate(lang, "legend_stale", count=stale) if stale else "")


def view_notices(url_notices, lang: str) -> list:
    """The notices about the address, in the page's language. They come back from the
    browser's store, so anything but a known key with a short text is left out."""
    if not isinstance(url_notices, list):
        return []
    return [html.P(translate(lang, n["key"], value=n["value"]), className="notice")
            for n in url_notices[:MAX_NOTICES]
            if isinstance(n, dict) and n.get("key") in NOTICE_KEYS and isinstance(n.get("value"), str)
            and len(n["value"]) <= MAX_NOTICE_VALUE]


# --------------------------------------------------------------------------- the page
def _labelled(label_key: str, control, lang: str, control_id: str):
    return html.Div([text(label_key, lang, tag=html.Label, htmlFor=control_id), control], className="field")


def filters_toggle_label(filters: Filters, lang: str) -> str:
    """"Filter (2 aktiv)": the phone's one-tap disclosure says how many filters narrow the list."""
    count = filters.active_count()
    return translate(lang, "filters_toggle_active", count=count) if count else translate(lang, "filters_heading")


def filter_panel(lang: str) -> html.Section:
    state = ViewState()
    return html.Section(
        [
            text("filters_heading", lang, tag=html.H2, className="filters-heading"),
            # Phones only (app.css): the filters fold away behind this button, so the map comes first.
            html.Button(filters_toggle_label(state.filters, lang), id="filters-toggle", n_clicks=0,
                        className="button secondary filters-toggle",
                        **{"aria-expanded": "false", "aria-controls": "filters-body"}),
            html.Div(filter_controls(state, lang), id="filters-body", className="filters-body"),
        ],
        id="filters",
        className="panel filters",
    )


def filter_controls(state: ViewState, lang: str) -> list:
    return [
        _labelled("filter_text", dcc.Input(id="filter-text", type="search", debounce=0.4, value="",
                                           maxLength=MAX_TEXT_LENGTH, className="text-input",
                                           **props_of("filter-text", lang)), lang, "filter-text"),
        _labelled("filter_category", dcc.Dropdown(id="filter-category", multi=True, value=[],
                                                  **props_of("filter-category", lang)), lang, "filter-category"),
        _labelled("filter_target", dcc.Dropdown(id="filter-target", multi=True, value=[],
                                                **props_of("filter-target", lang)), lang, "filter-target"),
        html.Fieldset([text("filter_status", lang, tag=html.Legend),
                       dcc.Checklist(id="filter-status", value=list(state.statuses), inline=True,
                                     **props_of("filter-status", lang))]),
        html.Fieldset([text("filter_handlungsfeld", lang, tag=html.Legend),
                       dcc.Checklist(id="filter-hf", value=[], **props_of("filter-hf", lang))]),
        html.Fieldset([text("filter_current", lang, tag=html.Legend),
                       dcc.Checklist(id="filter-current", value=[], **props_of("filter-current", lang))]),
        html.Button(text("filter_reset", lang), id="filter-reset", className="button secondary", n_clicks=0),
    ]


def map_panel(geojson: dict, load: MeasuresLoad, lang: str) -> html.Section:
    counts = counts_per_land(load.matching(Filters()))
    return html.Section(
        [
            html.Div(
                [
                    html.Div(
                        _labelled("select_land_label",
                                  dcc.Dropdown(id="land-select", options=land_options(), clearable=True, searchable=True,
                                               **props_of("land-select", lang)),
                                  lang, "land-select"),
                        id="land-select-wrap",
                    ),
                    html.Fieldset(
                        [text("map_mode_label", lang, tag=html.Legend),
                         dcc.RadioItems(id="map-mode", value="measures", inline=True, **props_of("map-mode", lang))],
                        className="mode-field",
                    ),
                    html.Fieldset(
                        [text("mode_label", lang, tag=html.Legend),
                         dcc.RadioItems(id="mode", value="single", inline=True, **props_of("mode", lang))],
                        className="mode-field",
                    ),
                    html.Div(
                        _labelled("compare_select_label", dcc.Dropdown(id="compare-select", options=land_options(),
                                                                       multi=True, value=[],
                                                                       **props_of("compare-select", lang)),
                                  lang, "compare-select"),
                        id="compare-select-wrap", hidden=True,
                    ),
                ],
                className="map-controls",
            ),
            text("map_hint", lang, tag=html.P, className="hint"),
            html.P(counting_legend(Filters(), lang), id="map-legend", className="legend"),
            html.Div(
                dcc.Graph(
                    id="map",
                    figure=choropleth_figure(geojson, counts, (), lang),
                    config={**MAP_CONFIG_BASE,
                            "toImageButtonOptions": {"filename": "weiterbildungskarte", "scale": 2}},
                    className="map",
                    responsive=True,  # fill the CSS height of .map, on phones and projectors alike
                ),
                id="map-region",
                role="region",
                **props_of("map-region", lang),
            ),
            # The map as a vector image for slides and reports (assets/app.js, "map image");
            # the modebar's camera gives the PNG.
            html.Button(text("map_svg", lang), id="map-svg", type="button", className="button secondary map-svg"),
            html.Details([text("counts_heading", lang, tag=html.Summary),
                          html.Div(counts_table(counts, (), lang), id="counts-table")], className="counts"),
        ],
        className="panel map-panel",
    )


def alliance_legend(classes: dict[str, str], lang: str) -> list:
    """The Länderbündnisse map's legend, in words, with how many Länder each class has."""
    counts = {c: sum(1 for value in classes.values() if value == c) for c in ALLIANCE_CLASSES}
    return [html.Span(translate(lang, "alliance_legend_title")),
            html.Ul([html.Li([html.Span(className="swatch", style={"backgroundColor": colour}),
                              translate(lang, f"alliance.{c}"), f" ({counts[c]})"])
                     for c, colour in zip(ALLIANCE_CLASSES, ALLIANCE_COLOURS, strict=True)], className="alliance-legend")]


def alliance_profile(rows: pd.DataFrame, land: str, lang: str) -> list:
    """The Land's alliance for Aus- und Weiterbildung at the top of its list: name, since when,
    lead ministry, partners, Handlungsfeld, whether it is active and since when confirmed."""
    heading = html.H3(translate(lang, "alliance_title", land=LAENDER[land].name))
    if rows.empty:
        return [heading, html.P(translate(lang, "alliance.none"))]
    row = rows.iloc[0]
    english = lang == "en"
    active = " – ".join(filter(None, [translate(lang, f"status.{row['status']}"), *continuation_texts(row, lang)]))
    newest = row["newest_source"]
    fields = [
        ("alliance_name", row["title_en" if english else "title"]),
        ("alliance_since", str(int(row["start_year"])) if pd.notna(row["start_year"]) else ""),
        ("alliance_lead", row["provider"]),
        ("alliance_partners", row["partners"]),
        ("alliance_fields", translate(lang, f"handlungsfeld.{int(row['handlungsfeld'])}")
         if pd.notna(row["handlungsfeld"]) else ""),
        ("alliance_active", active),
        ("alliance_confirmed", format_date(newest, lang) if isinstance(newest, dt.date)
         else translate(lang, "source_date_unknown")),
    ]
    details = [part for key, value in fields if value
               for part in (html.Dt(translate(lang, key)), html.Dd(value))]
    return [heading, html.Dl(details)]


def finder_panel(lang: str) -> html.Section:
    """"Was passt zu mir?": four questions; update_view answers with ``finder_results``."""
    return html.Section(
        [
            text("finder_title", lang, tag=html.H2, id_="finder-title"),
            text("finder_privacy", lang, tag=html.P, className="hint"),
            _labelled("finder_home", dcc.Dropdown(id="finder-home", options=land_options(), clearable=True,
                                                  **props_of("finder-home", lang)), lang, "finder-home"),
            _labelled("finder_work", dcc.Dropdown(id="finder-work", options=land_options(), clearable=True,
                                                  **props_of("finder-work", lang)), lang, "finder-work"),
            html.Fieldset([text("finder_situation", lang, tag=html.Legend),
                           dcc.RadioItems(id="finder-situation", **props_of("finder-situation", lang))]),
            html.Fieldset([text("finder_goal", lang, tag=html.Legend),
                           dcc.RadioItems(id="finder-goal", **props_of("finder-goal", lang))]),
            html.Div(id="finder-results", role="status"),
        ],
        id="finder", className="finder", hidden=True, **{"aria-labelledby": "finder-title"},
    )


def finder_results(matches: pd.DataFrame, leave: pd.DataFrame, state, lang: str) -> list:
    """The programmes that fit, each with one line on why, and the educational leave that
    applies where the person works; or what is still missing to answer."""
    if not (state.home and state.work and state.situation and state.goal):
        return [html.P(translate(lang, "finder_incomplete"), className="hint")]
    english = lang == "en"
    items = []
    for _, row in matches.iterrows():
        land = LAENDER[row["ags"]].name
        basis = row["eligibility"] or "unknown"
        why = "; ".join([translate(lang, f"finder_basis.{basis}", land=land), translate(lang, f"goal_why.{state.goal}")])
        url = safe_url(row["url"])
        title = row["title_en" if english else "title"]
        items.append(html.Li([html.A(title, href=url, target="_blank", rel="noopener noreferrer") if url else title,
                              html.Span(f" ({land})"), html.Br(), html.Span(why, className="finder-why")]))
    found = [html.P(translate(lang, "finder_found", count=len(items))), html.Ul(items, className="finder-list")] \
        if items else [html.P(translate(lang, "finder_none"))]
    work = LAENDER[state.work].name
    if leave.empty:
        leave_line = translate(lang, "finder_leave_none", land=work)
    else:
        first = leave.iloc[0]
        leave_line = translate(lang, "finder_leave", land=work, title=first["title_en" if english else "title"],
                               funding=first["funding_en" if english else "funding"] or translate(lang, "funding_unknown"))
    return [*found, html.P(leave_line, className="finder-leave")]


def measures_panel(lang: str) -> html.Section:
    return html.Section(
        [
            finder_panel(lang),
            # The Land's alliance, when the map shows the Länderbündnisse (update_view fills it).
            html.Section(id="alliance-profile", className="alliance-profile", hidden=True),
            # Both are filled in the browser from the "lists" store (assets/app.js, "selection").
            html.H2(id="measures-heading"),
            text("dates_explained", lang, tag=html.P, className="hint dates-explained"),
            # The periods of the shown programmes on a time axis (update_view fills it).
            html.Details([text("timeline_title", lang, tag=html.Summary), html.Div(id="timeline")],
                         className="timeline", id="timeline-box", hidden=True),
            html.Div(id="measures-body"),
            card_template(),
            html.Div(
                [
                    html.Div(id="compare-matrix"),
                    # The grid is built once AG Grid's code has loaded (it loads with the
                    # comparison, see dashboard/page.py): never in the page before its library.
                    dcc.Store(id="grid-state"),
                    html.Div(id="compare-grid-slot", className="compare-grid-slot"),
                ],
                id="compare-panel", hidden=True,
            ),
            html.Div(
                [html.A(text("sheet_link", lang), id="sheet-link", href="", hidden=True, target="_blank",
                        rel="noopener", className="button secondary sheet-link"),
                 html.Button(text("export_csv", lang), id="export-csv", className="button", n_clicks=0),
                 html.Button(text("export_xlsx", lang), id="export-xlsx", className="button", n_clicks=0),
                 text("export_hint", lang, tag=html.P, className="hint"),
                 # A ministry's page can show this view in a frame, in the compact embed mode
                 # (?einbetten=1); WBK_FRAME_ANCESTORS says which sites may.
                 html.Details([text("embed_title", lang, tag=html.Summary),
                               text("embed_hint", lang, tag=html.P, className="hint"),
                               text("embed_code_label", lang, tag=html.Label, htmlFor="embed-code"),
                               dcc.Textarea(id="embed-code", readOnly=True, className="embed-code", rows=3)],
                              className="embed")],
                className="export",
            ),
        ],
        id="measures",
        className="panel measures-panel",
        tabIndex="-1",
        **{"aria-labelledby": "measures-heading"},
    )


def build_layout(geojson: dict, load: MeasuresLoad, lang: str = "de", feedback_email: str = "") -> html.Div:
    """The whole page, in its default state; callbacks fill it from the URL. With
    ``feedback_email`` every card offers "Fehler melden" to that address."""
    return html.Div(
        [
            # The address is read on load and on back/forward (url), and written through
            # url-query, which callbacks.py puts in the address bar with history.replaceState.
            dcc.Location(id="url", refresh=False),
            dcc.Store(id="url-query"),
            dcc.Store(id="view-state"),
            dcc.Store(id="lists"),  # layout.list_views for the current filters
            dcc.Store(id="map-outline", data=outline_spec(map_locations(geojson))),
            dcc.Store(id="lang", data=lang),
            dcc.Store(id="url-notices", data=[]),
            dcc.Download(id="download"),
            html.A(translate(lang, "skip_link"), href="#measures", className="skip-link",
                   id={"type": I18N, "key": "skip_link"}),
            html.Header(
                [
                    html.Div([text("app_title", lang, tag=html.H1), text("app_subtitle", lang, tag=html.P)]),
                    presenter_bar(lang),
                    html.Div(
                        [
                            html.Button(text("language_switch", lang), id="lang-switch", n_clicks=0,
                                        className="button secondary", lang="en" if lang == "de" else "de"),
                            html.Button(text("finder_open", lang), id="finder-toggle", n_clicks=0,
                                        className="button secondary", **{"aria-controls": "finder"}),
                            html.Button(text("contrast_switch", lang), id="contrast-toggle", n_clicks=0,
                                        className="button secondary", **{"aria-pressed": "false"}),
                            html.Button([text("presenter_open", lang, className="when-windowed"),
                                         text("presenter_close", lang, className="when-presenting")],
                                        id="presenter-toggle", n_clicks=0, className="button"),
                        ],
                        className="header-actions",
                    ),
                ],
                className="app-header",
            ),
            html.Main(
                [
                    html.Div([html.Div([data_notice(load, lang)], id="data-notices"),
                              html.Div(id="view-notices", role="status"),
                              text("callback_error", lang, tag=html.P, hidden=True, role="alert",
                                   className="notice notice-error", id_="callback-error")],
                             className="notices"),
                    filter_panel(lang),
                    map_panel(geojson, load, lang),
                    measures_panel(lang),
                ],
                className="layout",
            ),
            html.Footer(
                [text("attribution_geo", lang, tag=html.P), text("attribution_data", lang, tag=html.P),
                 text("footer_about", lang, tag=html.P),
                 # Open data (dashboard/opendata.py): the whole table, its evidence, the package, the feed.
                 html.P([text("open_data", lang), " ",
                         *[html.A(text(key, lang), href=href, className="open-data-link")
                           for key, href in (("open_data_csv", "/daten/massnahmen.csv"),
                                             ("open_data_json", "/daten/massnahmen.json"),
                                             ("open_data_sources", "/daten/belege.csv"),
                                             ("open_data_package", "/daten/datapackage.json"),
                                             ("open_data_feed", "/feed.xml"))]],
                        className="open-data")],
                className="app-footer",
            ),
        ],
        id="app-root",
        className="app",
        # The keyboard tour (assets/app.js, "presenter") walks the Länder in select-box order.
        **{"data-tour-order": ",".join(f"{o['value']}:{LAENDER[o['value']].short}" for o in land_options()),
           "data-tour": "paused", "data-config": json.dumps(page_config(feedback_email))},
    )


def page_config(feedback_email: str = "") -> dict:
    """The constants assets/app.js needs, from where they are defined, never copied into it."""
    low, high = TOUR_SECONDS_RANGE
    return {
        "feedback_email": feedback_email,
        "tour": {"min": low, "max": high, "default": TOUR_SECONDS_DEFAULT},
        "param": {p.field: p.name for p in PARAMETERS if p.field in ("lands", "interval", "measure", "embed")},
        "link_schemes": list(ALLOWED_URL_SCHEMES),
    }


def presenter_bar(lang: str) -> html.Div:
    """Shown only in presenter mode: the keys, the tour interval and whether the tour runs."""
    low, high = TOUR_SECONDS_RANGE
    return html.Div(
        [
            text("presenter_help", lang, tag=html.P, className="presenter-help"),
            html.Div(
                [text("presenter_interval", lang, tag=html.Label, htmlFor="presenter-interval"),
                 dcc.Input(id="presenter-interval", type="number", min=low, max=high, step=1,
                           value=TOUR_SECONDS_DEFAULT, debounce=True, className="interval-input")],
                className="presenter-interval",
            ),
            html.P([text("presenter_tour_running", lang, className="when-touring"),
                    text("presenter_tour_paused", lang, className="when-paused")],
                   className="tour-status", role="status"),
        ],
        className="presenter-bar",
    )
