"""Every registered ModelAdmin's list, add page, object page and history, per role.

The rows come from ADMIN_MODELS (admin_models.py); a new ModelAdmin or bulk action fails the
registry guard below until its entry there states the domain's answer.
"""

import pytest

from tests.permission_matrix.admin_models import ADMIN_MODELS, ADMIN_PAGES, REGISTERED
from tests.permission_matrix.roles import cases, check_page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("page", "role"), cases(ADMIN_PAGES))
def test_page_answers_each_role_as_expected_and_refusals_leak_nothing(client, world, page, role):
    check_page(client, world, page, role)


def test_every_registered_admin_has_the_rights_of_each_role_and_each_action():
    # A new ModelAdmin, or a new bulk action, fails here until the domain's answer is written.
    assert set(REGISTERED) == set(ADMIN_MODELS)
    for label, model_admin in REGISTERED.items():
        offered = {name for _func, name, _text in model_admin._get_base_actions()}
        assert offered - {"delete_selected"} == set(ADMIN_MODELS[label].actions), label
        assert "delete_selected" in offered, label
