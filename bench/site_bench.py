"""Benchmark the public site: queries per request, then latency and throughput under wrk.

Run from the repository root:

    .venv/bin/python bench/site_bench.py [--cvs 1000] [--duration 15] [--skip-load]

Steps:
1. (unless --skip-load) drop and recreate the PostgreSQL database ``linkedout_bench``,
   migrate it and fill it with ``load_demo --cvs N``; always run collectstatic.
   Media and static files live under bench/out/ (git-ignored), so the images loaded
   and the renditions made while serving share one MEDIA_ROOT.
2. In a subprocess with the production settings, pick the target URLs from the database
   and count the queries of each page with django.test.Client (second of two requests,
   the first warms the cache).
3. Serve the site with gunicorn (2 workers, production settings), warm each URL, then
   run ``wrk -t2 -c16 --latency`` against each one.
4. Print one table and whether the issue's targets are met.

The exit status is 0 whatever the numbers are (it is a measurement), 1 if a page
answered anything but 200, 2 if the bench itself could not run.
"""

import argparse
import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
MEDIA_ROOT = OUT / "media"
STATIC_ROOT = OUT / "static"
MEASURE_FILE = OUT / "queries.json"
GUNICORN_LOG = OUT / "gunicorn.log"
VENV_BIN = Path(sys.executable).parent

DB_NAME = "linkedout_bench"
PG_ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
REDIS_URL = "redis://127.0.0.1:6379/5"

# The targets: (target key, minimum requests/s, maximum queries per request).
GOALS = [
    ("cv", 150, 10),
    ("listing", 120, 12),
    ("listing_filtered", 120, 12),
]
TARGET_ORDER = ["home", "listing", "listing_filtered", "cv"]
TARGET_LABELS = {
    "home": "home",
    "listing": "listing",
    "listing_filtered": "listing filtered+search",
    "cv": "CV page",
}
PREFERRED_REGION = "ile-de-france"
SEARCH_STOPWORDS = {
    "avec",
    "dans",
    "pour",
    "sans",
    "sous",
    "vers",
    "chez",
    "entre",
    "votre",
    "notre",
    "leurs",
    "cette",
    "comme",
    "aussi",
    "tout",
    "tous",
    "toute",
    "toutes",
    "plus",
    "bien",
}


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def bench_env():
    """The production environment every Django process of the bench runs with."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "linkedout.settings.production",
            "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdef",
            "DATABASE_URL": DATABASE_URL,
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "REDIS_URL": REDIS_URL,
            "STATIC_ROOT": str(STATIC_ROOT),
            "MEDIA_ROOT": str(MEDIA_ROOT),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.pop("DEBUG", None)
    return env


def run(command, env, timeout, quiet=False):
    """Run a command from the repository root; raise with its output on failure."""
    log("$ " + " ".join(str(part) for part in command))
    started = time.monotonic()
    result = subprocess.run(  # noqa: S603 - fixed commands, no shell
        [str(part) for part in command],
        cwd=REPO,
        env=env,
        timeout=timeout,
        capture_output=quiet,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        if quiet:
            sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise RuntimeError(f"command failed with status {result.returncode}: {command}")
    log(f"  done in {time.monotonic() - started:.1f}s")
    return result


# ---------------------------------------------------------------------------
# 1. Database, demo content, static files
# ---------------------------------------------------------------------------


def recreate_database():
    import psycopg
    from psycopg import sql

    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as connection:
        name = sql.Identifier(DB_NAME)
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))
    log(f"database {DB_NAME} recreated")


def analyze_database():
    """Fresh statistics, as autovacuum would gather them after a bulk load."""
    import psycopg

    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}", autocommit=True) as db:
        db.execute("VACUUM ANALYZE")


def database_exists():
    import psycopg

    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as connection:
        row = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]
        ).fetchone()
    return row is not None


def flush_cache():
    """Empty the bench's Redis database so the first request of each page warms it."""
    import redis

    redis.Redis.from_url(REDIS_URL, socket_timeout=5).flushdb()


def prepare(args, env):
    manage = [sys.executable, "manage.py"]
    if args.skip_load:
        if not database_exists():
            raise RuntimeError(f"--skip-load but the database {DB_NAME} does not exist")
        log(f"--skip-load: reusing database {DB_NAME} and {MEDIA_ROOT}")
        run([*manage, "migrate", "--no-input", "-v", "0"], env, timeout=900)
        flush_cache()
    else:
        recreate_database()
        shutil.rmtree(MEDIA_ROOT, ignore_errors=True)
        MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
        flush_cache()
        run([*manage, "migrate", "--no-input", "-v", "0"], env, timeout=900)
        run([*manage, "load_demo", "--cvs", args.cvs], env, timeout=args.load_timeout)
        analyze_database()
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    run(
        [*manage, "collectstatic", "--no-input", "--clear", "-v", "0"],
        env,
        timeout=600,
        quiet=True,
    )


# ---------------------------------------------------------------------------
# 2. Targets and queries per request (runs inside a Django subprocess)
# ---------------------------------------------------------------------------


def page_path(page):
    from urllib.parse import urlsplit

    url = page.get_url()
    return urlsplit(url).path if url.startswith("http") else url


def pick_targets():
    """The four URLs, with filter values chosen so that the listing returns results."""
    from django.db.models import Count, Q
    from django.utils.http import urlencode

    from cv_pages.listing import filter_cvs
    from cv_pages.models import CVIndexPage, CVPage, Region
    from cv_pages.search import fold
    from home.models import HomePage

    home = HomePage.objects.live().first()
    index = CVIndexPage.objects.live().first()
    if home is None or index is None:
        raise RuntimeError("no live HomePage or CVIndexPage: was load_demo run?")

    looking = CVPage.objects.public().looking().child_of(index)
    notes = {"public_cvs": CVPage.objects.public().count(), "looking_cvs": looking.count()}

    # A CV page: a live CV of someone still looking, with a published photo if possible.
    cv = (
        looking.filter(photo__isnull=False, photo_consent=True).order_by("pk").first()
        or looking.order_by("pk").first()
    )
    if cv is None:
        raise RuntimeError("no live CV of a candidate still looking")

    # The region: Île-de-France if it has candidates, else the region with the most.
    regions = Region.objects.annotate(
        looking=Count("departments__cvs", filter=Q(departments__cvs__in=looking), distinct=True)
    ).order_by("-looking", "name")
    region = regions.filter(slug=PREFERRED_REGION, looking__gt=0).first() or regions.first()

    in_region = filter_cvs(looking, {"region": region.slug})
    # The business line with the most looking candidates in that region.
    counts = Counter(in_region.values_list("career_path__business_line__slug", flat=True))
    counts.pop(None, None)
    secteur_slug = counts.most_common(1)[0][0] if counts else None
    base = {"region": region.slug, "masquer_en_emploi": True}
    if secteur_slug:
        base["secteur"] = secteur_slug
    narrowed = filter_cvs(looking, base)

    # A word of the catchphrases of those candidates that the search finds in most of them.
    words = Counter()
    for catchphrase in narrowed.values_list("catchphrase", flat=True)[:300]:
        for word in re.findall(r"[a-z]+", fold(catchphrase)):
            if len(word) >= 5 and word not in SEARCH_STOPWORDS:
                words[word] += 1
    best_word, best_count = None, -1
    for word, _seen in words.most_common(15):
        found = filter_cvs(looking, {**base, "q": word}).count()
        if found > best_count:
            best_word, best_count = word, found
        if found >= 3:
            break
    filtered_params = {"filtres": "1", "masquer_en_emploi": "on", "region": region.slug}
    if secteur_slug:
        filtered_params["secteur"] = secteur_slug
    if best_word:
        filtered_params["q"] = best_word
    notes.update(
        {
            "region": region.slug,
            "region_looking_cvs": in_region.count(),
            "secteur": secteur_slug,
            "region_secteur_looking_cvs": narrowed.count(),
            "q": best_word,
            "filtered_results": max(best_count, 0),
            "cv_title": cv.title,
            "cv_has_photo": bool(cv.photo_id and cv.photo_consent),
        }
    )
    index_path = page_path(index)
    targets = {
        "home": page_path(home),
        "listing": index_path,
        "listing_filtered": f"{index_path}?{urlencode(filtered_params)}",
        "cv": page_path(cv),
    }
    return targets, notes


def profile_requests(client, key, url, count=20):
    """cProfile of `count` GETs of a warm page; the top functions go to bench/out/."""
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    started = time.monotonic()
    profiler.enable()
    for _ in range(count):
        client.get(url)
    profiler.disable()
    elapsed_ms = (time.monotonic() - started) * 1000 / count
    stream = io.StringIO()
    stream.write(f"{url}: {elapsed_ms:.1f} ms per request under the profiler\n")
    stats = pstats.Stats(profiler, stream=stream).strip_dirs()
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(30)
    path = OUT / f"profile-{key}.txt"
    path.write_text(stream.getvalue())
    return str(path.relative_to(REPO))


def measure_queries(output_file, profile=False):
    """Subprocess entry point: Django in-process, two GETs per target, JSON out."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    flush_cache()
    targets, notes = pick_targets()
    client = Client()
    results = {}
    for key, url in targets.items():
        started = time.monotonic()
        first = client.get(url)
        first_ms = (time.monotonic() - started) * 1000
        with CaptureQueriesContext(connection) as captured:
            started = time.monotonic()
            response = client.get(url)
            second_ms = (time.monotonic() - started) * 1000
        results[key] = {
            "url": url,
            "first_status": first.status_code,
            "status": response.status_code,
            "queries": len(captured.captured_queries),
            "first_ms": round(first_ms, 1),
            "second_ms": round(second_ms, 1),
            "sql": [
                {"sql": query["sql"], "ms": round(float(query["time"]) * 1000, 2)}
                for query in captured.captured_queries
            ],
            "bytes": len(response.content),
        }
        if profile:
            results[key]["profile"] = profile_requests(client, key, url)
    output_file.write_text(json.dumps({"targets": results, "notes": notes}, indent=2))


# ---------------------------------------------------------------------------
# 3. gunicorn + wrk
# ---------------------------------------------------------------------------


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(url, timeout=30):
    """Status code of a GET, without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class Gunicorn:
    def __init__(self, env, workers):
        self.env = env
        self.workers = workers
        self.port = free_port()
        self.process = None
        self.log_file = None

    @property
    def pgid(self):
        return self.process.pid  # started in its own session: its pid is the group id

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=60):
        self.log_file = GUNICORN_LOG.open("w")
        command = [
            str(VENV_BIN / "gunicorn"),
            "linkedout.wsgi:application",
            "--workers",
            str(self.workers),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--timeout",
            "60",
            "--no-control-socket",  # the default socket is shared by every gunicorn
        ]
        log("$ " + " ".join(command))
        self.process = subprocess.Popen(  # noqa: S603 - fixed command, no shell
            command,
            cwd=REPO,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited with {self.process.returncode}; see {GUNICORN_LOG}"
                )
            try:
                http_get(self.base_url + "/robots.txt", timeout=5)
                log(f"gunicorn answers on {self.base_url} (pid {self.process.pid})")
                return
            except (OSError, urllib.error.URLError):
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within {timeout}s; see {GUNICORN_LOG}")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
            except ProcessLookupError:
                pass
            log("gunicorn stopped")
        if self.log_file is not None:
            self.log_file.close()
            self.log_file = None


def warm(url, count, concurrency=4):
    with ThreadPoolExecutor(concurrency) as pool:
        statuses = Counter(pool.map(lambda _i: http_get(url), range(count)))
    return dict(statuses)


UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def parse_duration_ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if not match:
        return None
    return float(match.group(1)) * UNIT_MS[match.group(2)]


def parse_wrk(output):
    result = {"p50_ms": None, "p99_ms": None, "rps": None, "requests": None}
    for percentile in ("50", "99"):
        match = re.search(rf"^\s*{percentile}%\s+(\S+)", output, re.MULTILINE)
        if match:
            result[f"p{percentile}_ms"] = parse_duration_ms(match.group(1))
    match = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    if match:
        result["rps"] = float(match.group(1))
    match = re.search(r"^\s*(\d+) requests in", output, re.MULTILINE)
    if match:
        result["requests"] = int(match.group(1))
    match = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    result["non_2xx"] = int(match.group(1)) if match else 0
    match = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    result["socket_errors"] = sum(int(n) for n in match.groups()) if match else 0
    result["socket_detail"] = match.group(0) if match else ""
    return result


def load_average():
    return os.getloadavg()[0]


def cpu_snapshot(server_pgid):
    """CPU ticks so far: the whole machine, then ours (gunicorn, our PostgreSQL backends,
    Redis) by process. Whatever else ran is another program competing for the 2 cores."""
    with open("/proc/stat") as stat:
        fields = [int(n) for n in stat.readline().split()[1:]]
    busy = sum(fields) - fields[3] - fields[4]  # all but idle and iowait
    ours = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as stat:
                raw = stat.read()
            with open(f"/proc/{entry.name}/cmdline", "rb") as cmdline:
                command = cmdline.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        comm = raw[raw.index("(") + 1 : raw.rindex(")")]
        rest = raw[raw.rindex(")") + 2 :].split()
        pgid, ticks = int(rest[2]), int(rest[11]) + int(rest[12])
        if pgid == server_pgid:
            ours[int(entry.name)] = ("gunicorn", ticks)
        elif comm.startswith("postgres") and DB_NAME in command:
            ours[int(entry.name)] = ("postgres", ticks)
        elif comm.startswith("redis-server"):
            ours[int(entry.name)] = ("redis", ticks)
    return busy, ours


def cpu_usage(before, after, elapsed, wrk_seconds):
    """Cores used during a run by gunicorn, PostgreSQL+Redis, wrk, and everything else."""
    ticks_per_second = os.sysconf("SC_CLK_TCK")
    usage = Counter()
    for pid, (kind, ticks) in after[1].items():
        usage[kind] += ticks - before[1].get(pid, (kind, 0))[1]
    total = (after[0] - before[0]) / ticks_per_second
    cores = {kind: ticks / ticks_per_second / elapsed for kind, ticks in usage.items()}
    known = sum(usage.values()) / ticks_per_second + wrk_seconds
    return {
        "gunicorn": cores.get("gunicorn", 0.0),
        "db_cache": cores.get("postgres", 0.0) + cores.get("redis", 0.0),
        "wrk": wrk_seconds / elapsed,
        "other": max(total - known, 0.0) / elapsed,
    }


def wait_for_quiet_machine(limit, threshold=0.25, sample=3.0):
    """Wait (at most `limit` seconds) until the machine's busy CPU drops below
    `threshold` cores, so that other programs do not skew the numbers."""
    deadline = time.monotonic() + limit
    while True:
        before = cpu_snapshot(-1)[0]
        time.sleep(sample)
        busy = (cpu_snapshot(-1)[0] - before) / os.sysconf("SC_CLK_TCK") / sample
        if busy < threshold:
            log(f"machine quiet ({busy:.2f} cores busy)")
            return True
        if time.monotonic() >= deadline:
            log(f"machine still busy ({busy:.2f} cores) after {limit}s: measuring anyway")
            return False
        log(f"waiting for a quiet machine: {busy:.2f} cores busy")


def run_wrk(url, args, server_pgid):
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--timeout",
        f"{args.wrk_timeout}s",
        "--latency",
        url,
    ]
    load_before = load_average()
    log("$ " + " ".join(command) + f"   (load average {load_before:.2f})")
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_before, started = cpu_snapshot(server_pgid), time.monotonic()
    result = subprocess.run(  # noqa: S603 - fixed command, no shell
        command, capture_output=True, text=True, timeout=args.duration + 60, check=False
    )
    cpu_after, elapsed = cpu_snapshot(server_pgid), time.monotonic() - started
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    wrk_seconds = (children_after.ru_utime - children_before.ru_utime) + (
        children_after.ru_stime - children_before.ru_stime
    )
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed: {result.stderr.strip()}")
    parsed = parse_wrk(result.stdout)
    parsed["load_before"] = load_before
    parsed["cpu"] = cpu_usage(cpu_before, cpu_after, elapsed, wrk_seconds)
    parsed["raw"] = result.stdout
    return parsed


def save_wrk_output(key, load):
    (OUT / f"wrk-{key}.txt").write_text(load["raw"])


# ---------------------------------------------------------------------------
# 4. Report
# ---------------------------------------------------------------------------


def fmt(value, digits=1):
    return "-" if value is None else f"{value:.{digits}f}"


def cpu_ms_per_request(load):
    if not load or not load.get("rps"):
        return None
    return (load["cpu"]["gunicorn"] + load["cpu"]["db_cache"]) * 1000 / load["rps"]


def idle_ceiling(load):
    """Requests/s the 2 cores could serve at best if nothing else ran (wrk included)."""
    cpu_ms = cpu_ms_per_request(load)
    return (os.cpu_count() or 1) * 1000 / cpu_ms if cpu_ms else None


def print_table(measured, loads):
    headers = [
        "target",
        "URL",
        "status",
        "queries/req",
        "p50 ms",
        "p99 ms",
        "req/s",
        "errors",
        "CPU ms/req",
        "other CPU",
    ]
    rows = []
    for key in TARGET_ORDER:
        m = measured[key]
        w = loads.get(key, {})
        errors = (w.get("non_2xx") or 0) + (w.get("socket_errors") or 0) if w else None
        rows.append(
            [
                TARGET_LABELS[key],
                m["url"],
                str(m["status"]),
                str(m["queries"]),
                fmt(w.get("p50_ms")),
                fmt(w.get("p99_ms")),
                fmt(w.get("rps")),
                "-" if errors is None else str(errors),
                fmt(cpu_ms_per_request(w)),
                fmt(w["cpu"]["other"], 2) if w else "-",
            ]
        )
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
    numeric = set(range(2, len(headers)))

    def line(cells):
        return "  ".join(
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        )

    print()
    print(line(headers))
    print(line(["-" * w for w in widths]))
    for row in rows:
        print(line(row))
    print(
        "(errors: non-2xx responses + socket errors under wrk; CPU ms/req: CPU time of "
        "gunicorn + its PostgreSQL backends + Redis per request, less sensitive than req/s to "
        "other programs but inflated by them too; other CPU: cores used meanwhile by "
        "programs other than those and wrk)"
    )
    busy = [key for key in TARGET_ORDER if key in loads and loads[key]["cpu"]["other"] > 0.25]
    if busy:
        print(
            "WARNING: other programs used CPU during "
            + ", ".join(TARGET_LABELS[key] for key in busy)
            + ": those numbers are lower than on an idle machine."
        )


def print_goals(measured, loads):
    print()
    print("Targets of the issue:")
    for key, min_rps, max_queries in GOALS:
        queries = measured[key]["queries"]
        rps = loads.get(key, {}).get("rps")
        queries_ok = queries <= max_queries
        rps_ok = rps is not None and rps >= min_rps
        verdict = "MET" if queries_ok and rps_ok else "NOT MET"
        ceiling = idle_ceiling(loads.get(key))
        print(
            f"  {TARGET_LABELS[key]:<24} >= {min_rps} req/s and <= {max_queries} queries: "
            f"{fmt(rps)} req/s ({'ok' if rps_ok else 'too slow'}), "
            f"{queries} queries ({'ok' if queries_ok else 'too many'}) -> {verdict}"
            f"   [CPU-bound ceiling on an idle machine: ~{fmt(ceiling, 0)} req/s]"
        )


def query_shape(sql):
    """A short, literal-free description of a query: its table and the start of its filter."""
    table = re.search(r'\bFROM "([^"]+)"', sql)
    where = re.search(r"\bWHERE (.*)", sql)
    text = (table.group(1) if table else sql[:40]) + (" WHERE " + where.group(1) if where else "")
    text = re.sub(r"'[^']*'", "?", text)
    text = re.sub(r"\b\d+\b", "N", text)
    text = re.sub(r"\((N, )+N\)", "(N...)", text)
    return text.replace('"', "")[:100]


def summarise_queries(measured):
    """The query shapes of each page, most repeated first, to see what dominates."""
    print()
    print(f"Queries per page (full SQL in {MEASURE_FILE.relative_to(REPO)}):")
    for key in TARGET_ORDER:
        queries = measured[key]["sql"]
        total_ms = sum(query["ms"] for query in queries)
        print(
            f"  {TARGET_LABELS[key]}: {len(queries)} queries, {total_ms:.1f} ms of SQL "
            f"in a {measured[key]['second_ms']:.0f} ms request (in-process)"
        )
        shapes, times = Counter(), Counter()
        for query in queries:
            shape = query_shape(query["sql"])
            shapes[shape] += 1
            times[shape] += query["ms"]
        for shape, ms in times.most_common():
            print(f"    {shapes[shape]:>2} x {ms:6.1f} ms  {shape}")


# ---------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cvs", type=int, default=1000, help="CVs load_demo creates")
    parser.add_argument("--duration", type=int, default=15, help="seconds of wrk per target")
    parser.add_argument("--skip-load", action="store_true", help="reuse linkedout_bench as is")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument(
        "--wrk-timeout",
        type=int,
        default=10,
        help="seconds before wrk counts a request as timed out (wrk's default is 2)",
    )
    parser.add_argument(
        "--wait-idle",
        type=int,
        default=60,
        help="before each wrk run, wait up to this many seconds for other programs to "
        "leave the CPU alone (0: do not wait)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--page-cache-seconds",
        type=int,
        default=300,
        help="anonymous page cache under wrk (the production default; 0 measures rendering)",
    )
    parser.add_argument("--warmup", type=int, default=200, help="warm-up requests per URL")
    parser.add_argument(
        "--load-timeout", type=int, default=3600, help="seconds allowed to load_demo"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also cProfile 20 in-process requests per page into bench/out/profile-*.txt",
    )
    parser.add_argument("--measure-queries", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if args.measure_queries:
        measure_queries(args.measure_queries, profile=args.profile)
        return 0
    if shutil.which("wrk") is None:
        log("wrk is not installed")
        return 2

    OUT.mkdir(parents=True, exist_ok=True)
    env = bench_env()
    started = time.monotonic()
    try:
        prepare(args, env)
        MEASURE_FILE.unlink(missing_ok=True)
        run(
            [
                sys.executable,
                Path(__file__).resolve(),
                "--measure-queries",
                MEASURE_FILE,
                *(["--profile"] if args.profile else []),
            ],
            # Queries per request are those of a real rendering, not of a cache hit.
            {**env, "PAGE_CACHE_SECONDS": "0"},
            timeout=900,
        )
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        log(f"setup failed: {error}")
        return 2
    report = json.loads(MEASURE_FILE.read_text())
    measured, notes = report["targets"], report["notes"]
    log(
        "picked: region={region} secteur={secteur} q={q} -> {filtered_results} result(s); "
        "CV page of {cv_title} (photo: {cv_has_photo}); {looking_cvs} looking of "
        "{public_cvs} public CVs".format(**notes)
    )
    for key in TARGET_ORDER:
        m = measured[key]
        log(
            f"in-process {key}: {m['url']} first {m['first_status']} in {m['first_ms']:.0f} ms, "
            f"second {m['status']} in {m['second_ms']:.0f} ms, {m['queries']} queries, "
            f"{m['bytes']} bytes"
        )
        if m.get("profile"):
            log(f"  profile of {key}: {m['profile']}")

    loads = {}
    bad_status = [key for key in TARGET_ORDER if measured[key]["status"] != 200]
    log(f"anonymous page cache under wrk: {args.page_cache_seconds} s")
    server = Gunicorn({**env, "PAGE_CACHE_SECONDS": str(args.page_cache_seconds)}, args.workers)
    try:
        server.start()
        for key in TARGET_ORDER:
            url = server.base_url + measured[key]["url"]
            statuses = warm(url, args.warmup)
            log(f"warmed {key}: {statuses}")
            if set(statuses) != {200} and key not in bad_status:
                bad_status.append(key)
        for key in TARGET_ORDER:
            if args.wait_idle:
                wait_for_quiet_machine(args.wait_idle)
            loads[key] = run_wrk(server.base_url + measured[key]["url"], args, server.pgid)
            save_wrk_output(key, loads[key])
            w = loads[key]
            log(
                f"  {key}: {fmt(w['rps'])} req/s, p50 {fmt(w['p50_ms'])} ms, "
                f"p99 {fmt(w['p99_ms'])} ms, {w['requests']} requests, "
                f"non-2xx {w['non_2xx']}, {w['socket_detail'] or 'no socket errors'}"
            )
            cpu = w["cpu"]
            log(
                f"  CPU cores used: gunicorn {cpu['gunicorn']:.2f}, PostgreSQL+Redis "
                f"{cpu['db_cache']:.2f}, wrk {cpu['wrk']:.2f}, other programs {cpu['other']:.2f}"
            )
            if w["non_2xx"] and key not in bad_status:
                bad_status.append(key)
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        log(f"load test failed: {error}")
        return 2
    finally:
        server.stop()

    print_table(measured, loads)
    print_goals(measured, loads)
    summarise_queries(measured)
    server_errors = [
        line.rstrip()
        for line in GUNICORN_LOG.read_text(errors="replace").splitlines()
        if re.search(r"Traceback|ERROR|CRITICAL|WORKER TIMEOUT", line)
    ]
    if server_errors:
        print(f"\ngunicorn log ({GUNICORN_LOG.relative_to(REPO)}) has errors:")
        for line in server_errors[:20]:
            print("  " + line)
    print(f"\nTotal bench time: {time.monotonic() - started:.0f}s")
    if bad_status:
        print(f"Pages answering non-200: {', '.join(bad_status)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
