"""Shared fixtures: the two demo regions, loaded once per test session.

Named people, as in hc/test.py: ``cm.luenen`` keeps cases in Lünen,
``cm.bergkamen`` in Bergkamen (the same county, another town), ``cm.backnang``
in another state altogether; every role has one account per region.
"""

import pytest
from django.test import Client

from lotse.accounts.models import User
from lotse.demo.regions import load_regions
from lotse.organisations.models import Organisation


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_regions()


@pytest.fixture
def demo_mode(settings):
    settings.LOTSE_DEMO = True
    return settings


@pytest.fixture
def user(db):
    def get(username: str) -> User:
        return User.objects.get(username=username)

    return get


@pytest.fixture
def org(db):
    def get(name: str) -> Organisation:
        return Organisation.objects.get(name=name)

    return get


@pytest.fixture
def login(db, demo_mode):
    """A test client signed in as the named demo user (second factor waived in demo mode)."""

    def sign_in(username: str) -> Client:
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client

    return sign_in
