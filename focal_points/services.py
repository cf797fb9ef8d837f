"""Writes with rules for the directory. Views, admin, imports and commands all call these."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from focal_points.models import Country, Designation, FocalPoint, Presidency, WorkingGroup


class ConcurrentEditError(ValidationError):
    """Someone saved the record after this editor opened it."""

    def __init__(self):
        super().__init__(
            _(
                "Someone else changed this entry after you opened it. Your changes were not "
                "saved: reload the page to see the current entry, then apply your changes again."
            ),
            code="concurrent_edit",
        )


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
) -> Designation:
    """Designate a focal point for a group, ending the seat's previous principal."""
    if role == Designation.Role.PRINCIPAL:
        # A new principal replaces the one in office: close the open periods the day before.
        previous = (
            Designation.objects.select_for_update()
            .principals()
            .for_seat(country=country, working_group=working_group, role=role)
            .filter(starts_on__lt=starts_on)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
        )
        for designation in previous:
            designation.ends_on = starts_on - timedelta(days=1)
            designation.full_clean()
            designation.save(update_fields=["ends_on", "updated_at"])
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
    for presidency in Presidency.objects.select_for_update().filter(
        starts_on__lt=starts_on, ends_on__gte=starts_on
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


@transaction.atomic
def focal_point_import(*, focal_point: FocalPoint, fields: list[str]) -> FocalPoint:
    """Save a person read from a spreadsheet (new, or with the named fields changed)."""
    # The savepoint (atomic) keeps a refused row from breaking the rest of the import.
    # Lookups come from the importer's prefetched caches: the FK existence checks are skipped,
    # every other field rule and the case-insensitive e-mail constraint still run.
    focal_point.full_clean(exclude=["institution"], validate_constraints=False)
    focal_point.validate_constraints()
    if focal_point.pk:
        focal_point.version += 1
        focal_point.save(update_fields=[*fields, "version", "updated_at"])
    else:
        focal_point.save(force_insert=True)
    return focal_point


@transaction.atomic
def designation_import(
    *,
    existing: Designation | None,
    focal_point: FocalPoint,
    working_group: WorkingGroup,
    country: Country,
    role: str,
    starts_on: date,
    ends_on: date | None = None,
    letter_reference: str = "",
    letter_date: date | None = None,
) -> Designation:
    """Record a designation read from a spreadsheet, or update the one it matches.

    Unlike designation_start(), it never ends another person's principal seat: a file that
    claims an occupied seat is refused by the one-principal-per-seat rule, for a person to
    decide.
    """
    designation = existing or Designation(
        focal_point=focal_point,
        working_group=working_group,
        country=country,
        role=role,
        starts_on=starts_on,
    )
    designation.ends_on = ends_on
    designation.letter_reference = letter_reference
    designation.letter_date = letter_date
    designation.full_clean(
        exclude=["focal_point", "working_group", "country", "letter_file"],
        validate_constraints=False,
    )
    designation.validate_constraints()
    designation.save()
    return designation
