"""English translation of a French-first site: language choice, labels and catalogue health.

Every msgid in the code is French; English lives in locale/en/LC_MESSAGES/django.po,
compiled to django.mo and committed so a fresh clone needs no gettext tools.
"""

import ast
import gettext
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation

pytestmark = pytest.mark.django_db

LISTING_URL = "/candidats/"
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdif]|\{\w*\}")


@pytest.fixture(autouse=True)
def _reset_active_language():
    # LocaleMiddleware activates the request's language on the test thread; don't let
    # an English request leak into whichever test runs next.
    yield
    translation.deactivate()


@pytest.fixture
def two_pages_of_cvs(settings, make_cv):
    """Two CVs looking for work, one per page, so "Voir plus" shows."""
    settings.CV_LISTING_PAGE_SIZE = 1
    return [make_cv(first_name="Amina"), make_cv(first_name="Moussa")]


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text_of(soup, selector):
    element = soup.select_one(selector)
    assert element is not None, f"nothing matches {selector!r}"
    return " ".join(element.get_text().split())


def listing_labels(soup):
    return {
        "lang": soup.html["lang"],
        "hide_employed": text_of(soup, "label[for=id_masquer_en_emploi]"),
        "filter": text_of(soup, ".filters__actions button[type=submit]"),
        "count": text_of(soup, ".results-count"),
        "more": text_of(soup, "a[data-load-more]"),
    }


# -- the public pages ---------------------------------------------------------------


def test_listing_is_in_french_by_default(client, two_pages_of_cvs):
    soup = soup_of(client.get(LISTING_URL))

    assert listing_labels(soup) == {
        "lang": "fr",
        "hide_employed": "Masquer les candidats en emploi",
        "filter": "Filtrer",
        "count": "2 candidats",
        "more": "Voir plus",
    }


def test_listing_follows_an_english_browser(client, two_pages_of_cvs):
    response = client.get(LISTING_URL, HTTP_ACCEPT_LANGUAGE="en")
    soup = soup_of(response)

    assert listing_labels(soup) == {
        "lang": "en",
        "hide_employed": "Hide candidates in work",
        "filter": "Filter",
        "count": "2 candidates",
        "more": "Show more",
    }
    assert text_of(soup, "label[for=id_q]") == "Search"
    assert "Masquer les candidats" not in response.content.decode()


def test_english_card_of_an_employed_candidate_says_so(client, make_cv):
    make_cv(first_name="Karim", employment_status="employed")

    soup = soup_of(client.get(LISTING_URL, {"filtres": "1"}, HTTP_ACCEPT_LANGUAGE="en"))

    assert text_of(soup, ".cv-card--employed .cv-card__banner") == "has found a job"
    assert text_of(soup, ".results-count") == "1 candidate"


def test_french_card_of_an_employed_candidate(client, make_cv):
    make_cv(first_name="Karim", employment_status="employed")

    soup = soup_of(client.get(LISTING_URL, {"filtres": "1"}))

    assert text_of(soup, ".cv-card--employed .cv-card__banner") == "a retrouvé un emploi"


def test_english_cv_page(client, make_cv):
    cv = make_cv(first_name="Karim", employment_status="employed", story="Dix ans en entrepôt.")

    soup = soup_of(client.get(cv.url, HTTP_ACCEPT_LANGUAGE="en"))

    assert text_of(soup, ".cv__banner") == "has found a job"
    assert "My story" in [h2.get_text(strip=True) for h2 in soup.select("h2")]


def test_good_news_page_in_english(client, make_cv):
    cv = make_cv(first_name="Sophie", employment_status="hidden")

    soup = soup_of(client.get(cv.url, HTTP_ACCEPT_LANGUAGE="en"))

    assert text_of(soup, "h1") == "Good news!"


# -- the language switch ------------------------------------------------------------


def test_language_switch_sets_the_cookie_and_the_next_page_is_english(client, two_pages_of_cvs):
    response = client.get("/langue/", {"language": "en", "next": LISTING_URL})

    assert response.status_code == 302
    assert response["Location"] == LISTING_URL
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    soup = soup_of(client.get(LISTING_URL))
    assert listing_labels(soup)["hide_employed"] == "Hide candidates in work"
    assert listing_labels(soup)["more"] == "Show more"
    # The footer form now offers English as the current choice.
    assert soup.select_one("#language-select option[selected]")["value"] == "en"


def test_language_switch_back_to_french(client, two_pages_of_cvs):
    client.get("/langue/", {"language": "en", "next": LISTING_URL})
    response = client.get("/langue/", {"language": "fr", "next": LISTING_URL})

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert listing_labels(soup_of(client.get(LISTING_URL)))["more"] == "Voir plus"


def test_language_switch_ignores_an_unknown_language(client, two_pages_of_cvs):
    client.get("/langue/", {"language": "xx", "next": LISTING_URL})

    assert listing_labels(soup_of(client.get(LISTING_URL)))["lang"] == "fr"


# -- the catalogue ------------------------------------------------------------------


def read_po(path):
    """The entries of a .po file: flags, msgctxt, msgid, msgid_plural and msgstr(s).

    A small reader so the check needs neither polib nor GNU gettext: entries are
    separated by blank lines, strings may continue on following "..." lines, and
    obsolete entries (#~) are skipped.
    """
    entries, entry, keyword = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line:
            if entry is not None and "msgid" in entry["fields"]:
                entries.append(entry)
            entry, keyword = None, None
            continue
        if line.startswith("#~"):
            continue
        if entry is None:
            entry = {"flags": set(), "fields": {}}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            assert keyword is not None, f"string without a keyword: {line}"
            entry["fields"][keyword] += ast.literal_eval(line)
        else:
            keyword, _, value = line.partition(" ")
            entry["fields"][keyword] = ast.literal_eval(value)
    return entries


def translations_of(entry):
    """The msgstr of a singular entry, or the msgstr[n] of a plural one, by index."""
    fields = entry["fields"]
    if "msgid_plural" in fields:
        return {
            int(key[len("msgstr[") : -1]): value
            for key, value in fields.items()
            if key.startswith("msgstr[")
        }
    return {0: fields.get("msgstr", "")}


def messages():
    return [entry for entry in read_po(CATALOGUE) if entry["fields"]["msgid"]]


def label(entry):
    return repr(entry["fields"]["msgid"])


def test_catalogue_header_says_english_and_is_not_fuzzy():
    header = next(entry for entry in read_po(CATALOGUE) if entry["fields"]["msgid"] == "")

    assert "fuzzy" not in header["flags"]
    assert "Language: en\n" in header["fields"]["msgstr"]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header["fields"]["msgstr"]


def test_every_message_is_translated_and_not_fuzzy():
    entries = messages()
    assert len(entries) > 100, "the English catalogue looks truncated"

    fuzzy = [label(entry) for entry in entries if "fuzzy" in entry["flags"]]
    untranslated = [
        label(entry)
        for entry in entries
        if not all(text.strip() for text in translations_of(entry).values())
    ]
    plurals_incomplete = [
        label(entry)
        for entry in entries
        if "msgid_plural" in entry["fields"] and sorted(translations_of(entry)) != [0, 1]
    ]

    assert fuzzy == [], "fuzzy entries in locale/en: review them and drop the flag"
    assert untranslated == [], "untranslated entries in locale/en: translate them"
    assert plurals_incomplete == []


def test_translations_keep_their_placeholders():
    broken = []
    for entry in messages():
        fields = entry["fields"]
        for index, text in translations_of(entry).items():
            source = fields["msgid_plural"] if index > 0 else fields["msgid"]
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
                broken.append((fields["msgid"], text))
    assert broken == []


def test_compiled_catalogue_matches_the_po_file():
    assert COMPILED.exists(), "run `manage.py compilemessages` and commit django.mo"
    with COMPILED.open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)

    stale = []
    for entry in messages():
        fields = entry["fields"]
        context = fields.get("msgctxt")
        if "msgid_plural" in fields:
            for count, index in ((1, 0), (2, 1)):
                args = (fields["msgid"], fields["msgid_plural"], count)
                found = (
                    catalogue.npgettext(context, *args) if context else catalogue.ngettext(*args)
                )
                if found != translations_of(entry)[index]:
                    stale.append(fields["msgid"])
        else:
            found = (
                catalogue.pgettext(context, fields["msgid"])
                if context
                else catalogue.gettext(fields["msgid"])
            )
            if found != fields["msgstr"]:
                stale.append(fields["msgid"])
    assert stale == [], "django.mo is older than django.po: run `manage.py compilemessages`"
