"""Every directory admin page renders for the Secretariat, with no asset from a CDN."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.focal_points.factories import DesignationFactory, PresidencyFactory

pytestmark = pytest.mark.django_db

# The self-service queue and log have their own tests (test_admin_self_service.py).
DIRECTORY_MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label == "focal_points"
    and model._meta.model_name not in {"changerequest", "verificationrequest"}
]


@pytest.mark.parametrize("model", DIRECTORY_MODELS, ids=lambda m: m._meta.model_name)
@pytest.mark.parametrize("language", ["es", "en"])
def test_admin_changelist_add_and_change_pages_render(admin_client, model, language):
    designation = DesignationFactory()
    presidency = PresidencyFactory(country=designation.country)
    objects = {
        "country": designation.country,
        "institution": designation.focal_point.institution,
        "workinggroup": designation.working_group,
        "focalpoint": designation.focal_point,
        "designation": designation,
        "presidency": presidency,
    }
    info = (model._meta.app_label, model._meta.model_name)
    obj = objects[model._meta.model_name]
    for url in (
        reverse(f"admin:{info[0]}_{info[1]}_changelist"),
        reverse(f"admin:{info[0]}_{info[1]}_add"),
        reverse(f"admin:{info[0]}_{info[1]}_change", args=[obj.pk]),
    ):
        response = admin_client.get(url.replace("/es/", f"/{language}/", 1))
        assert response.status_code == 200, url
        assert "googleapis" not in response.text
