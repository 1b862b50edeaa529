"""The French catalog keeps up with the code: every string wrapped, every wrapped string translated, the .mo current.

When one of these fails after you add a page or a message, follow README "How to translate a new string".
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from indexer.interface import FILTER_FIELDS, QueryError
from indexer.query import parse_query
from kb.documents import KINDS
from kb.resolutions import PILLARS
from webui import create_app
from webui.languages import ENGINE_MESSAGES, FACET_NAMES, KIND_LABELS, PILLAR_LABELS

ROOT = Path(__file__).resolve().parents[1]
WEBUI = ROOT / "webui"
TEMPLATES = WEBUI / "templates"
FRENCH_PO = WEBUI / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
FRENCH_MO = FRENCH_PO.with_suffix(".mo")
FIX = "run `make translations`, translate in messages.po, run it again (README: How to translate a new string)"


def extracted_ids() -> set[str]:
    """The msgids the code and templates use, found as `pybabel extract -F babel.cfg webui` finds them."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    ids = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(WEBUI, method_map, options_map):
        ids.add(message[0] if isinstance(message, tuple) else message)
    return ids


def french_catalog():
    with open(FRENCH_PO, "rb") as po:
        return read_po(po, locale="fr")


def test_extraction_finds_the_interface_strings():
    ids = extracted_ids()
    # One from a template, one from a macro, one ngettext, one from Python (searching.py, languages.py).
    for msgid in ("Skip to main content", "Copy citation", "%(num)s passage", "unknown document '%(value)s'",
                  "Relief and recovery"):
        assert msgid in ids


def test_every_string_is_translated():
    catalog = french_catalog()
    problems = []
    for msgid in sorted(extracted_ids()):
        message = catalog.get(msgid)
        if message is None:
            problems.append(f"not in messages.po: {msgid!r}")
        elif message.fuzzy:
            problems.append(f"fuzzy (check and remove the flag): {msgid!r}")
        elif not all(message.string) if isinstance(message.string, tuple) else not message.string:
            problems.append(f"no French yet: {msgid!r}")
    assert not problems, "\n".join(problems + [FIX])


def test_no_stale_strings_in_the_catalog():
    wanted = extracted_ids()
    stale = [m.id for m in french_catalog() if m.id and (m.id[0] if isinstance(m.id, tuple) else m.id) not in wanted]
    assert not stale, (stale, FIX)


def test_translations_keep_their_placeholders():
    """Babel's checks: the same %(name)s placeholders in French as in English, plural forms complete."""
    catalog = french_catalog()
    errors = [(message.id, [str(e) for e in found]) for message, found in catalog.check()]
    assert not errors, errors
    for message in catalog:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        french = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(re.findall(r"%\((\w+)\)s", english[-1])) | set(re.findall(r"\{(\w+)\}", english[-1]))
        for form in french:
            found = set(re.findall(r"%\((\w+)\)s", form)) | set(re.findall(r"\{(\w+)\}", form))
            assert found == wanted, (message.id, form)


def test_french_plural_rule():
    catalog = french_catalog()
    assert catalog.plural_forms == "nplurals=2; plural=(n > 1);"


def _key(value):
    return tuple(value) if isinstance(value, (tuple, list)) else value


def test_compiled_catalog_is_current():
    """The committed .mo holds exactly the .po's translations (compare the messages, not the bytes)."""
    with open(FRENCH_MO, "rb") as mo:
        compiled = {_key(m.id): _key(m.string) for m in read_mo(mo) if m.id}
    source = {_key(m.id): _key(m.string) for m in french_catalog() if m.id and not m.fuzzy and
              (all(m.string) if isinstance(m.string, (tuple, list)) else m.string)}
    assert compiled == source, f"messages.mo is stale: {FIX}"


# --- nothing a reader sees is left unwrapped -----------------------------------------------------

# Attributes a reader (or a screen reader) perceives.
READ_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt", "content", "summary"}
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
CLASS_BLOCK = re.compile(r"\{% block body_class %\}.*?\{% endblock %\}", re.S)  # a class name, not text
# What may stay as is: acronyms and format names ("CSV", "JSON"), symbols, numbers.
WORD = re.compile(r"[A-Za-zÀ-ÿ]*[a-zà-ÿ][A-Za-zÀ-ÿ]*")


class _TextFinder(HTMLParser):
    """Collects text and read attributes outside Jinja expressions, skipping elements marked with a lang."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.stack: list[bool] = []  # per open element: inside content marked lang="..."

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        exempt = (self.stack[-1] if self.stack else False) or "lang" in attributes and tag != "html"
        for name, value in attributes.items():
            if name in READ_ATTRIBUTES and name != "content" or (name == "content" and tag == "meta"
                                                                  and attributes.get("name") == "description"):
                if value and WORD.search(value) and not exempt:
                    self.found.append(f"{tag}[{name}]={value!r}")
        if tag not in ("meta", "link", "input", "br", "img", "hr", "source"):
            self.stack.append(exempt)

    def handle_endtag(self, tag):
        if self.stack and tag not in ("meta", "link", "input", "br", "img", "hr", "source"):
            self.stack.pop()

    def handle_data(self, data):
        if WORD.search(data) and not (self.stack and self.stack[-1]):
            self.found.append(repr(" ".join(data.split())))


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_template_text_is_wrapped_for_translation(template):
    """Every word a reader sees in a template comes from {{ _("...") }} (or sits in an element with a lang)."""
    source = (TEMPLATES / template).read_text(encoding="utf-8")
    finder = _TextFinder()
    finder.feed(JINJA.sub("\u2060", CLASS_BLOCK.sub("", source)))
    assert not finder.found, f"wrap these in {{{{ _(\"...\") }}}} in {template}: {finder.found}"


# --- the labels behind the filters and tags ------------------------------------------------------

@pytest.mark.parametrize(("labels", "values"), [
    (KIND_LABELS, KINDS), (PILLAR_LABELS, PILLARS), (FACET_NAMES, FILTER_FIELDS),
])
def test_every_value_has_a_label(labels, values):
    assert set(labels) == set(values)
    for value, label in labels.items():
        assert label == value.capitalize()  # English pages read as before


@pytest.mark.parametrize("text", ["***", "\ufdfa" * 300])
def test_engine_messages_are_in_the_catalog(text):
    """Pages translate the engine's QueryError messages by looking them up: they must not drift."""
    with pytest.raises(QueryError) as raised:
        parse_query(text)
    assert str(raised.value) in ENGINE_MESSAGES


# --- locale-aware formatting --------------------------------------------------------------------

@pytest.fixture(scope="module")
def app():
    from fake_kb import FakeBackend

    return create_app({"TESTING": True, "BACKEND": FakeBackend()})


@pytest.mark.parametrize(("lang", "number", "expected"), [
    ("en", 4213, "4213th"), ("en", 6453, "6453rd"), ("en", 7532, "7532nd"), ("en", 5911, "5911th"),
    ("en", 1, "1st"), ("en", 11, "11th"), ("en", 12, "12th"), ("en", 13, "13th"), ("en", 21, "21st"),
    ("fr", 1, "1er"), ("fr", 2, "2e"), ("fr", 4213, "4213e"),
])
def test_ordinal(app, lang, number, expected):
    from webui.languages import ordinal

    with app.test_request_context(f"/?lang={lang}"):
        assert ordinal(number) == expected


@pytest.mark.parametrize(("lang", "value", "expected"), [
    ("en", "2000-10-31", "31 October 2000"), ("fr", "2000-10-31", "31 octobre 2000"),
    ("fr", "2000-03-01", "1er mars 2000"), ("en", "2000-03-01", "1 March 2000"),
    ("fr", "2019-04", "2019-04"), ("en", "2015", "2015"), ("fr", "", ""), ("en", "not a date", "not a date"),
])
def test_long_date(app, lang, value, expected):
    from webui.languages import long_date

    with app.test_request_context(f"/?lang={lang}"):
        assert long_date(value) == expected


@pytest.mark.parametrize(("lang", "value", "expected"), [
    ("en", "2026-03-12T14:05:09+00:00", "12 March 2026 at 14:05 UTC"),
    ("fr", "2026-03-12T14:05:09+00:00", "12 mars 2026 à 14:05 UTC"),
    ("fr", "2026-03-12T23:30:00-02:00", "13 mars 2026 à 01:30 UTC"),
    ("en", "yesterday", "yesterday"),
])
def test_long_datetime(app, lang, value, expected):
    from webui.languages import long_datetime

    with app.test_request_context(f"/?lang={lang}"):
        assert long_datetime(value) == expected


@pytest.mark.parametrize(("lang", "count", "expected"), [
    ("en", 0, "0 passages"), ("en", 1, "1 passage"), ("en", 2, "2 passages"), ("en", 12345, "12,345 passages"),
    ("fr", 0, "0 passage"), ("fr", 1, "1 passage"), ("fr", 2, "2 passages"),
    ("fr", 12345, "12\u202f345 passages"),
])
def test_plurals_and_numbers(app, lang, count, expected):
    with app.test_request_context(f"/?lang={lang}"):
        template = app.jinja_env.from_string(
            '{{ ngettext("%(num)s passage", "%(num)s passages", n, num=n | numberformat) }}')
        assert template.render(n=count) == expected


# --- the commitments vocabulary (kb.commitments keeps English for the API; pages translate) ------

def test_commitment_labels_cover_kb_and_read_as_before_in_english():
    from kb.commitments import ADDRESSEES, Strength
    from webui.languages import ADDRESSEE_LABELS, ADDRESSEE_THINGS, STRENGTH_LABELS

    assert STRENGTH_LABELS == {s.value: s.label for s in Strength}
    assert ADDRESSEE_LABELS == ADDRESSEES
    assert set(ADDRESSEE_THINGS) == set(ADDRESSEES)
    for slug, label in ADDRESSEES.items():  # outside a request: English
        assert ADDRESSEE_THINGS[slug](1) == f"{label} 1 thing"
        assert ADDRESSEE_THINGS[slug](5) == f"{label} 5 things"
