"""Print a result file of ``make bench`` as a Markdown table (for docs/operations.md).

.venv/bin/python bench/table.py bench/results/2026-11-30-L-sqlite.json
"""

import json
import sys


def main(path: str) -> None:
    result = json.loads(open(path, encoding="utf-8").read())  # noqa: SIM115
    print("| page | req/s | p50 ms | p95 ms | p99 ms | share of R1 | SQL | RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for row in result["pages"]:
        sql = "-" if row["sql_queries"] is None else str(row["sql_queries"])
        first = row.get("sql_queries_first")
        if first is not None and first != row["sql_queries"]:
            sql += f" ({first} cold)"
        share = row["share_of_r1"]
        unit = " proposals/s" if row["family"] == "proposal_submit" else ""
        print(
            f"| {row['label']} | {row['rps']:,.1f}{unit} | {row['p50_ms']:,.0f} | "
            f"{row['p95_ms']:,.0f} | {row['p99_ms']:,.0f} | "
            f"{'' if share is None else f'{share:.1%}'} | {sql} | "
            f"{row['peak_rss_mb_per_worker'] or 0:.0f} |"
        )
    machine = result["machine"]
    print(
        f"\n{result['scale']}, {result['database']} {result['database_version']}, cache "
        f"{result['cache']}, gunicorn {result['server']['model']} x {result['nodes']} node(s); "
        f"{machine['nproc']} cores, {machine['ram_gb']} GB, {machine['cpu_model']}; load "
        f"average {machine.get('loadavg_before')} → {machine['loadavg']}"
    )


if __name__ == "__main__":
    main(sys.argv[1])
