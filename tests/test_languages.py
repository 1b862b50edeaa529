"""The interface in English or French: language choice, cookie, switch links, Vary, translated pages, API untouched."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from fake_kb import FakeBackend

from webui import create_app
from webui.languages import LANG_COOKIE


@pytest.fixture()
def fake_app():
    return create_app({"TESTING": True, "BACKEND": FakeBackend()})


@pytest.fixture()
def fake_client(fake_app):
    return fake_app.test_client()


def get(client, url: str, *, accept: str | None = None, cookie: str | None = None, status: int = 200):
    if cookie is not None:
        client.set_cookie(LANG_COOKIE, cookie)
    headers = {"Accept-Language": accept} if accept is not None else {}
    response = client.get(url, headers=headers)
    assert response.status_code == status, (url, response.status_code, response.data[:300])
    return response


def html_lang(response) -> str:
    found = re.search(r'<html lang="([^"]+)">', response.get_data(as_text=True))
    assert found, "no <html lang>"
    return found.group(1)


def visible_text(response) -> str:
    """The page's text (tags dropped, entities decoded, ASCII spaces collapsed; no-break spaces kept)."""
    text = re.sub(r"<[^>]+>", "", response.get_data(as_text=True))
    return re.sub(r"[ \t\r\n]+", " ", html_lib.unescape(text))


# --- who decides the language ------------------------------------------------------------------

@pytest.mark.parametrize(("query", "cookie", "accept", "expected"), [
    ("", None, None, "en"),  # nothing said: English
    ("", None, "fr-CA", "fr"),  # a regional variant falls back to its language
    ("", None, "fr;q=0.9,en;q=0.8", "fr"),
    ("", None, "en;q=0.9,fr;q=0.8", "en"),
    ("", None, "de", "en"),  # a language we do not have: English
    ("", None, "de, fr;q=0.5", "fr"),  # the best one we have
    ("", None, "*", "en"),
    ("", "fr", "en", "fr"),  # the cookie beats the browser
    ("", "en", "fr", "en"),
    ("", "xx", "fr", "fr"),  # a nonsense cookie is ignored
    ("?lang=en", "fr", "fr", "en"),  # an explicit choice beats everything
    ("?lang=fr", "en", "en", "fr"),
    ("?lang=de", "fr", "en", "fr"),  # an unknown ?lang is ignored
    ("?lang=", None, "fr", "fr"),
])
def test_language_negotiation(fake_client, query, cookie, accept, expected):
    response = get(fake_client, "/glossary" + query, accept=accept, cookie=cookie)
    assert html_lang(response) == expected
    assert ("Glossaire" in visible_text(response)) == (expected == "fr")


def test_explicit_choice_is_remembered_in_a_cookie(fake_client):
    response = get(fake_client, "/?lang=fr", accept="en")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("lang=fr;")
    for attribute in ("Path=/", "SameSite=Lax", "HttpOnly", "Max-Age=31536000"):
        assert attribute in cookie
    # The next pages, without ?lang and with an English browser, stay in French.
    for url in ("/glossary", "/resolutions/1325", "/search?q=gender"):
        assert html_lang(get(fake_client, url, accept="en")) == "fr"
    # Switching back is remembered too.
    assert get(fake_client, "/about?lang=en").headers["Set-Cookie"].startswith("lang=en;")
    assert html_lang(get(fake_client, "/glossary", accept="fr")) == "en"


@pytest.mark.parametrize(("url", "cookie"), [
    ("/glossary", None),  # no explicit choice
    ("/glossary?lang=de", None),  # not a language we have
    ("/glossary?lang=fr", "fr"),  # already remembered
    ("/api/resolutions?lang=fr", None),  # the API has no language
    ("/static/style.css?lang=fr", None),
])
def test_no_cookie_without_a_new_choice(fake_client, url, cookie):
    assert "Set-Cookie" not in get(fake_client, url, cookie=cookie).headers


@pytest.mark.parametrize(("url", "varies"), [
    ("/", True), ("/search?q=gender", True), ("/resolutions/1325", True), ("/no-such-page", True),
    ("/api/search?q=gender", False), ("/healthz", False), ("/static/style.css", False),
])
def test_pages_vary_on_language(fake_client, url, varies):
    response = fake_client.get(url)
    vary = {v.strip().lower() for v in response.headers.get("Vary", "").split(",")}
    assert ({"accept-language", "cookie"} <= vary) == varies, (url, vary)


# --- the EN | FR switch ------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "accept", "current", "links"), [
    ("/", "en", "en", {"en": "/?lang=en", "fr": "/?lang=fr"}),
    ("/search?q=gender&type=guide", "fr", "fr",
     {"en": "/search?q=gender&amp;type=guide&amp;lang=en", "fr": "/search?q=gender&amp;type=guide&amp;lang=fr"}),
    ("/search?q=gender&lang=fr&page=1", "en", "fr",  # ?lang is replaced, never repeated
     {"en": "/search?q=gender&amp;page=1&amp;lang=en", "fr": "/search?q=gender&amp;page=1&amp;lang=fr"}),
    ("/resolutions/1325", "fr-CA", "fr", {"en": "/resolutions/1325?lang=en", "fr": "/resolutions/1325?lang=fr"}),
    ("/no-such-page?x=%3Cb%3E", "en", "en", {"en": "/no-such-page?x=%3Cb%3E&amp;lang=en",
                                            "fr": "/no-such-page?x=%3Cb%3E&amp;lang=fr"}),
])
def test_switch_keeps_the_page_and_the_query(fake_client, url, accept, current, links):
    response = fake_client.get(url, headers={"Accept-Language": accept})
    page = response.get_data(as_text=True)
    switch = re.search(r'<nav class="lang-switch" aria-label="([^"]+)">(.*?)</nav>', page, re.S)
    assert switch, "no language switch in the header"
    assert switch.group(1) == ("Langue" if current == "fr" else "Language")
    for code, href in links.items():
        anchor = re.search(rf'<a href="([^"]*)" lang="{code}" hreflang="{code}" title="[^"]+"( aria-current="true")?>'
                           rf'{code.upper()}</a>', switch.group(2))
        assert anchor, (code, switch.group(2))
        assert anchor.group(1) == href
        assert bool(anchor.group(2)) == (code == current)


# --- what each page says in each language ------------------------------------------------------

NB = "\u00a0"

PAGE_STRINGS = [
    ("/", "en", ["Women, Peace and Security knowledge base", "Skip to main content", "Resolutions", "Try:",
                 "1 definition, A–Z", "4 documents, 6 passages"]),
    ("/", "fr", ["Base de connaissances Femmes, paix et sécurité", "Aller au contenu principal", "Résolutions",
                 "Glossaire", "Rechercher", f"Essayez{NB}:", "1 définition, de A à Z", "4 documents, 6 passages",
                 "Conseil de sécurité"]),
    ("/search", "fr", ["Saisissez un terme", f"Les sigles fonctionnent{NB}:"]),
    ("/search?q=gender", "en", ["Results for “gender”", "Definition", "Filter results", "Download:"]),
    ("/search?q=gender", "fr", [f"Résultats pour «{NB}gender{NB}»", "Définition", "Filtrer les résultats",
                                f"Télécharger{NB}:", "Guide", "Type"]),
    ("/search?q=gender&type=guide", "fr", [f"Type{NB}: Guide", "(retirer le filtre)", "(actif, sélectionner"]),
    ("/search?q=gendr", "en", ["Did you mean gender?", "Nothing matched", "No results"]),
    ("/search?q=gendr", "fr", [f"Vouliez-vous dire gender{NB}?", "Aucun passage ne correspond à la recherche",
                               "Aucun résultat", "Essayez gender.", f"Ou parcourez{NB}:"]),
    ("/search?q=e&limit=1", "en", ["1–1 of 6 results", "Next ›", "Page 2"]),
    ("/search?q=e&limit=1", "fr", ["1–1 sur 6 résultats", "Suivant ›", "Page 2"]),
    ("/search?q=gender&page=50", "fr", ["Cette page se situe après le dernier résultat",
                                        "Revenir à la première page (2 résultats)."]),
    ("/resolutions", "en", ["The ten WPS resolutions", "31 October 2000", "Relief and recovery", "Adopted"]),
    ("/resolutions", "fr", ["Les dix résolutions", "31 octobre 2000", "Secours et relèvement", "Date d’adoption",
                            "Séance", "Piliers", "Conseil de sécurité"]),
    ("/resolutions/1325", "en", ["Resolution 1325 (2000)", "4213th meeting", "31 October 2000", "Operative paragraphs",
                                 "S/RES/1325 (2000), para. 1", "Copy citation", "(for–against–abstaining)"]),
    ("/resolutions/1325", "fr", ["Résolution 1325 (2000)", "4213e séance", "31 octobre 2000", "Cote",
                                 "Paragraphes du dispositif", "S/RES/1325 (2000), par. 1", "Copier la citation",
                                 "(pour–contre–abstentions)", "Citée par", "Aperçu"]),
    ("/resolutions/1820", "fr", ["Mentionnée ailleurs", f"Année discordante{NB}: citée comme Resolution 1820 (2009)"
                                 f"{NB}; adoptée en 2008", "5916e séance", "19 juin 2008"]),
    ("/glossary", "fr", ["Glossaire", "1 terme"]),
    ("/glossary", "en", ["Glossary", "1 term"]),
    ("/glossary/gender", "fr", ["Gender refers to the socially constructed roles", "Où le terme est employé",
                                "(définition dans son contexte)"]),
    ("/documents", "fr", ["Documents", "Charte", "Résolution", "1 passage", "3 passages"]),
    ("/documents/guide", "fr", ["Table des matières", "3 passages", "provenance"]),
    ("/about", "en", ["About this knowledge base", "1 January 2026 at 00:00 UTC", "1 glossary term", "Files skipped"]),
    ("/about", "fr", ["À propos de cette base de connaissances", "1er janvier 2026 à 00:00 UTC",
                      "1 terme du glossaire",
                      "Fichiers ignorés", "Éditeur"]),
]


@pytest.mark.parametrize(("url", "lang", "expected"), PAGE_STRINGS)
def test_page_strings(fake_client, url, lang, expected):
    response = get(fake_client, url, accept=lang)
    assert html_lang(response) == lang
    text = visible_text(response)
    missing = [s for s in expected if s not in text]
    assert not missing, (missing, text[:2000])


@pytest.mark.parametrize(("url", "status", "lang", "expected"), [
    ("/no-such-page", 404, "en", ["Not found", "There is no page at this address.", "Error 404"]),
    ("/no-such-page", 404, "fr", ["Page introuvable", "Il n’y a pas de page à cette adresse.", "Erreur 404"]),
    ("/resolutions/9999", 404, "fr", ["Page introuvable"]),
    ("/search?q=gender&type=bogus", 400, "en", ["That search could not be run", "unknown type 'bogus'; one of:"]),
    ("/search?q=gender&type=bogus", 400, "fr", ["Cette recherche n’a pas pu être effectuée",
                                                f"type inconnu{NB}: «{NB}bogus{NB}»"]),
    ("/search?q=gender&page=x", 400, "fr", [f"«{NB}page{NB}» doit être un nombre entier compris entre 1 et 1000"]),
    ("/search?q=gender&pillar=none", 400, "fr", [f"pilier inconnu{NB}: «{NB}none{NB}»"]),
    ("/search?q=gender&year=20", 400, "fr", ["doit être une année à quatre chiffres"]),
    ("/search?type=guide", 400, "fr", ["saisissez des mots pour chercher avec ces filtres"]),
    ("/search?q=" + "x" * 501, 400, "fr", ["la requête est trop longue (500 caractères au maximum)"]),
])
def test_error_pages(fake_client, url, status, lang, expected):
    response = get(fake_client, url, accept=lang, status=status)
    assert html_lang(response) == lang
    text = visible_text(response)
    assert all(s in text for s in expected), text


@pytest.mark.parametrize(("query", "expected"), [
    ("%2A%2A%2A", "La requête ne contient aucun mot à rechercher"),  # the engine's own message, translated
    ("\ufdfa" * 300, "La requête est trop longue"),
])
def test_search_engine_messages_are_translated_on_pages(client, query, expected):
    response = get(client, "/search?q=" + query, accept="fr", status=400)
    assert expected in visible_text(response)


# --- the API stays English and language-neutral ------------------------------------------------

@pytest.mark.parametrize("url", [
    "/api/search?q=gender", "/api/search?q=gender&type=bogus", "/api/search?q=gender&page=x",
    "/api/resolutions", "/api/resolutions/1325", "/api/resolutions/1820", "/api/resolutions/9999",
    "/api/glossary/gender", "/api/define?q=", "/api/documents/guide", "/healthz", "/api/nope",
])
def test_api_is_the_same_in_every_language(fake_app, url):
    english = fake_app.test_client().get(url, headers={"Accept-Language": "en"})
    french_client = fake_app.test_client()
    french_client.set_cookie(LANG_COOKIE, "fr")
    sep = "&" if "?" in url else "?"
    french = french_client.get(f"{url}{sep}lang=fr", headers={"Accept-Language": "fr"})
    assert french.status_code == english.status_code
    assert french.mimetype == "application/json"
    body, expected = french.get_json(), english.get_json()
    if isinstance(body, dict):
        body.pop("took_ms", None)
        expected.pop("took_ms", None)
        if "query" in expected and url.startswith("/api/search"):
            assert body["query"] == expected["query"]
    assert body == expected
    assert "Set-Cookie" not in french.headers


def test_api_errors_keep_their_english_messages(fake_client):
    fake_client.set_cookie(LANG_COOKIE, "fr")
    body = fake_client.get("/api/search?q=gender&type=bogus&lang=fr").get_json()
    assert body["error"].startswith("unknown type 'bogus'; one of: ")
    body = fake_client.get("/api/resolutions/1820").get_json()
    assert body["paragraphs"][0]["citation"] == "S/RES/1820 (2008), para. 1"
    assert body["mentions"][0]["note"] == "cited as Resolution 1820 (2009); adopted 2008"


# --- scripts get their words from the page ------------------------------------------------------

@pytest.mark.parametrize(("lang", "attributes"), [
    ("en", {"copied": "Copied", "copied-citation": "Copied: {citation}",
            "copy-failed": "Copy failed; select the citation text instead."}),
    ("fr", {"copied": "Copiée", "copied-citation": f"Copiée{NB}: {{citation}}",
            "copy-failed": f"Échec de la copie{NB}; sélectionnez plutôt le texte de la citation."}),
])
def test_script_messages_on_body(fake_client, lang, attributes):
    page = get(fake_client, "/resolutions/1325", accept=lang).get_data(as_text=True)
    body = re.search(r"<body[^>]*>", page).group(0)
    for name, value in attributes.items():
        assert f'data-msg-{name}="{value}"' in body, (name, body)


def test_content_in_another_language_is_marked(fake_client):
    page = get(fake_client, "/resolutions/1325", accept="fr").get_data(as_text=True)
    # The resolution's text is English inside a French page: screen readers switch voice.
    assert re.search(r'<p class="para-text" lang="en">', page)
    # The document's body (whatever other attributes it carries, e.g. data-handout-doc) has a lang only when
    # it differs from the page's.
    english_page = get(fake_client, "/documents/guide", accept="en").get_data(as_text=True)
    body = re.search(r'<div class="doc-body"[^>]*>', english_page)
    assert body and " lang=" not in body.group(0)
    french_page = get(fake_client, "/documents/guide", accept="fr").get_data(as_text=True)
    body = re.search(r'<div class="doc-body"[^>]*>', french_page)
    assert body and ' lang="en"' in body.group(0)


@pytest.mark.parametrize(("lang", "label"), [("en", "Resolution 1820 (2008)"), ("fr", "Résolution 1820 (2008)")])
def test_resolution_filter_label_follows_the_language(client, lang, label):
    page = get(client, "/search?q=sexual+violence", accept=lang).get_data(as_text=True)
    assert f'<span class="facet-label">{label}</span>' in page


# --- commitments and handouts (real corpus) -----------------------------------------------------

COMMITMENT_FILTERS = ["", "resolution=1325", "resolution=1325&addressee=member-states", "addressee=civil-society",
                      "resolution=1325&resolution=1820&addressee=secretary-general", "resolution=2493",
                      "resolution=1325&resolution=1820&strength=other&addressee=all-actors",
                      "addressee=peacebuilding-commission&strength=decides", "resolution=1820"]


def commitment_summary(response) -> str:
    found = re.search(r'<p class="commit-summary" role="status">(.*?)</p>', response.get_data(as_text=True), re.S)
    assert found, "no summary"
    return html_lib.unescape(re.sub(r"<[^>]+>", "", found.group(1)))


@pytest.mark.parametrize("query", COMMITMENT_FILTERS)
def test_english_commitments_summary_is_the_api_one(client, query):
    """The page builds its summary with gettext; in English it must read exactly as kb's (the API's)."""
    page = get(client, f"/commitments?{query}", accept="en")
    api = client.get(f"/api/commitments?{query}").get_json()
    assert commitment_summary(page) == api["summary"]


@pytest.mark.parametrize(("query", "expected"), [
    ("resolution=1325&addressee=member-states",
     f"La résolution 1325 adresse 5 demandes aux États Membres{NB}: «{NB}to ensure increased representation"),
    ("resolution=1325&addressee=secretary-general", "(par. 2)"),
    ("resolution=1325&resolution=1820&addressee=secretary-general",
     "Les résolutions 1325, 1820 adressent"),
    ("addressee=secretary-general", "Les résolutions FPS adressent"),
    ("addressee=civil-society&resolution=2493", "La résolution 2493 ne demande rien"),
    ("resolution=1820", f"paragraphes du dispositif{NB}; destinataires les plus fréquents{NB}: Secrétaire général ("),
    ("resolution=2493", "La résolution 2493 ne demande rien qui corresponde à ces filtres."),
])
def test_french_commitments_summary(client, query, expected):
    assert expected in commitment_summary(get(client, f"/commitments?{query}", accept="fr"))


def test_french_commitments_page(client):
    response = get(client, "/commitments?resolution=1325&addressee=member-states", accept="fr")
    text = visible_text(response)
    for expected in ("Engagements", "Destinataires", "Force du verbe", "Indifférent", "Filtrer", "Réinitialiser",
                     "États Membres (5)", "Secrétaire général", "prie / engage instamment", "décide / exige",
                     "demande / encourage / invite", "autres verbes", "Participation", "5 paragraphes",
                     f"Télécharger{NB}:", "Par.", "Verbe", "Texte"):
        assert expected in text, expected
    page = response.get_data(as_text=True)
    # The asks quoted from the resolution, the verbs and the texts are English inside a French page.
    assert '<span lang="en">to ensure increased representation' in page
    assert '<td data-label="Texte" class="commit-text" lang="en">' in page
    assert 'aria-label="S/RES/1325 (2000), par. 1"' in page


def test_french_commitment_tags_on_the_resolution_page(client):
    page = get(client, "/resolutions/1325", accept="fr").get_data(as_text=True)
    tags = re.search(r'<li id="op1".*?<p class="commit-tags">(.*?)</p>', page, re.S).group(1)
    assert "prie / engage instamment" in tags and "États Membres" in tags and "Engagement" in tags
    assert "Ajouter au support" in page


@pytest.mark.parametrize("query", ["strength=bogus", "addressee=kings"])
def test_commitment_errors_follow_the_language(client, query):
    french = visible_text(get(client, f"/commitments?{query}", accept="fr", status=400))
    assert f"valeur inconnue pour «{NB}" in french and f"valeurs possibles{NB}:" in french
    body = client.get(f"/api/commitments?{query}&lang=fr", headers={"Accept-Language": "fr"}).get_json()
    assert body["error"].startswith(f"unknown {query.split('=')[0]} '") and "; use one of: " in body["error"]


def test_french_handout_page(client):
    response = get(client, "/handout?item=resolution-1325/op8&item=resolution-1325/op1&item=gone/x", accept="fr")
    text = visible_text(response)
    for expected in ("Support de cours", "Titre du support de cours", "Renommer", "Lien vers ce support de cours",
                     "Copier le lien", "Imprimer", "2 extraits", f"Source{NB}: S/RES/1325 (2000), par. 8",
                     f"En ligne{NB}:", "Descendre", "Monter", "Retirer", "Extraits qui ne figurent plus dans l’index",
                     "Ajouter d’autres passages", "Accueil", "Aussi au format JSON"):
        assert expected in text, expected
    page = response.get_data(as_text=True)
    assert '<span class="handout-no">1.</span> S/RES/1325 (2000), par. 8</h2>' in page
    assert '<p class="handout-text" lang="en">Calls on all actors' in page
    assert 'placeholder="Support de cours"' in page and "<title>Support de cours ·" in page
    assert 'data-msg-move-up="Monter"' in page and 'data-msg-handout="Support de cours"' in page


def test_handout_api_and_csv_stay_english(client):
    url = "/api/handout?item=resolution-1325/op8&lang=fr"
    body = client.get(url, headers={"Accept-Language": "fr"}).get_json()
    assert body["title"] == "Handout"
    assert body["items"][0]["citation"] == body["items"][0]["title"] == "S/RES/1325 (2000), para. 8"
    assert "language" not in body["items"][0]
    assert client.get("/api/handout?item=" + "x" * 201, headers={"Accept-Language": "fr"}).get_json()["error"] == \
        "an item id is too long (at most 200 characters)"
    csv = client.get("/api/commitments.csv?resolution=1325&lang=fr", headers={"Accept-Language": "fr"})
    assert csv.get_data(as_text=True).splitlines()[0] == \
        "resolution,paragraph,citation,url,verb,strength,addressed_to,pillars,text"
    assert "requests / urges" in csv.get_data(as_text=True)
    api = client.get("/api/commitments?resolution=1325&addressee=member-states",
                     headers={"Accept-Language": "fr"}).get_json()
    assert api["summary"].startswith("Resolution 1325 asks Member States 5 things: ")
    assert api["commitments"][0]["strength_label"] == "requests / urges"
    assert api["commitments"][0]["addressees"][0]["label"] == "Member States"


def test_french_handout_error_page(client):
    text = visible_text(get(client, "/handout?item=" + "x" * 201, accept="fr", status=400))
    assert "un identifiant d’extrait est trop long (200 caractères au maximum)" in text
