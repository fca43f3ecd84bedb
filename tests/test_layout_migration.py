"""An installation made by the code before documents, core and demo had apps of their own
migrates to today's code with every row and every stored file in place."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The last commit with documents in the audits app.
PREVIOUS_LAYOUT = "0cb45a8"

SNAPSHOT = """
import json
from django.apps import apps
from django.db import connection
tables = sorted({m._meta.db_table for m in apps.get_models()} & set(connection.introspection.table_names()))
with connection.cursor() as cursor:
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    cursor.execute("SELECT file FROM audits_auditdocument WHERE file <> '' UNION ALL SELECT file FROM audits_annualreport WHERE file <> ''")
    files = sorted(row[0] for row in cursor.fetchall())
print(json.dumps({"counts": counts, "files": files}))
"""

RENDER_ALL = """
from audits.models import Audit
from audits.documents import request_document
from audits.annual_report import request_annual_report
for audit in Audit.objects.filter(status__in=Audit.Status.sent()):
    for kind in ("missiv", "council_report"):
        request_document(audit, kind)
audit = Audit.objects.order_by("pk").first()
request_annual_report(audit.municipality, audit.year)
"""


def run(code_dir, env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=code_dir, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture
def previous_code(tmp_path):
    """The project as it was at the previous layout, checked out beside the tests."""
    code = tmp_path / "previous"
    found = subprocess.run(["git", "cat-file", "-e", f"{PREVIOUS_LAYOUT}^{{commit}}"], cwd=ROOT, capture_output=True)
    assert found.returncode == 0, f"Commit {PREVIOUS_LAYOUT} saknas i git-historiken (en grund klon?)."
    code.mkdir()
    archive = subprocess.run(["git", "archive", PREVIOUS_LAYOUT], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(code)], input=archive.stdout, check=True)
    return code


@pytest.fixture
def database_url(tmp_path):
    """A database of its own: on the PostgreSQL server of DATABASE_URL, else a SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'layout.sqlite3'}"
        return
    server, _, _ = url.rpartition("/")
    name = "revisionsspar_layout_migration"
    admin = f"{server}/postgres"
    subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
    subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
    yield f"{server}/{name}"
    subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)


def test_previous_layout_migrates_without_losing_rows_or_files(previous_code, database_url, tmp_path):
    private = tmp_path / "private"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PRIVATE_STORAGE_ROOT": str(private),
        "REDIS_URL": "",
        "DEMO": "1",
        "PYTHONPATH": "",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    run(previous_code, env, "migrate", "--noinput")
    run(previous_code, env, "load_demo", "--verbosity", "0")
    run(previous_code, env, "shell", "-c", RENDER_ALL)
    before = json.loads(run(previous_code, env, "shell", "-c", SNAPSHOT).strip().splitlines()[-1])
    assert before["files"], "the previous code rendered no documents"

    run(ROOT, env, "migrate", "--noinput")
    after = json.loads(run(ROOT, env, "shell", "-c", SNAPSHOT).strip().splitlines()[-1])

    # New apps bring content types and permissions of their own; every other table keeps its rows.
    grown = {"django_content_type", "auth_permission"}
    kept = {table: count for table, count in after["counts"].items() if table in before["counts"] and table not in grown}
    assert kept == {table: count for table, count in before["counts"].items() if table not in grown}
    assert all(after["counts"][table] >= before["counts"][table] for table in grown)
    assert after["files"] == before["files"]
    assert all((private / name).is_file() for name in after["files"])
    moved = run(
        ROOT,
        env,
        "shell",
        "-c",
        "from documents.models import AuditDocument, AnnualReport; "
        "from django.contrib.contenttypes.models import ContentType; "
        "print(AuditDocument.objects.filter(state='ready').count(), AnnualReport.objects.count(), "
        "ContentType.objects.filter(app_label='documents').count())",
    )
    ready, reports, content_types = map(int, moved.strip().splitlines()[-1].split())
    assert ready == len(before["files"]) - reports
    assert content_types == 2
