"""Who may delete and run bulk actions in the admin: every ModelAdmin, every role, the effect.

The cases come from ADMIN_MODELS in admin_models.py, the domain's rights of
each role on each model: for every registered admin, a POST to the delete page, the bulk
"delete_selected", each other bulk action it offers, and the forms of its other object pages
(copying a meeting), each on a fresh object made for the case. A refused write leaves its
object exactly as it was; an allowed one shows its effect (the object is gone, or retired,
handled, copied...).
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from tests.permission_matrix import admin_models as matrix
from tests.permission_matrix.admin_models import (
    DELEGATION,
    EMPTY,
    HIDDEN,
    LOGIN,
    NONE,
    READ,
    WRITE,
    Write,
)
from tests.permission_matrix.roles import ADMIN_LOGIN, ADMIN_MISSING, ROLES, sign_in

pytestmark = pytest.mark.django_db

# Answers of a write, besides those of the matrix:
DONE = "done"  # 302 back into the admin: the changelist; the index where nobody may change the
# model (the sending log); the person's page once a focal point is retired; the copy's page
BACK = "back"  # 302 back to the changelist: the action ran, on the user's rows only (or to the
# form the action opens)
# The changelist answers without running the action: 200 when it offers the user no action at
# all, 302 back to it ("no action selected") when it offers others.
IGNORED = "ignored"

# fmt: off
#               delete page    bulk action
WRITE_ANSWERS = {
    LOGIN:  (   ADMIN_LOGIN,   ADMIN_LOGIN),  # noqa: E201,E241
    NONE:   (   403,           403),  # noqa: E201,E241
    READ:   (   403,           IGNORED),  # noqa: E201,E241
    EMPTY:  (   403,           IGNORED),  # noqa: E201,E241
    HIDDEN: (   ADMIN_MISSING, BACK),  # noqa: E201
    # The object is in their list but not theirs to change: Django refuses the bulk delete.
    DELEGATION: (403,          403),
    WRITE:  (   DONE,          BACK),  # noqa: E201,E241
}
# fmt: on


@dataclass(frozen=True)
class Case:
    name: str
    label: str  # app_label.model_name
    action: str | None  # None: a page of the object (its delete page, or write.view)
    write: Write
    role: str
    right: str


def build_cases() -> list[Case]:
    cases = []
    for label in matrix.REGISTERED:
        expected = matrix.ADMIN_MODELS.get(label)
        if expected is None:
            continue  # test_every_registered_admin_has_the_rights_... fails for it
        plain_delete = Write(expected.fresh)
        writes = [
            ("delete", None, plain_delete),
            *[(name, None, write) for name, write in expected.deletes.items()],
            *[(name, None, write) for name, write in expected.pages.items()],
            ("delete_selected", "delete_selected", plain_delete),
            *[(name, name, write) for name, write in expected.actions.items()],
        ]
        for name, action, write in writes:
            for role, right in zip(ROLES, expected.rights, strict=True):
                cases.append(Case(f"{label} {name}", label, action, write, role, right))
    return cases


CASES = build_cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{case.name}|{case.role}" for case in CASES])
def test_admin_write_answers_each_role_and_changes_only_what_it_may(client, world, case):
    sign_in(client, world, case.role)
    obj = case.write.make(world)
    before = case.write.observe(obj)
    changelist = reverse(matrix.admin_url_name(case.label, "changelist"))

    if case.action is None:
        page = reverse(matrix.admin_url_name(case.label, case.write.view), args=[obj.pk])
        response = client.post(page, case.write.form(obj))
    else:
        data = {"action": case.action, "_selected_action": [obj.pk]}
        if case.action == "delete_selected":
            data["post"] = "yes"  # the confirmation page's answer
        response = client.post(changelist, data)

    expected = WRITE_ANSWERS[case.right][0 if case.action is None else 1]
    answer = (response.status_code, response.get("Location", ""))
    if expected == ADMIN_LOGIN:
        assert answer[0] == 302 and answer[1].startswith(reverse("admin:login")), answer
    elif expected == ADMIN_MISSING:
        assert answer == (302, reverse("admin:index")), answer
    elif expected == DONE:
        change = reverse(matrix.admin_url_name(case.label, "change"), args=[obj.pk])
        landings = [changelist, reverse("admin:index"), change]
        if case.write.lands_on is not None:
            landings.append(case.write.lands_on(obj))
        assert answer[0] == 302 and answer[1] in landings, answer
    elif expected == BACK and case.write.opens_form:
        assert answer == (302, case.write.lands_on(obj)), answer
        # The user fills in the form the action opened: only then is the write done.
        response = client.post(answer[1], case.write.form(obj))
        assert response.status_code == 302, response.status_code
    elif expected == BACK:
        assert answer == (302, changelist), answer
    elif expected == IGNORED:
        assert answer in ((200, ""), (302, changelist)), answer
    else:
        assert answer[0] == expected, answer

    after = case.write.observe(obj)
    if case.right == WRITE:
        assert case.write.done(after), (before, after)
    else:
        assert after == before
