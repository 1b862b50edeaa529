"""`wpskb export --offline DIR` over the session index: every link resolves, the index holds every passage,
a foreign folder is refused, and a failed export leaves the destination as it was."""

from __future__ import annotations

import json
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from webui.cli import cli
from webui.offline import MARKER, PackRefused, export_offline
from webui.offline.pack_dir import check_destination, staged_pack


class _PageLinks(HTMLParser):
    """Every (tag, attribute, value) that holds an address, every id, and the scripts and styles loaded."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src", "action", "poster", "formaction") and value is not None:
                self.links.append((tag, name, value))

    handle_startendtag = handle_starttag


def _parse(path: Path) -> _PageLinks:
    parser = _PageLinks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def pack(index_root, tmp_path_factory):
    from webui import create_app

    destination = tmp_path_factory.mktemp("offline") / "pack"
    report = export_offline(create_app({"TESTING": True, "INDEX_DIR": str(index_root)}), destination)
    return destination, report


@pytest.fixture(scope="module")
def pages(pack):
    root, _ = pack
    return {p.relative_to(root).as_posix(): _parse(p) for p in sorted(root.rglob("*.html"))}


def test_pack_holds_every_page_of_the_site(pack, knowledge_base):
    root, report = pack
    expected = ["index.html", "search.html", "resolutions.html", "glossary.html", "documents.html", "about.html"]
    expected += [f"resolutions/{n}.html" for n in knowledge_base.resolutions]
    expected += [f"glossary/{t.slug}.html" for t in knowledge_base.glossary]
    expected += [f"documents/{d.id}.html" for d in knowledge_base.documents]
    assert sorted(p for p in expected if not (root / p).is_file()) == []
    assert report.pages == len(expected)
    assert report.size == sum(f.stat().st_size for f in root.rglob("*") if f.is_file())


def _live_ids(client, page: str) -> set[str]:
    """The ids of the live page a pack page was made from."""
    path = "/" if page == "index.html" else "/" + page.removesuffix(".html")
    parser = _PageLinks()
    parser.feed(client.get(path).get_data(as_text=True))
    return parser.ids


def test_every_relative_link_resolves_to_a_file_and_its_anchor(pack, pages, client):
    """Every file exists; every anchor exists unless the live page lacks it too (the export breaks none)."""
    root, _ = pack
    broken = []
    for page, parsed in pages.items():
        for tag, attribute, value in parsed.links:
            parts = urlsplit(value)
            if parts.scheme or value.startswith("//"):
                continue
            target_page = page
            if parts.path:
                target = ((root / page).parent / unquote(parts.path)).resolve()
                if not target.is_file() or root.resolve() not in target.parents:
                    broken.append((page, value, "no such file"))
                    continue
                if target.suffix != ".html":
                    continue
                target_page = target.relative_to(root.resolve()).as_posix()
            anchor = unquote(parts.fragment)
            if anchor and anchor not in pages[target_page].ids and target_page != "search.html":
                if anchor in _live_ids(client, target_page):
                    broken.append((page, value, "anchor lost in the export"))
    assert broken == []


def test_links_to_other_pages_mostly_carry_anchors_that_exist(pages):
    """A guard for the test above: the pack has many cross-page anchors, and they resolve."""
    checked = [(page, value) for page, parsed in pages.items() for _, _, value in parsed.links
               if "#" in value and not value.startswith("#") and not urlsplit(value).scheme]
    assert len(checked) > 100
    resolved = sum(1 for page, value in checked
                   if urlsplit(value).fragment in pages.get(posixpath.normpath(posixpath.join(
                       posixpath.dirname(page), unquote(urlsplit(value).path))), _PageLinks()).ids)
    assert resolved / len(checked) > 0.98


def test_no_absolute_internal_address_is_left(pages):
    absolute = [(page, value) for page, parsed in pages.items() for _, _, value in parsed.links
                if value.startswith("/") and not value.startswith("//")]
    assert absolute == []


def test_scripts_and_styles_are_local_files(pages):
    outside = [(page, tag, value) for page, parsed in pages.items() for tag, attribute, value in parsed.links
               if tag in ("script", "link", "img") and (urlsplit(value).scheme or value.startswith("//")
                                                       or "api/" in value)]
    assert outside == []
    home = pages["index.html"]
    assert ("link", "href", "static/style.css") in home.links
    assert ("script", "src", "static/app.js") in home.links


def test_no_service_worker_api_or_suggest_in_the_pack(pack):
    root, _ = pack
    assert not (root / "sw.js").exists() and not (root / "static" / "sw.js").exists()
    for page in root.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert 'href="/api' not in text and "data-suggest" not in text, page
        assert '<html lang="en" data-offline="pack">' in text, page


def test_search_forms_go_to_the_offline_search_page(pages):
    assert ("form", "action", "../search.html") in pages["resolutions/1325.html"].links
    assert ("form", "action", "search.html") in pages["index.html"].links
    assert ("a", "href", "search.html?q=1325+op+8") in pages["index.html"].links


def test_json_index_holds_every_passage_with_a_working_url(pack, pages, knowledge_base):
    root, report = pack
    index = json.loads((root / "search-index.json").read_text(encoding="utf-8"))
    by_id = {p["id"]: p for p in index["passages"]}
    assert set(by_id) == {p.id for p in knowledge_base.passages()}
    assert report.passages == len(by_id)
    for entry in index["passages"]:
        assert {"id", "title", "type", "url", "text"} <= entry.keys()
        file, _, anchor = entry["url"].partition("#")
        assert file in pages, entry["url"]
        assert not anchor or anchor in pages[file].ids, entry["url"]
    glossary = {name for term in index["glossary"] for name in term["names"]}
    assert {"SEA", "GBV", "CRSV", "Gender mainstreaming"} <= glossary


def test_index_script_assigns_the_same_object(pack):
    root, _ = pack
    script = (root / "search-index.js").read_text(encoding="utf-8")
    prefix = "window.WPSKB_INDEX = "
    assert script.startswith(prefix) and script.rstrip().endswith(";")
    assert json.loads(script[len(prefix):].rstrip().rstrip(";")) == json.loads(
        (root / "search-index.json").read_text(encoding="utf-8"))


def test_marker_lists_every_file_written(pack):
    root, _ = pack
    marker = json.loads((root / MARKER).read_text(encoding="utf-8"))
    on_disk = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert sorted([*marker["files"], MARKER]) == on_disk
    assert marker["format"] == "wpskb-offline-pack"


def test_original_files_are_copied_where_the_download_link_points(pack, pages):
    root, _ = pack
    links = [value for _, _, value in pages["documents/police-gender-guide.html"].links if "originals/" in value]
    assert links == ["../originals/police-gender-guide.txt"]
    assert (root / "originals" / "police-gender-guide.txt").stat().st_size > 10_000


@pytest.mark.parametrize("contents, force, refused", [
    ({}, False, False),                                        # empty folder
    ({"notes.txt": "mine"}, False, True),                     # somebody's files
    ({"notes.txt": "mine"}, True, False),                     # ... replaced when asked to
    ({MARKER: "{}", "index.html": "old pack"}, False, False),  # a previous pack
])
def test_destination_rules(tmp_path, contents, force, refused):
    destination = tmp_path / "dest"
    destination.mkdir()
    for name, text in contents.items():
        (destination / name).write_text(text)
    if refused:
        with pytest.raises(PackRefused):
            check_destination(destination, force=force)
    else:
        check_destination(destination, force=force)


@pytest.mark.parametrize("which", ["home", "cwd"])
def test_force_never_replaces_a_folder_holding_something_precious(tmp_path, which):
    (tmp_path / "notes.txt").write_text("mine")
    precious = tmp_path / "sub" / which
    precious.mkdir(parents=True)
    with pytest.raises(PackRefused, match="refusing to replace"):
        check_destination(tmp_path, force=True, protected=(precious,))


def test_destination_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(PackRefused, match="is a file"):
        check_destination(tmp_path / "file")


@pytest.mark.parametrize("existing", [False, True])
def test_a_failed_export_leaves_the_destination_as_it_was(tmp_path, existing):
    destination = tmp_path / "pack"
    if existing:
        destination.mkdir()
        (destination / MARKER).write_text("{}")
        (destination / "index.html").write_text("old pack")
    with pytest.raises(RuntimeError):
        with staged_pack(destination) as staging:
            (staging / "index.html").write_text("half a new pack")
            raise RuntimeError("disk full")
    if existing:
        assert sorted(p.name for p in destination.iterdir()) == ["index.html", MARKER]
        assert (destination / "index.html").read_text() == "old pack"
    else:
        assert not destination.exists()
    assert [p.name for p in tmp_path.iterdir()] == (["pack"] if existing else [])


def test_cli_exports_then_replaces_its_own_pack(runner, index_root, tmp_path):
    destination = tmp_path / "usb" / "wpskb"
    first = runner.invoke(cli, ["export", "--offline", str(destination), "--index", str(index_root)])
    assert first.exit_code == 0, first.output
    assert "Offline pack:" in first.output and "MB" in first.output
    (destination / "stale.html").write_text("from an older export")
    again = runner.invoke(cli, ["export", "--offline", str(destination), "--index", str(index_root)])
    assert again.exit_code == 0, again.output
    assert (destination / "index.html").is_file() and not (destination / "stale.html").exists()
    assert [p.name for p in destination.iterdir() if p.name.startswith(".")] == []


def test_cli_refuses_a_foreign_folder_unless_forced(runner, index_root, tmp_path):
    destination = tmp_path / "documents"
    destination.mkdir()
    (destination / "thesis.docx").write_text("years of work")
    refused = runner.invoke(cli, ["export", "--offline", str(destination), "--index", str(index_root)])
    assert refused.exit_code == 2
    assert "not empty" in refused.output and "--force" in refused.output
    assert [p.name for p in destination.iterdir()] == ["thesis.docx"]
    forced = runner.invoke(cli, ["export", "--offline", str(destination), "--index", str(index_root), "--force"])
    assert forced.exit_code == 0, forced.output
    assert (destination / "index.html").is_file() and not (destination / "thesis.docx").exists()
