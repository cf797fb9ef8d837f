"""Restore a tracked record to the state an event recorded; the restore is an event too."""

import pghistory
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.history.selectors import history_fields

# An integer field of this name is an optimistic-lock counter (see focal_point_update).
VERSION_FIELD = "version"


def _has_version_counter(model: type[models.Model]) -> bool:
    try:
        field = model._meta.get_field(VERSION_FIELD)
    except FieldDoesNotExist:
        return False
    return isinstance(field, models.IntegerField)


@transaction.atomic
def history_revert(*, event, user, reason: str = "") -> models.Model:
    """Restore the record an event tracks to the state it recorded, under a row lock.

    A model with a `version` counter gets it bumped, as every other write does, so an editor
    who opened the record before the restore cannot save over it.
    """
    model = event.pgh_tracked_model
    # A model may name fields only its own services set (system markers, not edits): a
    # restore leaves them as they are.
    kept = set(getattr(model, "history_revert_keeps", ()))
    values = {
        f.attname: getattr(event, f.attname) for f in history_fields(model) if f.name not in kept
    }
    default_reason = _("Reverted to the state of %(when)s") % {
        "when": timezone.localtime(event.pgh_created_at).strftime("%Y-%m-%d %H:%M")
    }
    with pghistory.context(user=user.pk if user else None, reason=reason or str(default_reason)):
        current = model._base_manager.select_for_update().filter(pk=event.pgh_obj_id).first()
        restoring_deleted = current is None
        if restoring_deleted:
            # The record was deleted: bring it back under its old id.
            current = model(pk=event.pgh_obj_id)
        for attname, value in values.items():
            setattr(current, attname, value)
        current.full_clean()
        if not restoring_deleted and _has_version_counter(model):
            setattr(current, VERSION_FIELD, getattr(current, VERSION_FIELD) + 1)
        current.save()
        return current
