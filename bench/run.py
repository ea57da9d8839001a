"""Run every benchmark (``make bench``). Speed and memory targets live here, never in tests.

Each benchmark is its own script, run in its own process on its own scratch database:
- ``pages.py``: every public page on the demo data (time per request, queries, memory);
- ``proposals_list.py``: the proposal list with 100,000 proposals (``BENCH_ROWS`` to change);
- ``submit_burst.py``: the last-day burst, citizens submitting at once through gunicorn.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["pages.py", "proposals_list.py", "submit_burst.py"]


def main() -> int:
    failed = []
    for name in BENCHMARKS:
        print(f"== {name} ==", flush=True)
        if subprocess.run([sys.executable, str(HERE / name)], check=False).returncode:
            failed.append(name)
    if failed:
        print("Fuera de meta: " + ", ".join(failed))
        return 1
    print("Todas las mediciones dentro de meta.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
