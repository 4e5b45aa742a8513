"""Lotse speaks German unless someone switches to English."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_german_regardless_of_the_browser_language(client):
    # The working language is German; English only by the switch (language cookie).
    response = client.get(reverse("accounts:login"), headers={"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="de">' in response.content.decode()
    client.cookies["django_language"] = "en"
    response = client.get(reverse("accounts:login"))
    assert '<html lang="en">' in response.content.decode()
