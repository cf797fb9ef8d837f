"""Writes with rules for the directory. Views, admin, imports and commands all call these."""

from datetime import date, timedelta

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import ConcurrentEditError
from focal_points.models import (
    STALE_AFTER_MONTHS,
    ChangeRequest,
    Country,
    Designation,
    FocalPoint,
    Presidency,
    VerificationRequest,
    WorkingGroup,
)


def focal_point_create(*, focal_point: FocalPoint) -> FocalPoint:
    """Add a person to the directory, checked against every rule of the model."""
    focal_point.full_clean()
    focal_point.save()
    return focal_point


@transaction.atomic
def focal_point_update(
    *, focal_point: FocalPoint, changes: dict, expected_version: int | None = None
) -> FocalPoint:
    """Apply field changes to a focal point, refusing them if it changed since it was read."""
    locked = FocalPoint.objects.select_for_update().get(pk=focal_point.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConcurrentEditError()
    for field_name, value in changes.items():
        setattr(locked, field_name, value)
    locked.full_clean()
    locked.version += 1
    locked.save()
    return locked


@transaction.atomic
def focal_point_reachability_set(
    *, focal_points, unreachable_since: date | None, reason: str, user=None
) -> int:
    """Mark people unreachable since a day (or reachable again with None); return the changed."""
    # The version counter is left alone: no form edits this marker, so a person saving "my
    # entry" while a deadline closes is not refused. A person already marked keeps the day of
    # the first test they missed, which makes a second run change nothing.
    if isinstance(focal_points, QuerySet):
        ids = focal_points.values("pk")
    else:
        ids = [person.pk for person in focal_points]
    rows = FocalPoint.objects.filter(
        pk__in=ids, unreachable_since__isnull=unreachable_since is not None
    )
    with pghistory.context(user=user.pk if user else None, reason=reason):
        return rows.update(unreachable_since=unreachable_since, updated_at=timezone.now())


def focal_point_verify(*, focal_point: FocalPoint, on: date | None = None) -> FocalPoint:
    """Record that the person confirmed their entry is still correct."""
    return focal_point_update(
        focal_point=focal_point, changes={"last_verified_on": on or timezone.localdate()}
    )


@transaction.atomic
def designation_start(
    *,
    focal_point: FocalPoint,
    working_group: WorkingGroup,
    country: Country,
    role: str,
    starts_on: date,
    ends_on: date | None = None,
    letter_reference: str = "",
    letter_date: date | None = None,
    letter_file=None,
    replaces_principal: bool = True,
) -> Designation:
    """Designate a focal point for a group, ending the seat's previous principal.

    replaces_principal=False leaves a principal in office alone: the seat's database rule
    then refuses a second principal, for a person to decide.
    """
    if role == Designation.Role.PRINCIPAL and replaces_principal:
        designation_replace_principal(
            country=country, working_group=working_group, starts_on=starts_on
        )
    designation = Designation(
        focal_point=focal_point,
        working_group=working_group,
        country=country,
        role=role,
        starts_on=starts_on,
        ends_on=ends_on,
        letter_reference=letter_reference,
        letter_date=letter_date,
    )
    if letter_file is not None:
        designation.letter_file = letter_file
    designation.full_clean()
    designation.save()
    return designation


@transaction.atomic
def designation_replace_principal(
    *, country: Country, working_group: WorkingGroup, starts_on: date
) -> list[Designation]:
    """End the seat's principal designations in force on starts_on, the day before it."""
    # A new principal replaces the one in office: close the open periods the day before.
    previous = list(
        Designation.objects.select_for_update()
        .principals()
        .for_seat(country=country, working_group=working_group)
        .overlapping(starts_on=starts_on, ends_on=starts_on)
        .filter(starts_on__lt=starts_on)
    )
    for designation in previous:
        designation.ends_on = starts_on - timedelta(days=1)
        designation.full_clean()
        designation.save(update_fields=["ends_on", "updated_at"])
    return previous


@transaction.atomic
def designation_update(*, designation: Designation) -> Designation:
    """Save the changes made to a designation, checked against every rule of the seat."""
    # The row stays locked until the transaction ends: the editor's version check (admin
    # forms) and this save see the same row.
    Designation.objects.select_for_update().filter(pk=designation.pk).first()
    designation.full_clean()
    designation.save()
    return designation


def designation_delete(*, designation: Designation) -> None:
    """Delete a designation entered by mistake (history keeps it and can bring it back)."""
    designation.delete()


def designation_end(*, designation: Designation, ends_on: date | None = None) -> Designation:
    """End a designation (the seat's history keeps it)."""
    designation.ends_on = ends_on or timezone.localdate()
    designation.full_clean()
    designation.save(update_fields=["ends_on", "updated_at"])
    return designation


@transaction.atomic
def presidency_hand_over(
    *,
    country: Country,
    starts_on: date,
    ends_on: date,
    meeting_number: str = "",
    theme_es: str = "",
    theme_en: str = "",
) -> Presidency:
    """Open a new Pro-Tempore Presidency, closing the one in office the day before."""
    for presidency in (
        Presidency.objects.select_for_update()
        .overlapping(starts_on=starts_on, ends_on=starts_on)
        .filter(starts_on__lt=starts_on)
    ):
        presidency.ends_on = starts_on - timedelta(days=1)
        presidency.full_clean()
        presidency.save(update_fields=["ends_on", "updated_at"])
    presidency = Presidency(
        country=country,
        starts_on=starts_on,
        ends_on=ends_on,
        meeting_number=meeting_number,
        theme_es=theme_es,
        theme_en=theme_en,
    )
    presidency.full_clean()
    presidency.save()
    return presidency


def presidency_update(*, presidency: Presidency) -> Presidency:
    """Save the changes made to a presidency, checked against the no-overlap rule."""
    presidency.full_clean()
    presidency.save()
    return presidency


# Self-service: change requests and the verification cycle.

VERIFICATION_RESEND_AFTER_DAYS = 7


def change_request_submit(
    *,
    focal_point: FocalPoint,
    kind: str,
    submitted_by=None,
    left_on: date | None = None,
    successor_name: str = "",
    successor_email: str = "",
    successor_position: str = "",
    message: str = "",
) -> ChangeRequest:
    """Queue a focal point's request for a change only staff may make."""
    change_request = ChangeRequest(
        focal_point=focal_point,
        kind=kind,
        submitted_by=submitted_by,
        left_on=left_on,
        successor_name=successor_name,
        successor_email=successor_email,
        successor_position=successor_position,
        message=message,
    )
    change_request.full_clean()
    change_request.save()
    return change_request


def change_request_mark_handled(*, change_request: ChangeRequest, handled_by) -> ChangeRequest:
    """Close a change request, remembering who handled it and when."""
    change_request.handled_at = timezone.now()
    change_request.handled_by = handled_by
    change_request.full_clean()
    change_request.save(update_fields=["handled_at", "handled_by", "updated_at"])
    return change_request


def verification_due(
    *,
    months: int = STALE_AFTER_MONTHS,
    country: Country | None = None,
    working_group: WorkingGroup | None = None,
    today: date | None = None,
):
    """Active focal points not verified for `months` and not asked in the last seven days."""
    today = today or timezone.localdate()
    recently_asked = VerificationRequest.objects.filter(
        focal_point=OuterRef("pk"),
        sent_at__gte=timezone.now() - timedelta(days=VERIFICATION_RESEND_AFTER_DAYS),
    )
    due = FocalPoint.objects.active().stale(today, months).exclude(Exists(recently_asked))
    if country is not None:
        due = due.in_country(country)
    if working_group is not None:
        current = Designation.objects.current(today).filter(
            working_group=working_group, focal_point=OuterRef("pk")
        )
        due = due.filter(Exists(current))
    return due.select_related("institution__country").by_name()


def verification_request_record(*, focal_point: FocalPoint, sent_to: str) -> VerificationRequest:
    """Log that a verification e-mail went to a focal point."""
    request = VerificationRequest(focal_point=focal_point, sent_to=sent_to)
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def focal_point_retire(
    *, focal_point: FocalPoint, user=None, on: date | None = None, reason: str = ""
) -> FocalPoint:
    """End the person's open designations and deactivate them, keeping their history.

    Designations protect their focal point from deletion (the seat history needs the person):
    retiring is what "delete" means for someone who held a seat.
    """
    today = on or timezone.localdate()
    with pghistory.context(
        user=user.pk if user else None, reason=reason or str(_("Focal point retired"))
    ):
        open_designations = (
            Designation.objects.select_for_update().filter(focal_point=focal_point).open(today)
        )
        for designation in open_designations:
            # A seat that had not started yet ends on its first day: the constraint wants
            # an end on or after the start.
            designation_end(designation=designation, ends_on=max(today, designation.starts_on))
        return focal_point_update(focal_point=focal_point, changes={"is_active": False})


# Spreadsheet imports (focal_points/sheets/) check every row before writing any, then write
# them in one transaction; countries, groups, institutions and people come from caches
# loaded once per file. These
# services apply the same field rules and constraints as the admin's full_clean(), minus the
# queries those caches make redundant: 10,000 rows must import in seconds, row by row.


def focal_point_import_clean(*, focal_point: FocalPoint, checked: tuple[str, ...] = ()) -> None:
    """Check a person read from a spreadsheet against the model's rules."""
    # The institution comes from the importer's cache (it exists). The e-mail was matched
    # case-insensitively against the database and the file, so the unique-address rule holds;
    # the database constraint remains the final guard. `checked`: fields the sheet's columns
    # already validated with the model's own rule (the phone numbers), not checked twice.
    focal_point.full_clean(
        exclude=["institution", *checked], validate_unique=False, validate_constraints=False
    )


def focal_point_import(*, focal_point: FocalPoint, fields: list[str]) -> FocalPoint:
    """Save the changed fields of an existing person read from a spreadsheet."""
    focal_point_import_clean(focal_point=focal_point)
    focal_point.version += 1
    focal_point.save(update_fields=[*fields, "version", "updated_at"])
    return focal_point


@transaction.atomic
def directory_import_insert(
    *, focal_points: list[FocalPoint], designations: list[Designation], batch_size: int = 1000
) -> int:
    """Insert the checked new people, then the new designations, of an import; return count."""
    # Rows were checked one by one (focal_point_import_clean, designation_import_clean) so
    # every error is tied to its row; the inserts are batched. Database triggers still record
    # one history event per row, and the constraints stay the final guard.
    FocalPoint.objects.bulk_create(focal_points, batch_size=batch_size)
    # Designations of people inserted just above pick up their new primary keys here.
    Designation.objects.bulk_create(designations, batch_size=batch_size)
    return len(focal_points) + len(designations)


def designation_import_clean(*, designation: Designation, check_seat: bool = True) -> None:
    """Check a designation read from a spreadsheet against every rule of the model."""
    # Group, country and person come from the importer's caches: no existence queries.
    designation.full_clean(
        exclude=["focal_point", "working_group", "country", "letter_file"],
        validate_unique=False,
        validate_constraints=False,
    )
    constraints = {c.name: c for c in Designation._meta.constraints}
    # Same rule and message as the check constraint, decided without a query.
    if designation.ends_on and designation.ends_on < designation.starts_on:
        raise ValidationError(
            constraints["designation_ends_after_start"].get_violation_error_message()
        )
    # The exclusion constraint only concerns principals: one query for them, none for others.
    # The importer passes check_seat=False: it checks the seats of the whole file at once,
    # against the directory as the file leaves it.
    if check_seat and designation.role == Designation.Role.PRINCIPAL:
        constraints["designation_one_principal_per_seat"].validate(Designation, designation)


def designation_import(
    *,
    existing: Designation | None,
    working_group: WorkingGroup,
    country: Country,
    role: str,
    starts_on: date,
    ends_on: date | None = None,
    letter_reference: str = "",
    letter_date: date | None = None,
    check_seat: bool = True,
) -> Designation:
    """Return a checked, unsaved designation from a spreadsheet row, or the one it updates.

    Unlike designation_start(), it never ends another person's principal seat: a file that
    claims an occupied seat is refused by the one-principal-per-seat rule, for a person to
    decide. The caller sets the focal point and saves.
    """
    designation = existing or Designation(
        working_group=working_group, country=country, role=role, starts_on=starts_on
    )
    designation.ends_on = ends_on
    designation.letter_reference = letter_reference
    designation.letter_date = letter_date
    designation_import_clean(designation=designation, check_seat=check_seat)
    return designation
