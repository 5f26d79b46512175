"""Benchmark the campaign page and the home page: queries per request, then latency and
throughput with a cold cache, a warm cache, and the anonymous page cache.

Run from the repository root:

    .venv/bin/python bench/campaign_bench.py [--cvs 1000] [--partners 200] [--donations 5000]
                                             [--supporters 300] [--duration 15] [--skip-load]

Steps:
1. (unless --skip-load) drop and recreate the PostgreSQL database (``--db-name``,
   ``linkedout_campaign_bench`` by default), migrate it and fill it with
   ``load_demo --cvs N`` (which brings the demo's partners, campaigns and supporters),
   then, in a Django subprocess (``--build-data``), grow the data to the sizes asked:
   partners with raster logos spread over the tiers (a fifth of them funding the current
   campaign), donors and donations attached to the current campaign, each with its
   payments (a monthly one has three), a few refunded or failed, and a few hundred
   approved supporters on the wall (the bigger companies with a logo). The current
   campaign gets every block type a campaign page offers; the home page features it,
   with a partner strip and the supporters wall. Then VACUUM ANALYZE, collectstatic.
2. In a Django subprocess with the production settings and the page cache off, count
   the queries of each page with django.test.Client + CaptureQueriesContext: with the
   cache emptied first (cold: progress figures, wall, fragments all recomputed), a
   second time (warm), and once the anonymous page cache holds it (hit).
3. Serve the site with gunicorn (2 workers, production settings) and time, per page:
   - COLD: --cold-requests sequential GETs, the Django cache (Redis) emptied before each
     one, page cache off;
   - WARM: ``wrk`` with data caches warm, page cache off (PAGE_CACHE_SECONDS=0: every
     request renders the page, with warm fragments);
   - WARM + page cache: ``wrk`` with the anonymous page cache on (300 s).
4. Print one table: queries per request, p50/p95 latency, requests/s, errors.

Exit status: 0 whatever the numbers are (it is a measurement), 1 if a page answered
anything but 200, 2 if the bench itself could not run.
"""

import argparse
import datetime
import json
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import site_bench  # noqa: E402  (the site bench's helpers: env, run, gunicorn, wrk, CPU)
from site_bench import OUT, REPO, Gunicorn, bench_env, fmt, log, run, warm  # noqa: E402

PG_ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"
DEFAULT_DB_NAME = "linkedout_campaign_bench"
DEFAULT_REDIS_DB = 6  # site_bench uses 5, webhook_bench 7
MEDIA_ROOT = OUT / "campaign-media"
STATIC_ROOT = OUT / "campaign-static"
MEASURE_FILE = OUT / "campaign-queries.json"
BUILD_FILE = OUT / "campaign-data.json"
WRK_SCRIPT = OUT / "percentiles.lua"
TARGETS = ("campaign", "home")
STATES = ("cold", "warm", "page_cache")
STATE_LABELS = {
    "cold": "cold (cache emptied before each request, sequential)",
    "warm": "warm (data caches warm, page cache off)",
    "page_cache": "warm + anonymous page cache",
}

# wrk prints 50/75/90/99 % only; this reports the 95th percentile too (microseconds).
WRK_LUA = """
done = function(summary, latency, requests)
  for _, p in pairs({50, 95, 99}) do
    io.write(string.format("P%d_US %d\\n", p, latency:percentile(p)))
  end
end
"""


def database_url(args):
    return f"postgres://postgres@127.0.0.1:5432/{args.db_name}"


def redis_url(args):
    return f"redis://127.0.0.1:6379/{args.redis_db}"


def campaign_env(args):
    env = bench_env()
    env.update(
        {
            "DATABASE_URL": database_url(args),
            "REDIS_URL": redis_url(args),
            "MEDIA_ROOT": str(MEDIA_ROOT),
            "STATIC_ROOT": str(STATIC_ROOT),
        }
    )
    return env


def flush_cache(url):
    import redis

    redis.Redis.from_url(url, socket_timeout=5).flushdb()


# ---------------------------------------------------------------------------
# 1. Database and data
# ---------------------------------------------------------------------------


def database(args, action):
    import psycopg
    from psycopg import sql

    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as connection:
        if action == "exists":
            row = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [args.db_name]
            ).fetchone()
            return row is not None
        name = sql.Identifier(args.db_name)
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))
    log(f"database {args.db_name} recreated")
    return True


def analyze_database(args):
    import psycopg

    with psycopg.connect(database_url(args).replace("postgres://", "postgresql://")) as db:
        db.autocommit = True
        db.execute("VACUUM ANALYZE")


def prepare(args, env):
    """Database, data and static files; returns the seconds each step took."""
    manage = [sys.executable, "manage.py"]
    timings = {}
    if args.skip_load:
        if not database(args, "exists"):
            raise RuntimeError(f"--skip-load but the database {args.db_name} does not exist")
        log(f"--skip-load: reusing database {args.db_name} and {MEDIA_ROOT}")
        run([*manage, "migrate", "--no-input", "-v", "0"], env, timeout=900)
    else:
        database(args, "create")
        shutil.rmtree(MEDIA_ROOT, ignore_errors=True)
        MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
        flush_cache(redis_url(args))
        started = time.monotonic()
        run([*manage, "migrate", "--no-input", "-v", "0"], env, timeout=900)
        timings["migrate"] = time.monotonic() - started
        started = time.monotonic()
        run([*manage, "load_demo", "--cvs", args.cvs], env, timeout=args.load_timeout)
        timings["load_demo"] = time.monotonic() - started
        started = time.monotonic()
        BUILD_FILE.unlink(missing_ok=True)
        run(
            [
                sys.executable,
                Path(__file__).resolve(),
                "--build-data",
                BUILD_FILE,
                "--partners",
                args.partners,
                "--donations",
                args.donations,
                "--supporters",
                args.supporters,
            ],
            env,
            timeout=args.load_timeout,
        )
        timings["build_data"] = time.monotonic() - started
        started = time.monotonic()
        analyze_database(args)
        timings["vacuum_analyze"] = time.monotonic() - started
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    run(
        [*manage, "collectstatic", "--no-input", "--clear", "-v", "0"],
        env,
        timeout=600,
        quiet=True,
    )
    return timings


# -- Inside Django (the --build-data subprocess) -------------------------------

PARTNER_WORDS = (
    ["Groupe", "Atelier", "Maison", "Transports", "Cabinet", "Réseau", "Société", "Fondation"],
    ["Horizon", "Azur", "Boréal", "Cèdre", "Étoile", "Granit", "Lumière", "Marée", "Orée",
     "Rivage", "Sillon", "Tilleul", "Vallon", "Zénith", "Alizé", "Bruyère"],
)  # fmt: skip
KIND_CYCLE = ["company", "company", "company", "foundation", "public", "association", "sports_club"]
# (tier name, share of the partners) — the demo's tiers, see partners/demo.py.
TIER_WEIGHTS = [
    ("Partenaires fondateurs", 5),
    ("Grands mécènes", 15),
    ("Mécènes", 30),
    ("Soutiens", 45),
    (None, 5),
]
SHAPES = ["square", "wide", "tall", "wide"]


def build_partners(target, current, rng):
    """Partners up to `target`, each with a raster logo (a third with a monochrome one)."""
    from wagtail.images import get_image_model

    from partners.demo import ensure_tiers
    from partners.demo_logos import raster_logo, save_logo
    from partners.models import Partner

    image_model = get_image_model()
    tiers = ensure_tiers()
    existing = Partner.objects.count()
    names = [tier for tier, _weight in TIER_WEIGHTS]
    weights = [weight for _tier, weight in TIER_WEIGHTS]
    today = current.start_date
    partners = []
    for number in range(existing, target):
        name = (
            f"{PARTNER_WORDS[0][number % len(PARTNER_WORDS[0])]} "
            f"{PARTNER_WORDS[1][number // len(PARTNER_WORDS[0]) % len(PARTNER_WORDS[1])]} "
            f"{number}"
        )
        shape = SHAPES[number % len(SHAPES)]
        seed = 10_000 + number
        logo = save_logo(image_model, f"Logo — {name}", raster_logo(name, seed, shape), "png")
        monochrome = None
        if number % 3 == 0:
            monochrome = save_logo(
                image_model,
                f"Logo monochrome — {name}",
                raster_logo(name, seed, shape, monochrome=True),
                "png",
            )
        tier_name = rng.choices(names, weights)[0]
        ended = number % 20 == 0
        partners.append(
            Partner(
                name=name,
                slug=f"bench-{number}",
                kind=KIND_CYCLE[number % len(KIND_CYCLE)],
                tier=tiers.get(tier_name) if tier_name else None,
                logo=logo,
                logo_monochrome=monochrome,
                short_description=(
                    f"{name} soutient le programme : financement, recrutements et partage "
                    "des CV auprès de ses équipes."
                ),
                website=f"https://partenaire-{number}.example.com/",
                partner_since=2019 + number % 6,
                testimony_quote=(
                    "Nous avons recruté deux candidats motivés, et nos salariés partagent "
                    "les CV de chaque promotion."
                    if number % 5 == 0
                    else ""
                ),
                testimony_author="Camille Exemple" if number % 5 == 0 else "",
                testimony_role="Directrice des ressources humaines" if number % 5 == 0 else "",
                has_hired=number % 4 == 0,
                active_from=today.replace(year=today.year - 2) if ended else None,
                active_until=today if ended else None,
            )
        )
    Partner.objects.bulk_create(partners, batch_size=500)
    # A fifth of all partners fund the current campaign (its partner strip shows them).
    through = Partner.funded_campaigns.through
    funding = set(through.objects.filter(campaignpage=current).values_list("partner_id", flat=True))
    links = [
        through(partner_id=pk, campaignpage_id=current.pk)
        for pk in Partner.objects.order_by("pk").values_list("pk", flat=True)[::5]
        if pk not in funding
    ]
    through.objects.bulk_create(links)
    return len(partners)


def build_donations(target, supporters, current, donation_page, rng):
    """Donors and donations up to `target` donations for the current campaign, with their
    payments; `supporters` donors approved on the wall."""
    from django.utils import timezone
    from wagtail.images import get_image_model

    from donations.models import Donation, Donor, Payment, Refund
    from partners.demo_logos import raster_logo, save_logo

    existing = Donation.objects.count()
    count = max(target - existing, 0)
    if not count:
        return {"donors": 0, "donations": 0, "payments": 0, "refunds": 0}
    now = timezone.now()
    start = timezone.make_aware(datetime.datetime.combine(current.start_date, datetime.time()))
    span = max((now - start).total_seconds(), 3600)
    donor_count = max(count * 2 // 5, supporters + 40)
    image_model = get_image_model()
    donors = []
    for number in range(donor_count):
        company = number % 10 < 3
        on_wall = number < supporters + 30
        donor = Donor(
            kind="company" if company else "individual",
            email=f"bench-donor-{number}@donateurs.example",
            legal_name=f"Entreprise Exemple {number} SAS" if company else "",
            legal_form="SAS" if company else "",
            siret=f"{900000000 + number}" if company else "",
            first_name="" if company else "Camille",
            last_name="" if company else f"Donatrice{number}",
            address_line1=f"{number} rue de l'Exemple",
            postal_code="75011",
            city="Paris",
            show_on_wall=on_wall,
            display_name=(
                (f"Entreprise Exemple {number}" if company else f"Camille D. {number}")
                if on_wall
                else ""
            ),
            # The first `supporters` opted-in donors are approved, the next 30 wait.
            wall_approved=number < supporters,
        )
        if company and on_wall and number % 20 < 6:
            donor.logo = save_logo(
                image_model,
                f"Logo — Entreprise Exemple {number}",
                raster_logo(f"Entreprise Exemple {number}", 50_000 + number, SHAPES[number % 4]),
                "png",
            )
        donors.append(donor)
    donors = Donor.objects.bulk_create(donors, batch_size=1000)

    donations, planned = [], []
    for number in range(count):
        donor = donors[number % len(donors)]
        monthly = number % 7 == 0
        company = donor.kind == "company"
        amount = rng.choice([20, 50, 100, 150]) if not company else rng.choice([500, 1000, 5000])
        if monthly:
            amount = min(amount, 200)
        paid_at = start + datetime.timedelta(seconds=rng.random() * span)
        reference = f"bench_{number:06d}"
        donations.append(
            Donation(
                donor=donor,
                amount_cents=amount * 100,
                frequency="monthly" if monthly else "once",
                status="active" if monthly else "confirmed",
                page=donation_page,
                campaign=current,
                stripe_checkout_session_id=f"cs_{reference}",
                stripe_subscription_id=f"sub_{reference}" if monthly else None,
                confirmed_at=paid_at,
            )
        )
        planned.append((reference, amount, paid_at, 3 if monthly else 1))
    donations = Donation.objects.bulk_create(donations, batch_size=1000)

    payments = []
    for donation, (reference, amount, paid_at, months) in zip(donations, planned, strict=True):
        for month in range(months):
            failed = rng.random() < 0.01
            payments.append(
                Payment(
                    donation=donation,
                    amount_cents=amount * 100,
                    status="failed" if failed else "succeeded",
                    method="sepa_debit" if months > 1 else "card",
                    stripe_payment_intent_id=f"pi_{reference}_{month}",
                    paid_at=(
                        None if failed else min(paid_at + datetime.timedelta(days=30 * month), now)
                    ),
                )
            )
    payments = Payment.objects.bulk_create(payments, batch_size=2000)
    refunds = [
        Refund(
            payment=payment,
            stripe_refund_id=f"re_bench_{index:06d}",
            amount_cents=payment.amount_cents if index % 2 else payment.amount_cents // 2,
            reason="requested_by_customer",
            refunded_at=payment.paid_at + datetime.timedelta(days=1),
        )
        for index, payment in enumerate(p for p in payments if p.status == "succeeded")
        if index % 40 == 7
    ]
    Refund.objects.bulk_create(refunds, batch_size=1000)
    return {
        "donors": len(donors),
        "donations": len(donations),
        "payments": len(payments),
        "refunds": len(refunds),
    }


def every_block(current, donation_page, cv_index):
    """Raw values of the block types the current campaign's body is missing."""
    from partners.models import Partner

    def button(label, page):
        return {"label": label, "page": page.pk, "url": "", "style": "primary"}

    with_testimony = Partner.objects.active().exclude(testimony_quote="").order_by("pk").first()
    values = {
        "hero": {"title": "Bandeau", "text": "Texte", "image": None, "links": []},
        "text": {"heading": "Texte", "text": "<p>Un paragraphe.</p>"},
        "call_to_action": {
            "heading": "Donner",
            "text": "",
            "audience": "donors",
            "links": [button("Faire un don", donation_page)],
        },
        "call_to_action_group": {
            "items": [
                {
                    "heading": heading,
                    "text": "",
                    "audience": audience,
                    "links": [button(heading, page)],
                }
                for heading, audience, page in (
                    ("Partager", "visitors", cv_index),
                    ("Recruter", "companies", cv_index),
                    ("Donner", "donors", donation_page),
                )
            ]
        },
        "cv_selection": {
            "heading": "Derniers CV",
            "mode": "latest",
            "count": 6,
            "cvs": [],
            "show_all_link": True,
        },
        "counters": {"heading": "Le programme", "counters": ["published", "employed", "shared"]},
        "quote": {"text": "Une citation.", "author": "Quelqu'un", "role": ""},
        "video": {
            "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "title": "Vidéo",
            "poster": None,
            "transcript": "",
        },
        "faq": {
            "heading": "Questions",
            "items": [
                {"question": f"Question {n} ?", "answer": "<p>Réponse.</p>"} for n in range(6)
            ],
        },
        "partner_strip": {
            "heading": "Ils financent la campagne",
            "selection": "campaign",
            "tier": None,
            "partners": [],
            "monochrome": False,
        },
        "testimony": {"partner": with_testimony.pk} if with_testimony else None,
        "supporters_wall": {"heading": "Ils nous soutiennent", "text": "", "limit": None},
        "campaign_figures": {"heading": "Chiffres", "figures": ["shares", "hires", "money"]},
        "featured_cvs": {
            "heading": "Les candidats",
            "mode": "cohort",
            "count": 6,
            "cvs": [],
            "show_all_link": True,
        },
    }
    present = {block.block_type for block in current.body}
    missing = [name for name in current.body.stream_block.child_blocks if name not in present]
    unknown = [name for name in missing if values.get(name) is None]
    return [
        {"type": name, "value": values[name]} for name in missing if name not in unknown
    ], unknown


def build_pages(current, donation_page):
    """Every block type on the current campaign; the home page features it with a partner
    strip and the supporters wall."""
    from cv_pages.models import CVIndexPage
    from home.models import HomePage

    cv_index = CVIndexPage.objects.live().first()
    campaign = current.get_latest_revision_as_object()
    added, unknown = every_block(campaign, donation_page, cv_index)
    if added:
        campaign.body = [*campaign.body.raw_data, *added]
        campaign.body.stream_block.clean(campaign.body)
        campaign.save_revision().publish()
    home = HomePage.objects.get().get_latest_revision_as_object()
    present = {block.block_type for block in home.body}
    home_added = [
        {"type": name, "value": value}
        for name, value in (
            (
                "partner_strip",
                {
                    "heading": "Nos partenaires",
                    "selection": "all",
                    "tier": None,
                    "partners": [],
                    "monochrome": False,
                },
            ),
            ("supporters_wall", {"heading": "Ils nous soutiennent", "text": "", "limit": None}),
        )
        if name not in present
    ]
    if home_added or home.featured_campaign_id != current.pk:
        home.featured_campaign = current
        home.body = [*home.body.raw_data, *home_added]
        home.save_revision().publish()
    return {"blocks_added": [block["type"] for block in added], "blocks_unknown": unknown}


def build_data(output_file, args):
    """Subprocess entry point: grow the demo to the bench's sizes; counts go to JSON."""
    import django

    django.setup()
    from django.db import transaction

    from donations.models import DonationPage
    from home.models import CampaignPage

    current = CampaignPage.objects.live().current().order_by("-start_date").first()
    if current is None:
        raise RuntimeError("no current campaign: was load_demo run (with home/demo.py)?")
    donation_page = DonationPage.objects.live().first()
    rng = random.Random(20_260_501)
    timings, report = {}, {}
    with transaction.atomic():
        started = time.monotonic()
        report["partners_created"] = build_partners(args.partners, current, rng)
        timings["partners"] = time.monotonic() - started
        started = time.monotonic()
        report.update(build_donations(args.donations, args.supporters, current, donation_page, rng))
        timings["donations"] = time.monotonic() - started
        started = time.monotonic()
        report.update(build_pages(current, donation_page))
        timings["pages"] = time.monotonic() - started
    report["timings"] = timings
    report["counts"] = data_counts()
    output_file.write_text(json.dumps(report, indent=2))


def data_counts():
    from cv_pages.models import CVPage
    from donations.models import Donation, Donor, Payment, Refund
    from home.models import CampaignPage
    from partners.models import Partner

    current = CampaignPage.objects.live().current().order_by("-start_date").first()
    return {
        "cvs": CVPage.objects.count(),
        "cohort_cvs": CVPage.objects.filter(cohort_id=current.cohort_id).count(),
        "partners": Partner.objects.count(),
        "active_partners": Partner.objects.active().count(),
        "campaign_partners": current.funding_partners.count(),
        "donations": Donation.objects.count(),
        "campaign_donations": Donation.objects.filter(campaign=current).count(),
        "payments": Payment.objects.count(),
        "refunds": Refund.objects.count(),
        "approved_supporters": Donor.objects.filter(show_on_wall=True, wall_approved=True).count(),
    }


# ---------------------------------------------------------------------------
# 2. Queries per request (the --measure-queries subprocess)
# ---------------------------------------------------------------------------


def target_paths():
    from urllib.parse import urlsplit

    from home.models import CampaignPage, HomePage

    current = CampaignPage.objects.live().current().order_by("-start_date").first()
    home = HomePage.objects.live().first()
    if current is None or home is None:
        raise RuntimeError("no live current campaign or home page")

    def path(page):
        url = page.get_url()
        return urlsplit(url).path if url.startswith("http") else url

    return {"campaign": path(current), "home": path(home)}


def measure_queries(output_file, redis, profile=False):
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client()
    targets = target_paths()
    results = {}
    for key, url in targets.items():
        client.get(url)  # renditions and other one-off work made once, not measured
        entry = {"url": url}
        for state in STATES:
            if state == "cold":
                flush_cache(redis)
            settings = {"PAGE_CACHE_SECONDS": 300 if state == "page_cache" else 0}
            with override_settings(**settings):
                if state == "page_cache":
                    client.get(url)  # fills the page cache
                with CaptureQueriesContext(connection) as captured:
                    started = time.monotonic()
                    response = client.get(url)
                    elapsed = (time.monotonic() - started) * 1000
            entry[state] = {
                "status": response.status_code,
                "queries": len(captured.captured_queries),
                "ms": round(elapsed, 1),
                "bytes": len(response.content),
                "page_cache": response.headers.get("X-Page-Cache", ""),
                "sql": [
                    {"sql": query["sql"], "ms": round(float(query["time"]) * 1000, 2)}
                    for query in captured.captured_queries
                ],
            }
        html = response.content.decode(errors="replace")
        entry["images"] = html.count("<img")
        if profile:
            with override_settings(PAGE_CACHE_SECONDS=0):
                entry["profile"] = site_bench.profile_requests(
                    client, f"campaign-bench-{key}", url, count=10
                )
        results[key] = entry
    output_file.write_text(json.dumps({"targets": results, "counts": data_counts()}, indent=2))


# ---------------------------------------------------------------------------
# 3. Latency: cold (sequential) and warm (wrk)
# ---------------------------------------------------------------------------


def timed_get(url, timeout=60):
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - local
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, (time.monotonic() - started) * 1000


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure_cold(url, count, redis):
    """`count` sequential GETs, the Django cache emptied before each one."""
    timings, statuses = [], Counter()
    for _ in range(count):
        flush_cache(redis)
        status, elapsed = timed_get(url)
        statuses[status] += 1
        timings.append(elapsed)
    mean = statistics.fmean(timings)
    return {
        "p50_ms": percentile(timings, 0.50),
        "p95_ms": percentile(timings, 0.95),
        "rps": 1000 / mean if mean else None,
        "requests": count,
        "errors": sum(n for status, n in statuses.items() if status != 200),
        "cpu_other": None,
    }


def measure_wrk(url, args, server_pgid):
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--timeout",
        f"{args.wrk_timeout}s",
        "--latency",
        "-s",
        str(WRK_SCRIPT),
        url,
    ]
    log("$ " + " ".join(command))
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, started = site_bench.cpu_snapshot(server_pgid), time.monotonic()
    result = subprocess.run(  # noqa: S603 - fixed command, no shell
        command, capture_output=True, text=True, timeout=args.duration + 60, check=False
    )
    after, elapsed = site_bench.cpu_snapshot(server_pgid), time.monotonic() - started
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    wrk_seconds = (children_after.ru_utime - children_before.ru_utime) + (
        children_after.ru_stime - children_before.ru_stime
    )
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed: {result.stderr.strip()}")
    parsed = site_bench.parse_wrk(result.stdout)
    for name in ("50", "95", "99"):
        match = re.search(rf"^P{name}_US (\d+)$", result.stdout, re.MULTILINE)
        parsed[f"p{name}_ms"] = int(match.group(1)) / 1000 if match else parsed.get(f"p{name}_ms")
    parsed["errors"] = (parsed.get("non_2xx") or 0) + (parsed.get("socket_errors") or 0)
    parsed["cpu_other"] = site_bench.cpu_usage(before, after, elapsed, wrk_seconds)["other"]
    parsed["raw"] = result.stdout
    return parsed


def gunicorn_errors():
    log_file = site_bench.GUNICORN_LOG
    return [
        line.rstrip()
        for line in log_file.read_text(errors="replace").splitlines()
        if re.search(r"Traceback|ERROR|CRITICAL|WORKER TIMEOUT", line)
    ]


def serve_and_measure(env, args, targets, states, loads, errors):
    """Start gunicorn with `env`, then measure each target in each of `states`; the
    results go to `loads`, the lines of the server's log reporting errors to `errors`."""
    server = Gunicorn(env, args.workers)
    try:
        server.start()
        for key in TARGETS:
            url = server.base_url + targets[key]["url"]
            log(f"warming {key}: {warm(url, args.warmup)}")
        for state in states:
            for key in TARGETS:
                url = server.base_url + targets[key]["url"]
                if args.wait_idle:
                    site_bench.wait_for_quiet_machine(args.wait_idle)
                if state == "cold":
                    result = measure_cold(url, args.cold_requests, redis_url(args))
                else:
                    warm(url, 20)  # the cold runs emptied the cache: fill it again
                    result = measure_wrk(url, args, server.pgid)
                    (OUT / f"wrk-campaign-bench-{key}-{state}.txt").write_text(result["raw"])
                loads[(key, state)] = result
                log(
                    f"  {key} {state}: p50 {fmt(result['p50_ms'])} ms, p95 "
                    f"{fmt(result['p95_ms'])} ms, {fmt(result['rps'])} req/s, "
                    f"errors {result['errors']}"
                )
    finally:
        server.stop()
        errors.extend(gunicorn_errors())


# ---------------------------------------------------------------------------
# 4. Report
# ---------------------------------------------------------------------------


def print_table(measured, loads):
    headers = ["page", "cache", "queries/req", "p50 ms", "p95 ms", "req/s", "errors", "other CPU"]
    rows = []
    for key in TARGETS:
        for state in STATES:
            m = measured[key][state]
            w = loads.get((key, state), {})
            rows.append(
                [
                    f"{key} {measured[key]['url']}",
                    STATE_LABELS[state],
                    str(m["queries"]),
                    fmt(w.get("p50_ms")),
                    fmt(w.get("p95_ms")),
                    fmt(w.get("rps")),
                    "-" if not w else str(w["errors"]),
                    fmt(w.get("cpu_other"), 2),
                ]
            )
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]

    def line(cells):
        return "  ".join(
            cell.rjust(widths[i]) if i >= 2 else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        )

    print()
    print(line(headers))
    print(line(["-" * w for w in widths]))
    for row in rows:
        print(line(row))
    print(
        "(queries/req: in-process django.test.Client, cold = cache emptied just before, warm = "
        "second rendering, page cache = a hit; cold latency: sequential requests, so req/s "
        "= 1 / mean latency; warm: wrk; other CPU: cores used meanwhile by other programs "
        "and wrk)"
    )


def summarise_queries(measured):
    print()
    print(f"Queries per page (full SQL in {MEASURE_FILE.relative_to(REPO)}):")
    for key in TARGETS:
        for state in ("cold", "warm"):
            queries = measured[key][state]["sql"]
            total_ms = sum(query["ms"] for query in queries)
            print(
                f"  {key} {state}: {len(queries)} queries, {total_ms:.1f} ms of SQL in a "
                f"{measured[key][state]['ms']:.0f} ms request (in-process), "
                f"{measured[key][state]['bytes']} bytes"
            )
            shapes, times = Counter(), Counter()
            for query in queries:
                shape = site_bench.query_shape(query["sql"])
                shapes[shape] += 1
                times[shape] += query["ms"]
            for shape, ms in times.most_common():
                print(f"    {shapes[shape]:>2} x {ms:6.1f} ms  {shape}")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cvs", type=int, default=1000, help="CVs load_demo creates")
    parser.add_argument("--partners", type=int, default=200, help="partners in all")
    parser.add_argument("--donations", type=int, default=5000, help="donations in all")
    parser.add_argument(
        "--supporters", type=int, default=300, help="donors approved on the supporters wall"
    )
    parser.add_argument("--skip-load", action="store_true", help="reuse the database as is")
    parser.add_argument(
        "--build-only", action="store_true", help="build the data, print its counts and stop"
    )
    parser.add_argument("--db-name", default=DEFAULT_DB_NAME, help="PostgreSQL database")
    parser.add_argument("--redis-db", type=int, default=DEFAULT_REDIS_DB, help="Redis database")
    parser.add_argument("--duration", type=int, default=15, help="seconds of wrk per run")
    parser.add_argument(
        "--cold-requests", type=int, default=50, help="sequential requests per cold run"
    )
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--wrk-timeout", type=int, default=10, help="wrk --timeout (seconds)")
    parser.add_argument(
        "--wait-idle",
        type=int,
        default=60,
        help="before each run, wait up to this many seconds for a quiet machine (0: no wait)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--warmup", type=int, default=100, help="warm-up requests per URL")
    parser.add_argument("--load-timeout", type=int, default=3600, help="seconds for loading")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also cProfile 10 warm in-process renderings per page into bench/out/",
    )
    parser.add_argument("--build-data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--measure-queries", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if args.build_data:
        build_data(args.build_data, args)
        return 0
    if args.measure_queries:
        measure_queries(args.measure_queries, redis_url(args), profile=args.profile)
        return 0
    if shutil.which("wrk") is None and not args.build_only:
        log("wrk is not installed")
        return 2

    OUT.mkdir(parents=True, exist_ok=True)
    # The site bench's helpers read these module globals: point them at this bench's.
    site_bench.DB_NAME = args.db_name
    site_bench.GUNICORN_LOG = OUT / "campaign-gunicorn.log"
    env = campaign_env(args)
    started = time.monotonic()
    try:
        timings = prepare(args, env)
        for step, seconds in timings.items():
            log(f"{step}: {seconds:.1f} s")
        if BUILD_FILE.exists() and not args.skip_load:
            log(f"data: {BUILD_FILE.read_text()}")
        if args.build_only:
            return 0
        MEASURE_FILE.unlink(missing_ok=True)
        run(
            [
                sys.executable,
                Path(__file__).resolve(),
                "--measure-queries",
                MEASURE_FILE,
                "--redis-db",
                args.redis_db,
                *(["--profile"] if args.profile else []),
            ],
            {**env, "PAGE_CACHE_SECONDS": "0"},
            timeout=900,
        )
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        log(f"setup failed: {error}")
        return 2
    report = json.loads(MEASURE_FILE.read_text())
    measured = report["targets"]
    log(f"data: {report['counts']}")
    for key in TARGETS:
        entry = measured[key]
        log(
            f"in-process {key}: {entry['url']}, {entry['images']} images, "
            + ", ".join(
                f"{state} {entry[state]['status']} in {entry[state]['ms']:.0f} ms "
                f"({entry[state]['queries']} queries)"
                for state in STATES
            )
        )
        if entry.get("profile"):
            log(f"  profile of {key}: {entry['profile']}")
    bad_status = sorted(
        {key for key in TARGETS for state in STATES if measured[key][state]["status"] != 200}
    )
    WRK_SCRIPT.write_text(WRK_LUA)
    loads, server_errors = {}, []
    try:
        for seconds, states in (("0", ("cold", "warm")), ("300", ("page_cache",))):
            env_run = {**env, "PAGE_CACHE_SECONDS": seconds}
            serve_and_measure(env_run, args, measured, states, loads, server_errors)
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        log(f"load test failed: {error}")
        return 2
    for (key, _state), result in loads.items():
        if result["errors"] and key not in bad_status:
            bad_status.append(key)

    print_table(measured, loads)
    summarise_queries(measured)
    if server_errors:
        print(f"\ngunicorn log ({site_bench.GUNICORN_LOG.relative_to(REPO)}) has errors:")
        for line in server_errors[:20]:
            print("  " + line)
    print(f"\nTotal bench time: {time.monotonic() - started:.0f}s")
    if bad_status:
        print(f"Pages answering non-200: {', '.join(bad_status)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
