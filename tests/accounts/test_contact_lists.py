"""Contact lists to take away: each format read back, in the CRM's order, for members."""

import io
import re

import pytest
import vobject
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.contact_lists.pdf import StaticFilesOnlyFetcher, contact_list_pdf
from accounts.contact_lists.rows import contact_list_read
from accounts.contact_lists.xlsx import neutralised
from tests.accounts.conftest import EXPECTED_ORDER

pytestmark = pytest.mark.django_db


def download(client, user, group, fmt, language="en", query=""):
    client.force_login(user)
    response = client.get(f"/{language}/accounts/contacts/{group.pk}/download/{fmt}/{query}")
    assert response.status_code == 200, response.content[:300]
    assert response["Cache-Control"] == "private, no-store"
    return response


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_holds_every_person_in_the_crm_s_order_with_english_headings(
    client, contact_group, member
):
    response = download(client, member, contact_group["group"], "pdf")

    assert response["Content-Type"] == "application/pdf"
    assert re.match(
        r'attachment; filename="contacts-group-\d+-\d{4}-\d\d-\d\d\.pdf"',
        response["Content-Disposition"],
    )
    text = pdf_text(response.content)
    positions = [text.index(email) for email in EXPECTED_ORDER]
    assert positions == sorted(positions)
    assert text.index("Belize") < text.index("Panama") < text.index("Arctic")
    for heading in ("Contact list: Protection Group", "Name and position", "Produced on"):
        assert heading in text
    # Honorific, position, institution, postal address, phones with the country code, fax,
    # e-mails and the role.
    for detail in (
        "Dr. Ángel Ábrego",
        "Director of Migration",
        "Ministry pa_principal",
        "Apartado 0816-01234",
        "+507 200-0001",
        "+507 6000-0001",
        "Fax +507 200-0009",
        "angel.alt@example.org",
        "Principal",
        "Alternate",
    ):
        assert detail in text, detail
    for absent in ("ended@example.org", "gone@example.org", "elsewhere@example.org"):
        assert absent not in text


def test_the_pdf_speaks_the_language_of_the_page(client, contact_group, member):
    text = pdf_text(download(client, member, contact_group["group"], "pdf", language="es").content)
    assert "Lista de contactos: Grupo de Protección" in text
    assert text.index("Belice") < text.index("Panamá")


def test_the_pdf_is_set_in_dejavu_sans(client, contact_group, member):
    reader = PdfReader(io.BytesIO(download(client, member, contact_group["group"], "pdf").content))
    fonts = {
        font["/BaseFont"] for page in reader.pages for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("DejaVu-Sans" in str(name) for name in fonts), fonts


def test_the_pdf_reads_static_files_and_nothing_else(settings):
    fetcher = StaticFilesOnlyFetcher()
    css = fetcher.fetch("https://portal.invalid/static/accounts/contact-list-print.css")
    assert css.content_type == "text/css"
    assert b"DejaVu Sans" in css.read()
    for refused in (
        "https://example.org/static/accounts/contact-list-print.css",
        "file:///etc/passwd",
        "https://portal.invalid/media/secret.pdf",
        "https://portal.invalid/static/../../crm_portal/settings/base.py",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(refused)


def test_the_xlsx_has_the_same_people_and_columns_a_frozen_header_and_widths(
    client, contact_group, member
):
    response = download(client, member, contact_group["group"], "xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:3] == ("Country", "Role", "Honorific")
    assert "Working group" not in header  # a group's own list names it in the title
    assert [row[header.index("E-mail")] for row in rows[1:]] == EXPECTED_ORDER
    angel = dict(zip(header, rows[2], strict=True))
    assert angel == {
        "Country": "Panama",
        "Role": "Principal",
        "Honorific": "Dr.",
        "Given names": "Ángel",
        "Family names": "Ábrego",
        "Position": "Director of Migration",
        "Institution": "Ministry pa_principal (MRE" + angel["Institution"].split("(MRE")[1],
        "Postal address": "Apartado 0816-01234\nPanamá",
        "Phone": "+507 200-0001",
        "Mobile": "+507 6000-0001",
        "Fax": "+507 200-0009",
        "E-mail": "angel@example.org",
        "Other e-mails": "angel.alt@example.org",
        "Languages": "Spanish, English",
    }
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == 18
    assert sheet.column_dimensions["H"].width == 40  # postal address


def test_the_xlsx_neutralises_formulas_but_keeps_phone_numbers(client, contact_group, member):
    person = contact_group["people"]["bz_principal"]
    person.position_en = '=HYPERLINK("https://evil.example","click")'
    person.save()

    response = download(client, member, contact_group["group"], "xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    position = next(cell.value for cell in cells if "HYPERLINK" in str(cell.value))
    assert position == '\'=HYPERLINK("https://evil.example","click")'
    assert "+501 223-0001" in [cell.value for cell in cells]


@pytest.mark.parametrize(
    ("column", "value", "written"),
    [
        ("position", "-1+2", "'-1+2"),
        ("given_name", "@SUM(A1)", "'@SUM(A1)"),
        ("phone", "+506 2222 0001", "+506 2222 0001"),
        ("family_name", "Núñez", "Núñez"),
    ],
)
def test_neutralising_prefixes_only_risky_text(column, value, written):
    assert neutralised(column, value) == written


def test_vcards_4_0_one_per_person_with_typed_fields(client, contact_group, member):
    response = download(client, member, contact_group["group"], "vcf")

    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    cards = list(vobject.readComponents(response.content.decode()))
    assert [card.email.value for card in cards] == EXPECTED_ORDER
    angel = cards[1]
    assert angel.version.value == "4.0"
    assert angel.fn.value == "Ángel Ábrego"
    assert angel.n.value.family == "Ábrego" and angel.n.value.prefix == "Dr."
    assert angel.org.value == [str(contact_group["people"]["pa_principal"].institution)]
    assert angel.title.value == "Director of Migration"
    phones = {tuple(tel.params["TYPE"]): tel.value for tel in angel.contents["tel"]}
    assert phones == {
        ("work", "voice"): "+507 200-0001",
        ("cell",): "+507 6000-0001",
        ("work", "fax"): "+507 200-0009",
    }
    assert [email.value for email in angel.contents["email"]] == [
        "angel@example.org",
        "angel.alt@example.org",
    ]
    assert angel.adr.value.street == "Apartado 0816-01234\nPanamá"
    assert angel.adr.value.country == "Panama"
    assert [lang.value for lang in angel.contents["lang"]] == ["es", "en"]
    assert angel.note.value == "Protection Group: Principal"


def test_vcards_3_0_on_request(client, contact_group, member):
    response = download(client, member, contact_group["group"], "vcf", query="?version=3.0")
    cards = list(vobject.readComponents(response.content.decode()))
    assert {card.version.value for card in cards} == {"3.0"}
    angel = cards[1]
    assert {tuple(tel.params["TYPE"]) for tel in angel.contents["tel"]} == {
        ("WORK", "VOICE"),
        ("CELL",),
        ("WORK", "FAX"),
    }
    assert "lang" not in angel.contents


def test_an_unknown_vcard_version_is_a_bad_request(client, contact_group, member):
    client.force_login(member)
    group = contact_group["group"]
    response = client.get(f"/en/accounts/contacts/{group.pk}/download/vcf/?version=2.1")
    assert response.status_code == 400
    assert client.get(f"/en/accounts/contacts/{group.pk}/download/docx/").status_code == 404


def test_the_bcc_page_lists_each_address_once_with_a_mailto_link(client, contact_group, member):
    client.force_login(member)
    response = client.get(f"/en/accounts/contacts/{contact_group['group'].pk}/bcc/")
    assert response.status_code == 200
    assert ", ".join(EXPECTED_ORDER) in response.text
    assert "mailto:?bcc=" + ",".join(EXPECTED_ORDER) in response.text


def test_a_list_too_long_for_a_mailto_link_offers_the_copy_only(contact_group, member):
    contact_list = contact_list_read(user=member, working_group=contact_group["group"])
    assert contact_list.mailto().startswith("mailto:?bcc=")
    contact_list.rows = contact_list.rows * 1  # the same people: still one link
    long_list = contact_list_read(user=member, working_group=contact_group["group"])
    from dataclasses import replace

    long_list.rows = [
        replace(row, email=f"person{number}.with.a.long.address@example.org", focal_point_id=number)
        for number, row in enumerate(long_list.rows * 20)
    ]
    assert len(long_list.emails()) == 80
    assert long_list.mailto() == ""


def test_people_who_refused_public_listing_are_in_members_lists(client, contact_group, member):
    # Ángel did not agree to public listing: members still see him; visitors see nothing.
    assert not contact_group["people"]["pa_principal"].public_listing_consent
    text = pdf_text(download(client, member, contact_group["group"], "pdf").content)
    assert "Ángel Ábrego" in text
    client.logout()
    response = client.get(f"/en/accounts/contacts/{contact_group['group'].pk}/download/pdf/")
    assert response.status_code == 302


def test_each_format_takes_the_same_queries_for_4_or_40_people(
    client, contact_group, member, count_queries
):
    from tests.focal_points.factories import DesignationFactory

    client.force_login(member)
    group = contact_group["group"]
    urls = [f"/en/accounts/contacts/{group.pk}/download/{fmt}/" for fmt in ("pdf", "xlsx", "vcf")]
    urls.append(f"/en/accounts/contacts/{group.pk}/bcc/")
    for url in urls:
        client.get(url)  # warm the session
    small = [count_queries(lambda url=url: client.get(url)) for url in urls]
    for _ in range(36):
        DesignationFactory(working_group=group, role="additional")
    large = [count_queries(lambda url=url: client.get(url)) for url in urls]
    assert large == small


def test_pdf_rendering_of_a_list_needs_no_request(contact_group, member):
    content = contact_list_pdf(contact_list_read(user=member, working_group=contact_group["group"]))
    assert content.startswith(b"%PDF")


def test_a_coordinator_reads_their_own_country_s_people_in_every_list(client, contact_group):
    from tests.accounts.factories import coordinator_user

    coordinator = coordinator_user(country=contact_group["panama"])
    client.force_login(coordinator)
    group = contact_group["group"]

    group_bcc = client.get(f"/en/accounts/contacts/{group.pk}/bcc/")
    country_bcc = client.get("/en/accounts/contacts/countries/pa/bcc/")

    assert "angel@example.org, beatriz@example.org" in group_bcc.text
    assert "carla@example.org" not in group_bcc.text
    assert "angel@example.org, beatriz@example.org" in country_bcc.text
    assert client.get("/en/accounts/contacts/countries/BZ/bcc/").status_code == 404
    assert client.get("/en/accounts/contacts/directory/bcc/").status_code == 403


def test_the_directory_list_names_each_seat_s_group(client, contact_group):
    from tests.accounts.factories import secretariat_user

    client.force_login(secretariat_user())
    response = client.get("/en/accounts/contacts/directory/download/xlsx/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Country", "Working group", "Role")
    assert ("Panama", "Protection Group", "Principal") in [row[:3] for row in rows[1:]]
    assert sheet.title == "Whole directory"


def test_a_country_code_that_does_not_exist_is_a_404(client, contact_group):
    from tests.accounts.factories import secretariat_user

    client.force_login(secretariat_user())
    for code in ("zz", "x" * 300, "%25"):
        assert client.get(f"/en/accounts/contacts/countries/{code}/bcc/").status_code == 404
