"""Reliability under faults (issue #22): a bad evidence file, a planted snapshot folder, a
character XML cannot carry: each is a named problem, the last good data keeps serving, and
nothing that another user could plant is ever read as data."""

from __future__ import annotations

import os
import shutil

import pytest

from dashboard import validate
from dashboard.data import MEASURES_PATH, SOURCES_PATH, MeasuresStore, private_folder
from tests.conftest import row


@pytest.fixture
def data_copy(tmp_path):
    """The shipped data set in a folder of its own."""
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("measures.csv", "sources.csv", "changes.csv", "manifest.json"):
        shutil.copy(MEASURES_PATH.with_name(name), folder / name)
    return folder


def confirmed(store) -> int:
    return int(store().measures["continuation"].isin(("term", "law", "source")).sum())


def test_an_evidence_file_saved_with_semicolons_is_named_and_the_last_good_set_keeps_serving(data_copy, tmp_path, capsys):
    store = MeasuresStore(data_copy / "measures.csv", state_dir=tmp_path / "state")
    before = confirmed(store)
    assert before > 50 and store.health().ok
    assert set(store.health().files.values()) == {"ok"} and len(store.health().files) == 3
    sources = data_copy / "sources.csv"
    sources.write_text(SOURCES_PATH.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    assert confirmed(store) == before  # not every card turned "nicht bestätigt"
    health = store.health()
    assert not health.ok and any("saved with ';'" in why for why in health.why)
    assert health.files["measures.csv"] == "ok" and "saved with ';'" in health.files["sources.csv"]
    # a worker started now serves the last good set, with its evidence, and says why
    restarted = MeasuresStore(data_copy / "measures.csv", state_dir=tmp_path / "state")
    assert confirmed(restarted) == before and not restarted.health().ok
    assert validate.main([str(data_copy / "measures.csv")]) == 1
    assert f"{sources}:1: expected columns measure_id, url" in capsys.readouterr().out


@pytest.mark.parametrize("plant", ["open_to_all", "symlink", "foreign_owner"])
def test_a_planted_or_shared_state_folder_is_never_read(data_copy, tmp_path, plant):
    state = tmp_path / "state"
    if plant == "open_to_all":
        state.mkdir(mode=0o777)
        os.chmod(state, 0o777)  # as a folder created by anyone in /tmp would be
    elif plant == "symlink":
        (tmp_path / "elsewhere").mkdir(mode=0o700)
        state.symlink_to(tmp_path / "elsewhere")
    else:
        state.mkdir(mode=0o700)
        os.chown(state, 65534, 65534)  # nobody's
    assert private_folder(state) is None
    store = MeasuresStore(data_copy / "measures.csv", state_dir=state)
    assert len(store().measures) > 100  # the app runs on its own data
    assert not any(state.iterdir()) if plant != "symlink" else not any((tmp_path / "elsewhere").iterdir())


def test_the_default_state_folder_is_this_users_own_and_private(data_copy, monkeypatch, tmp_path):
    monkeypatch.delenv("WBK_STATE_DIR", raising=False)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    store = MeasuresStore(data_copy / "measures.csv")
    assert store.state_dir == tmp_path / f"weiterbildungskarte-{os.getuid()}"
    assert (store.state_dir.stat().st_mode & 0o777) == 0o700
    assert sorted(p.name for p in store.snapshot.iterdir()) == ["changes.csv", "measures.csv", "sources.csv"]


@pytest.mark.parametrize("character", ["\ufffe", "\uffff", "\ufdd0", "\U0001fffe"])
def test_characters_xml_cannot_carry_are_problems_by_line_and_column(measures_file, capsys, character):
    path = measures_file([row(id="by-gut", title="Gut"), row(summary=f"Text mit {character} darin")])
    assert validate.main([str(path), "--min-per-land", "0"]) == 1
    assert any(line.startswith(f"{path}:3:summary: contains a control character or one XML cannot carry")
               for line in capsys.readouterr().out.splitlines())


def test_a_cleaned_file_serves_again_after_a_bad_one(data_copy, tmp_path):
    sources = data_copy / "sources.csv"
    good = sources.read_bytes()
    store = MeasuresStore(data_copy / "measures.csv", state_dir=tmp_path / "state")
    store()
    sources.write_bytes(b"not;a;sources;file\n")
    assert not store.health().ok
    sources.write_bytes(good)
    assert store().measures is not None and store.health().ok


def test_a_forged_host_never_reaches_a_link_once_the_public_address_is_set(monkeypatch):
    from dashboard.app import create_app
    monkeypatch.setenv("WBK_PUBLIC_URL", "https://weiterbildung.example.de/")
    client = create_app().server.test_client()
    for path in ("/feed.xml", "/sitemap.xml", "/robots.txt", "/land/BY", "/blatt/BY", "/?land=BY"):
        text = client.get(path, headers={"Host": "evil.example"}).get_data(as_text=True)
        assert "evil.example" not in text, path
        assert path == "/?land=BY" or "https://weiterbildung.example.de/" in text, path


@pytest.mark.parametrize("value", ["javascript:alert(1)", "https://", "https://x.example/?a=1", "ftp://x.example",
                                   "https://user:pw@x.example"])
def test_a_public_address_that_is_not_one_is_refused_at_start(monkeypatch, value):
    from dashboard.server import ServerSettings
    monkeypatch.setenv("WBK_PUBLIC_URL", value)
    with pytest.raises(ValueError, match="WBK_PUBLIC_URL must be an address"):
        ServerSettings.from_env()


def _view_request(app) -> dict:
    """A well-formed request for the language switch's callback (pattern-matching lists)."""
    output = next(o for o in app.callback_map if "i18n" in o)
    spec = app.callback_map[output]
    from tests.test_fuzz import dependency, parse_outputs
    return {"output": output, "outputs": parse_outputs(output),
            "inputs": [dependency(d, "de") for d in spec["inputs"]],
            "state": [dependency(d, None) for d in spec.get("state", [])], "changedPropIds": []}


def test_three_forged_callback_shapes_are_refused_with_400():
    from dashboard.app import create_app
    app = create_app()
    client = app.server.test_client()
    client.get("/")
    deep = b"[" * 1000 + b"]" * 1000  # 2 KB, nested a thousand deep
    assert client.post("/_dash-update-component", data=deep, content_type="application/json").status_code == 400
    export = {"output": "download.data", "outputs": {"id": "lang", "property": "data"},  # another callback's output
              "inputs": [{"id": "export-csv", "property": "n_clicks", "value": 1},
                         {"id": "export-xlsx", "property": "n_clicks", "value": 0}],
              "state": [{"id": "view-state", "property": "data", "value": {}}], "changedPropIds": ["export-csv.n_clicks"]}
    assert client.post("/_dash-update-component", json=export).status_code == 400
    body = _view_request(app)
    body["state"] = [entry if not isinstance(entry, list) else entry[:1] for entry in body["state"]]  # 1 of 2
    body["outputs"] = [[{"id": {"type": "i18n", "key": f"k{i}"}, "property": "children"} for i in range(2)]
                       if isinstance(o, dict) and isinstance(o["id"], dict) else o for o in body["outputs"]]
    assert client.post("/_dash-update-component", json=body).status_code == 400


def test_the_data_notice_is_the_datas_as_it_is_now_in_both_languages(tmp_path):
    """A row that goes bad after the page was built is noticed on the next view, in the page's
    language; once mended, the notice is gone."""
    from dashboard.callbacks import update_view
    from dashboard.figures import map_locations
    from dashboard.data import load_geojson, GEOJSON_PATH
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("measures.csv", "sources.csv", "changes.csv"):
        shutil.copy(MEASURES_PATH.with_name(name), folder / name)
    store = MeasuresStore(folder / "measures.csv", state_dir=tmp_path / "state")
    locations = map_locations(load_geojson(GEOJSON_PATH))

    def notice(lang: str) -> str:
        answer = update_view(store(), locations, None, f"?lang={lang}", None, {}, None, None, {})
        return str(answer["panels"]["notices"]["data"])

    assert notice("de") == "[None]"
    good = (folder / "measures.csv").read_text(encoding="utf-8")
    lines = good.splitlines(keepends=True)
    lines[5] = lines[5].replace(",running,", ",laeuft-vielleicht,", 1)
    (folder / "measures.csv").write_text("".join(lines), encoding="utf-8")
    assert "Zeile(n) der Maßnahmendatei sind fehlerhaft" in notice("de")
    assert "row(s) of the programme file are invalid" in notice("en")
    (folder / "measures.csv").write_text(good, encoding="utf-8")
    assert notice("de") == "[None]"


@pytest.mark.parametrize("value", ["'self'; script-src *", "https://a.example,https://b.example", "'unsafe-inline'",
                                   "javascript:x"])
def test_who_may_embed_must_be_sources_not_directives(monkeypatch, value):
    from dashboard.server import ServerSettings
    monkeypatch.setenv("WBK_FRAME_ANCESTORS", value)
    with pytest.raises(ValueError, match="WBK_FRAME_ANCESTORS"):
        ServerSettings.from_env()


def test_small_leaks_are_closed(monkeypatch):
    from dashboard.app import create_app
    monkeypatch.setenv("WBK_FORCE_HTTPS", "1")
    client = create_app().server.test_client()
    # without a trusted proxy, a client's own "X-Forwarded-Proto: https" does not skip the redirect
    assert client.get("/", headers={"X-Forwarded-Proto": "https"}).status_code in (301, 302)
    page = client.get("/", base_url="https://localhost").get_data(as_text=True)
    assert '"dash_version"' not in page
    assert client.get("/_reload-hash", base_url="https://localhost").status_code == 404
    csv_type = client.get("/daten/massnahmen.csv", base_url="https://localhost").headers["Content-Type"]
    assert csv_type == "text/csv; charset=utf-8"


def test_the_shipped_manifest_is_the_shipped_files():
    """data/manifest.json records the measures file as accepted (validate --accept)."""
    import json

    from dashboard.data import file_digest
    manifest = json.loads(MEASURES_PATH.with_name("manifest.json").read_text(encoding="utf-8"))
    assert manifest["sha256"] == file_digest(MEASURES_PATH), "run: python -m dashboard.validate --accept"


def test_a_file_that_lost_its_last_rows_is_not_served_until_a_maintainer_accepts_it(data_copy, tmp_path, capsys):
    path = data_copy / "measures.csv"
    store = MeasuresStore(path, state_dir=tmp_path / "state")
    whole = len(store().every_row)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-2]), encoding="utf-8")  # cut at a line end: every row left is valid
    assert len(store().every_row) == whole  # the last good data keeps serving
    assert any("rows are missing" in why for why in store.health().why)
    assert validate.main([str(path)]) == 1 and "were accepted: rows are missing" in capsys.readouterr().out
    gone = [line.split(",", 1)[0] for line in lines[-2:]]  # a meant removal takes the evidence along
    sources = data_copy / "sources.csv"
    sources.write_text("".join(line for line in sources.read_text(encoding="utf-8").splitlines(keepends=True)
                               if line.split(",", 1)[0] not in gone), encoding="utf-8")
    assert validate.main([str(path), "--accept"]) == 0  # the removal was meant
    assert len(store().every_row) == whole - 2 and store.health().ok
