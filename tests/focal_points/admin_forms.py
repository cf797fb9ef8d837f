"""Build the POST data of the focal point change form, as the browser would send it."""

from focal_points.models import FocalPoint


def focal_point_form_data(focal_point: FocalPoint, **overrides) -> dict:
    """Return the change form's fields for focal_point, its designations unchanged."""
    data = {
        "honorific": focal_point.honorific,
        "given_name": focal_point.given_name,
        "family_name": focal_point.family_name,
        "position_es": focal_point.position_es or "",
        "position_en": focal_point.position_en or "",
        "institution": focal_point.institution_id,
        "email": focal_point.email,
        "alternate_emails": ",".join(focal_point.alternate_emails),
        "phone": "",
        "mobile": "",
        "fax": "",
        "postal_address": focal_point.postal_address,
        "languages": list(focal_point.languages),  # tick boxes: one value per language
        "preferred_language": focal_point.preferred_language,
        "last_verified_on": focal_point.last_verified_on or "",
        "is_active": "on" if focal_point.is_active else "",
        "expected_version": focal_point.version,
        "change_reason": "",
    }
    if focal_point.public_listing_consent:
        data["public_listing_consent"] = "on"
    designations = list(focal_point.designations.order_by("pk")) if focal_point.pk else []
    data.update(
        {
            "designations-TOTAL_FORMS": len(designations),
            "designations-INITIAL_FORMS": len(designations),
            "designations-MIN_NUM_FORMS": 0,
            "designations-MAX_NUM_FORMS": 1000,
        }
    )
    for index, designation in enumerate(designations):
        prefix = f"designations-{index}-"
        data.update(
            {
                f"{prefix}id": designation.pk,
                f"{prefix}focal_point": focal_point.pk,
                f"{prefix}working_group": designation.working_group_id,
                f"{prefix}country": designation.country_id,
                f"{prefix}role": designation.role,
                f"{prefix}starts_on": designation.starts_on,
                f"{prefix}ends_on": designation.ends_on or "",
                f"{prefix}letter_reference": designation.letter_reference,
                f"{prefix}letter_date": designation.letter_date or "",
            }
        )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
