"""Hostile queries never hurt the server: each is answered as plain words or refused with a 400.

The same table goes through the engine directly and through the Flask app (JSON API and
HTML page), over the real corpus index. A query is also bounded in time: the engine's
deadline cuts a search short and returns what it found with ``timed_out`` set.
"""

from __future__ import annotations

import time

import pytest
from whoosh import query as wq

from indexer.analysis import english_terms, french_terms
from indexer.deadline import Deadline
from indexer.engine import open_backend
from indexer.interface import QueryError, SearchQuery
from indexer.query import MAX_PREFIX_WORDS, MAX_QUERY_WORDS, build_slots, parse_query

HOSTILE: list[tuple[str, str]] = [
    ("fuzzy", "gender~9"),
    ("fuzzy-bare", "gender~"),
    ("leading-wildcard", "*ender"),
    ("only-wildcards", "* ? *"),
    ("range", "[a TO zzzz]"),
    ("range-braces", "{a TO z}"),
    ("field", "title:x"),
    ("field-group", "title:(gender OR police)"),
    ("boost", "gender^999"),
    ("operators", "NOT gender AND OR"),
    ("quote-open", '"unbalanced quote'),
    ("quotes-many", '"""""gender"""'),
    ("paren-open", "((gender"),
    ("paren-close", "gender))))"),
    ("nested-200", "(" * 200 + "gender" + ")" * 200),
    ("nul", "gen\x00der"),
    ("nul-only", "\x00\x00\x00"),
    ("controls", "gender\x1b[31m\x07police"),
    ("lone-surrogate", "gender \ud800 police"),
    ("surrogate-only", "\udcff"),
    ("bidi-zero-width", "\u202e\u200bgender\ufeff"),
    ("fullwidth", "ｇｅｎｄｅｒ"),
    ("emoji", "🙂 gender 👮‍♀️"),
    ("arabic-digits", "١٣٢٥"),
    ("expanding-ligature", "\ufdfa" * 400),
    ("10000-chars", "gender " * 1430),
    ("1000-words", " ".join(f"word{i}" for i in range(1000))),
    ("5000-letter-word", "a" * 5000),
    ("499-letter-word", "g" * 499),
    ("32-prefixes", " ".join(f"{w}*" for w in ("gen", "sex", "vio", "pol", "wom", "con", "pro", "par") * 4)),
    ("backslashes", "\\\\ gender \\"),
    ("html", "<script>alert(1)</script> gender"),
    ("sql", "gender' OR 1=1; --"),
    ("percent", "%00 %2e%2e%2f gender"),
    ("long-hyphenated", "-".join(["women"] * 80)),
]
IDS = [name for name, _ in HOSTILE]
DOES_NOT_HANG = 10.0  # seconds: generous, proves only that a query returns


@pytest.mark.parametrize("text", [t for _, t in HOSTILE], ids=IDS)
def test_engine_answers_or_refuses(backend, text):
    started = time.monotonic()
    try:
        results = backend.search(SearchQuery(text))
    except QueryError as error:
        assert str(error)
    else:
        assert results.total >= 0 and isinstance(results.timed_out, bool)
    assert time.monotonic() - started < DOES_NOT_HANG


@pytest.mark.parametrize("text", [t for _, t in HOSTILE], ids=IDS)
def test_api_answers_or_refuses(client, text):
    response = client.get("/api/search", query_string={"q": _sendable(text)})
    assert response.status_code in (200, 400), response.data[:300]
    body = response.get_json()
    if response.status_code == 400:
        assert set(body) == {"error", "status"} and body["status"] == 400 and body["error"]
    else:
        assert {"results", "total", "timed_out"} <= set(body)


@pytest.mark.parametrize("text", [t for _, t in HOSTILE], ids=IDS)
def test_search_page_answers_or_refuses(client, text):
    response = client.get("/search", query_string={"q": _sendable(text)})
    assert response.status_code in (200, 400), response.data[:300]
    assert response.mimetype == "text/html"
    assert b"Traceback" not in response.data


@pytest.mark.parametrize("raw", ["gender%ED%A0%80", "%ED%B3%BF", "%FF%FE", "%C0%AF%C0%AF", "gender%00", "%F4%90%80%80"])
def test_undecodable_bytes_in_the_url(client, raw):
    for path in ("/api/search?q=", "/search?q="):
        response = client.get(path + raw)
        assert response.status_code in (200, 400), (path, raw, response.data[:300])


def _sendable(text: str) -> str:
    """What a browser can send: lone surrogates have no UTF-8 form, so they arrive replaced."""
    return text.encode("utf-8", "replace").decode("utf-8")


# --- the caps, one by one ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "words"), [
    ("gen\x00der", ("gen", "der")),
    ("gender\ud800police", ("gender", "police")),
    ("gender\x1bpolice", ("gender", "police")),
])
def test_controls_and_surrogates_are_spaces(text, words):
    plan = parse_query(text)
    assert plan.words == words
    assert plan.text.encode("utf-8") and plan.text.isprintable()


def test_length_is_capped_after_normalisation():
    # 400 characters, but NFKC makes U+FDFA eighteen letters each.
    with pytest.raises(QueryError, match="too long"):
        parse_query("\ufdfa" * 400)


@pytest.mark.parametrize(("text", "expected"), [
    ("*ender", ("ender",)),  # no leading wildcard
    ("gender~9", ("gender", "9")),  # no fuzzy search: the distance is a word
    ("[a TO zzzz]", ("zzzz",)),  # no range
    ("title:x police", ("title", "police")),  # no field syntax ("x" alone is not a word)
    ("((((gender))))", ("gender",)),  # parentheses are not syntax
])
def test_syntax_is_read_as_words(text, expected):
    assert parse_query(text).words == expected


def test_word_count_is_capped():
    assert len(parse_query(" ".join(f"w{i}x" for i in range(200))[:500]).words) <= MAX_QUERY_WORDS


def test_prefix_searches_are_capped(backend):
    words = ("gen*", "sex*", "vio*", "pol*", "wom*")
    slots = build_slots(words, None, backend._searcher(backend._state).reader())
    plain = [{t for _, t in slot.terms} - set(english_terms(slot.word.rstrip("*")))
             - set(french_terms(slot.word.rstrip("*"))) for slot in slots]
    assert all(plain[:MAX_PREFIX_WORDS])  # the first ones expand ("gen*" -> gender, ...)
    assert not any(plain[MAX_PREFIX_WORDS:])  # the rest are searched as the word itself


# --- the time limit --------------------------------------------------------------------------------

def test_deadline_basics():
    assert Deadline(None).passed() is False
    expired = Deadline(0.0)
    assert expired.passed() and expired.hit
    assert list(expired.bounded(range(10))) == []
    assert list(Deadline(60).bounded(range(1000))) == list(range(1000))


def test_pool_scoring_stops_at_the_deadline(backend):
    from indexer.match_sets import MatchSets
    from indexer.scoring_pool import docnums, score_pool

    searcher = backend._searcher(backend._state)
    sets = MatchSets(backend.kb, backend._state.ids(searcher))
    q = wq.Or([wq.Term("text", "women"), wq.Term("text", "gender")])
    pool = docnums(sets.query(searcher, q))
    assert len(score_pool(searcher, q, pool, lambda p: 0, Deadline(60))) > 100
    expired = Deadline(0.0)
    assert score_pool(searcher, q, pool, lambda p: 0, expired) == {} and expired.hit


def test_search_out_of_time_returns_what_it_found(index_root):
    # Few passages hold all three words, so the engine would go on to those holding any of them:
    # out of time, it answers with the passages holding all three and says it was cut short.
    query = SearchQuery("women checklist mentoring")
    patient, hurried = open_backend(index_root), open_backend(index_root)
    hurried.time_limit = 0.0
    full = patient.search(query)
    assert full.timed_out is False
    results = hurried.search(query)
    assert results.timed_out is True and results.to_dict()["timed_out"] is True
    assert 0 < results.total < full.total
    assert results.hits  # the passages holding every word are always answered
