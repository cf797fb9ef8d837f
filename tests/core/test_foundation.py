"""The foundation: Postgres always, both languages, health check, home page."""

from unittest import mock

import pytest
from django.db import DatabaseError, connection
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_database_is_postgresql():
    # No SQLite anywhere: the suite runs on the embedded (or DATABASE_URL) PostgreSQL.
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        assert cursor.fetchone()[0].startswith("PostgreSQL")


def test_database_has_trigram_and_fold_function():
    with connection.cursor() as cursor:
        cursor.execute("SELECT crm_fold('José Ñandú ÁVILA')")
        assert cursor.fetchone()[0] == "jose nandu avila"
        cursor.execute("SELECT similarity('migración', 'migracion') > 0")
        assert cursor.fetchone()[0] is True


def test_python_folds_every_text_as_the_database_does():
    """fold() has a path for Latin-1 text and one for the rest: both agree with crm_fold()."""
    from core.text import fold

    latin1 = "".join(chr(code) for code in range(32, 256) if code != 127)
    texts = [
        latin1,
        "José Ñandú ÁVILA ß µ ÿ Ø",  # Latin-1 alone: the bytes path
        # Beyond it: the string path. ("İ" is left out: Python lower-cases it to two
        # characters, Postgres to one; snippets.py shows the folded text then.)
        "“Migración” — Côte d’Ivoire … ΑΘΗΝΑ Ω",
        "plain ascii TEXT",
    ]
    with connection.cursor() as cursor:
        for text in texts:
            cursor.execute("SELECT crm_fold(%s)", [text])
            assert fold(text) == cursor.fetchone()[0]
    assert fold("ÁÉÍÓÚÑÜ áéíóúñü") == "aeiounu aeiounu"


def test_healthz_answers_ok_when_database_reachable(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_healthz_answers_503_when_database_unreachable(client):
    with mock.patch.object(connection, "cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503


@pytest.mark.parametrize(
    ("accept_language", "prefix"),
    [("en-US,en;q=0.9", "/en/"), ("es-CR,es;q=0.9", "/es/"), ("fr-FR", "/es/")],
)
def test_root_redirects_by_browser_language(client, accept_language, prefix):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == prefix


def test_home_page_speaks_spanish_at_es_and_english_at_en(client):
    spanish = client.get("/es/")
    english = client.get("/en/")
    assert spanish.status_code == english.status_code == 200
    assert "Conferencia Regional sobre Migración" in spanish.text
    assert 'lang="es"' in spanish.text
    assert "Regional Conference on Migration" in english.text
    assert "Conferencia Regional sobre Migración" not in english.text
    assert 'lang="en"' in english.text


def test_language_switcher_keeps_the_visitor_on_the_same_page(client):
    response = client.get("/es/accounts/sign-in/?next=/es/")
    assert 'href="/en/accounts/sign-in/?next=/es/"' in response.text
    assert 'hreflang="es"' in response.text


@pytest.mark.parametrize(("language", "title"), [("es", "Iniciar sesión"), ("en", "Log in")])
def test_admin_login_is_served_in_both_languages(client, language, title):
    response = client.get(f"/{language}/admin/login/")
    assert response.status_code == 200
    assert title in response.text


def test_admin_index_carries_the_portal_header_in_each_language(admin_client):
    spanish = admin_client.get("/es/admin/")
    english = admin_client.get("/en/admin/")
    assert "Administración del Portal de la CRM" in spanish.text
    assert "CRM Portal administration" in english.text


def test_urls_reverse_with_the_active_language_prefix():
    with translation.override("en"):
        assert reverse("home") == "/en/"
    with translation.override("es"):
        assert reverse("home") == "/es/"


def test_home_page_uses_a_constant_small_number_of_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        client.get("/es/")


def test_static_files_come_from_the_portal_not_a_cdn(client):
    response = client.get("/es/")
    assert "/static/css/portal.css" in response.text
    assert "//cdn" not in response.text and "googleapis" not in response.text


def test_admin_index_in_spanish_has_no_english_library_labels(admin_client):
    response = admin_client.get("/es/admin/")
    assert "Bloqueos de inicio de sesión" in response.text
    assert "Intentos de acceso" in response.text
    for english in ("Access attempts", "Access logs", "Events"):
        assert english not in response.text


def test_markdown_reads_as_prose_without_its_markup():
    from core.text import markdown_plain

    source = (
        "# Plan de trabajo\n\n## Eje 1: **Gestión** migratoria\n\n"
        "- Un [enlace](https://example.org) y `código`\n> cita\n\n---\n| a | b |\n|---|---|\n"
    )
    plain = markdown_plain(source)
    assert "#" not in plain and "**" not in plain and "`" not in plain and "](" not in plain
    assert "Plan de trabajo" in plain and "Eje 1: Gestión migratoria" in plain
    assert "Un enlace y código" in plain and "cita" in plain
    # Headings a snippet joined into one line lose their marks too.
    assert markdown_plain("… objetivos ## Eje 1 acciones") == "… objetivos Eje 1 acciones"


def test_text_without_markup_is_left_as_it_is_and_text_with_any_is_read_as_markdown():
    """The shortcut for plain text never skips a text one of the substitutions would change."""
    import random

    from core import text

    def every_substitution(value):
        for pattern, replacement in (
            (text._MD_RULES, ""),
            (text._MD_LINE_MARKS, ""),
            (text._MD_TRAILING_HASHES, ""),
            (text._MD_IMAGES_LINKS, r"\1"),
            (text._MD_EMPHASIS, ""),
            (text._MD_MID_HEADINGS, ""),
        ):
            value = pattern.sub(replacement, value)
        return value

    pieces = ["a", "Eje", " ", "  ", "\t", "\n", "#", "##", "*", "-", "_", "+", ">", "1.", "|"]
    pieces += [":", "[", "]", "(", ")", "[x]", "(u)", "!", "`", "~", "&#x27;", "…", "ñ"]
    rng = random.Random(11)
    skipped = 0
    for _ in range(20_000):
        value = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        assert text.markdown_plain(value) == every_substitution(value), repr(value)
        skipped += not text.markdown_may_be_in(value)
    assert skipped > 1_000  # the shortcut is taken, and gave the same text
