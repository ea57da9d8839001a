"""Set up Django for a benchmark on a scratch database (never the site's).

Import it first thing: ``import scratch`` (bench/ is the script's folder, so it is on the path).
SQLite in a new temporary folder by default, or the throwaway PostgreSQL database named by
``BENCH_DATABASE_URL``; DEBUG off and the in-process cache, so timings measure our code.
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
folder = tempfile.mkdtemp(prefix="abierto-bench-")
os.environ["ABIERTO_VAR_DIR"] = folder
os.environ.setdefault("ABIERTO_ENV", "development")
os.environ["DEBUG"] = "0"
if os.environ.get("BENCH_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
else:
    os.environ.pop("DATABASE_URL", None)
os.environ.pop("REDIS_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()
