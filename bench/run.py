"""Measure Revisionsspår at national scale on PostgreSQL; print one `name: value` line per figure.

1. Create the benchmark database (DATABASE_URL's server, database revisionsspar_bench, or
   revisionsspar_bench_small with --small) and load it unless it already holds the same data.
2. Time the pages in-process after warm-up, the PDFs, the reminder sweep, then the audit list
   under gunicorn with 2 workers and wrk on loopback.
Medians throughout; a ratio times its two sides in turn within each round of the same run.
"""

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/revisionsspar_bench"
PAGE_SIZE = 25
OPEN_RECIPIENTS = 10_000
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


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="a few municipalities and short runs (CI smoke)")
    parser.add_argument("--verbose", action="store_true", help="show the page's queries and EXPLAIN ANALYZE")
    parser.add_argument("--municipalities", type=int)
    parser.add_argument("--years", type=int)
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args()


def bench_database_url(small):
    """DATABASE_URL's server with a database of the benchmark's own."""
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        url = DEFAULT_DATABASE_URL
    parts = urlsplit(url)
    name = "revisionsspar_bench" + ("_small" if small else "")
    return urlunsplit(parts._replace(path=f"/{name}"))


def configure_environment(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-secret-key")
    # Plain HTTP on loopback: the session cookie must not be limited to HTTPS.
    os.environ["SECURE_COOKIES"] = "0"
    # Tasks queued by the sweep are thrown away with its rolled-back transaction, never sent.
    os.environ.pop("REDIS_URL", None)
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "revisionsspar.settings")
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)


def median_seconds(action, repeat, warmup=2):
    return interleaved_medians([action], repeat, warmup)[0]


def interleaved_medians(actions, repeat, warmup=2):
    """The median time of each action, timed in turn within every round: a ratio of two of
    them then compares runs made under the same load on the machine."""
    for _ in range(warmup):
        for action in actions:
            action()
    samples = [[] for _ in actions]
    for _ in range(repeat):
        for action, timings in zip(actions, samples):
            start = time.perf_counter()
            action()
            timings.append(time.perf_counter() - start)
    return [statistics.median(timings) for timings in samples]


# --- the data -----------------------------------------------------------------------------


def server_connection(database_url):
    import psycopg

    parts = urlsplit(database_url)
    return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)


def prepare_database(database_url, marker, load):
    """Create the database and load it, unless its comment says it holds this data already."""
    name = urlsplit(database_url).path.lstrip("/")
    with server_connection(database_url) as server:
        row = server.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if row and row[0] == marker:
            return False
        if row:
            server.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{name}"')
    load()
    with server_connection(database_url) as server:
        server.execute(f"COMMENT ON DATABASE \"{name}\" IS '{marker}'")
    return True


def load_everything(size, small_size):
    from django.core.management import call_command
    from django.db import connection

    from demo.load import generate_load

    call_command("migrate", verbosity=0)
    generate_load(size)
    generate_load(small_size)
    # The benchmark logs in without passwords; in production mode the demo users get none.
    call_command("load_demo", verbosity=0, force=True)
    # Fresh statistics and the state autovacuum keeps a live database in (no dead rows from
    # the load's updates, a current visibility map): the first run then measures what later
    # runs do, also where autovacuum is off.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


# --- in-process pages ---------------------------------------------------------------------


@contextmanager
def counted_queries():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        yield context


def logged_in_client(user):
    from django.test import Client

    client = Client()
    # As the login form does; the first request then renews the fresh session once.
    client.force_login(user, backend="committees.backends.UserBackend")
    if user.is_staff:
        # Administrators reach the admin only with a verified second factor, as after the code step.
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(user=user, name="App")
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    get_ok(client, "/ping")
    return client


def get_ok(client, url, params=None):
    response = client.get(url, params or {})
    if response.status_code != 200:
        raise SystemExit(f"{url} {params or ''} gav {response.status_code}")
    return response


def revisor_case(municipality_slug):
    """The revisor of a municipality, its most addressed committee and the page parameters."""
    from django.db.models import Count

    from committees.models import Committee, User
    from recommendations.models import Recommendation

    revisor = User.objects.get(username=f"revisor.{municipality_slug}")
    committee = (
        Committee.objects.filter(municipality=revisor.municipality)
        .annotate(rows=Count("recipients__addressees"))
        .order_by("-rows", "pk")
        .first()
    )
    rows = (
        Recommendation.objects.filter(audit__municipality=revisor.municipality, addressees__recipient__committee=committee)
        .distinct()
        .count()
    )
    last_page = max(1, -(-rows // PAGE_SIZE))
    pages = [{"committee": committee.pk, "sort": "audit"}, {"committee": committee.pk, "sort": "audit", "page": last_page}]
    return revisor, committee, pages


FLOOR_SQL = """
WITH page AS (
  SELECT r.id, r."order", r.text, a.id AS audit_id, a.title, a.year
    FROM recommendations_recommendation r
    JOIN audits_audit a ON a.id = r.audit_id
   WHERE a.municipality_id = %(municipality)s
     AND EXISTS (SELECT 1 FROM recommendations_addressee ad JOIN audits_recipient rc ON rc.id = ad.recipient_id
                  WHERE ad.recommendation_id = r.id AND rc.committee_id = %(committee)s)
   ORDER BY a.title, r."order", r.id
   LIMIT %(limit)s OFFSET %(offset)s
)
SELECT page.*,
       string_agg(c.short_name, ', ' ORDER BY c.kind, c.name) AS addressees,
       string_agg(c.short_name || ': ' || coalesce(latest.status, 'ej bedömd'), '; ' ORDER BY c.kind, c.name) AS follow_up
  FROM page
  JOIN recommendations_addressee ad ON ad.recommendation_id = page.id
  JOIN audits_recipient rc ON rc.id = ad.recipient_id
  JOIN committees_committee c ON c.id = rc.committee_id
  LEFT JOIN LATERAL (SELECT f.status FROM recommendations_followup f WHERE f.addressee_id = ad.id
                      ORDER BY f.date DESC, f.id DESC LIMIT 1) latest ON true
 GROUP BY page.id, page."order", page.text, page.audit_id, page.title, page.year
 ORDER BY page.title, page."order", page.id
"""


def floor_query(revisor, committee, pages):
    from django.db import connection

    def run():
        for page in pages:
            with connection.cursor() as cursor:
                cursor.execute(
                    FLOOR_SQL,
                    {
                        "municipality": revisor.municipality_id,
                        "committee": committee.pk,
                        "limit": PAGE_SIZE,
                        "offset": (page.get("page", 1) - 1) * PAGE_SIZE,
                    },
                )
                cursor.fetchall()

    return run


def pages_of(client, url, pages):
    def run():
        for page in pages:
            get_ok(client, url, page)

    return run


def queries_per_page(client, pages):
    """The most queries one of the pages costs, starting without cached filter choices."""
    from core.filter_choices import forget_filter_choices

    forget_filter_choices()
    counts = []
    for page in pages:
        with counted_queries() as queries:
            get_ok(client, "/recommendations/", page)
        counts.append(len(queries))
    return max(counts)


def explain_page(client, pages):
    from django.db import connection

    with counted_queries() as queries:
        get_ok(client, "/recommendations/", pages[-1])
    print("-- queries of the deep page:")
    for query in queries.captured_queries:
        print(f"{query['time']} s  {query['sql'][:300]}")
    page_query = max(
        (q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "recommendations_recommendation"')),
        key=len,
    )
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {page_query}")
        print("-- EXPLAIN ANALYZE of the page query:")
        print("\n".join(row[0] for row in cursor.fetchall()))


def measure_pages(figures, repeat, verbose, small_slug, large_slug):
    from committees.models import User

    revisor, committee, pages = revisor_case(large_slug)
    client = logged_in_client(revisor)
    admin = User.objects.filter(username="bench.admin").first() or User.objects.create_superuser(
        "bench.admin", "bench.admin@example.se", None
    )
    admin_pages = [{}, {"p": pages[-1].get("page", 1)}]
    our_pages = pages_of(client, "/recommendations/", pages)
    # Each ratio from its own pair of interleaved runs: run between ours, the admin's heavier
    # pages slow the page that follows them, which would skew the comparison with the floor.
    page, floor = interleaved_medians([our_pages, floor_query(revisor, committee, pages)], repeat)
    page_beside_admin, admin_page = interleaved_medians(
        [our_pages, pages_of(logged_in_client(admin), "/admin/recommendations/recommendation/", admin_pages)], repeat
    )
    figures["recommendations_page_ms"] = page / len(pages) * 1000
    figures["recommendations_page_vs_sql"] = page / floor
    figures["recommendations_page_vs_admin"] = page_beside_admin / admin_page

    small_revisor, _, small_pages = revisor_case(small_slug)
    figures["queries_per_page_small"] = queries_per_page(logged_in_client(small_revisor), small_pages)
    figures["queries_per_page_large"] = queries_per_page(client, pages)
    if verbose:
        explain_page(client, pages)

    audit = largest_audit(revisor)
    figures["audit_detail_ms"] = median_seconds(lambda: get_ok(client, audit.get_absolute_url()), repeat) * 1000
    figures["dashboard_ms"] = median_seconds(lambda: get_ok(client, "/"), repeat) * 1000
    figures["responses_inbox_ms"] = median_seconds(lambda: get_ok(client, "/responses/"), repeat) * 1000
    return revisor


def largest_audit(revisor):
    from django.db.models import Count

    from audits.models import Audit

    return (
        Audit.objects.filter(municipality=revisor.municipality, status__in=Audit.Status.sent())
        .annotate(rows=Count("recommendations"))
        .order_by("-rows", "pk")
        .first()
    )


# --- PDFs and the reminder sweep ----------------------------------------------------------


def bare_html(html):
    """The text of a rendered document in paragraphs of a template without style or fonts."""
    from django.utils.html import escape, strip_tags

    body = html.split("<body>", 1)[-1]
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", strip_tags(body))]
    content = "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p)
    return f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Missiv</title></head><body>{content}</body></html>'


def measure_pdfs(figures, repeat):
    from django.template.loader import render_to_string
    from weasyprint import HTML

    from documents import pdf
    from documents.annual_report import render_annual_report_pdf
    from audits.models import Audit
    from documents.models import AuditDocument

    audit = Audit.objects.get(municipality__slug="eskilstuna")
    kinds = AuditDocument.Kind

    def missiv():
        return pdf.render_document(pdf.load_audit(audit.pk), kinds.MISSIV)

    loaded = pdf.load_audit(audit.pk)
    template_name, build_context = pdf.TEMPLATES[kinds.MISSIV]
    bare = bare_html(render_to_string(template_name, build_context(loaded)))
    figures["missiv_pdf_s"], bare_s = interleaved_medians(
        [missiv, lambda: HTML(string=bare).write_pdf(pdf_variant=pdf.PDF_VARIANT)], repeat, warmup=1
    )
    figures["missiv_pdf_vs_bare"] = figures["missiv_pdf_s"] / bare_s
    figures["council_report_pdf_s"] = median_seconds(
        lambda: pdf.render_document(pdf.load_audit(audit.pk), kinds.COUNCIL_REPORT), repeat, warmup=1
    )
    municipality, year = busiest_year()
    figures["annual_report_pdf_s"] = median_seconds(
        lambda: render_annual_report_pdf(municipality, year), repeat, warmup=1
    )


def busiest_year():
    """The municipality and year with the most audits (a load municipality's year holds 20)."""
    from django.db.models import Count

    from audits.models import Audit
    from committees.models import Municipality

    busiest = (
        Audit.objects.values("municipality", "year")
        .annotate(audits=Count("pk"))
        .order_by("-audits", "municipality", "-year")
        .first()
    )
    return Municipality.objects.get(pk=busiest["municipality"]), busiest["year"]


class RolledBack(Exception):
    pass


def open_cases(count, today):
    """Make `count` cases open with deadlines around today (inside the caller's transaction)."""
    from django.db import connection

    from audits.models import Audit, Recipient

    chosen = list(
        Recipient.objects.filter(audit__status__in=Audit.Status.sent()).order_by("-audit__year", "pk").values_list("pk", flat=True)[:count]
    )
    with connection.cursor() as cursor:
        cursor.execute("UPDATE responses_response SET status = 'utkast' WHERE recipient_id = ANY(%s)", [chosen])
        # Deadlines from 20 days ago to 20 days ahead: every kind of reminder falls due.
        cursor.execute(
            "UPDATE audits_recipient SET extended_deadline = NULL, extension_reason = '',"
            " deadline = %s::date + (id %% 41 - 20)::integer WHERE id = ANY(%s)",
            [today, chosen],
        )
    return len(chosen)


def measure_sweep(figures, repeat):
    from django.db import transaction

    from responses import reminders

    today = reminders.local_today()
    samples, query_counts = [], []
    for _ in range(repeat):
        try:
            with transaction.atomic():
                open_cases(OPEN_RECIPIENTS, today)
                with counted_queries() as queries:
                    start = time.perf_counter()
                    reminders.sweep(today)
                    samples.append(time.perf_counter() - start)
                query_counts.append(len(queries))
                raise RolledBack
        except RolledBack:
            pass
    figures["reminder_sweep_s"] = statistics.median(samples)
    figures["reminder_sweep_queries"] = max(query_counts)


# --- requests per second under gunicorn ---------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def wrk(url, cookie, seconds):
    output = subprocess.run(
        ["wrk", "-t1", "-c4", f"-d{seconds}s", "-H", f"Cookie: {cookie}", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in output:
        raise SystemExit(f"wrk fick felsvar från {url}:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def measure_web(figures, revisor, rounds, seconds):
    """Alternate the audit list and the trivial view in short rounds, so that other work on
    the machine weighs on both alike; report the medians."""
    from django.conf import settings

    client = logged_in_client(revisor)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "revisionsspar.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(f"{base}/ping")
        request = urllib.request.Request(f"{base}/audits/", headers={"Cookie": cookie})
        with urllib.request.urlopen(request) as page:
            if page.url != f"{base}/audits/":
                raise SystemExit(f"Granskningslistan gav {page.url}: inloggningen gick inte igenom.")
        wrk(f"{base}/audits/", cookie, 1)
        pages, ratios = [], []
        for _ in range(rounds):
            pages.append(wrk(f"{base}/audits/", cookie, seconds))
            ratios.append(pages[-1] / wrk(f"{base}/ping", cookie, seconds))
        figures["web_rps"] = statistics.median(pages)
        figures["web_rps_vs_hello"] = statistics.median(ratios)
    finally:
        server.terminate()
        server.wait(timeout=30)


# --- output -------------------------------------------------------------------------------


def formatted(name, value):
    if name.startswith("queries") or name.endswith("_queries"):
        return str(value)
    if name.endswith("_ms") or name == "web_rps":
        return f"{value:.1f}"
    return f"{value:.3f}" if name.endswith("_s") or name.endswith("_hello") else f"{value:.2f}"


def main():
    args = parse_args()
    database_url = bench_database_url(args.small)
    configure_environment(database_url)
    import django

    django.setup()
    from demo.load import LoadSize
    from django.utils import timezone

    size = LoadSize(
        municipalities=args.municipalities or (2 if args.small else 50),
        years=args.years or (3 if args.small else 10),
        audits_per_year=10 if args.small else 20,
        end_year=timezone.localdate().year,
        seed=args.seed,
    )
    small_size = LoadSize(
        municipalities=1, years=1, audits_per_year=10, end_year=size.end_year, seed=size.seed,
        first_municipality=size.municipalities,
    )
    marker = f"generate_load {size} small {small_size} demo"
    started = time.perf_counter()
    if prepare_database(database_url, marker, lambda: load_everything(size, small_size)):
        print(f"# loaded {size} in {time.perf_counter() - started:.0f} s", flush=True)
    else:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    repeat = 5 if args.small else 30
    figures = {}
    revisor = measure_pages(figures, repeat, args.verbose, f"last-{size.municipalities + 1:03d}", "last-001")
    measure_pdfs(figures, 2 if args.small else 5)
    measure_sweep(figures, 1 if args.small else 3)
    measure_web(figures, revisor, 1 if args.small else 5, 3)
    for name in NAMES:
        print(f"{name}: {formatted(name, figures[name])}")


if __name__ == "__main__":
    main()
