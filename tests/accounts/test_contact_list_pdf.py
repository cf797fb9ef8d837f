"""A long contact list's PDF is rendered in parts: joined in order, numbered across the parts."""

import io

import pytest
from django.utils import translation
from pypdf import PdfReader

from accounts.contact_lists import pdf
from accounts.contact_lists.rows import contact_list_read
from tests.accounts.conftest import EXPECTED_ORDER

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def outline_titles(outline):
    for item in outline:
        if isinstance(item, list):
            yield from outline_titles(item)
        else:
            yield item.title


@pytest.fixture
def group_list(contact_group, member):
    return contact_list_read(user=member, working_group=contact_group["group"])


def test_parts_keep_whole_countries_and_split_only_a_country_longer_than_a_part(group_list):
    # Belize 1 person, Panama 2, the observer 1.
    by_two = pdf.contact_list_parts(group_list, size=2)
    assert [[(s.country, len(s.rows), s.continued) for s in part] for part in by_two] == [
        [("Belize", 1, False)],
        [("Panama", 2, False)],
        [("Arctic", 1, False)],
    ]
    by_one = pdf.contact_list_parts(group_list, size=1)
    assert [(s.country, s.continued) for part in by_one for s in part] == [
        ("Belize", False),
        ("Panama", False),
        ("Panama", True),
        ("Arctic", False),
    ]
    assert [row for part in by_one for s in part for row in s.rows] == group_list.rows
    assert pdf.contact_list_parts(group_list) == [
        [pdf.Section(country, rows) for country, rows in group_list.by_country()]
    ]


def test_a_list_in_parts_reads_in_order_with_every_page_numbered_and_dated(group_list, monkeypatch):
    monkeypatch.setattr(pdf, "PART_ROWS", 1)

    reader = PdfReader(io.BytesIO(pdf.contact_list_pdf(group_list)))

    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == 4  # each part begins a page
    text = "\n".join(pages)
    positions = [text.index(email) for email in EXPECTED_ORDER]
    assert positions == sorted(positions)
    assert "Panama (continued)" in pages[2]
    assert pages[0].count("Contact list: Protection Group") == 1
    assert "Contact list" not in "".join(pages[1:])
    for number, page in enumerate(pages, start=1):
        assert f"{number} / 4" in page and "Produced on" in page
    # The bookmarks of every part are kept, in order: the title, then each country.
    titles = list(outline_titles(reader.outline))
    assert titles[0] == "Contact list: Protection Group"
    assert titles[1:] == [
        "Belize",
        "Panama",
        "Panama (continued)",
        "Arctic",
    ]
    assert reader.metadata.title == "Contact list: Protection Group"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_an_empty_list_is_one_page_that_says_so(contact_group, member):
    from datetime import timedelta

    from django.utils import timezone

    contact_group["group"].designations.update(ends_on=timezone.localdate() - timedelta(days=1))
    empty = contact_list_read(user=member, working_group=contact_group["group"])

    reader = PdfReader(io.BytesIO(pdf.contact_list_pdf(empty)))

    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "No current focal points." in text and "1 / 1" in text
