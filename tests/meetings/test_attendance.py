"""The attendance import: matched by e-mail, guests for the rest, bad rows refuse the file."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from focal_points.sheets.reading import SheetError, read_table
from meetings.attendance.importer import attendance_import, attendance_import_preview
from meetings.attendance.rows import records_from_table
from meetings.models import Participant

pytestmark = pytest.mark.django_db

HEADER = "Correo electrónico;Nombre;Institución;Delegación de;Función;Fecha\n"


def _records(text: str) -> list[dict]:
    table, _notes = read_table(text.encode("utf-8"), "asistencia.csv")
    return records_from_table(table)


def _day(world) -> str:
    return world["public"].starts_on.strftime("%d/%m/%Y")


def test_directory_people_are_matched_by_email_whatever_the_case_and_others_become_guests(world):
    meeting = world["public"]
    text = HEADER + (
        f"PUNTO.FOCAL.A@example.org;;;;head of delegation;{_day(world)}\n"
        "nueva.invitada@example.org;Nueva Invitada;ONG Ficticia;PA;Observer;\n"
    )

    result = attendance_import(meeting=meeting, records=_records(text))

    assert result.written, [row.errors for row in result.rows]
    world["participant_a"].refresh_from_db()
    assert world["participant_a"].role == Participant.Role.HEAD_OF_DELEGATION
    assert world["participant_a"].attended_on == meeting.starts_on
    guest = meeting.participants.get(guest_email="nueva.invitada@example.org")
    assert (guest.guest_name, guest.delegation_country) == ("Nueva Invitada", world["country_b"])
    assert guest.role == Participant.Role.OBSERVER
    # The same file again changes nothing.
    again = attendance_import_preview(meeting=meeting, records=_records(text))
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 2, "invalid": 0}


def test_an_alternate_address_of_the_directory_matches_too(world):
    world["focal_point_b"].alternate_emails = ["b.personal@example.org"]
    world["focal_point_b"].save()

    result = attendance_import_preview(
        meeting=world["closed"], records=_records(HEADER + "B.Personal@example.org;;;;;\n")
    )

    (row,) = result.rows
    assert row.status == "new" and row.focal_point == world["focal_point_b"]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("Nombre;Institución\n", "Missing columns"),
        ("E-mail;Name;Favourite colour\n", "Unknown columns"),
        ("E-mail;Name;Correo electrónico\n", "Columns given twice"),
    ],
)
def test_wrong_columns_refuse_the_file(header, message):
    with translation.override("en"), pytest.raises(SheetError, match=message):
        _records(header + "a@example.org;A;x\n")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("a@example.org;Ana;;;;31/02/2026", "is not a date"),
        ("a@example.org;Ana;;;;2001-01-01", "is not a day of the meeting"),
        ("a@example.org;Ana;;Atlantis;;", "Unknown country"),
        (";Guest Without Mail;;;;", "The e-mail is missing"),
        ("not-an-address;Ana;;;;", "is not an e-mail address"),
        ("someone@example.org;;;;;", "give the guest's name"),
        ("a@example.org;Ana;;;Chef;", "is not a role"),
    ],
)
def test_each_bad_row_gets_its_message_in_the_users_language(world, row, message):
    with translation.override("en"):
        result = attendance_import(meeting=world["public"], records=_records(HEADER + row + "\n"))

    assert not result.written
    (parsed,) = result.rows
    assert parsed.status == "invalid"
    assert any(message in error for error in parsed.errors), parsed.errors


def test_the_messages_are_in_spanish_for_a_spanish_reader(world):
    with translation.override("es"):
        result = attendance_import_preview(
            meeting=world["public"], records=_records(HEADER + "a@example.org;Ana;;Atlántida;;\n")
        )

    assert result.rows[0].errors == ["País desconocido: “Atlántida”."]


def test_duplicate_rows_are_refused_and_nothing_is_written(world):
    text = HEADER + (
        "otra@example.org;Otra Persona;;;;\n"
        "nueva@example.org;Nueva;;;;\n"
        "NUEVA@example.org;Nueva otra vez;;;;\n"
    )
    before = Participant.objects.count()

    with translation.override("en"):
        result = attendance_import(meeting=world["public"], records=_records(text))

    assert not result.written
    assert [row.status for row in result.rows] == ["new", "new", "invalid"]
    assert "line 3" in result.rows[2].errors[0]
    assert Participant.objects.count() == before  # all or nothing


def test_the_admin_previews_then_imports_an_xlsx(world, login):
    client = login(world["users"]["secretariat"])
    url = reverse("admin:meetings_meeting_attendance", args=[world["public"].pk])
    workbook = openpyxl.Workbook()
    workbook.active.append(["E-mail", "Name", "Institution", "Delegation of"])
    workbook.active.append(["visitante@example.org", "Visitante Ficticio", "OIM", "CR"])
    data = io.BytesIO()
    workbook.save(data)

    preview = client.post(
        url, {"import_file": SimpleUploadedFile("asistencia.xlsx", data.getvalue())}
    )
    assert preview.status_code == 200 and preview.context["counts"]["new"] == 1
    assert not Participant.objects.filter(guest_email="visitante@example.org").exists()
    payload = preview.context["confirm_form"].initial["payload"]
    confirmed = client.post(url, {"payload": payload, "confirm": "1"})

    assert confirmed.status_code == 302
    guest = Participant.objects.get(guest_email="visitante@example.org")
    assert guest.delegation_country == world["country_a"]


def test_the_admin_refuses_an_invalid_file_and_a_forged_confirmation(world, login):
    client = login(world["users"]["secretariat"])
    url = reverse("admin:meetings_meeting_attendance", args=[world["public"].pk])

    pdf = client.post(url, {"import_file": SimpleUploadedFile("a.csv", b"%PDF-1.4")})
    invalid = client.post(
        url, {"import_file": SimpleUploadedFile("a.csv", (HEADER + ";X;;;;\n").encode())}
    )
    forged = client.post(url, {"payload": "forged", "confirm": "1"})

    assert pdf.status_code == 200 and pdf.context["form"].errors["import_file"]
    assert invalid.context["has_errors"] and "confirm_form" not in invalid.context
    assert forged.status_code == 302


def test_readers_cannot_import(world, login):
    client = login(world["users"]["coordinator_of_a"])
    url = reverse("admin:meetings_meeting_attendance", args=[world["public"].pk])

    assert client.post(url, {"payload": "x", "confirm": "1"}).status_code == 403
