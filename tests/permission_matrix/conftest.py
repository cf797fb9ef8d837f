"""The matrix's world, built once for the whole package."""

from collections.abc import Iterator

import pytest

from tests.conftest import loaded_for_module
from tests.permission_matrix.world import build_world_signed_in


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker) -> Iterator[dict]:
    """The world, built once per package; each case nests in a savepoint rolled back after it.

    Whatever a case writes (sessions, deletes, retirements) is gone before the next case.
    """
    with loaded_for_module(django_db_blocker, build_world_signed_in) as data:
        yield data
