"""Benchmark the share counter: POST /partages/ under wrk, 50 concurrent clients.

Run from the repository root:

    .venv/bin/python bench/share_bench.py [--skip-load] [--cvs 200] [--duration 15] [--ips 5000]

It reuses bench/site_bench.py: the same PostgreSQL database ``linkedout_bench`` (loaded
with ``load_demo`` unless --skip-load), the same production environment and gunicorn
(2 sync workers). Each request shares a random public CV on a random channel, from a
random fake client address (X-Forwarded-For, read through RATELIMIT_IP_META_KEY for
this bench only) drawn from a pool of --ips addresses. So:
- the rate limit (30 per minute per address) answers 429 only when one address posts
  too often: a small pool shows the limit at work, a large one the counting itself;
- the same address + CV + channel is counted once a day: repeated draws answer 204
  without counting. The figures say how many shares were really recorded.

Printed: requests/s, p50/p95/p99 latency, the answers by status, and the shares
recorded in the database during the run.
"""

import argparse
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import site_bench  # noqa: E402
from site_bench import DB_NAME, OUT, Gunicorn, bench_env, log, prepare  # noqa: E402

CHANNELS = ["linkedin", "facebook", "x", "whatsapp", "email", "copy"]
USER_AGENTS = [
    "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0",
]

LUA_TEMPLATE = r"""
-- POST /partages/ with a random CV, channel, client address and browser.
local cvs = {%(cvs)s}
local channels = {%(channels)s}
local agents = {%(agents)s}
local ip_count = %(ips)d
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 100 + id)
  statuses = {}
end

function request()
  local n = math.random(ip_count)
  local ip = string.format("10.%%d.%%d.%%d", math.floor(n / 65536) %% 256,
                           math.floor(n / 256) %% 256, n %% 256)
  local body = "cv=" .. cvs[math.random(#cvs)] .. "&channel=" .. channels[math.random(#channels)]
  return wrk.format("POST", "/partages/", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Forwarded-For"] = ip,
    ["User-Agent"] = agents[math.random(#agents)],
  }, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  for status, count in pairs(totals) do
    io.write(string.format("STATUS %%d %%d\n", status, count))
  end
  io.write(string.format("P95_US %%d\n", latency:percentile(95)))
end
"""


def public_cv_ids(limit=500):
    import psycopg

    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}") as db:
        rows = db.execute(
            "SELECT cv.page_ptr_id FROM cv_pages_cvpage cv "
            "JOIN wagtailcore_page p ON p.id = cv.page_ptr_id "
            "WHERE p.live AND cv.employment_status <> 'hidden' ORDER BY cv.page_ptr_id LIMIT %s",
            [limit],
        ).fetchall()
    return [row[0] for row in rows]


def recorded_shares():
    import psycopg

    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}") as db:
        shares = db.execute("SELECT count(*) FROM cv_pages_cvshare").fetchone()[0]
        total = db.execute("SELECT coalesce(sum(share_count), 0) FROM cv_pages_cvpage").fetchone()[
            0
        ]
    return shares, total


def write_lua(cv_ids, ips):
    quoted = lambda items: ", ".join(f'"{item}"' for item in items)  # noqa: E731
    script = LUA_TEMPLATE % {
        "cvs": ", ".join(str(cv_id) for cv_id in cv_ids),
        "channels": quoted(CHANNELS),
        "agents": quoted(USER_AGENTS),
        "ips": ips,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False, dir=OUT) as handle:
        handle.write(script)
    return handle.name


def run_wrk(base_url, script, args):
    import subprocess

    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        script,
        base_url + "/partages/",
    ]
    log("$ " + " ".join(command))
    result = subprocess.run(  # noqa: S603 - fixed command, no shell
        command, capture_output=True, text=True, timeout=args.duration + 60, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed: {result.stderr.strip()}")
    output = result.stdout
    parsed = site_bench.parse_wrk(output)
    statuses = Counter(
        {int(s): int(n) for s, n in re.findall(r"^STATUS (\d+) (\d+)$", output, re.MULTILINE)}
    )
    match = re.search(r"^P95_US (\d+)$", output, re.MULTILINE)
    parsed["p95_ms"] = int(match.group(1)) / 1000 if match else None
    parsed["statuses"] = statuses
    parsed["raw"] = output
    return parsed


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cvs", type=int, default=1000, help="CVs load_demo creates")
    parser.add_argument("--skip-load", action="store_true", help="reuse linkedout_bench as is")
    parser.add_argument("--duration", type=int, default=15, help="seconds of wrk per run")
    parser.add_argument("--connections", type=int, default=50, help="concurrent clients")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--ips",
        type=int,
        nargs="+",
        default=[100_000, 50],
        help="sizes of the fake address pool, one wrk run each (large: counting; "
        "small: the rate limit at work)",
    )
    parser.add_argument("--load-timeout", type=int, default=3600, help=argparse.SUPPRESS)
    parser.add_argument("--wait-idle", type=int, default=30, help="wait for a quiet machine")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        log("wrk is not installed")
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    env = bench_env()
    # Bench only: the fake client address comes from X-Forwarded-For (no proxy here).
    env["RATELIMIT_IP_META_KEY"] = "HTTP_X_FORWARDED_FOR"
    try:
        prepare(args, env)
    except Exception as error:  # noqa: BLE001
        log(f"setup failed: {error}")
        return 2
    cv_ids = public_cv_ids()
    if not cv_ids:
        log("no public CV in the database")
        return 2
    log(f"{len(cv_ids)} public CVs drawn from")

    results = []
    server = Gunicorn(env, args.workers)
    try:
        server.start()
        for ips in args.ips:
            site_bench.flush_cache()  # fresh rate-limit counters for each run
            script = write_lua(cv_ids, ips)
            if args.wait_idle:
                site_bench.wait_for_quiet_machine(args.wait_idle)
            before = recorded_shares()
            started = time.monotonic()
            load = run_wrk(server.base_url, script, args)
            elapsed = time.monotonic() - started
            after = recorded_shares()
            Path(script).unlink(missing_ok=True)
            (OUT / f"wrk-share-{ips}.txt").write_text(load["raw"])
            load.update(
                ips=ips,
                elapsed=elapsed,
                new_shares=after[0] - before[0],
                share_count_delta=after[1] - before[1],
            )
            results.append(load)
    except Exception as error:  # noqa: BLE001
        log(f"load test failed: {error}")
        return 2
    finally:
        server.stop()

    print()
    print(
        f"POST /partages/ — {args.connections} concurrent clients, {args.duration} s per run, "
        f"gunicorn {args.workers} sync workers, PostgreSQL + Redis, production settings"
    )
    for load in results:
        statuses = load["statuses"]
        total = sum(statuses.values()) or 1
        accepted = sum(n for status, n in statuses.items() if 200 <= status < 300)
        limited = statuses.get(429, 0)
        other = total - accepted - limited
        seconds = load["elapsed"] or 1
        fmt = site_bench.fmt
        others = {s: n for s, n in sorted(statuses.items()) if s != 429 and not 200 <= s < 300}
        print(
            f"\n  address pool {load['ips']}:\n"
            f"    {fmt(load['rps'])} req/s; latency p50 {fmt(load['p50_ms'])} ms, "
            f"p95 {fmt(load['p95_ms'])} ms, p99 {fmt(load['p99_ms'])} ms\n"
            f"    answers: {accepted} accepted (2xx, {accepted / seconds:.1f}/s, "
            f"{100 * accepted / total:.1f} %), {limited} refused by the rate limit (429, "
            f"{limited / seconds:.1f}/s, {100 * limited / total:.1f} %), {other} other {others}"
            f"; socket errors {load['socket_errors']}\n"
            f"    shares recorded: {load['new_shares']} new unique shares "
            f"(share_count +{load['share_count_delta']}); the other accepted posts were "
            f"repeats of the same visitor, CV and channel today"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
