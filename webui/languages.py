"""The interface language: English or French, chosen per request, with Flask-Babel's gettext catalogs.

Who decides, first match wins: an explicit ``?lang=fr`` (which also sets the ``lang`` cookie),
then that cookie, then the browser's ``Accept-Language``, then English. The JSON API and the
health check are always English, so scripts can rely on their error messages; only pages are
translated. Pages say ``Vary: Accept-Language, Cookie`` so a cache never serves one language
for the other.

Only the interface is translated: passages, definitions and titles are shown in their own
language. Strings live in ``webui/translations/fr/LC_MESSAGES/messages.po`` (README: "How to
translate a new string"); the compiled ``messages.mo`` is committed beside it and a test fails
when it is stale.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from babel import Locale, UnknownLocaleError
from flask import Flask, Response, has_request_context, request
from flask_babel import Babel, format_date, format_time, get_locale, gettext, ngettext

DEFAULT_LANGUAGE = "en"
# Each language named in itself, as the switch shows it.
LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français"}
LANG_PARAM = "lang"
LANG_COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
LONG_DATE = "d MMMM y"  # "31 October 2000", "31 octobre 2000": the UN's style in both languages


def N_(message: str) -> str:  # noqa: N802 - the gettext convention extraction tools know
    """Mark ``message`` for extraction without translating it yet (translate it with gettext when shown)."""
    return message


# Labels of the values users filter on (kb.documents.KINDS, kb.resolutions.PILLARS) and of the filters.
KIND_LABELS: dict[str, str] = {
    "resolution": N_("Resolution"), "glossary": N_("Glossary"), "guide": N_("Guide"), "toolkit": N_("Toolkit"),
    "convention": N_("Convention"), "charter": N_("Charter"), "webpage": N_("Webpage"), "document": N_("Document"),
}
PILLAR_LABELS: dict[str, str] = {
    "participation": N_("Participation"), "protection": N_("Protection"), "prevention": N_("Prevention"),
    "relief and recovery": N_("Relief and recovery"),
}
FACET_NAMES: dict[str, str] = {
    "type": N_("Type"), "resolution": N_("Resolution"), "year": N_("Year"), "pillar": N_("Pillar"),
    "document": N_("Document"),
}
# The commitments index (kb.commitments): strength levels and addressees by slug. kb keeps the English
# labels for the JSON API and the CSV; pages translate them with these.
STRENGTH_LABELS: dict[str, str] = {
    "decides": N_("decides / demands"), "requests": N_("requests / urges"),
    "calls-upon": N_("calls upon / encourages / invites"), "other": N_("other verbs"),
}
ADDRESSEE_LABELS: dict[str, str] = {
    "member-states": N_("Member States"),
    "secretary-general": N_("the Secretary-General"),
    "parties-to-armed-conflict": N_("parties to armed conflict"),
    "troop-and-police-contributing-countries": N_("troop- and police-contributing countries"),
    "un-entities": N_("United Nations entities"),
    "regional-organizations": N_("regional and subregional organizations"),
    "peacebuilding-commission": N_("the Peacebuilding Commission"),
    "parties-to-peace-talks": N_("parties to peace talks"),
    "civil-society": N_("civil society"),
    "financial-institutions": N_("financial institutions"),
    "all-actors": N_("all actors"),
}
# "asks Member States 5 things": what is asked of each addressee, counted. One message per addressee
# because other languages put the count first and the addressee after a preposition ("5 choses aux États Membres").
ADDRESSEE_THINGS: dict[str, Any] = {
    "member-states": lambda n: ngettext("Member States %(num)s thing", "Member States %(num)s things", n),
    "secretary-general": lambda n: ngettext("the Secretary-General %(num)s thing",
                                            "the Secretary-General %(num)s things", n),
    "parties-to-armed-conflict": lambda n: ngettext("parties to armed conflict %(num)s thing",
                                                    "parties to armed conflict %(num)s things", n),
    "troop-and-police-contributing-countries": lambda n: ngettext(
        "troop- and police-contributing countries %(num)s thing",
        "troop- and police-contributing countries %(num)s things", n),
    "un-entities": lambda n: ngettext("United Nations entities %(num)s thing",
                                      "United Nations entities %(num)s things", n),
    "regional-organizations": lambda n: ngettext("regional and subregional organizations %(num)s thing",
                                                 "regional and subregional organizations %(num)s things", n),
    "peacebuilding-commission": lambda n: ngettext("the Peacebuilding Commission %(num)s thing",
                                                   "the Peacebuilding Commission %(num)s things", n),
    "parties-to-peace-talks": lambda n: ngettext("parties to peace talks %(num)s thing",
                                                 "parties to peace talks %(num)s things", n),
    "civil-society": lambda n: ngettext("civil society %(num)s thing", "civil society %(num)s things", n),
    "financial-institutions": lambda n: ngettext("financial institutions %(num)s thing",
                                                 "financial institutions %(num)s things", n),
    "all-actors": lambda n: ngettext("all actors %(num)s thing", "all actors %(num)s things", n),
}
# Messages the search engine (indexer/query.py) raises in English; pages show them translated.
ENGINE_MESSAGES = (
    N_("The query is too long: at most 500 characters, please."),
    N_("The query has no words to search for: type a term, a topic or a resolution number."),
)
# English ordinal suffixes by CLDR ordinal category ("6453rd"); French has "1er" and "2e".
ORDINAL_SUFFIXES: dict[str, dict[str, str]] = {
    "en": {"one": "st", "two": "nd", "few": "rd", "other": "th"},
    "fr": {"one": "er", "other": "e"},
}


def _is_api() -> bool:
    from webui import wants_json

    return wants_json()


def select_language() -> str:
    """The language of this request: ``?lang``, then the cookie, then Accept-Language, then English."""
    if not has_request_context() or _is_api():
        return DEFAULT_LANGUAGE
    asked = request.args.get(LANG_PARAM, "")
    if asked in LANGUAGES:
        return asked
    remembered = request.cookies.get(LANG_COOKIE, "")
    if remembered in LANGUAGES:
        return remembered
    return request.accept_languages.best_match(list(LANGUAGES), default=DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE


def current_language() -> str:
    """The two-letter code of the language pages are rendered in."""
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT_LANGUAGE


def remember_choice(response: Response) -> Response:
    """Keep an explicit ``?lang`` in a cookie, and tell caches that pages depend on the language."""
    if not has_request_context() or _is_api() or request.endpoint == "static":
        return response
    response.vary.add("Accept-Language")
    response.vary.add("Cookie")
    asked = request.args.get(LANG_PARAM, "")
    if asked in LANGUAGES and request.cookies.get(LANG_COOKIE) != asked:
        response.set_cookie(LANG_COOKIE, asked, max_age=COOKIE_MAX_AGE, path="/", samesite="Lax",
                            httponly=True, secure=request.is_secure)
    return response


def language_links() -> list[dict[str, Any]]:
    """The EN | FR switch: this page, with its query string, in each language."""
    pairs = [(k, v) for k, v in request.args.items(multi=True) if k != LANG_PARAM]
    current = current_language()
    return [{"code": code, "name": name, "current": code == current,
             "url": f"{request.path}?{urlencode([*pairs, (LANG_PARAM, code)])}"}
            for code, name in LANGUAGES.items()]


def kind_label(kind: str) -> str:
    """A document or passage kind as the reader's language names it ("resolution" -> "Résolution")."""
    label = KIND_LABELS.get(kind)
    return gettext(label) if label else kind.capitalize()


def pillar_label(pillar: str) -> str:
    """A WPS pillar in the reader's language."""
    label = PILLAR_LABELS.get(pillar)
    return gettext(label) if label else pillar.capitalize()


def facet_name(name: str) -> str:
    """The heading of a search filter ("pillar" -> "Pilier")."""
    label = FACET_NAMES.get(name)
    return gettext(label) if label else name.capitalize()


def strength_label(strength: str) -> str:
    """A commitment strength level ("decides") in the reader's language: "décide / exige"."""
    label = STRENGTH_LABELS.get(strength)
    return gettext(label) if label else strength


def addressee_label(addressee: str) -> str:
    """An addressee slug ("member-states") in the reader's language: "États Membres"."""
    label = ADDRESSEE_LABELS.get(addressee)
    return gettext(label) if label else addressee.replace("-", " ")


def addressee_things(addressee: str, count: int) -> str:
    """The end of "Resolution 1325 asks Member States 5 things" ("... 5 choses aux États Membres")."""
    things = ADDRESSEE_THINGS.get(addressee)
    return things(count) if things else f"{addressee_label(addressee)} {count}"


def ordinal(number: int) -> str:
    """``number`` as an ordinal in the reader's language: "6453rd", "6453e"."""
    language = current_language()
    suffixes = ORDINAL_SUFFIXES.get(language, ORDINAL_SUFFIXES["en"])
    category = get_locale().ordinal_form(number) if get_locale() is not None else "other"
    return f"{number}{suffixes.get(category, suffixes['other'])}"


def long_date(value: str | dt.date | None) -> str:
    """An ISO date as the reader writes it: "31 October 2000", "31 octobre 2000", "1er mars 2000"."""
    if not value:
        return ""
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)  # a free-form date from a manifest ("2015", "March 2015") is shown as written
    text = format_date(day, LONG_DATE)
    if current_language() == "fr" and day.day == 1:
        text = "1er" + text[1:]
    return text


def long_datetime(value: str) -> str:
    """An ISO timestamp in UTC as the reader writes it: "12 March 2026 at 14:05 UTC"."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return value or ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    moment = moment.astimezone(dt.timezone.utc)
    return gettext("%(date)s at %(time)s UTC", date=long_date(moment.date()),
                   time=format_time(moment.time(), "HH:mm", rebase=False))


def language_name(code: str) -> str:
    """A language code named in the reader's language: "fr" -> "French" / "français"."""
    try:
        return Locale.parse(code).get_display_name(get_locale() or DEFAULT_LANGUAGE) or code
    except (ValueError, TypeError, UnknownLocaleError):
        return code


def translate_message(message: str) -> str:
    """``message`` in the reader's language when the catalog knows it (an engine error), else as is."""
    return gettext(message) if message else message


def _template_globals() -> dict[str, Any]:
    if not has_request_context():
        return {"page_lang": DEFAULT_LANGUAGE}
    return {"page_lang": current_language(), "language_links": language_links()}


def install(app: Flask) -> None:
    """Set up Flask-Babel on ``app``, the cookie and Vary headers, and the template filters."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    Babel(app, locale_selector=select_language)
    app.after_request(remember_choice)
    app.context_processor(_template_globals)
    app.jinja_env.filters.update(kind_label=kind_label, pillar_label=pillar_label, facet_name=facet_name,
                                 strength_label=strength_label, addressee_label=addressee_label,
                                 ordinal=ordinal, language_name=language_name, long_date=long_date,
                                 long_datetime=long_datetime)
