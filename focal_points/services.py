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


# Spreadsheet imports (focal_points/resources.py) run every row inside one transaction and
# look countries, groups, institutions and people up in caches loaded once per file. These
# services apply the same field rules and constraints as the admin's full_clean(), minus the
# queries those caches make redundant: 10,000 rows must import in seconds, row by row.


def focal_point_import_clean(*, focal_point: FocalPoint) -> None:
    """Check a person read from a spreadsheet against the model's rules."""
    # The institution comes from the importer's cache (it exists). The e-mail was matched
    # case-insensitively against the database and the file, so the unique-address rule holds;
    # the database constraint remains the final guard.
    focal_point.full_clean(
        exclude=["institution"], validate_unique=False, validate_constraints=False
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


def designation_import_clean(*, designation: Designation) -> None:
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
    if designation.role == Designation.Role.PRINCIPAL:
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
    designation_import_clean(designation=designation)
    return designation
