"""Every target of ``make bench``, as data, in one place (issue 9).

Speed targets are stated for scale L, 16 connections, a 2-core machine; they are checked at
scales S and L (``SPEED_SCALES``). Correctness targets (no server error, nothing lost, no
duplicate, query budgets) are checked at every scale, the tiny one of the test included.
"""

#: Scales at which speed targets are checked (T is too small and too short to mean anything).
SPEED_SCALES = {"S", "L"}

#: Anonymous GET pages: at least this share of R1's requests/s, and p99 at most this.
ANONYMOUS_GET = {"min_share_of_r1": 0.50, "max_p99_ms": 50.0}

#: Families held to ANONYMOUS_GET: pages without a form (a CSRF token per visitor would keep
#: them from the shared cache). The mesa page links to its own registration page instead.
ANONYMOUS_GET_FAMILIES = {
    "home",
    "plans",
    "plan_detail",
    "proposal_list",
    "proposal_list_last",
    "proposal_list_filtered",
    "proposal_search",
    "proposal_detail",
    "actors",
    "documents",
    "mesas",
    "mesas_calendar",
    "mesa_detail",
    "evaluation_results",
    "tracking_dashboard",
    "commitment_list",
    "commitment_detail",
    "api_proposals",
    "api_plans",
    "api_organizations",
}

#: The last list page costs at most this many times the first (requests/s and p50).
LAST_PAGE_FACTOR = 1.5
LAST_PAGE_PAIR = ("proposal_list", "proposal_list_last")

#: Submission burst: proposals per second sustained, with nothing lost and no duplicate
#: (one citizen in ten double-clicks), no error, and the list warm during the burst.
SUBMISSION = {"min_rate": 300.0}

#: Full CSV export of every public proposal (a streaming download, one at a time): time to
#: the first byte, to the last, and growth of the largest worker's peak memory.
CSV_EXPORT = {"max_first_byte_ms": 500.0, "max_total_ms": 5000.0, "max_rss_growth_mb": 20.0}

#: Most SQL queries of one warm request per family (X-Bench-Queries). A constant ceiling:
#: "queries per page independent of data size" (the tiny scale is held to the same numbers).
MAX_QUERIES = {
    "r1": 0,
    "health": 1,
    "home": 12,
    "plans": 12,
    "plan_detail": 16,
    "proposal_list": 8,
    "proposal_list_last": 8,
    "proposal_list_filtered": 8,
    "proposal_search": 8,
    "proposal_detail": 8,
    "proposal_status": 10,
    "proposal_submit": 25,
    "actors": 10,
    "documents": 10,
    "mesas": 10,
    "mesas_calendar": 10,
    "mesa_detail": 12,
    "mesa_register": 30,
    "evaluation_results": 20,
    "tracking_dashboard": 20,
    "commitment_list": 12,
    "commitment_detail": 20,
    "api_proposals": 6,
    "api_plans": 6,
    "api_organizations": 6,
    "csv_export": 10,
}
