import pytest


@pytest.fixture(autouse=True)
def _indicator_catalogue(request):
    """Transactional tests elsewhere flush the seeded catalogue; put it back when a test
    uses the database."""
    if "db" in request.fixturenames or "transactional_db" in request.fixturenames:
        from lotse.indicators.catalogue import ensure_catalogue

        request.getfixturevalue("db")
        ensure_catalogue()
