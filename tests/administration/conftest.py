import pytest

from tests.conftest import Role, make_user


@pytest.fixture
def administrator(municipality):
    return make_user(municipality, Role.ADMINISTRATOR, username="admin")


@pytest.fixture
def as_administrator(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def outsider_administrator(other_municipality):
    return make_user(other_municipality, Role.ADMINISTRATOR, username="outsider-admin")
