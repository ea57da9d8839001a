"""Print result files of ``make bench`` as a Markdown table (for docs/operations.md).

.venv/bin/python bench/table.py bench/results/2026-11-30-L-sqlite.json
.venv/bin/python bench/table.py A.json B.json C.json   # side by side, by page family
"""

import json
import sys


def _load(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _sql(row: dict) -> str:
    sql = "-" if row["sql_queries"] is None else str(row["sql_queries"])
    first = row.get("sql_queries_first")
    if first is not None and first != row["sql_queries"]:
        sql += f" ({first} cold)"
    return sql


def _footer(result: dict) -> str:
    machine = result["machine"]
    return (
        f"{result['scale']}, {result['database']} {result['database_version']}, cache "
        f"{result['cache']}, gunicorn {result['server']['model']} x {result['nodes']} node(s); "
        f"{machine['nproc']} cores, {machine['ram_gb']} GB, {machine['cpu_model']}; load "
        f"average {machine.get('loadavg_before')} → {machine['loadavg']}"
    )


def one(path: str) -> None:
    result = _load(path)
    print("| page | req/s | p50 ms | p95 ms | p99 ms | share of R1 | SQL | RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for row in result["pages"]:
        share = row["share_of_r1"]
        unit = " proposals/s" if row["family"] == "proposal_submit" else ""
        print(
            f"| {row['label']} | {row['rps']:,.1f}{unit} | {row['p50_ms']:,.0f} | "
            f"{row['p95_ms']:,.0f} | {row['p99_ms']:,.0f} | "
            f"{'' if share is None else f'{share:.1%}'} | {_sql(row)} | "
            f"{row['peak_rss_mb_per_worker'] or 0:.0f} |"
        )
    print("\n" + _footer(result))


def side_by_side(paths: list[str]) -> None:
    """One row per family, one column per file: req/s (share of R1, p99 ms); SQL of the last."""
    results = [_load(p) for p in paths]
    tables = [{row["family"]: row for row in r["pages"]} for r in results]
    letters = [chr(ord("A") + n) for n in range(len(paths))]
    print("| page | " + " | ".join(letters) + " | SQL |")
    print("|---|" + "---|" * len(paths) + "---|")
    order = [row["family"] for row in results[-1]["pages"]]
    for family in order:
        cells = []
        for table in tables:
            row = table.get(family)
            if row is None:
                cells.append("")
                continue
            share = row["share_of_r1"]
            unit = " proposals/s" if family == "proposal_submit" else ""
            share_text = "" if share is None or family == "csv_export" else f"{share:.0%}, "
            cells.append(f"{row['rps']:,.0f}{unit} ({share_text}{row['p99_ms']:,.0f})")
        label = tables[-1][family]["label"]
        print(f"| {label} | " + " | ".join(cells) + f" | {_sql(tables[-1][family])} |")
    for letter, result in zip(letters, results, strict=True):
        print(f"\n{letter}: {_footer(result)}")


if __name__ == "__main__":
    if len(sys.argv) > 2:
        side_by_side(sys.argv[1:])
    else:
        one(sys.argv[1])
