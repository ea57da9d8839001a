"""The list's cached counts (a search, or an axis, theme or mesa filter: the others read the
counter table) are computed once per key at a time (make bench at 100,000 proposals: every
thread finding the key cold recomputed them at once)."""

import threading
import time

import pytest
from django.core.cache import cache

from abierto.proposals import selectors

pytestmark = pytest.mark.django_db

FILTERS = {**dict.fromkeys(selectors.FILTER_FIELDS, ""), "q": "transparencia"}


def _key() -> str:
    return f"proposals:counts:{selectors.list_version()}:{selectors._filters_key(FILTERS)}"


def test_a_cold_count_is_computed_and_its_lock_released(django_assert_num_queries):
    assert selectors.proposal_total(FILTERS) == 0
    assert cache.get(_key() + ":calculando") is None
    with django_assert_num_queries(0):
        assert selectors.proposal_total(FILTERS) == 0


def test_a_request_waits_for_the_computation_already_running(django_assert_num_queries):
    key = _key()
    cache.add(key + ":calculando", 1, 30)  # another worker is computing these counts

    def other_worker():
        time.sleep(0.2)
        cache.set(key, {"total": 41}, 300)
        cache.delete(key + ":calculando")

    thread = threading.Thread(target=other_worker)
    thread.start()
    with django_assert_num_queries(0):  # it read the other's result, ran no count itself
        assert selectors.proposal_total(FILTERS) == 41
    thread.join()


def test_a_computation_that_died_does_not_block_the_list(django_assert_max_num_queries):
    key = _key()
    cache.add(key + ":calculando", 1, 30)

    def died():
        time.sleep(0.1)
        cache.delete(key + ":calculando")  # gone without a result

    thread = threading.Thread(target=died)
    thread.start()
    with django_assert_max_num_queries(8):
        assert selectors.proposal_total(FILTERS) == 0
    thread.join()
