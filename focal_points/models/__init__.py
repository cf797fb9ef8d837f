"""Who is who in the CRM: countries, institutions, groups, focal points and their seats.

base.py       limits, periods, the verification cutoff, languages
reference.py  Country, Institution, WorkingGroup, Presidency
people.py     FocalPoint, Designation
queues.py     ChangeRequest, VerificationRequest
"""

from focal_points.models.base import (
    ADDRESS_MAX_LENGTH,
    ALTERNATE_EMAILS_MAX,
    DESIGNATION_ENDS_AFTER_START,
    MANDATE_MAX_LENGTH,
    MESSAGE_MAX_LENGTH,
    ONE_PRINCIPAL_PER_SEAT,
    PRESIDENCIES_DO_NOT_OVERLAP,
    STALE_AFTER_MONTHS,
    DateRange,
    Language,
    inclusive_period,
    stale_cutoff,
    text_at_most,
)
from focal_points.models.people import (
    DESIGNATION_CURRENT_SQL,
    ROLE_ORDER,
    Designation,
    DesignationQuerySet,
    FocalPoint,
    FocalPointQuerySet,
    designation_letter_path,
    name_contains,
)
from focal_points.models.queues import (
    ChangeRequest,
    ChangeRequestQuerySet,
    VerificationRequest,
    VerificationRequestQuerySet,
)
from focal_points.models.reference import (
    Country,
    CountryQuerySet,
    Institution,
    InstitutionQuerySet,
    Presidency,
    PresidencyQuerySet,
    WorkingGroup,
    WorkingGroupQuerySet,
)

__all__ = [
    "DESIGNATION_CURRENT_SQL",
    "ADDRESS_MAX_LENGTH",
    "ALTERNATE_EMAILS_MAX",
    "DESIGNATION_ENDS_AFTER_START",
    "MANDATE_MAX_LENGTH",
    "MESSAGE_MAX_LENGTH",
    "ONE_PRINCIPAL_PER_SEAT",
    "PRESIDENCIES_DO_NOT_OVERLAP",
    "ROLE_ORDER",
    "STALE_AFTER_MONTHS",
    "ChangeRequest",
    "ChangeRequestQuerySet",
    "Country",
    "CountryQuerySet",
    "DateRange",
    "Designation",
    "DesignationQuerySet",
    "FocalPoint",
    "FocalPointQuerySet",
    "Institution",
    "InstitutionQuerySet",
    "Language",
    "Presidency",
    "PresidencyQuerySet",
    "VerificationRequest",
    "VerificationRequestQuerySet",
    "WorkingGroup",
    "WorkingGroupQuerySet",
    "designation_letter_path",
    "inclusive_period",
    "stale_cutoff",
    "text_at_most",
    "name_contains",
]
