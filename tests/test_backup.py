"""Back up the PostgreSQL database and restore it into a new one: every table's rows,
history tables included, are all there."""

import os
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

PROJECT = Path(__file__).resolve().parent.parent


def database_url(name):
    settings = connection.settings_dict
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return f"postgres://{settings['USER']}{password}@{settings['HOST']}:{settings['PORT'] or 5432}/{name}"


def row_counts(url):
    with psycopg.connect(url) as database:
        tables = [
            row[0]
            for row in database.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
        ]
        return {table: database.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}


@pytest.fixture
def restore_target():
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    yield name, database_url(name)
    with psycopg.connect(database_url("postgres"), autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_and_restore_round_trip(transactional_db, demo, burlov_draft, tmp_path, restore_target):
    if connection.vendor != "postgresql":
        pytest.skip("säkerhetskopieringen gäller PostgreSQL (DATABASE_URL pekar inte dit)")
    source = database_url(connection.settings_dict["NAME"])
    environment = {**os.environ, "DATABASE_URL": source}

    backup = subprocess.run(
        [PROJECT / "scripts" / "backup.sh", tmp_path], env=environment, capture_output=True, text=True, timeout=300
    )
    assert backup.returncode == 0, backup.stderr
    dump = Path(backup.stdout.strip())
    assert dump.exists() and dump.read_bytes().startswith(b"PGDMP")

    name, target = restore_target
    restore = subprocess.run(
        [PROJECT / "scripts" / "restore.sh", dump, target], env=environment, capture_output=True, text=True, timeout=300
    )
    assert restore.returncode == 0, restore.stdout + restore.stderr
    assert "Återläsningen stämmer" in restore.stdout

    source_counts, restored_counts = row_counts(source), row_counts(target)
    assert restored_counts == source_counts
    assert source_counts["audits_historicalaudit"] > 0 and source_counts["responses_historicalresponse"] > 0
    assert sum(source_counts.values()) > 500

    # A second restore onto the now existing database is refused.
    again = subprocess.run(
        [PROJECT / "scripts" / "restore.sh", dump, target], env=environment, capture_output=True, text=True, timeout=300
    )
    assert again.returncode != 0
