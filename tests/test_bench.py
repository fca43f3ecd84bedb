"""`make bench` in its small mode runs to the end and prints every figure."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
# The figures the issue asks for, in its order.
NAMES = [
    "recommendations_page_ms",
    "recommendations_page_vs_sql",
    "recommendations_page_vs_admin",
    "queries_per_page_small",
    "queries_per_page_large",
    "audit_detail_ms",
    "dashboard_ms",
    "responses_inbox_ms",
    "missiv_pdf_s",
    "missiv_pdf_vs_bare",
    "council_report_pdf_s",
    "annual_report_pdf_s",
    "reminder_sweep_s",
    "reminder_sweep_queries",
    "web_rps",
    "web_rps_vs_hello",
]


def test_small_bench_prints_every_figure(db):
    if connection.vendor != "postgresql":
        pytest.skip("Mätningen kör bara mot PostgreSQL (sätt DATABASE_URL).")
    if not shutil.which("wrk"):
        pytest.skip("wrk saknas (make bench installerar det).")
    result = subprocess.run(
        [sys.executable, "bench/run.py", "--small"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures = dict(line.split(": ", 1) for line in result.stdout.splitlines() if not line.startswith("#"))
    assert list(figures) == NAMES
    assert all(float(value) > 0 for value in figures.values())
    assert figures["queries_per_page_small"] == figures["queries_per_page_large"]
