"""The verification cycle: the sending command, its log and the two-button link."""

import datetime
import re
import time
from io import StringIO
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import User
from focal_points.models import FocalPoint, VerificationRequest
from tests.accounts.factories import FocalPointUserFactory
from tests.focal_points.factories import (
    CountryFactory,
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2020, 1, 1)


def run(*args) -> str:
    out = StringIO()
    call_command("send_verification_requests", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def verify_path(message) -> str:
    url = re.search(r"https?://\S+?/accounts/verify/\?sesame=[A-Za-z0-9_-]+", message.body)[0]
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def test_command_asks_stale_active_focal_points_only_and_logs_each_sending():
    stale = FocalPointFactory(last_verified_on=LONG_AGO, preferred_language="en")
    never = FocalPointFactory(last_verified_on=None)
    FocalPointFactory()  # verified today
    FocalPointFactory(last_verified_on=LONG_AGO, is_active=False)

    output = run()

    assert sorted(m.to[0] for m in mail.outbox) == sorted([stale.email, never.email])
    assert "[1/2]" in output and "[2/2]" in output
    assert "Se enviaron 2 solicitudes de verificación." in output
    assert VerificationRequest.objects.count() == 2
    english = next(m for m in mail.outbox if m.to == [stale.email])
    assert english.subject == "Please confirm your entry in the CRM focal-point directory"
    assert english.alternatives[0][1] == "text/html"
    assert verify_path(english).startswith("/en/accounts/verify/")


def test_command_never_asks_the_same_person_twice_within_seven_days():
    person = FocalPointFactory(last_verified_on=LONG_AGO)
    run()
    run()
    assert len(mail.outbox) == 1
    VerificationRequest.objects.update(sent_at=timezone.now() - datetime.timedelta(days=8))
    run()
    assert len(mail.outbox) == 2
    assert person.verification_requests.count() == 2


def test_dry_run_lists_people_and_sends_nothing():
    person = FocalPointFactory(last_verified_on=LONG_AGO)
    output = run("--dry-run")
    assert person.email in output
    assert mail.outbox == []
    assert not VerificationRequest.objects.exists()


def test_months_country_and_group_narrow_who_is_asked():
    costa_rica = CountryFactory(iso_code="CR")
    panama = CountryFactory(iso_code="PA")
    six_months_ago = timezone.localdate() - datetime.timedelta(days=200)
    in_costa_rica = FocalPointFactory(
        institution=InstitutionFactory(country=costa_rica), last_verified_on=six_months_ago
    )
    in_panama = FocalPointFactory(
        institution=InstitutionFactory(country=panama), last_verified_on=six_months_ago
    )
    group = WorkingGroupFactory(acronym_es="GTMD")
    DesignationFactory(focal_point=in_panama, working_group=group)

    assert run("--dry-run").count("@") == 0  # 200 days is not stale at 12 months
    by_country = run("--dry-run", "--months", "6", "--country", "cr")
    assert in_costa_rica.email in by_country and in_panama.email not in by_country
    by_acronym = run("--dry-run", "--months", "6", "--group", "gtmd")
    assert in_panama.email in by_acronym and in_costa_rica.email not in by_acronym
    by_id = run("--dry-run", "--months", "6", "--group", str(group.pk))
    assert in_panama.email in by_id


def test_command_refuses_unknown_country_or_group():
    with pytest.raises(CommandError):
        run("--country", "ZZ")
    with pytest.raises(CommandError):
        run("--group", "nothing")


def test_checking_who_was_recently_asked_takes_one_query_whatever_the_number(
    django_assert_max_num_queries,
):
    from focal_points.services import verification_due

    for _ in range(30):
        person = FocalPointFactory(last_verified_on=LONG_AGO)
        VerificationRequest.objects.create(focal_point=person, sent_to=person.email)
    FocalPointFactory(last_verified_on=LONG_AGO)
    with django_assert_max_num_queries(1):
        assert len(list(verification_due())) == 1


@pytest.fixture
def verification_link(client):
    person = FocalPointFactory(last_verified_on=LONG_AGO, email="verify.me@example.org")
    run()
    return person, verify_path(mail.outbox[-1])


def test_verification_link_shows_two_buttons_without_signing_in(client, verification_link):
    person, path = verification_link
    response = client.get(path)
    assert response.status_code == 200
    assert "Siguen siendo correctos" in response.text
    assert "Actualizar mis datos" in response.text
    assert SESSION_KEY not in client.session
    # A mail scanner's GET burns nothing: the page opens again.
    assert client.get(path).status_code == 200


def test_still_correct_from_the_e_mail_signs_in_and_records_today(client, verification_link):
    person, path = verification_link
    token = path.split("sesame=")[1]
    response = client.post(path.split("?")[0], {"sesame": token, "action": "confirm"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.last_verified_on == timezone.localdate()
    assert client.session[SESSION_KEY] == str(User.objects.get(focal_point=person).pk)
    event = person.events.order_by("-pgh_id").first()
    assert event.pgh_context.metadata["user"] == User.objects.get(focal_point=person).pk
    # Single use.
    client.post("/es/accounts/sign-out/")
    again = client.post(path.split("?")[0], {"sesame": token, "action": "confirm"})
    assert again.status_code == 400


def test_update_from_the_e_mail_opens_my_entry_signed_in(client, verification_link):
    person, path = verification_link
    token = path.split("sesame=")[1]
    response = client.post(path.split("?")[0], {"sesame": token, "action": "update"})
    assert response["Location"] == "/es/accounts/my-entry/"
    assert client.get("/es/accounts/my-entry/").status_code == 200
    person.refresh_from_db()
    assert person.last_verified_on == LONG_AGO


def test_verification_link_cannot_be_used_to_sign_in_elsewhere(client, verification_link):
    person, path = verification_link
    token = path.split("sesame=")[1]
    # A token scoped to the verify page is not a general sign-in link.
    assert client.get(f"/es/accounts/sign-in/link/?sesame={token}").status_code == 400


def test_verification_link_lasts_days_not_minutes_but_expires(client, verification_link):
    person, path = verification_link
    with mock.patch("sesame.tokens_v2.time.time", return_value=time.time() + 3 * 86400):
        assert client.get(path).status_code == 200
    with mock.patch("sesame.tokens_v2.time.time", return_value=time.time() + 15 * 86400):
        assert client.get(path).status_code == 400


def test_sign_in_links_are_not_sent_to_a_deactivated_focal_point_account(client):
    user = FocalPointUserFactory(focal_point__last_verified_on=LONG_AGO)
    FocalPoint.objects.filter(pk=user.focal_point_id).update(is_active=False)
    run()
    assert mail.outbox == []
