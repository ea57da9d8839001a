"""schemathesis drives every API operation from /api/v1/openapi.json against the WSGI app:
no server error, every status code, header and body as documented.

Run through schemathesis' Python API (its lazy pytest fixture loader does not work with our
pytest), one Hypothesis run per operation and mode (valid and invalid input), with a bounded
number of examples.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation.modes import GenerationMode

from config.wsgi import application

pytestmark = pytest.mark.django_db(transaction=False)

EXAMPLES = 40


@pytest.fixture
def keep_test_connection():
    """Calling the WSGI app directly sends request_started/finished, whose handler closes the
    database connection (and so the test's transaction, on PostgreSQL); Django's test client
    unhooks it the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_api_conforms_to_its_openapi_description(seeded, keep_test_connection):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6
    runs = [(op, mode) for op in operations for mode in GenerationMode]
    for operation, mode in runs:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate()

        try:
            check()
        except Unsatisfiable:
            # No invalid input exists for this operation (every string is a valid value).
            assert mode == GenerationMode.NEGATIVE
